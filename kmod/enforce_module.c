// SPDX-License-Identifier: GPL-2.0
/*
 * enforce_module.c - refuse sensitive kernel modules as they come
 *
 * A module notifier sees every module at MODULE_STATE_COMING, after it is
 * laid out and before its init runs or its parameters are parsed. A veto
 * there (notifier_from_errno()) makes the load fail with that error: the
 * loader calls MODULE_STATE_GOING on the notifiers that saw COMING and
 * frees the module, so it never appears in /proc/modules as loaded. The
 * notifier sees the module, not the file it came from: module rules match
 * by name=.
 */

#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/vmfence.h>

#include "core/decide.h"
#include "enforce_module.h"
#include "policy.h"
#include "record.h"
#include "scan.h"
#include "stats.h"

/**
 * vmfence_module_judge() - judge a module about to come in
 * @mod: the module, at MODULE_STATE_COMING
 *
 * Nothing is checked or recorded in mode off. Otherwise the load counts as
 * checked, and when the machine is not allowed (it counts as virtualized,
 * or its TPM is not one the policy's bind-tpm lists), the rule naming the
 * module, if any, decides; anything but "allow" is recorded.
 *
 * Context: process context, the loading task; sleeps.
 * Return: 0 to let the module in; -EACCES to refuse it.
 */
static int vmfence_module_judge(struct module *mod)
{
	enum vmfence_decision d = VMFENCE_ALLOW;
	const struct vmfence_policy *p;
	struct vmfence_situation s;
	u32 rule = 0;

	rcu_read_lock();
	p = vmfence_policy_current();
	s.mode = p->mode;
	s.threshold = p->threshold;
	s.bound = vmfence_policy_tpm_bound(p);
	if (s.mode != VMFENCE_POLICY_MODE_OFF) {
		const struct vmfence_prule *r;

		vmfence_scan_situation(&s);
		r = vmfence_policy_lookup(p, VMFENCE_RULE_TARGET_MODULE,
					  VMFENCE_RULE_MATCH_NAME, mod->name,
					  strlen(mod->name));
		if (r) {
			d = vmfence_decide(&s, VMFENCE_EXEC_ROLE_PROGRAM, r->action,
					   r->on_hv, r->allow_cc, r->roles);
			rule = r->id;
		}
	}
	rcu_read_unlock();
	if (s.mode == VMFENCE_POLICY_MODE_OFF)
		return 0;
	vmfence_stat_inc(VMFENCE_STAT_MODULE_CHECKS);
	if (d != VMFENCE_ALLOW) {
		struct vmfence_conclusion c;
		struct vmfence_event ev = {
			.op = VMFENCE_EVENT_OP_MODULE,
			.result = d == VMFENCE_DENY ? VMFENCE_EVENT_RESULT_DENIED :
						      VMFENCE_EVENT_RESULT_AUDITED,
			.rule_id = rule,
			.name = mod->name,
		};

		vmfence_conclude(&s, &c);
		ev.confidence = c.confidence;
		ev.hv = c.hv;
		ev.bound = s.bound;
		vmfence_record(&ev);
	}
	return d == VMFENCE_DENY ? -EACCES : 0;
}

static int module_notify(struct notifier_block *nb, unsigned long state,
			 void *data)
{
	if (state != MODULE_STATE_COMING)
		return NOTIFY_DONE;
	return notifier_from_errno(vmfence_module_judge(data));
}

/* First in the chain: a refused module costs the other notifiers nothing. */
static struct notifier_block module_nb = {
	.notifier_call = module_notify,
	.priority = INT_MAX,
};

/**
 * vmfence_module_init() - start judging module loads
 *
 * Context: process context, module init.
 * Return: 0, or the error of register_module_notifier().
 */
int vmfence_module_init(void)
{
	return register_module_notifier(&module_nb);
}

/**
 * vmfence_module_exit() - stop judging module loads
 *
 * Returns once no notifier call is running.
 *
 * Context: process context, module exit.
 */
void vmfence_module_exit(void)
{
	unregister_module_notifier(&module_nb);
}
