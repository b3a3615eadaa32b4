// SPDX-License-Identifier: GPL-2.0
/* ids.c - names of hypervisor and confidential-computing identifiers */

#include <linux/vmfence.h>

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

static const char *const class_names[VMFENCE_TPM_CLASS_COUNT] = {
	[VMFENCE_TPM_CLASS_NONE] = "none",
	[VMFENCE_TPM_CLASS_HARDWARE] = "hardware",
	[VMFENCE_TPM_CLASS_VIRTUAL] = "virtual",
	[VMFENCE_TPM_CLASS_UNKNOWN] = "unknown",
};

static const char *const possession_names[VMFENCE_TPM_POSSESSION_COUNT] = {
	[VMFENCE_TPM_POSSESSION_NOT_TRIED] = "not-tried",
	[VMFENCE_TPM_POSSESSION_PROVEN] = "proven",
	[VMFENCE_TPM_POSSESSION_FAILED] = "failed",
};

static const char *const eventlog_names[VMFENCE_TPM_EVENTLOG_COUNT] = {
	[VMFENCE_TPM_EVENTLOG_ABSENT] = "absent",
	[VMFENCE_TPM_EVENTLOG_MATCH] = "match",
	[VMFENCE_TPM_EVENTLOG_MISMATCH] = "mismatch",
	[VMFENCE_TPM_EVENTLOG_UNREADABLE] = "unreadable",
};

static const char *const bound_names[VMFENCE_TPM_BOUND_COUNT] = {
	[VMFENCE_TPM_BOUND_UNSET] = "unset",
	[VMFENCE_TPM_BOUND_YES] = "yes",
	[VMFENCE_TPM_BOUND_NO] = "no",
};

/**
 * vmfence_tpm_word() - the word for a value of a TPM enum of the UAPI
 * @kind: which enum
 * @value: its value
 *
 * The words are part of the contract: sysfs tpm/ prints them, and
 * vmfencectl tpm (text and JSON) too.
 *
 * Return: a static string; NULL for a value out of range.
 */
const char *vmfence_tpm_word(enum vmfence_tpm_kind kind, unsigned int value)
{
	static const struct {
		const char *const *names;
		unsigned int n;
	} kinds[] = {
		[VMFENCE_TPM_KIND_CLASS] = { class_names, ARRAY_SIZE(class_names) },
		[VMFENCE_TPM_KIND_POSSESSION] = { possession_names,
						  ARRAY_SIZE(possession_names) },
		[VMFENCE_TPM_KIND_EVENTLOG] = { eventlog_names, ARRAY_SIZE(eventlog_names) },
		[VMFENCE_TPM_KIND_BOUND] = { bound_names, ARRAY_SIZE(bound_names) },
	};

	if ((unsigned int)kind >= ARRAY_SIZE(kinds) || value >= kinds[kind].n)
		return NULL;
	return kinds[kind].names[value];
}

/**
 * vmfence_tpm_manufacturer() - TPM_PT_MANUFACTURER as text
 * @manufacturer: four ASCII bytes, big-endian
 * @buf: five bytes to print into; non-printable bytes become '?', and the
 *	padding NULs of a short name end it
 *
 * Return: @buf.
 */
char *vmfence_tpm_manufacturer(u32 manufacturer, char buf[5])
{
	int i;

	for (i = 0; i < 4; i++) {
		buf[i] = manufacturer >> (24 - 8 * i);
		if (buf[i] && (buf[i] < 0x20 || buf[i] > 0x7e))
			buf[i] = '?';
	}
	buf[4] = '\0';
	return buf;
}
