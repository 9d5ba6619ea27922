/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The purgatory blob, as kernel read-only data, for purgatory_load.c.
 * The Makefile makes this object depend on purgatory.bin, which .incbin
 * hides from the dependency tracking.
 */
#include <linux/linkage.h>

	.section ".rodata", "a"
	.balign	8
SYM_DATA_START(x86_purgatory_blob)
	.incbin	"arch/x86/kexec/purgatory/purgatory.bin"
SYM_DATA_END_LABEL(x86_purgatory_blob, SYM_L_GLOBAL, x86_purgatory_blob_end)
