// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: device dumps
 *
 * A driver in the capture kernel may save its device's state (firmware
 * logs, hardware registers) before it resets the device, and offer it to
 * /proc/vmcore with vmcore_add_device_dump().  Each accepted dump becomes
 * one NT_VMCOREDD note, appended to the file's notes::
 *
 *   n_namesz = 8, n_descsz = 44 + size, n_type = NT_VMCOREDD (0x700)
 *   name     "LINUX\0\0\0"
 *   desc     dump_name[44] (NUL-padded), then the size bytes of the dump,
 *            zero-padded to a multiple of 4
 *
 * which is struct vmcoredd_header followed by the data, the layout crash's
 * "dev -V" lists and "dev -v" extracts, from /proc/vmcore as from a
 * makedumpfile dump.  The notes stay one well-formed sequence: a dump
 * starts where the note before it ends.
 *
 * The driver's callback writes the data straight into the grown file,
 * under the file's lock (see file.c), so a dump costs its size once.
 *
 * Rules, each refused with -EINVAL and named in the one warning logged:
 * device dumps are not disabled with "novmcoredd"; the description has a
 * name, NUL-terminated within its 44 bytes, a callback and a size that is
 * neither zero nor too large for one note.  A dump offered once
 * /proc/vmcore has been opened is refused with -EBUSY: its data would
 * move under a reader that has already read the headers.
 */

#define pr_fmt(fmt) "vmcore: " fmt

#include <linux/crash_dump.h>
#include <linux/elf.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <uapi/linux/vmcore.h>

#include "internal.h"

/* "novmcoredd" (or novmcoredd=1) on the command line, as in 6.1. */
static bool vmcoredd_disabled;
core_param(novmcoredd, vmcoredd_disabled, bool, 0);

static bool no_name(const struct vmcoredd_data *d)
{
	return !d->dump_name[0];
}

static bool name_unterminated(const struct vmcoredd_data *d)
{
	return strnlen(d->dump_name, sizeof(d->dump_name)) ==
	       sizeof(d->dump_name);
}

static bool no_callback(const struct vmcoredd_data *d)
{
	return !d->vmcoredd_callback;
}

static bool empty(const struct vmcoredd_data *d)
{
	return !d->size;
}

static bool too_large(const struct vmcoredd_data *d)
{
	return d->size > vmcore_dd_size_max();
}

static const struct {
	bool (*broken)(const struct vmcoredd_data *d);
	const char *why;
} vmcore_dd_rules[] = {
	{ no_name,		"the dump has no name" },
	{ name_unterminated,	"the dump's name is not NUL-terminated" },
	{ no_callback,		"the dump has no callback" },
	{ empty,		"the dump is empty" },
	{ too_large,		"the dump is too large for one note" },
};

/**
 * vmcore_dd_size_max() - the largest device dump one note can carry
 *
 * n_descsz (the name and the data) must fit a u32, and the whole note,
 * header and padding included, a size_t: on 32-bit the second is less.
 *
 * Context: Any context.
 * Return: the largest @size of a struct vmcoredd_data that is accepted.
 */
size_t vmcore_dd_size_max(void)
{
	return min_t(size_t, U32_MAX - VMCOREDD_MAX_NAME_BYTES - 3,
		     SIZE_MAX - sizeof(struct vmcoredd_header) - 3);
}

/**
 * vmcore_dd_check() - the rules a device dump must pass
 * @data: the driver's description of its dump; may be NULL
 * @disabled: device dumps were disabled with "novmcoredd"
 * @why: set to the rule that was broken
 *
 * Context: Any context.
 * Return: 0, or -EINVAL if a rule is broken.
 */
int vmcore_dd_check(const struct vmcoredd_data *data, bool disabled,
		    const char **why)
{
	unsigned int i;

	*why = "device dumps are disabled (novmcoredd)";
	if (disabled)
		return -EINVAL;
	*why = "no dump description";
	if (!data)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(vmcore_dd_rules); i++) {
		*why = vmcore_dd_rules[i].why;
		if (vmcore_dd_rules[i].broken(data))
			return -EINVAL;
	}
	*why = NULL;
	return 0;
}

/**
 * vmcore_dd_note_size() - bytes of the note that carries a device dump
 * @data: a description that passed vmcore_dd_check()
 *
 * Context: Any context.
 * Return: the header, the data and the padding to a multiple of 4.
 */
size_t vmcore_dd_note_size(const struct vmcoredd_data *data)
{
	return sizeof(struct vmcoredd_header) + ALIGN((size_t)data->size, 4);
}

/**
 * vmcore_dd_note_header() - write the header of a device dump's note
 * @note: zeroed room of vmcore_dd_note_size() bytes
 * @data: a description that passed vmcore_dd_check()
 *
 * Context: Any context.
 * Return: nothing.
 */
void vmcore_dd_note_header(void *note, const struct vmcoredd_data *data)
{
	struct vmcoredd_header *h = note;

	h->n_namesz = sizeof(h->name);
	h->n_descsz = sizeof(h->dump_name) + data->size;
	h->n_type = NT_VMCOREDD;
	memcpy(h->name, VMCOREDD_NOTE_NAME, sizeof(VMCOREDD_NOTE_NAME));
	strscpy(h->dump_name, data->dump_name, sizeof(h->dump_name));
}

static int fill_dump(void *room, void *arg)
{
	struct vmcoredd_data *data = arg;

	vmcore_dd_note_header(room, data);
	return data->vmcoredd_callback(data,
				       room + sizeof(struct vmcoredd_header));
}

/**
 * vmcore_add_device_dump() - add a device's dump to /proc/vmcore
 * @data: its name, size and the callback that writes it
 *
 * The callback is called once, with a zeroed buffer of @data->size bytes,
 * and its data goes into /proc/vmcore as an NT_VMCOREDD note.  It runs
 * under /proc/vmcore's lock and must not use the file.
 *
 * Context: Process context, in the capture kernel; may sleep.
 * Return: 0; -EINVAL if a rule of the DOC above is broken or device dumps
 * are disabled; -ENODEV if there is no /proc/vmcore; -EBUSY if it has been
 * opened; -ENOMEM if out of memory; -EOVERFLOW if the file cannot grow
 * that much; or the callback's error.  Nothing is added on error.
 */
int vmcore_add_device_dump(struct vmcoredd_data *data)
{
	const char *why;
	int err;

	err = vmcore_dd_check(data, vmcoredd_disabled, &why);
	if (!err)
		err = vmcore_file_add_note(vmcore_dd_note_size(data),
					   fill_dump, data, &why);
	if (err) {
		pr_warn("device dump %.*s not added: %s (%d)\n",
			data ? (int)sizeof(data->dump_name) : 1,
			data ? data->dump_name : "?", why, err);
		return err;
	}
	pr_info("device dump %s added, %u bytes\n", data->dump_name,
		data->size);
	return 0;
}
EXPORT_SYMBOL(vmcore_add_device_dump);
