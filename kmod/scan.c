// SPDX-License-Identifier: GPL-2.0
/* scan.c - detection in the live kernel: probe, judge, publish */

#include <linux/ktime.h>
#include <linux/slab.h>

#include "policy.h"
#include "probe/probe.h"
#include "scan.h"
#include "testhooks.h"

struct vmfence_scan vmfence_scan = {
	.lock = __MUTEX_INITIALIZER(vmfence_scan.lock),
};

static unsigned int current_threshold(void)
{
	unsigned int threshold;

	rcu_read_lock();
	threshold = vmfence_policy_current()->threshold;
	rcu_read_unlock();
	return threshold;
}

/**
 * vmfence_virtualized() - whether the machine counts as virtualized now
 *
 * The latest scan's confidence reached the policy's threshold.
 *
 * Context: any; takes no lock but RCU's.
 * Return: true when virtualized.
 */
bool vmfence_virtualized(void)
{
	return READ_ONCE(vmfence_scan.confidence) >= current_threshold();
}

/**
 * vmfence_scan_verdict() - the latest verdict, judged against the threshold
 * in force now (which may have changed since the scan)
 *
 * Context: vmfence_scan.lock held.
 * Return: the verdict, valid while the lock is held.
 */
struct vmfence_verdict *vmfence_scan_verdict(void)
{
	lockdep_assert_held(&vmfence_scan.lock);
	vmfence_judge(vmfence_scan.verdict, current_threshold());
	return vmfence_scan.verdict;
}

/**
 * vmfence_scan_publish() - make the verdict's facts visible to lockless readers
 *
 * Called whenever vmfence_scan.verdict or its confidence, hypervisor or
 * confidential type changes.
 *
 * Context: vmfence_scan.lock held.
 */
void vmfence_scan_publish(void)
{
	const struct vmfence_verdict *v = vmfence_scan.verdict;

	lockdep_assert_held(&vmfence_scan.lock);
	WRITE_ONCE(vmfence_scan.confidence, v->confidence);
	WRITE_ONCE(vmfence_scan.published,
		   v->confidence | (u32)(u8)v->hv << 8 | (u32)(u8)v->cc << 16);
}

/**
 * vmfence_scan_situation() - the verdict's facts, for a decision
 * @s: its confidence, hv and cc are set from the latest published verdict;
 *	the caller sets mode and threshold from the policy it holds
 *
 * Context: any; takes no lock.
 */
void vmfence_scan_situation(struct vmfence_situation *s)
{
	u32 word = READ_ONCE(vmfence_scan.published);

	s->confidence = word & 0xff;
	s->hv = (word >> 8) & 0xff;
	s->cc = (word >> 16) & 0xff;
}

/* Probe the machine and judge it into a new verdict; publish it. */
static int scan_locked(void)
{
	unsigned int threshold = current_threshold();
	struct vmfence_facts *facts;
	struct vmfence_verdict *v;
	u64 start = ktime_get_ns();
	bool was;

	lockdep_assert_held(&vmfence_scan.lock);
	facts = kzalloc(sizeof(*facts), GFP_KERNEL);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!facts || !v) {
		kfree(facts);
		kfree(v);
		return -ENOMEM;
	}
	vmfence_probe_all(facts);
	vmfence_detect(facts, threshold, v);
	kfree(facts);
	vmfence_testhooks_scan(v, threshold);

	/* The ratchet: once locked, a scan that finds less relaxes nothing. */
	was = vmfence_scan.verdict && vmfence_virtualized();
	if (was && !v->virtualized && vmfence_policy_locked()) {
		pr_warn("rescan found confidence %u only, but the policy is locked: keeping the virtualized verdict\n",
			v->confidence);
		kfree(v);
		return 0;
	}
	kfree(vmfence_scan.verdict);
	vmfence_scan.verdict = v;
	vmfence_scan_publish();
	vmfence_scan.duration_ns = ktime_get_ns() - start;
	vmfence_scan.count++;
	pr_info("%s (confidence %u, hypervisor %s, confidential %s) in %llu us\n",
		vmfence_virtualized() ? "virtualized" : "not virtualized",
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
 * The policy must exist (vmfence_policy_init()) for its threshold.
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
