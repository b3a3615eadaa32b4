/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - the one place for differences between kernel versions and
 * configurations; the rest of the module is written for the newest kernel
 */
#ifndef VMFENCE_COMPAT_H
#define VMFENCE_COMPAT_H

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
/* pv_info.name: "bare hardware" unless a paravirt backend took over. */
static inline const char *vmfence_pv_name(void)
{
	return pv_info.name;
}
#else
static inline const char *vmfence_pv_name(void)
{
	return "bare hardware";
}
#endif

#endif /* VMFENCE_COMPAT_H */
