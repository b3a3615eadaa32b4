// SPDX-License-Identifier: GPL-2.0
/*
 * enforce_exec.c - refuse sensitive programs from the head of the kernel's
 * binary format list
 *
 * execve() hands the file to each registered binary format in turn, from
 * the head of the list, until one takes it; a script's interpreter, and the
 * interpreter binfmt_misc names, go round the list again as the file. A
 * format registered at the head with __register_binfmt(fmt, 1) therefore
 * sees every file an exec runs, before any loader, in process context. Its
 * load_binary() judges bprm->file and returns -EACCES to refuse the exec or
 * -ENOEXEC to pass it on.
 *
 * Staying at the head. binfmt_misc, and any format module, registers at the
 * head too when it loads: after vmfence, it would see files first, and a
 * binfmt_misc entry that claims a file would run its interpreter on it
 * without vmfence ever seeing the file. So after every module goes live
 * (a module notifier on MODULE_STATE_LIVE, which runs after the module's
 * init registered its format), and whenever an exec finds vmfence no longer
 * at the head (a cheap pointer comparison, which queues the same work),
 * vmfence registers again at the head. It cannot move its old registration:
 * unregister_binfmt() poisons the entry's list pointers, and an exec that
 * has just called the entry's load_binary() follows them without a
 * reference the caller can wait for. So each move takes a new registration
 * (a slot, with a load_binary() of its own so it knows which it is), the
 * old ones stay in the list until module exit, when no exec can be inside
 * them, and only the newest judges. The module that went live and pushed
 * vmfence back is pinned until vmfence unloads, so that no format module
 * can be reloaded to push it back again, and the slots (VMFENCE_EXEC_SLOTS)
 * are only used up by that many different format modules.
 */

#include <linux/binfmts.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/vmfence.h>
#include <linux/workqueue.h>

#include "audit.h"
#include "core/decide.h"
#include "digest.h"
#include "enforce_exec.h"
#include "policy.h"
#include "scan.h"
#include "stats.h"

/* Registrations at the head: the first, and one per format module after it. */
#define VMFENCE_EXEC_SLOTS	4

static int load_binary_0(struct linux_binprm *bprm);
static int load_binary_1(struct linux_binprm *bprm);
static int load_binary_2(struct linux_binprm *bprm);
static int load_binary_3(struct linux_binprm *bprm);

static struct linux_binfmt exec_slots[VMFENCE_EXEC_SLOTS] = {
	{ .module = THIS_MODULE, .load_binary = load_binary_0 },
	{ .module = THIS_MODULE, .load_binary = load_binary_1 },
	{ .module = THIS_MODULE, .load_binary = load_binary_2 },
	{ .module = THIS_MODULE, .load_binary = load_binary_3 },
};

/* Serialises registrations; guards the variables below. */
static DEFINE_MUTEX(exec_lock);
/*
 * Slots registered so far; the newest, exec_used - 1, judges. Written under
 * exec_lock with WRITE_ONCE() after the slot is in the list; read locklessly.
 */
static unsigned int exec_used;
/* The kernel's list head, as the newest slot's prev right after it went in. */
static const struct list_head *exec_list_head;
/* Modules that pushed vmfence back, pinned until exit; under exec_lock. */
static struct module *exec_pinned[VMFENCE_EXEC_SLOTS];
static unsigned int exec_nr_pinned;

/* Whether @slot is still at the head of the list. */
static bool at_head(unsigned int slot)
{
	/*
	 * The list changes under binfmt_lock, which is not exported: a
	 * pointer-sized read is a hint, acted on under exec_lock.
	 */
	return data_race(READ_ONCE(exec_slots[slot].lh.prev)) ==
	       READ_ONCE(exec_list_head);
}

/* Register the next slot at the head; it judges from now on. */
static int register_slot(void)
{
	struct linux_binfmt *fmt;

	lockdep_assert_held(&exec_lock);
	if (exec_used == VMFENCE_EXEC_SLOTS)
		return -ENOSPC;
	fmt = &exec_slots[exec_used];
	__register_binfmt(fmt, 1);
	/* Right after the insertion, under no lock of ours: see at_head(). */
	WRITE_ONCE(exec_list_head, data_race(READ_ONCE(fmt->lh.prev)));
	/*
	 * Until the store below, the previous slot judges too: an exec that
	 * passed the new slot is judged once more further down, never missed.
	 */
	WRITE_ONCE(exec_used, exec_used + 1);
	return 0;
}

/* Go back to the head if something got ahead; pin @culprit when it did. */
static void exec_rehead(struct module *culprit)
{
	mutex_lock(&exec_lock);
	if (exec_used && !at_head(exec_used - 1)) {
		if (register_slot()) {
			pr_err("a binary format is ahead of vmfence and no registration is left to overtake it: programs it claims are not judged\n");
		} else {
			pr_notice("a binary format registered ahead of vmfence%s%s; vmfence is back at the head\n",
				  culprit ? " by " : "", culprit ? culprit->name : "");
			if (culprit && try_module_get(culprit))
				exec_pinned[exec_nr_pinned++] = culprit;
		}
	}
	mutex_unlock(&exec_lock);
}

