// SPDX-License-Identifier: GPL-2.0
/* identity.c - the TPM identity the latest scan established */

#include <linux/seqlock.h>
#include <linux/string.h>

#include <linux/vmfence.h>

#include "tpm/identity.h"

/*
 * The identity, written by the scan (one writer at a time: scans are
 * serialised by scan.c's mutex, and the seqlock's spinlock guards against
 * any other) and read locklessly by sysfs, netlink and the exec path's
 * bind-tpm check, which retry when a write overlapped.
 */
static DEFINE_SEQLOCK(tpm_lock);
static struct vmfence_tpm_state tpm_state;	/* guarded by tpm_lock */

/**
 * vmfence_tpm_publish() - make a scan's TPM facts what readers see
 * @f: the scan's facts
 *
 * Context: any; takes a spinlock.
 */
void vmfence_tpm_publish(const struct vmfence_facts *f)
{
	write_seqlock(&tpm_lock);
	tpm_state.present = f->tpm.state == VMFENCE_FACT_PRESENT;
	tpm_state.manufacturer = f->tpm.manufacturer;
	tpm_state.id = f->tpm.id;
	write_sequnlock(&tpm_lock);
}

/**
 * vmfence_tpm_get() - a copy of the TPM identity
 * @st: filled with the latest scan's
 *
 * Context: any.
 */
void vmfence_tpm_get(struct vmfence_tpm_state *st)
{
	unsigned int seq;

	do {
		seq = read_seqbegin(&tpm_lock);
		*st = tpm_state;
	} while (read_seqretry(&tpm_lock, seq));
}

/**
 * vmfence_tpm_proven_ek() - the EK this TPM proved it holds
 * @sha256: filled with the EK's ek_sha256 when the result is true
 *
 * Context: any.
 * Return: true when the latest scan proved possession of a certified EK.
 */
bool vmfence_tpm_proven_ek(u8 sha256[VMFENCE_SHA256_LEN])
{
	unsigned int seq;
	bool proven;

	do {
		seq = read_seqbegin(&tpm_lock);
		proven = tpm_state.id.have_ek &&
			 tpm_state.id.possession == VMFENCE_TPM_POSSESSION_PROVEN;
		if (proven)
			memcpy(sha256, tpm_state.id.ek_sha256, VMFENCE_SHA256_LEN);
	} while (read_seqretry(&tpm_lock, seq));
	return proven;
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
 * vmfence_tpm_word() - the word sysfs prints for a value of a TPM enum
 * @kind: which enum
 * @value: its value
 *
 * Return: a static string; "?" for a value out of range.
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
		return "?";
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
