/* SPDX-License-Identifier: GPL-2.0 */
/* scan.h - detection in the live kernel: probe, judge, publish */
#ifndef VMFENCE_SCAN_H
#define VMFENCE_SCAN_H

#include <linux/mutex.h>

#include "core/decide.h"
#include "core/detect.h"

/**
 * struct vmfence_scan - the current verdict and how it was reached
 * @lock: serialises scans, and guards every field below
 * @verdict: the latest verdict and its evidence, threshold-free; never NULL
 *	between init and exit. Whether it counts as virtualized is for
 *	vmfence_scan_conclusion() to say, against the threshold of the moment
 * @hv_also: once the policy is locked, the other hypervisors verdicts have
 *	named since the lock (bits of enum vmfence_hv): rules limited to
 *	them by on= keep applying (see scan_ratchet())
 * @published: @verdict's confidence, hypervisor and confidential type and
 *	@hv_also in one word (bits 0-7, 8-15, 16-23 and 24-39), so that the
 *	exec path reads them together, without the lock; see
 *	vmfence_scan_situation()
 * @duration_ns: how long the latest scan took
 * @count: scans run since load
 */
struct vmfence_scan {
	struct mutex lock;	/* serialises scans; guards the fields below */
	struct vmfence_verdict *verdict;
	u32 hv_also;
	u64 published;		/* written under @lock, read with READ_ONCE() */
	u64 duration_ns;
	u64 count;
};

extern struct vmfence_scan vmfence_scan;

int vmfence_scan_init(void);
void vmfence_scan_exit(void);
int vmfence_rescan(void);
void vmfence_scan_conclusion(struct vmfence_conclusion *c);
struct vmfence_verdict *vmfence_scan_verdict(void);
void vmfence_scan_publish(void);
void vmfence_scan_situation(struct vmfence_situation *s);

#endif /* VMFENCE_SCAN_H */
