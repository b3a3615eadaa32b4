/* SPDX-License-Identifier: GPL-2.0 */
/*
 * eventlog.h - the measured-boot check: the TPM event log replayed on the PCRs
 *
 * The firmware records every measurement it extends into a PCR in the TCG
 * event log (TCG PC Client Platform Firmware Profile, crypto-agile format).
 * Replaying the log gives the PCR values the TPM must hold if the log tells
 * the truth and the TPM is the one the firmware measured into; a PCR that
 * differs means one of the two lies (a TPM that is not this machine's, a log
 * that was rewritten, or something extended the PCR behind the firmware).
 */
#ifndef VMFENCE_TPM_EVENTLOG_H
#define VMFENCE_TPM_EVENTLOG_H

#include <crypto/sha2.h>
#include <linux/types.h>

#include "core/facts.h"

struct tpm_chip;

/* PCRs 0-23: the PC Client TPM's platform PCRs, the only ones a log extends */
#define VMFENCE_EVLOG_PCRS 24
/* At most this many banks in the Spec ID event: more is taken as malformed */
#define VMFENCE_EVLOG_BANKS_MAX 8

/**
 * struct vmfence_evlog_replay - the PCR values a TPM 2.0 event log replays to
 * @alg: the bank replayed, TPM_ALG_SHA256, or TPM_ALG_SHA1 if the log has
 *	no SHA-256 bank
 * @digest_size: that bank's digest size, 32 or 20
 * @extended: bit n set when an event extends PCR n
 * @events: the events that extend a PCR (EV_NO_ACTION ones are not counted)
 * @pcr: the replayed PCRs; only the first @digest_size bytes are used
 * @why: on an error, what was wrong and where (byte offset in the log)
 *
 * Plain data, filled by vmfence_tpm_eventlog_replay() alone.
 */
struct vmfence_evlog_replay {
	u16 alg;
	u16 digest_size;
	u32 extended;
	u32 events;
	u8 pcr[VMFENCE_EVLOG_PCRS][SHA256_DIGEST_SIZE];
	char why[VMFENCE_TPM_DETAIL_LEN];
};

int vmfence_tpm_eventlog_replay(const u8 *log, size_t len,
				struct vmfence_evlog_replay *r);
void vmfence_tpm_eventlog_check(struct tpm_chip *chip,
				struct vmfence_tpm_identity *id);

#endif /* VMFENCE_TPM_EVENTLOG_H */