static void exec_rehead_fn(struct work_struct *work)
{
	exec_rehead(NULL);
}

static DECLARE_WORK(exec_rehead_work, exec_rehead_fn);

static int exec_module_notify(struct notifier_block *nb, unsigned long state,
			      void *data)
{
	if (state == MODULE_STATE_LIVE)
		exec_rehead(data);
	return NOTIFY_DONE;
}

static struct notifier_block exec_module_nb = {
	.notifier_call = exec_module_notify,
};

/* Let @r decide, and keep the stronger of its decision and the one so far. */
static void consider(const struct vmfence_prule *r,
		     const struct vmfence_situation *s, u8 *decision, u32 *rule)
{
	enum vmfence_decision d;

	if (!r)
		return;
	d = vmfence_decide(s, r->action, r->on_hv, r->allow_cc);
	if (d > *decision) {
		*decision = d;
		*rule = r->id;
	}
}

/* The decision of the rules on what the file is: its digest and label. */
static void decide_identity(const struct vmfence_policy *p,
			    const struct vmfence_situation *s,
			    const struct vmfence_file_facts *f,
			    struct vmfence_memo *memo)
{
	memo->decision = VMFENCE_ALLOW;
	memo->rule_id = 0;
	if (f->has_sha256)
		consider(vmfence_policy_lookup(p, VMFENCE_TARGET_EXEC,
					       VMFENCE_RULE_SHA256, f->sha256,
					       VMFENCE_SHA256_SIZE),
			 s, &memo->decision, &memo->rule_id);
	if (f->label_len)
		consider(vmfence_policy_lookup(p, VMFENCE_TARGET_EXEC,
					       VMFENCE_RULE_LABEL, f->label,
					       f->label_len),
			 s, &memo->decision, &memo->rule_id);
}

/*
 * Whether a path rule of @p may match @file's path. d_path() ends the path
 * with the name of the file's dentry, unless the dentry is the root of its
 * mount (a file bind-mounted elsewhere: the path ends in the mount point's
 * name), unhashed (a deleted file: " (deleted)" follows), a root (a pseudo
 * file) or names itself (d_dname(): memfd, anonymous files). In those cases
 * it may match; else only when a path rule ends in the dentry's name.
 */
static bool path_may_match(const struct vmfence_policy *p, struct file *file)
{
	struct dentry *dentry = file->f_path.dentry;
	struct name_snapshot name;
	bool may;

	if (dentry == file->f_path.mnt->mnt_root || IS_ROOT(dentry) ||
	    d_unhashed(dentry) || (dentry->d_op && dentry->d_op->d_dname))
		return true;
	take_dentry_name_snapshot(&name, dentry);
	may = vmfence_policy_path_may_end_in(p, VMFENCE_TARGET_EXEC,
					     name.name.name, name.name.len);
	release_dentry_name_snapshot(&name);
	return may;
}

/* Judge @file under @p, which the caller holds; -EACCES or -ENOEXEC. */
static int judge_file(const struct vmfence_policy *p,
		      const struct vmfence_situation *s, struct file *file)
{
	bool want_sha256 = vmfence_policy_has(p, VMFENCE_TARGET_EXEC,
					      VMFENCE_RULE_SHA256);
	bool want_path = vmfence_policy_has(p, VMFENCE_TARGET_EXEC,
					    VMFENCE_RULE_PATH);
	struct vmfence_memo memo = {
		.generation = p->generation,
		.situation = vmfence_situation_key(s),
	};
	struct vmfence_file_facts facts = {};
	const char *path = NULL;
	char *buf = NULL;
	int ret;

	if (want_sha256 || vmfence_policy_has(p, VMFENCE_TARGET_EXEC,
					      VMFENCE_RULE_LABEL)) {
		if (!vmfence_memo_get(file, want_sha256, &memo, &facts)) {
			/* Fail closed: an exec whose file cannot be read fails. */
			ret = vmfence_file_facts(file, want_sha256, &facts);
			if (ret)
				return ret;
			decide_identity(p, s, &facts, &memo);
			vmfence_memo_set(file, &memo);
		}
	} else {
		memo.decision = VMFENCE_ALLOW;
		memo.rule_id = 0;
	}

	/* Most files end in a name no path rule has: no d_path() for them. */
	want_path = want_path && path_may_match(p, file);
	if (want_path || memo.decision != VMFENCE_ALLOW) {
		buf = __getname();
		if (!buf)
			return -ENOMEM;
		/* Too long for PATH_MAX: no rule can name it; recorded as "?". */
		path = d_path(&file->f_path, buf, PATH_MAX);
		if (IS_ERR(path))
			path = NULL;
		if (path && want_path)
			consider(vmfence_policy_lookup(p, VMFENCE_TARGET_EXEC,
						       VMFENCE_RULE_PATH, path,
						       strlen(path)),
				 s, &memo.decision, &memo.rule_id);
	}

	if (memo.decision != VMFENCE_ALLOW) {
		struct vmfence_event ev = {
			.op = VMFENCE_EVENT_OP_EXEC,
			.result = memo.decision == VMFENCE_DENY ?
				  VMFENCE_EVENT_RESULT_DENIED :
				  VMFENCE_EVENT_RESULT_AUDITED,
			.confidence = s->confidence,
			.hv = s->hv,
			.rule_id = memo.rule_id,
			.path = path,
		};

		if (facts.has_sha256)
			ev.sha256 = facts.sha256;
		vmfence_record(&ev);
	}
	if (buf)
		__putname(buf);
	return memo.decision == VMFENCE_DENY ? -EACCES : -ENOEXEC;
}

