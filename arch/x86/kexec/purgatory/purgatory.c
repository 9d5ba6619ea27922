// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: x86_64 purgatory segment check
 *
 * purgatory_verify() is the purgatory's only C function called from
 * outside, by entry.S on the blob's own stack.  It reads the struct
 * purgatory_params the loading kernel filled in the blob before adding it
 * as a segment: for each range, the physical address and length of one
 * segment's content and the SHA-256 the kernel computed over that
 * content at load time.  Memory is identity mapped, so an address is used
 * as a pointer as it is.
 *
 * A failure is reported on COM1 and nowhere else: the kernel that owned a
 * console is gone.  Each byte waits for the 8250's transmit holding
 * register to empty (line status bit 5); the wait is bounded, so a wedged
 * UART delays the halt but cannot prevent it, and a missing one reads as
 * 0xff, which looks ready.  The port is not initialised: the dying
 * kernel's console left it set up, and a purgatory that reprogrammed it
 * could only get the speed wrong.
 */
#include <linux/build_bug.h>
#include <linux/minmax.h>
#include <linux/serial_reg.h>
#include <linux/sizes.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/types.h>
#include <crypto/sha2.h>

#include "entry.h"

#define COM1_BASE	0x3f8
/* Polls of the line status register before a byte is sent regardless. */
#define TX_SPINS	100000
/* sha256_update() takes an unsigned int length: hash in pieces this big. */
#define HASH_CHUNK	SZ_1G

static_assert(offsetof(struct purgatory_params, entry) == PARAMS_ENTRY);
static_assert(offsetof(struct purgatory_params, boot_params) ==
	      PARAMS_BOOT_PARAMS);
static_assert(SHA256_DIGEST_SIZE == PURGATORY_DIGEST_SIZE);

/*
 * In the file part of the blob, not its bss: the loader fills it in the
 * buffer it copies, and only file_size bytes of that are copied.
 */
struct purgatory_params purgatory_params __section(".data.params")
	__aligned(8);

static u8 port_in(u16 port)
{
	u8 val;

	asm volatile("inb %1, %0" : "=a" (val) : "Nd" (port));
	return val;
}

static void port_out(u16 port, u8 val)
{
	asm volatile("outb %0, %1" : : "a" (val), "Nd" (port));
}

static void serial_putc(char c)
{
	unsigned int spins = TX_SPINS;

	while (!(port_in(COM1_BASE + UART_LSR) & UART_LSR_THRE) && --spins)
		asm volatile("pause");
	port_out(COM1_BASE + UART_TX, c);
}

static void serial_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}

/* At least @width hex digits, more if @val needs them. */
static void serial_puthex(u64 val, int width)
{
	int shift;

	serial_puts("0x");
	for (shift = 60; shift >= 0; shift -= 4)
		if (shift < width * 4 || val >> shift)
			serial_putc("0123456789abcdef"[(val >> shift) & 0xf]);
}

static void serial_putdec(u32 val)
{
	char buf[11];
	char *p = buf + sizeof(buf);

	*--p = '\0';
	do {
		*--p = '0' + val % 10;
		val /= 10;
	} while (val);
	serial_puts(p);
}

static void __noreturn halt(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

static void __noreturn bad_count(u32 nr)
{
	serial_puts("kexec purgatory: ");
	serial_putdec(nr);
	serial_puts(" ranges, more than "
		    __stringify(PURGATORY_MAX_DIGESTS)
		    ": parameters corrupt, halting\n");
	halt();
}

static void __noreturn bad_range(u32 i, const struct purgatory_digest *d,
				 const char *why)
{
	serial_puts("kexec purgatory: range ");
	serial_putdec(i);
	serial_puts(" at ");
	serial_puthex(d->mem, 16);
	serial_puts(" (len ");
	serial_puthex(d->len, 1);
	serial_puts("): ");
	serial_puts(why);
	serial_puts(", halting\n");
	halt();
}

static void hash_range(u64 mem, u64 len, u8 *out)
{
	const u8 *p = (const u8 *)(uintptr_t)mem;
	struct sha256_state state;

	sha256_init(&state);
	while (len) {
		unsigned int n = min_t(u64, len, HASH_CHUNK);

		sha256_update(&state, p, n);
		p += n;
		len -= n;
	}
	sha256_final(&state, out);
}

static bool same_digest(const u8 *a, const u8 *b)
{
	unsigned int i;
	u8 diff = 0;

	for (i = 0; i < PURGATORY_DIGEST_SIZE; i++)
		diff |= a[i] ^ b[i];
	return !diff;
}

void purgatory_verify(void)
{
	const struct purgatory_params *params = &purgatory_params;
	u8 sum[PURGATORY_DIGEST_SIZE];
	u32 i;

	if (params->nr_digests > PURGATORY_MAX_DIGESTS)
		bad_count(params->nr_digests);
	for (i = 0; i < params->nr_digests; i++) {
		const struct purgatory_digest *d = &params->digest[i];

		if (d->mem + d->len < d->mem)
			bad_range(i, d, "wraps around: parameters corrupt");
		hash_range(d->mem, d->len, sum);
		if (!same_digest(sum, d->sha256))
			bad_range(i, d, "SHA-256 mismatch");
	}
	if (params->backup_len)
		memcpy((void *)(uintptr_t)params->backup_dst,
		       (const void *)(uintptr_t)params->backup_src,
		       params->backup_len);
}
