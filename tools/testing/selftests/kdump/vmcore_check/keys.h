/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VMCORE_CHECK_KEYS_H
#define VMCORE_CHECK_KEYS_H

/* NULL-terminated lists of VMCOREINFO key names (the part before '='). */
extern const char *const keys_common[];
extern const char *const keys_x86_64[];
extern const char *const keys_arm64[];

#endif
