/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ids.h - hypervisor and confidential-computing identifiers
 *
 * The names follow systemd-detect-virt's vocabulary so that users' scripts
 * carry over. They are part of the user-facing contract (sysfs, netlink,
 * policy conditions): append new ids, never renumber.
 */
#ifndef VMFENCE_CORE_IDS_H
#define VMFENCE_CORE_IDS_H

#include "port.h"

enum vmfence_hv {
	VMFENCE_HV_NONE,	/* bare metal */
	VMFENCE_HV_KVM,
	VMFENCE_HV_QEMU,	/* QEMU without KVM: TCG */
	VMFENCE_HV_VMWARE,
	VMFENCE_HV_MICROSOFT,	/* Hyper-V */
	VMFENCE_HV_XEN,
	VMFENCE_HV_ORACLE,	/* VirtualBox */
	VMFENCE_HV_PARALLELS,
	VMFENCE_HV_BHYVE,
	VMFENCE_HV_QNX,
	VMFENCE_HV_ACRN,
	VMFENCE_HV_APPLE,
	VMFENCE_HV_AMAZON,
	VMFENCE_HV_GOOGLE,
	VMFENCE_HV_OTHER,	/* virtualized, hypervisor unknown: "vm-other" */
	VMFENCE_HV_COUNT
};

enum vmfence_cc {
	VMFENCE_CC_NONE,
	VMFENCE_CC_SEV,
	VMFENCE_CC_SEV_ES,
	VMFENCE_CC_SEV_SNP,
	VMFENCE_CC_TDX,
	VMFENCE_CC_HYPERV,	/* Hyper-V isolation (VBS or hardware-backed) */
	VMFENCE_CC_COUNT
};

/*
 * What the machine is to a hypervisor: its guest, its host partition (Xen
 * dom0, Hyper-V's root partition), or neither. Names are the sysfs file
 * role's values: append, never renumber.
 */
enum vmfence_role {
	VMFENCE_ROLE_NONE,
	VMFENCE_ROLE_GUEST,
	VMFENCE_ROLE_HOST,
	VMFENCE_ROLE_COUNT
};

const char *vmfence_hv_name(enum vmfence_hv hv);
const char *vmfence_role_name(enum vmfence_role role);

/* The TPM enums of the UAPI (vmfence_tpm_class, ..._possession, ..._eventlog, ..._bound). */
enum vmfence_tpm_kind {
	VMFENCE_TPM_KIND_CLASS,
	VMFENCE_TPM_KIND_POSSESSION,
	VMFENCE_TPM_KIND_EVENTLOG,
	VMFENCE_TPM_KIND_BOUND,
};

const char *vmfence_tpm_word(enum vmfence_tpm_kind kind, unsigned int value);
char *vmfence_tpm_manufacturer(u32 manufacturer, char buf[5]);
const char *vmfence_cc_name(enum vmfence_cc cc);
/* Return the id for @name, or -EINVAL when it names none. */
int vmfence_hv_from_name(const char *name);
int vmfence_cc_from_name(const char *name);

#endif /* VMFENCE_CORE_IDS_H */
