// SPDX-License-Identifier: GPL-2.0
/* scan.c - detection in the live kernel: probe, weigh, publish */

#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/seqlock.h>
#include <linux/slab.h>

#include "policy.h"
#include "probe/probe.h"
#include "scan.h"
#include "tpm/identity.h"

/*
 * Serialises scans, and guards the verdict, the filter, and the writers
 * of the published snapshot.
 */
static DEFINE_MUTEX(scan_lock);
/* The latest verdict with its evidence; never NULL between init and exit. */
static struct vmfence_verdict *scan_verdict;	/* under scan_lock */
/* A test build's hook on fresh verdicts, or NULL. */
static vmfence_scan_filter_t scan_filter;	/* under scan_lock */
/*
 * What the latest scan found, for lockless readers: written under scan_lock
 * inside scan_seq's write section, read in a read_seqcount loop.
 */
static struct vmfence_scan_snapshot scan_published;
static seqcount_mutex_t scan_seq = SEQCNT_MUTEX_ZERO(scan_seq, &scan_lock);

static unsigned int current_threshold(void)
{
	struct vmfence_policy_summary pol;

	vmfence_policy_summary(&pol);
	return pol.threshold;
}

/**
 * vmfence_scan_snapshot() - what the latest scan found
 * @snap: filled with one scan's facts, never a mix of two
 *
 * Context: any; takes no lock (a seqcount read loop).
 */
void vmfence_scan_snapshot(struct vmfence_scan_snapshot *snap)
{
	unsigned int seq;

	do {
		seq = read_seqcount_begin(&scan_seq);
		*snap = scan_published;
	} while (read_seqcount_retry(&scan_seq, seq));
}

/**
 * vmfence_scan_situation() - the latest scan's facts, for a decision
 * @s: its confidence, hv, cc, host and hv_also are set from
 *	vmfence_scan_snapshot();
 *	the caller sets mode and threshold from the policy it holds, and bound
 *	from the same policy (vmfence_policy_tpm_bound())
 *
 * Context: any; takes no lock.
 */
void vmfence_scan_situation(struct vmfence_situation *s)
{
	struct vmfence_scan_snapshot snap;

	vmfence_scan_snapshot(&snap);
	s->confidence = snap.confidence;
	s->hv = snap.hv;
	s->cc = snap.cc;
	s->host = snap.host;
	s->hv_also = snap.hv_also;
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

/**
 * vmfence_scan_evidence() - a copy of the latest verdict and its evidence
 * @v: filled
 * @count: set to the scan it came from (vmfence_scan_snapshot()'s count)
 *
 * Context: process context; sleeps (takes the scan's lock).
 * Return: 0.
 */
int vmfence_scan_evidence(struct vmfence_verdict *v, u64 *count)
{
	mutex_lock(&scan_lock);
	*v = *scan_verdict;
	*count = scan_published.count;
	mutex_unlock(&scan_lock);
	return 0;
}

/**
 * vmfence_scan_set_filter() - hook every fresh verdict (test builds)
 * @filter: called on each new verdict before the lock's ratchet judges it;
 *	NULL to unhook
 *
 * Context: process context; sleeps.
 */
void vmfence_scan_set_filter(vmfence_scan_filter_t filter)
{
	mutex_lock(&scan_lock);
	scan_filter = filter;
	mutex_unlock(&scan_lock);
}

static bool scan_virtualized(void)
{
	struct vmfence_conclusion c;

	vmfence_scan_conclusion(&c);
	return c.virtualized;
}

/* Make @v, with the ratchet's @hv_also, what lockless readers see. */
static void publish(struct vmfence_verdict *v, u32 hv_also, u64 duration_ns)
{
	lockdep_assert_held(&scan_lock);
	write_seqcount_begin(&scan_seq);
	scan_published.confidence = v->confidence;
	scan_published.hv = v->hv;
	scan_published.cc = v->cc;
	scan_published.host = v->host;
	scan_published.hv_also = hv_also;
	scan_published.duration_ns = duration_ns;
	scan_published.count++;
	write_seqcount_end(&scan_seq);
}

/*
 * The lock's ratchet: once locked, a new verdict @v may tighten what the
 * rules do, never loosen it. A verdict that no longer reaches the
 * threshold is dropped and the old one kept (return false). Otherwise,
 * when the old verdict counted as virtualized: a hypervisor it named stays
 * in reach of on= lists (*@hv_also), and a confidential type other than the
 * old one counts as none, so that no allow-cc= list starts to apply.
 */
static bool scan_ratchet(struct vmfence_verdict *v, u32 *hv_also)
{
	struct vmfence_situation now = { .threshold = current_threshold() };
	const struct vmfence_verdict *old = scan_verdict;
	struct vmfence_conclusion c;

	lockdep_assert_held(&scan_lock);
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
		*hv_also |= BIT(old->hv);
		pr_warn("rescan names hypervisor %s, but the policy is locked: rules for %s keep applying\n",
			vmfence_hv_name(v->hv), vmfence_hv_name(old->hv));
	}
	*hv_also &= ~BIT(v->hv);
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
	u64 duration_ns;

	u32 hv_also = scan_published.hv_also;

	lockdep_assert_held(&scan_lock);
	facts = kzalloc(sizeof(*facts), GFP_KERNEL);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!facts || !v) {
		kfree(facts);
		kfree(v);
		return -ENOMEM;
	}
	vmfence_probe_all(facts);
	vmfence_detect(facts, v);
	vmfence_tpm_publish(facts);
	kfree(facts);
	if (scan_filter)
		scan_filter(v);

	if (!scan_ratchet(v, &hv_also)) {
		kfree(v);
		return 0;
	}
	kfree(scan_verdict);
	scan_verdict = v;
	duration_ns = ktime_get_ns() - start;
	publish(v, hv_also, duration_ns);
	vmfence_scan_conclusion(&c);
	pr_info("%s (confidence %u, hypervisor %s, confidential %s) in %llu us\n",
		c.virtualized ? "virtualized" : "not virtualized",
		c.confidence, vmfence_hv_name(c.hv), vmfence_cc_name(c.cc),
		div_u64(duration_ns, NSEC_PER_USEC));
	return 0;
}

/**
 * vmfence_rescan() - run detection again and publish the new verdict
 *
 * On failure the previous verdict stays in place.
 *
 * Context: process context; sleeps. Takes the scan's lock.
 * Return: 0, or -ENOMEM.
 */
int vmfence_rescan(void)
{
	int ret;

	mutex_lock(&scan_lock);
	ret = scan_locked();
	mutex_unlock(&scan_lock);
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
	mutex_lock(&scan_lock);
	kfree(scan_verdict);
	scan_verdict = NULL;
	mutex_unlock(&scan_lock);
}
