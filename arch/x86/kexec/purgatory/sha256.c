// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's generic SHA-256, built into the purgatory with the
 * purgatory's flags: position independent, no SSE, no instrumentation.
 * __DISABLE_EXPORTS makes its EXPORT_SYMBOL()s empty; its MODULE_LICENSE()
 * lands in .modinfo, which purgatory.lds.S discards.
 */
#include "../../../../lib/crypto/sha256.c"
