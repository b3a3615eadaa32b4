/* SPDX-License-Identifier: GPL-2.0 */
/*
 * port.h - the one place where the portable core meets its host
 *
 * Everything under kmod/core/ is built twice: into vmfence.ko and into
 * vmfencectl and its tests. It includes this header instead of any kernel or
 * libc header, and uses only what is declared here: fixed-width integers,
 * bool, size_t, and the string and memory functions both sides provide.
 */
#ifndef VMFENCE_CORE_PORT_H
#define VMFENCE_CORE_PORT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#endif /* __KERNEL__ */

#endif /* VMFENCE_CORE_PORT_H */
