// SPDX-License-Identifier: GPL-2.0
/* scan.c - detection in the live kernel: probe, judge, publish */

#include <linux/ktime.h>
#include <linux/slab.h>

#include "probe/probe.h"
#include "scan.h"

struct vmfence_scan vmfence_scan = {
	.lock = __MUTEX_INITIALIZER(vmfence_scan.lock),
	.threshold = VMFENCE_THRESHOLD_DEFAULT,
};

/* Probe the machine and judge it into a new verdict; publish it. */
static int scan_locked(void)
{
	struct vmfence_facts *facts;
	struct vmfence_verdict *v;
	u64 start = ktime_get_ns();

	lockdep_assert_held(&vmfence_scan.lock);
	facts = kzalloc(sizeof(*facts), GFP_KERNEL);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!facts || !v) {
		kfree(facts);
		kfree(v);
		return -ENOMEM;
	}
	vmfence_probe_all(facts);
	vmfence_detect(facts, vmfence_scan.threshold, v);
	kfree(facts);

	kfree(vmfence_scan.verdict);
	vmfence_scan.verdict = v;
	vmfence_scan.duration_ns = ktime_get_ns() - start;
	vmfence_scan.count++;
	pr_info("%s (confidence %u, hypervisor %s, confidential %s) in %llu us\n",
		v->virtualized ? "virtualized" : "not virtualized",
		v->confidence, vmfence_hv_name(v->hv), vmfence_cc_name(v->cc),
		div_u64(vmfence_scan.duration_ns, NSEC_PER_USEC));
	return 0;
}

/**
 * vmfence_rescan() - run detection again and publish the new verdict
 *
 * On failure the previous verdict stays in place.
 *
 * Context: process context; sleeps. Takes vmfence_scan.lock.
 * Return: 0, or -ENOMEM.
 */
int vmfence_rescan(void)
{
	int ret;

	mutex_lock(&vmfence_scan.lock);
	ret = scan_locked();
	mutex_unlock(&vmfence_scan.lock);
	return ret;
}

/**
 * vmfence_scan_init() - the first scan, at module load
 *
 * Context: process context, module init.
 * Return: 0, or -ENOMEM.
 */
int vmfence_scan_init(void)
{
	return vmfence_rescan();
}

/**
 * vmfence_scan_exit() - free the verdict
 *
 * Context: process context, module exit; nothing else can scan by then.
 */
void vmfence_scan_exit(void)
{
	mutex_lock(&vmfence_scan.lock);
	kfree(vmfence_scan.verdict);
	vmfence_scan.verdict = NULL;
	mutex_unlock(&vmfence_scan.lock);
}
