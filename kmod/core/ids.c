// SPDX-License-Identifier: GPL-2.0
/* ids.c - names of hypervisor and confidential-computing identifiers */

#include "ids.h"

static const char *const hv_names[VMFENCE_HV_COUNT] = {
	[VMFENCE_HV_NONE] = "none",
	[VMFENCE_HV_KVM] = "kvm",
	[VMFENCE_HV_QEMU] = "qemu",
	[VMFENCE_HV_VMWARE] = "vmware",
	[VMFENCE_HV_MICROSOFT] = "microsoft",
	[VMFENCE_HV_XEN] = "xen",
	[VMFENCE_HV_ORACLE] = "oracle",
	[VMFENCE_HV_PARALLELS] = "parallels",
	[VMFENCE_HV_BHYVE] = "bhyve",
	[VMFENCE_HV_QNX] = "qnx",
	[VMFENCE_HV_ACRN] = "acrn",
	[VMFENCE_HV_APPLE] = "apple",
	[VMFENCE_HV_AMAZON] = "amazon",
	[VMFENCE_HV_GOOGLE] = "google",
	[VMFENCE_HV_OTHER] = "vm-other",
};

static const char *const cc_names[VMFENCE_CC_COUNT] = {
	[VMFENCE_CC_NONE] = "none",
	[VMFENCE_CC_SEV] = "sev",
	[VMFENCE_CC_SEV_ES] = "sev-es",
	[VMFENCE_CC_SEV_SNP] = "sev-snp",
	[VMFENCE_CC_TDX] = "tdx",
	[VMFENCE_CC_HYPERV] = "hyperv",
};

static const char *const role_names[VMFENCE_ROLE_COUNT] = {
	[VMFENCE_ROLE_NONE] = "none",
	[VMFENCE_ROLE_GUEST] = "guest",
	[VMFENCE_ROLE_HOST] = "host",
};

/**
 * vmfence_role_name() - the name of a role
 * @role: the role
 *
 * Return: "none", "guest" or "host"; "none" when @role is out of range.
 */
const char *vmfence_role_name(enum vmfence_role role)
{
	if ((unsigned int)role >= VMFENCE_ROLE_COUNT)
		return role_names[VMFENCE_ROLE_NONE];
	return role_names[role];
}

static int name_index(const char *const *names, int count, const char *name)
{
	int i;

	for (i = 0; i < count; i++)
		if (!strcmp(names[i], name))
			return i;
	return -EINVAL;
}

/**
 * vmfence_hv_name() - the systemd-detect-virt name of a hypervisor id
 * @hv: the id
 *
 * Return: a static string; "vm-other" for an id out of range.
 */
const char *vmfence_hv_name(enum vmfence_hv hv)
{
	if ((unsigned int)hv >= VMFENCE_HV_COUNT)
		return hv_names[VMFENCE_HV_OTHER];
	return hv_names[hv];
}

/**
 * vmfence_cc_name() - the name of a confidential-computing type
 * @cc: the type
 *
 * Return: a static string; "none" for a type out of range.
 */
const char *vmfence_cc_name(enum vmfence_cc cc)
{
	if ((unsigned int)cc >= VMFENCE_CC_COUNT)
		return cc_names[VMFENCE_CC_NONE];
	return cc_names[cc];
}

/**
 * vmfence_hv_from_name() - parse a hypervisor name
 * @name: NUL-terminated name, e.g. "kvm"
 *
 * Return: the enum vmfence_hv value, or -EINVAL for an unknown name.
 */
int vmfence_hv_from_name(const char *name)
{
	return name_index(hv_names, VMFENCE_HV_COUNT, name);
}

/**
 * vmfence_cc_from_name() - parse a confidential-computing type name
 * @name: NUL-terminated name, e.g. "sev-snp"
 *
 * Return: the enum vmfence_cc value, or -EINVAL for an unknown name.
 */
int vmfence_cc_from_name(const char *name)
{
	return name_index(cc_names, VMFENCE_CC_COUNT, name);
}
