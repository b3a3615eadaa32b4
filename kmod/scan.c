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
 * vmfence_scan_conclusion() - the latest verdict, judged against the
 *	threshold in force now (which may have changed since the scan)
 * @c: the conclusion, as vmfence_conclude() reaches it
 *
 * What sysfs, netlink and the records report, and what the enforcement
 * paths decide under (vmfence_situation_checks()): the same function, on
 * the same published facts.
 *
 * Context: any; takes no lock but RCU's.
 */
void vmfence_scan_conclusion(struct vmfence_conclusion *c)
{
	struct vmfence_situation s = { .threshold = current_threshold() };

	vmfence_scan_situation(&s);
	vmfence_conclude(&s, c);
}

static bool scan_virtualized(void)
{
	struct vmfence_conclusion c;

	vmfence_scan_conclusion(&c);
	return c.virtualized;
}

/**
 * vmfence_scan_verdict() - the latest verdict and its evidence
 *
 * Context: vmfence_scan.lock held.
 * Return: the verdict, valid while the lock is held.
 */
struct vmfence_verdict *vmfence_scan_verdict(void)
{
	lockdep_assert_held(&vmfence_scan.lock);
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
	BUILD_BUG_ON(VMFENCE_HV_COUNT > 16);
	WRITE_ONCE(vmfence_scan.published,
		   v->confidence | (u64)(u8)v->hv << 8 | (u64)(u8)v->cc << 16 |
		   (u64)(vmfence_scan.hv_also & 0xffff) << 24);
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
	u64 word = READ_ONCE(vmfence_scan.published);

	s->confidence = word & 0xff;
	s->hv = (word >> 8) & 0xff;
	s->cc = (word >> 16) & 0xff;
	s->hv_also = (word >> 24) & 0xffff;
}

/*
 * The lock's ratchet: once locked, a new verdict @v may tighten what the
 * rules do, never loosen it. A verdict that no longer reaches the
 * threshold is dropped and the old one kept (return false). Otherwise,
 * when the old verdict counted as virtualized: a hypervisor it named stays
 * in reach of on= lists (@hv_also), and a confidential type other than the
 * old one counts as none, so that no allow-cc= list starts to apply.
 */
static bool scan_ratchet(struct vmfence_verdict *v)
{
	const struct vmfence_verdict *old = vmfence_scan.verdict;

	struct vmfence_situation now = { .threshold = current_threshold() };
	struct vmfence_conclusion c;

	if (!old || !vmfence_policy_locked() || !scan_virtualized())
		return true;
	now.confidence = v->confidence;
	now.hv = v->hv;
	now.cc = v->cc;
	vmfence_conclude(&now, &c);
	if (!c.virtualized) {
		pr_warn("rescan found confidence %u only, but the policy is locked: keeping the virtualized verdict\n",
			v->confidence);
		return false;
	}
	if (v->hv != old->hv) {
		vmfence_scan.hv_also |= BIT(old->hv);
		pr_warn("rescan names hypervisor %s, but the policy is locked: rules for %s keep applying\n",
			vmfence_hv_name(v->hv), vmfence_hv_name(old->hv));
	}
	vmfence_scan.hv_also &= ~BIT(v->hv);
	if (v->cc != old->cc) {
		if (v->cc != VMFENCE_CC_NONE)
			pr_warn("rescan finds a %s confidential VM, but the policy is locked: no allow-cc= applies\n",
				vmfence_cc_name(v->cc));
		v->cc = VMFENCE_CC_NONE;
	}
	return true;
}

/* Probe the machine and judge it into a new verdict; publish it. */
static int scan_locked(void)
{
	struct vmfence_conclusion c;
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
	vmfence_detect(facts, v);
	kfree(facts);
	vmfence_testhooks_scan(v);

	if (!scan_ratchet(v)) {
		kfree(v);
		return 0;
	}
	kfree(vmfence_scan.verdict);
	vmfence_scan.verdict = v;
	vmfence_scan_publish();
	vmfence_scan.duration_ns = ktime_get_ns() - start;
	vmfence_scan.count++;
	vmfence_scan_conclusion(&c);
	pr_info("%s (confidence %u, hypervisor %s, confidential %s) in %llu us\n",
		c.virtualized ? "virtualized" : "not virtualized",
		c.confidence, vmfence_hv_name(c.hv), vmfence_cc_name(c.cc),
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
