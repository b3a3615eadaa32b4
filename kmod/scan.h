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
 * @verdict: the latest verdict; never NULL between init and exit. Read it
 *	through vmfence_scan_verdict(), which judges it against the current
 *	threshold
 * @confidence: @verdict's confidence, readable without the lock
 * @published: @verdict's confidence, hypervisor and confidential type in
 *	one word (bits 0-7, 8-15 and 16-23), so that the exec path reads the
 *	three of one verdict together, without the lock; see
 *	vmfence_scan_situation()
 * @duration_ns: how long the latest scan took
 * @count: scans run since load
 */
struct vmfence_scan {
	struct mutex lock;	/* serialises scans; guards the fields below */
	struct vmfence_verdict *verdict;
	u8 confidence;		/* written under @lock, read with READ_ONCE() */
	u32 published;		/* written under @lock, read with READ_ONCE() */
	u64 duration_ns;
	u64 count;
};

extern struct vmfence_scan vmfence_scan;

int vmfence_scan_init(void);
void vmfence_scan_exit(void);
int vmfence_rescan(void);
bool vmfence_virtualized(void);
struct vmfence_verdict *vmfence_scan_verdict(void);
void vmfence_scan_publish(void);
void vmfence_scan_situation(struct vmfence_situation *s);

#endif /* VMFENCE_SCAN_H */
