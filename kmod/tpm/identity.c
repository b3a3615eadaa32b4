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
