// SPDX-License-Identifier: GPL-2.0
/* judge.c - one file an exec runs, judged by the policy and recorded */

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/vmfence.h>

#include "aliases.h"
#include "digest.h"
#include "judge.h"
#include "policy.h"
#include "record.h"
#include "scan.h"
#include "stats.h"

/* Let @r decide, and keep the stronger of its decision and the one so far. */
static void consider(const struct vmfence_prule *r,
		     const struct vmfence_situation *s, u8 role, u8 *decision,
		     u32 *rule)
{
	enum vmfence_decision d;

	if (!r)
		return;
	d = vmfence_decide(s, role, r->action, r->on_hv, r->allow_cc, r->roles);
	if (d > *decision) {
		*decision = d;
		*rule = r->id;
	}
}

/* The decision of the rules on what the file is: its digest and label. */
static void decide_identity(const struct vmfence_policy *p,
			    const struct vmfence_situation *s, u8 role,
			    const struct vmfence_file_facts *f,
			    struct vmfence_memo *memo)
{
	memo->decision = VMFENCE_ALLOW;
	memo->rule_id = 0;
	if (f->has_sha256)
		consider(vmfence_policy_lookup(p, VMFENCE_RULE_TARGET_EXEC,
					       VMFENCE_RULE_MATCH_SHA256, f->sha256,
					       VMFENCE_SHA256_SIZE),
			 s, role, &memo->decision, &memo->rule_id);
	if (f->label_len)
		consider(vmfence_policy_lookup(p, VMFENCE_RULE_TARGET_EXEC,
					       VMFENCE_RULE_MATCH_LABEL, f->label,
					       f->label_len),
			 s, role, &memo->decision, &memo->rule_id);
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
	may = vmfence_policy_path_may_end_in(p, VMFENCE_RULE_TARGET_EXEC,
					     name.name.name, name.name.len);
	release_dentry_name_snapshot(&name);
	return may;
}

/*
 * The decision of the path rules, and the path for the record, in *@buf
 * (__getname(), the caller's to free), which is only taken when a path is
 * needed. Return: 0, or -ENOMEM.
 */
static int decide_path(const struct vmfence_judge *j, struct file *file,
		       u8 role, bool want_path, char **buf, const char **path,
		       struct vmfence_memo *memo)
{
	const struct vmfence_policy *p = j->policy;
	bool aliased = want_path && vmfence_path_has_aliases(file);

	/* Most files end in a name no path rule has: no d_path() for them. */
	want_path = want_path && (aliased || path_may_match(p, file));
	if (!want_path && memo->decision == VMFENCE_ALLOW)
		return 0;
	*buf = __getname();
	if (!*buf)
		return -ENOMEM;
	/* Too long for PATH_MAX: no rule can name it; recorded as "?". */
	*path = d_path(&file->f_path, *buf, PATH_MAX);
	if (IS_ERR(*path))
		*path = NULL;
	if (!*path || !want_path)
		return 0;
	consider(vmfence_policy_lookup(p, VMFENCE_RULE_TARGET_EXEC, VMFENCE_RULE_MATCH_PATH,
				       *path, strlen(*path)),
		 &j->s, role, &memo->decision, &memo->rule_id);
	/* The same file by another spelling of its name, where it has one. */
	if (aliased)
		consider(vmfence_path_alias_rule(p, file), &j->s, role,
			 &memo->decision, &memo->rule_id);
	return 0;
}

/**
 * vmfence_judge_file() - judge one file an exec runs, and record the outcome
 * @j: the policy and situation, from vmfence_judge_begin()
 * @file: the file the kernel is about to run (or has just mapped)
 * @role: enum vmfence_exec_role: the part @file plays in the exec
 * @loaded: @file is already mapped into the new program (exec_verify.c); a
 *	refusal is recorded as "killed" and the caller kills the task
 *
 * The file's digest and label (from the cache when it still describes the
 * file) and its path are looked up; the strongest decision of the rules
 * that match wins, and anything but "allow" is recorded.
 *
 * Context: process context; sleeps.
 * Return: 0 to let the file run; -EACCES when a rule refuses it; another
 * error (-ENOMEM, -EINTR, -ETXTBSY, an I/O error) when the file could not
 * be judged, which must fail the exec.
 */
