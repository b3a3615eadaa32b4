/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scan.h - detection in the live kernel: probe, weigh, publish
 *
 * The scan's state is private to scan.c. Readers take a snapshot of what
 * the latest scan found (vmfence_scan_snapshot(), lockless, for the exec
 * path as for sysfs and netlink) and, when they show the evidence, a copy
 * of it (vmfence_scan_evidence()). Whether the machine counts as
 * virtualized is not part of the scan: vmfence_conclude() decides it from a
 * snapshot and the threshold in force.
 */
#ifndef VMFENCE_SCAN_H
#define VMFENCE_SCAN_H

#include <linux/types.h>

#include "core/decide.h"
#include "core/detect.h"

/**
 * struct vmfence_scan_snapshot - what the latest scan found, threshold-free
 * @confidence: the verdict's, 0-100
 * @hv: the hypervisor the evidence names (enum vmfence_hv)
 * @cc: the confidential type (enum vmfence_cc); none once the lock's
 *	ratchet dropped one that changed
 * @host: the hypervisor whose host partition this is (enum vmfence_hv),
 *	VMFENCE_HV_NONE when none; vmfence_conclude() turns it into the role
 * @hv_also: once locked, the other hypervisors verdicts have named since
 *	the lock (bits of enum vmfence_hv), which on= lists keep matching
 * @count: scans since load
 * @duration_ns: how long the latest scan took
 */
struct vmfence_scan_snapshot {
	u8 confidence;
	u8 hv;
	u8 cc;
	u8 host;
	u32 hv_also;
	u64 count;
	u64 duration_ns;
};

/*
 * A test build's hook on every fresh verdict, before the lock's ratchet
 * judges it (kmod/testhooks.c); called with the scan's lock held.
 */
typedef void (*vmfence_scan_filter_t)(struct vmfence_verdict *v);

int vmfence_scan_init(void);
void vmfence_scan_exit(void);
int vmfence_rescan(void);
void vmfence_scan_snapshot(struct vmfence_scan_snapshot *snap);
void vmfence_scan_situation(struct vmfence_situation *s);
void vmfence_scan_conclusion(struct vmfence_conclusion *c);
int vmfence_scan_evidence(struct vmfence_verdict *v, u64 *count);
void vmfence_scan_set_filter(vmfence_scan_filter_t filter);

#endif /* VMFENCE_SCAN_H */