/**
 * vmfence_exec_judge() - judge the file an exec is about to run
 * @bprm: the exec; bprm->file is the file to judge, write-denied
 *
 * Nothing is checked or recorded in mode off. Otherwise the exec counts as
 * checked, and when the machine counts as virtualized and the policy has
 * exec rules, the file's path, digest and label are looked up; the
 * strongest decision of the rules that match wins, and anything but
 * "allow" is recorded.
 *
 * Context: process context, from search_binary_handler(); sleeps.
 * Return: -EACCES to refuse the exec; -ENOEXEC to pass it on to the next
 * format; another error (-ENOMEM, -EINTR, an I/O error) when the file could
 * not be judged, which fails the exec.
 */
static int vmfence_exec_judge(struct linux_binprm *bprm)
{
	const struct vmfence_policy *cur;
	struct vmfence_situation s;
	struct vmfence_policy *p;
	bool rules;
	int ret;

	rcu_read_lock();
	cur = vmfence_policy_current();
	s.mode = cur->mode;
	rules = vmfence_policy_has(cur, VMFENCE_TARGET_EXEC, VMFENCE_RULE_PATH) ||
		vmfence_policy_has(cur, VMFENCE_TARGET_EXEC, VMFENCE_RULE_SHA256) ||
		vmfence_policy_has(cur, VMFENCE_TARGET_EXEC, VMFENCE_RULE_LABEL);
	rcu_read_unlock();
	if (s.mode == VMFENCE_MODE_OFF)
		return -ENOEXEC;
	vmfence_stat_inc(VMFENCE_STAT_EXEC_CHECKS);
	if (!rules)
		return -ENOEXEC;

	/* One generation, held across the sleeping lookups. */
	p = vmfence_policy_get();
	s.mode = p->mode;
	s.threshold = p->threshold;
	vmfence_scan_situation(&s);
	ret = vmfence_situation_checks(&s) ? judge_file(p, &s, bprm->file) :
					      -ENOEXEC;
	vmfence_policy_put(p);
	return ret;
}

static int exec_slot_load(struct linux_binprm *bprm, unsigned int slot)
{
	/* An older registration, behind the newest: the newest judged. */
	if (slot + 1 < READ_ONCE(exec_used))
		return -ENOEXEC;
	if (unlikely(!at_head(slot)))
		schedule_work(&exec_rehead_work);
	return vmfence_exec_judge(bprm);
}

static int load_binary_0(struct linux_binprm *bprm)
{
	return exec_slot_load(bprm, 0);
}

static int load_binary_1(struct linux_binprm *bprm)
{
	return exec_slot_load(bprm, 1);
}

static int load_binary_2(struct linux_binprm *bprm)
{
	return exec_slot_load(bprm, 2);
}

static int load_binary_3(struct linux_binprm *bprm)
{
	return exec_slot_load(bprm, 3);
}

/**
 * vmfence_exec_init() - start judging every exec
 *
 * Registers the exec handler at the head of the binary format list and the
 * module notifier that keeps it there. The policy, the verdict, the digest
 * cache and the record must be ready.
 *
 * Context: process context, module init.
 * Return: 0, or the error of register_module_notifier().
 */
int vmfence_exec_init(void)
{
	int ret;

	mutex_lock(&exec_lock);
	ret = register_slot();
	mutex_unlock(&exec_lock);
	if (ret)
		return ret;
	ret = register_module_notifier(&exec_module_nb);
	if (ret) {
		unregister_binfmt(&exec_slots[0]);
		exec_used = 0;
	}
	return ret;
}

/**
 * vmfence_exec_exit() - stop judging execs
 *
 * Unregisters every slot and unpins the modules that pushed vmfence back.
 * No exec is inside a slot by then: each holds a reference to the module
 * while it calls the slot, and the module is going.
 *
 * Context: process context, module exit.
 */
void vmfence_exec_exit(void)
{
	unsigned int i;

	unregister_module_notifier(&exec_module_nb);
	cancel_work_sync(&exec_rehead_work);
	mutex_lock(&exec_lock);
	for (i = exec_used; i-- > 0;)
		unregister_binfmt(&exec_slots[i]);
	WRITE_ONCE(exec_used, 0);
	for (i = 0; i < exec_nr_pinned; i++)
		module_put(exec_pinned[i]);
	exec_nr_pinned = 0;
	mutex_unlock(&exec_lock);
}