int vmfence_judge_file(struct vmfence_judge *j, struct file *file, u8 role,
		       bool loaded)
{
	const struct vmfence_policy *p = j->policy;
	bool want_sha256 = vmfence_policy_has(p, VMFENCE_RULE_TARGET_EXEC,
					      VMFENCE_RULE_MATCH_SHA256);
	struct vmfence_memo memo = {
		.generation = p->generation,
		.situation = vmfence_situation_key(&j->s),
		.role = vmfence_policy_has_roles(p) ? role : 0,
	};
	struct vmfence_file_facts facts = {};
	const char *path = NULL;
	char *buf = NULL;
	int ret;

	if (want_sha256 || vmfence_policy_has(p, VMFENCE_RULE_TARGET_EXEC,
					      VMFENCE_RULE_MATCH_LABEL)) {
		if (!vmfence_memo_get(file, want_sha256, &memo, &facts)) {
			/* Fail closed: an exec whose file cannot be read fails. */
			ret = vmfence_file_facts(file, want_sha256, &facts);
			if (ret)
				return ret;
			decide_identity(p, &j->s, role, &facts, &memo);
			vmfence_memo_set(file, &memo);
		}
	} else {
		memo.decision = VMFENCE_ALLOW;
		memo.rule_id = 0;
	}

	/* Fail closed: without memory for the path, the exec fails. */
	ret = decide_path(j, file, role,
			  vmfence_policy_has(p, VMFENCE_RULE_TARGET_EXEC,
					     VMFENCE_RULE_MATCH_PATH),
			  &buf, &path, &memo);
	if (ret)
		return ret;
	if (memo.decision != VMFENCE_ALLOW) {
		struct vmfence_conclusion c;
		struct vmfence_event ev = {
			.op = VMFENCE_EVENT_OP_EXEC,
			.result = memo.decision != VMFENCE_DENY ?
				  VMFENCE_EVENT_RESULT_AUDITED :
				  loaded ? VMFENCE_EVENT_RESULT_KILLED :
				  VMFENCE_EVENT_RESULT_DENIED,
			.rule_id = memo.rule_id,
			.path = path,
			.role = role,
		};

		vmfence_conclude(&j->s, &c);
		ev.confidence = c.confidence;
		ev.hv = c.hv;
		ev.bound = j->s.bound;
		if (facts.has_sha256)
			ev.sha256 = facts.sha256;
		vmfence_record(&ev);
	}
	if (buf)
		__putname(buf);
	return memo.decision == VMFENCE_DENY ? -EACCES : 0;
}

/* Whether @p has exec rules: without any, no file needs judging. */
static bool exec_rules(const struct vmfence_policy *p)
{
	return vmfence_policy_has(p, VMFENCE_RULE_TARGET_EXEC, VMFENCE_RULE_MATCH_PATH) ||
	       vmfence_policy_has(p, VMFENCE_RULE_TARGET_EXEC, VMFENCE_RULE_MATCH_SHA256) ||
	       vmfence_policy_has(p, VMFENCE_RULE_TARGET_EXEC, VMFENCE_RULE_MATCH_LABEL);
}

/**
 * vmfence_judge_wanted() - whether files an exec runs are judged now
 *
 * The test vmfence_judge_begin() makes, for a caller that cannot sleep.
 *
 * Context: any; takes no lock but RCU's.
 * Return: true when a mode other than off, exec rules and a machine that
 * is not allowed (a virtualized verdict, or a TPM the policy's bind-tpm
 * does not list) are in force.
 */
bool vmfence_judge_wanted(void)
{
	const struct vmfence_policy *cur;
	struct vmfence_situation s;
	bool rules;

	rcu_read_lock();
	cur = vmfence_policy_current();
	s.mode = cur->mode;
	s.threshold = cur->threshold;
	s.bound = vmfence_policy_tpm_bound(cur);
	rules = exec_rules(cur);
	rcu_read_unlock();
	vmfence_scan_situation(&s);
	return rules && vmfence_situation_checks(&s);
}

/**
 * vmfence_judge_begin() - take the policy and verdict an exec is judged under
 * @j: filled when this returns true
 * @count: count the exec in stats/exec_checks (the first file of a round of
 *	the binary format list; not the verification after a load)
 *
 * Nothing is judged in mode off, under a policy without exec rules, or
 * while the machine is allowed: it does not count as virtualized and, when
 * the policy binds to TPMs (bind-tpm), its TPM proved it holds a listed EK.
 *
 * Context: process context.
 * Return: true when files must be judged; then vmfence_judge_end() must
 * follow.
 */
bool vmfence_judge_begin(struct vmfence_judge *j, bool count)
{
	const struct vmfence_policy *cur;
	bool rules;
	u8 mode;

	rcu_read_lock();
	cur = vmfence_policy_current();
	mode = cur->mode;
	rules = exec_rules(cur);
	rcu_read_unlock();
	if (mode == VMFENCE_POLICY_MODE_OFF)
		return false;
	if (count)
		vmfence_stat_inc(VMFENCE_STAT_EXEC_CHECKS);
	if (!rules)
		return false;

	/* One generation, held across the sleeping lookups. */
	j->policy = vmfence_policy_get();
	j->s.mode = j->policy->mode;
	j->s.threshold = j->policy->threshold;
	j->s.bound = vmfence_policy_tpm_bound(j->policy);
	vmfence_scan_situation(&j->s);
	if (vmfence_situation_checks(&j->s))
		return true;
	vmfence_policy_put(j->policy);
	return false;
}

/**
 * vmfence_judge_end() - release what vmfence_judge_begin() took
 * @j: as filled by vmfence_judge_begin()
 *
 * Context: any.
 */
void vmfence_judge_end(struct vmfence_judge *j)
{
	vmfence_policy_put(j->policy);
}
