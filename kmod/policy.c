// SPDX-License-Identifier: GPL-2.0
/*
 * policy.c - the policy store: generations of rules and settings,
 * published with RCU
 *
 * The rules themselves are an immutable set (ruleset.c) that generations
 * share; this file makes generations, publishes them, and locks them.
 */

#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include "core/detect.h"
#include "policy.h"
#include "tpm/anchors.h"
#include "tpm/identity.h"

/* Serialises writers; guards vmfence_policy_cur's updates and generation. */
static DEFINE_MUTEX(vmfence_policy_mutex);
/* The current generation: rcu_dereference() to read, the mutex to replace. */
static struct vmfence_policy __rcu *vmfence_policy_cur;
/* Generation numbers handed out so far; under the mutex. */
static u64 vmfence_generation;
/* One-way: written once, under the mutex; read locklessly. */
static bool vmfence_locked;
/* Rule ids handed out so far; ids are never reused until reboot. */
static atomic_t vmfence_rule_ids = ATOMIC_INIT(0);

/**
 * struct vmfence_builder - a rule set and settings on their way in
 * @set: the rules so far
 * @settings: the settings the policy text gave
 * @lines: lines parsed so far, so that errors count from the policy's start
 * @bind: the bind-tpm EKs so far, sorted; room for VMFENCE_BIND_TPM_MAX,
 *	taken at the first one; NULL before
 * @nr_bind: EKs in @bind
 * @scratch: the parser's buffer for unquoted paths
 */
struct vmfence_builder {
	struct vmfence_ruleset *set;
	struct vmfence_settings settings;
	u32 lines;
	u8 *bind;
	u32 nr_bind;
	char scratch[VMFENCE_PATH_MAX + 1];
};

static void bind_release(struct kref *ref)
{
	kvfree(container_of(ref, struct vmfence_bind, ref));
}

/* A new reference to @bind, which may be NULL. */
static struct vmfence_bind *bind_get(struct vmfence_bind *bind)
{
	if (bind)
		kref_get(&bind->ref);
	return bind;
}

/* Drop a reference; kvfree() may run in an RCU callback (softirq). */
static void bind_put(struct vmfence_bind *bind)
{
	if (bind)
		kref_put(&bind->ref, bind_release);
}

static size_t bind_bytes(const struct vmfence_bind *bind)
{
	return bind ? struct_size(bind, ek, (size_t)bind->n * VMFENCE_SHA256_SIZE) : 0;
}

static void policy_free_rcu(struct rcu_head *rcu)
{
	struct vmfence_policy *p = container_of(rcu, struct vmfence_policy, rcu);

	vmfence_ruleset_put(p->rules);
	bind_put(p->bind);
	kfree(p);
}

static void policy_release(struct kref *ref)
{
	struct vmfence_policy *p = container_of(ref, struct vmfence_policy, ref);

	call_rcu(&p->rcu, policy_free_rcu);
}

static struct vmfence_policy *policy_locked_cur(void)
{
	return rcu_dereference_protected(vmfence_policy_cur,
					 lockdep_is_held(&vmfence_policy_mutex));
}

/*
 * Make a new generation of @rules and @bind (whose references pass to it;
 * @bind may be NULL) with the given settings current, and fill @published
 * with it. Readers see the old or the new, never a mix.
 */
static int publish(struct vmfence_ruleset *rules, struct vmfence_bind *bind,
		   u8 mode, u8 threshold, struct vmfence_policy_summary *published)
{
	struct vmfence_policy *p, *old;

	lockdep_assert_held(&vmfence_policy_mutex);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		vmfence_ruleset_put(rules);
		bind_put(bind);
		return -ENOMEM;
	}
	vmfence_ruleset_seal(rules);
	p->generation = ++vmfence_generation;
	p->mode = mode;
	p->threshold = threshold;
	p->rules = rules;
	p->bind = bind;
	kref_init(&p->ref);

	if (published)
		vmfence_policy_summarize(p, published);
	old = policy_locked_cur();
	rcu_assign_pointer(vmfence_policy_cur, p);
	if (old)
		kref_put(&old->ref, policy_release);
	return 0;
}

/* Writers need an unlocked policy; the interfaces check the caller. */
static int writable(void)
{
	lockdep_assert_held(&vmfence_policy_mutex);
	if (vmfence_locked)
		return -EPERM;
	return 0;
}

static void do_lock(void)
{
	lockdep_assert_held(&vmfence_policy_mutex);
	if (vmfence_locked)
		return;
	/* Pin the module: no rmmod until reboot, as with LoadPin. */
	__module_get(THIS_MODULE);
	/* The TPM trust anchors are part of what the lock fixes. */
	vmfence_tpm_anchors_lock();
	WRITE_ONCE(vmfence_locked, true);
	pr_notice("policy locked until reboot\n");
}

/**
 * vmfence_policy_current() - the current generation
 *
 * Context: under rcu_read_lock(), which must be held for as long as the
 * result and anything reached through it are used.
 * Return: the current policy; never NULL between init and exit.
 */
const struct vmfence_policy *vmfence_policy_current(void)
{
	return rcu_dereference(vmfence_policy_cur);
}

/**
 * vmfence_policy_get() - a counted reference to the current generation
 *
 * For readers that sleep, such as netlink dumps; release with
 * vmfence_policy_put().
 *
 * Context: any; takes rcu_read_lock() internally.
 * Return: the current policy.
 */
struct vmfence_policy *vmfence_policy_get(void)
{
	struct vmfence_policy *p;

	rcu_read_lock();
	do {
		p = rcu_dereference(vmfence_policy_cur);
	} while (!kref_get_unless_zero(&p->ref));
	rcu_read_unlock();
	return p;
}

/**
 * vmfence_policy_put() - drop a reference from vmfence_policy_get()
 * @p: the policy
 *
 * Context: any.
 */
void vmfence_policy_put(struct vmfence_policy *p)
{
	kref_put(&p->ref, policy_release);
}

/**
 * vmfence_policy_lookup() - the rule for a (target, match, value), if any
 * @p: the policy
 * @target: enum vmfence_rule_target
 * @match: enum vmfence_rule_match_type
 * @value: the path, label or module name, or the 32-byte digest
 * @len: bytes in @value
 *
 * Context: any, with @p held as vmfence_policy_current() or _get() says.
 * Return: the rule, or NULL.
 */
const struct vmfence_prule *vmfence_policy_lookup(const struct vmfence_policy *p,
						  u8 target, u8 match,
						  const void *value, u16 len)
{
	return vmfence_ruleset_lookup(p->rules, target, match, value, len);
}

/**
 * vmfence_policy_has() - whether any rule of @p uses this target and match
 * @p: the policy
 * @target: enum vmfence_rule_target
 * @match: enum vmfence_rule_match_type
 *
 * Return: true when at least one rule does.
 */
bool vmfence_policy_has(const struct vmfence_policy *p, u8 target, u8 match)
{
	return vmfence_ruleset_has(p->rules, target, match);
}

/**
 * vmfence_policy_has_roles() - whether any rule of @p has an as= list
 * @p: the policy
 *
 * Return: true when the part a file plays in an exec can change a decision.
 */
bool vmfence_policy_has_roles(const struct vmfence_policy *p)
{
	return vmfence_ruleset_has_roles(p->rules);
}

/**
 * vmfence_policy_path_may_end_in() - whether a path rule may end in @name
 * @p: the policy
 * @target: enum vmfence_rule_target
 * @name: the last component of a path (no '/'), not NUL-terminated
 * @len: bytes in @name
 *
 * See vmfence_ruleset_path_may_end_in().
 *
 * Context: any, with @p held as vmfence_policy_current() or _get() says.
 * Return: false when no path rule of @target ends in @name.
 */
bool vmfence_policy_path_may_end_in(const struct vmfence_policy *p, u8 target,
				    const char *name, u32 len)
{
	return vmfence_ruleset_path_may_end_in(p->rules, target, name, len);
}

/**
 * vmfence_policy_nr_rules() - how many rules @p has
 * @p: the policy
 *
 * Return: the count.
 */
u32 vmfence_policy_nr_rules(const struct vmfence_policy *p)
{
	return vmfence_ruleset_nr_rules(p->rules);
}

/**
 * vmfence_policy_rule() - the @index-th rule of @p, in the order added
 * @p: the policy
 * @index: 0-based
 *
 * Return: the rule, or NULL past the end.
 */
const struct vmfence_prule *vmfence_policy_rule(const struct vmfence_policy *p,
						u32 index)
{
	return vmfence_ruleset_rule(p->rules, index);
}

/**
 * vmfence_policy_bytes() - kernel memory held by @p's rules and bind list
 * @p: the policy
 *
 * Return: bytes.
 */
size_t vmfence_policy_bytes(const struct vmfence_policy *p)
{
	return vmfence_ruleset_bytes(p->rules) + bind_bytes(p->bind);
}

/**
 * vmfence_policy_bind_list() - the EKs @p binds to (its bind-tpm setting)
 * @p: the policy
 * @n: set to the number of EKs, 0 when @p binds to no TPM
 *
 * For the canonical text (vmfence_bind_print()) and the interfaces.
 *
 * Context: any, with @p held as vmfence_policy_current() or _get() says.
 * Return: @n entries of VMFENCE_SHA256_SIZE bytes, sorted; NULL when @n is 0.
 */
const u8 *vmfence_policy_bind_list(const struct vmfence_policy *p, u32 *n)
{
	*n = p->bind ? p->bind->n : 0;
	return p->bind ? p->bind->ek : NULL;
}

/**
 * vmfence_policy_tpm_bound() - whether this machine's TPM is one @p binds to
 * @p: the policy
 *
 * What struct vmfence_situation's @bound holds for a decision under @p,
 * and what sysfs and netlink report: the binding of the policy in force
 * to the identity the latest scan established (vmfence_tpm_proven_ek()).
 * Only an EK whose possession the TPM proved counts: a copied certificate
 * binds nothing.
 *
 * Context: any; lockless, with @p held as vmfence_policy_current() or
 * _get() says.
 * Return: enum vmfence_tpm_bound: VMFENCE_TPM_BOUND_UNSET when @p lists no
 * EK; VMFENCE_TPM_BOUND_YES when the TPM proved possession of a listed EK;
 * VMFENCE_TPM_BOUND_NO otherwise (no TPM, no proof, another EK).
 */
u8 vmfence_policy_tpm_bound(const struct vmfence_policy *p)
{
	u8 ek[VMFENCE_SHA256_LEN];

	BUILD_BUG_ON(VMFENCE_SHA256_LEN != VMFENCE_SHA256_SIZE);
	if (!p->bind)
		return VMFENCE_TPM_BOUND_UNSET;
	if (vmfence_tpm_proven_ek(ek) && vmfence_bind_find(p->bind->ek, p->bind->n, ek))
		return VMFENCE_TPM_BOUND_YES;
	return VMFENCE_TPM_BOUND_NO;
}

/**
 * vmfence_policy_summarize() - one generation at a glance
 * @p: the generation, held by the caller
 * @sum: filled from @p alone, so that no field comes from another generation
 *
 * Context: any.
 */
void vmfence_policy_summarize(const struct vmfence_policy *p,
			      struct vmfence_policy_summary *sum)
{
	sum->generation = p->generation;
	sum->mode = p->mode;
	sum->threshold = p->threshold;
	sum->nr_rules = vmfence_ruleset_nr_rules(p->rules);
	sum->nr_bind = p->bind ? p->bind->n : 0;
	sum->tpm_bound = vmfence_policy_tpm_bound(p);
	sum->bytes = vmfence_policy_bytes(p);
}

/**
 * vmfence_policy_summary() - the current generation at a glance
 * @sum: filled from one generation
 *
 * The one way to read a field or two of the current policy.
 *
 * Context: any; takes no lock but RCU's.
 */
void vmfence_policy_summary(struct vmfence_policy_summary *sum)
{
	rcu_read_lock();
	vmfence_policy_summarize(rcu_dereference(vmfence_policy_cur), sum);
	rcu_read_unlock();
}

/**
 * vmfence_policy_locked() - whether the policy is locked until reboot
 *
 * Context: any.
 * Return: true once vmfence_policy_lock() has run.
 */
bool vmfence_policy_locked(void)
{
	return READ_ONCE(vmfence_locked);
}

/**
 * vmfence_policy_set() - change the mode and the threshold in one step
 * @mode: enum vmfence_policy_mode, or -1 to keep it
 * @threshold: 0-100, or -1 to keep it
 * @published: filled with the new generation, when not NULL
 *
 * Both change in one generation, or neither does; the rules and the
 * bind-tpm list stay.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL for an unknown mode or a threshold above 100; -EPERM
 * when locked; -ENOMEM.
 */
int vmfence_policy_set(int mode, int threshold,
		       struct vmfence_policy_summary *published)
{
	struct vmfence_policy *cur;
	int ret;

	if (mode >= VMFENCE_POLICY_MODE_COUNT || threshold > 100)
		return -EINVAL;
	mutex_lock(&vmfence_policy_mutex);
	ret = writable();
	if (!ret) {
		cur = policy_locked_cur();
		ret = publish(vmfence_ruleset_get(cur->rules), bind_get(cur->bind),
			      mode < 0 ? cur->mode : mode,
			      threshold < 0 ? cur->threshold : threshold,
			      published);
	}
	mutex_unlock(&vmfence_policy_mutex);
	return ret;
}

/**
 * vmfence_policy_lock() - make the policy immutable until reboot
 *
 * Also pins the module. Locking a locked policy does nothing.
 *
 * Context: process context; sleeps.
 * Return: 0.
 */
int vmfence_policy_lock(void)
{
	mutex_lock(&vmfence_policy_mutex);
	do_lock();
	mutex_unlock(&vmfence_policy_mutex);
	return 0;
}

/*
 * A new generation of the current rules with @del_id left out (0: none) and
 * @add added under @add_id (NULL: none); the settings and the bind-tpm
 * list stay.
 */
static int edit_rules(const struct vmfence_rule *add, u32 add_id, u32 del_id,
		      struct vmfence_policy_summary *published)
{
	struct vmfence_ruleset *rs;
	struct vmfence_policy *cur;
	int ret;

	mutex_lock(&vmfence_policy_mutex);
	ret = writable();
	if (ret)
		goto out;
	cur = policy_locked_cur();
	rs = vmfence_ruleset_copy(cur->rules, del_id);
	if (IS_ERR(rs)) {
		ret = PTR_ERR(rs);
		goto out;
	}
	if (del_id && vmfence_ruleset_nr_rules(rs) ==
		      vmfence_ruleset_nr_rules(cur->rules))
		ret = -ENOENT;
	else if (add)
		ret = vmfence_ruleset_add(rs, add, add_id);
	if (ret) {
		vmfence_ruleset_free(rs);
		goto out;
	}
	ret = publish(rs, bind_get(cur->bind), cur->mode, cur->threshold, published);
out:
	mutex_unlock(&vmfence_policy_mutex);
	return ret;
}

/**
 * vmfence_policy_rule_add() - add one rule to the running policy
 * @rule: the rule, as the core's parser gave it
 * @id: set to the new rule's id
 * @published: filled with the new generation, when not NULL
 *
 * Context: process context; sleeps.
 * Return: 0; -EEXIST when a rule already has this match; -EPERM when
 * locked; -ENOSPC beyond the policy's bounds; -EINVAL for a malformed rule;
 * -ENOMEM.
 */
int vmfence_policy_rule_add(const struct vmfence_rule *rule, u32 *id,
			    struct vmfence_policy_summary *published)
{
	u32 new_id = atomic_inc_return(&vmfence_rule_ids);
	int ret = edit_rules(rule, new_id, 0, published);

	if (!ret)
		*id = new_id;
	return ret;
}

/**
 * vmfence_policy_rule_del() - remove the rule with id @id
 * @id: its id
 * @published: filled with the new generation, when not NULL
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOENT when no rule has that id; -EPERM when locked; -ENOMEM.
 */
int vmfence_policy_rule_del(u32 id, struct vmfence_policy_summary *published)
{
	return id ? edit_rules(NULL, 0, id, published) : -ENOENT;
}

/**
 * vmfence_builder_new() - start building a replacement policy
 *
 * Nothing is locked while the builder fills; only the commit is.
 *
 * Context: process context; sleeps.
 * Return: the builder, or NULL when out of memory.
 */
struct vmfence_builder *vmfence_builder_new(void)
{
	struct vmfence_builder *b = kvzalloc(sizeof(*b), GFP_KERNEL);

	if (!b)
		return NULL;
	b->set = vmfence_ruleset_new();
	if (!b->set) {
		kvfree(b);
		return NULL;
	}
	return b;
}

/**
 * vmfence_builder_add() - add one rule to a replacement policy
 * @b: the builder
 * @rule: the rule
 *
 * Context: process context; sleeps.
 * Return: 0; -EEXIST when the builder has a rule with this match already;
 * -ENOSPC beyond the policy's bounds; -EINVAL; -ENOMEM.
 */
int vmfence_builder_add(struct vmfence_builder *b,
			const struct vmfence_rule *rule)
{
	return vmfence_ruleset_add(b->set, rule,
				   atomic_inc_return(&vmfence_rule_ids));
}

static int builder_rule(void *ctx, const struct vmfence_rule *rule)
{
	return vmfence_builder_add(ctx, rule);
}

/*
 * An EK of a bind-tpm line: kept sorted, so that the commit publishes it as
 * it is and a duplicate is refused at its place, in any chunk.
 */
static int builder_bind(void *ctx, const u8 *ek_sha256)
{
	struct vmfence_builder *b = ctx;

	if (!b->bind) {
		b->bind = kvmalloc_array(VMFENCE_BIND_TPM_MAX, VMFENCE_SHA256_SIZE,
					 GFP_KERNEL);
		if (!b->bind)
			return -ENOMEM;
	}
	if (b->nr_bind == VMFENCE_BIND_TPM_MAX)
		return -ENOSPC;
	return vmfence_bind_insert(b->bind, &b->nr_bind, ek_sha256);
}

/**
 * vmfence_builder_parse() - add a chunk of policy text
 * @b: the builder
 * @text: whole lines of the policy, in the core grammar
 * @len: bytes in @text
 * @err: on failure, where and why, with lines counted from the first chunk
 *
 * A chunk that gives a setting an earlier chunk gave fails with -EEXIST at
 * its first line, but for lock and bind-tpm: the EKs of every bind-tpm
 * line add up, an EK listed before is refused with -EEXIST at its place,
 * and more than VMFENCE_BIND_TPM_MAX with -ENOSPC.
 *
 * Context: process context; sleeps.
 * Return: 0; the parser's error (-EINVAL, -EEXIST, -ENOSPC, -ENOMEM) with
 * @err filled.
 */
int vmfence_builder_parse(struct vmfence_builder *b, const char *text,
			  size_t len, struct vmfence_parse_error *err)
{
	struct vmfence_policy_parser parser = {
		.rule = builder_rule,
		.bind = builder_bind,
		.ctx = b,
		.scratch = b->scratch,
	};
	u8 twice;
	u32 lines = 0;
	size_t i;
	int ret;

	ret = vmfence_policy_parse(&parser, text, len);
	if (ret) {
		*err = parser.error;
		err->line += b->lines;
		return ret;
	}
	twice = parser.settings.present & b->settings.present &
		~(VMFENCE_SETTING_LOCK | VMFENCE_SETTING_BIND_TPM);
	if (twice) {
		memset(err, 0, sizeof(*err));
		err->line = b->lines + 1;
		err->col = 1;
		err->err = -EEXIST;
		snprintf(err->msg, sizeof(err->msg), "%s given twice",
			 twice & VMFENCE_SETTING_MODE ? "mode" : "threshold");
		return -EEXIST;
	}
	b->settings.present |= parser.settings.present;
	if (parser.settings.present & VMFENCE_SETTING_MODE)
		b->settings.mode = parser.settings.mode;
	if (parser.settings.present & VMFENCE_SETTING_THRESHOLD)
		b->settings.threshold = parser.settings.threshold;
	for (i = 0; i < len; i++)
		lines += text[i] == '\n';
	b->lines += lines + (len && text[len - 1] != '\n');
	return 0;
}

/**
 * vmfence_builder_commit() - replace the running policy with @b's
 * @b: the builder; consumed, whatever the outcome
 * @published: on success, the generation made current (its number, its
 *	rule count and settings, all of that one generation)
 *
 * The rules replace all the running ones at once, and so does the bind-tpm
 * list: a policy without bind-tpm lines binds to no TPM. Mode and
 * threshold, when the policy text gave them, replace the running ones;
 * else they keep their values. A "lock" line locks the policy right after
 * it is in force.
 *
 * Context: process context; sleeps.
 * Return: 0; -EPERM when locked (the running policy is untouched); -ENOMEM.
 */
int vmfence_builder_commit(struct vmfence_builder *b,
			   struct vmfence_policy_summary *published)
{
	struct vmfence_bind *bind = NULL;
	struct vmfence_policy *cur;
	int ret;

	if (b->nr_bind) {
		bind = kvmalloc(struct_size(bind, ek, (size_t)b->nr_bind *
						   VMFENCE_SHA256_SIZE), GFP_KERNEL);
		if (!bind) {
			vmfence_builder_free(b);
			return -ENOMEM;
		}
		kref_init(&bind->ref);
		bind->n = b->nr_bind;
		memcpy(bind->ek, b->bind, (size_t)b->nr_bind * VMFENCE_SHA256_SIZE);
	}
	mutex_lock(&vmfence_policy_mutex);
	ret = writable();
	if (ret) {
		bind_put(bind);
		goto out;
	}
	cur = policy_locked_cur();
	ret = publish(b->set, bind, b->settings.present & VMFENCE_SETTING_MODE ?
			      b->settings.mode : cur->mode,
		      b->settings.present & VMFENCE_SETTING_THRESHOLD ?
			      b->settings.threshold : cur->threshold,
		      published);
	b->set = NULL;
	if (ret)
		goto out;
	if (b->settings.present & VMFENCE_SETTING_LOCK)
		do_lock();
out:
	mutex_unlock(&vmfence_policy_mutex);
	vmfence_builder_free(b);
	return ret;
}

/**
 * vmfence_builder_free() - discard a builder and its rules
 * @b: the builder, or NULL
 *
 * Context: process context.
 */
void vmfence_builder_free(struct vmfence_builder *b)
{
	if (!b)
		return;
	vmfence_ruleset_free(b->set);
	kvfree(b->bind);
	kvfree(b);
}

/**
 * vmfence_policy_init() - the first generation: no rules, enforce, the
 * default threshold
 *
 * With no rules nothing is refused; rules loaded later are enforced unless
 * the policy says otherwise.
 *
 * Context: process context, module init.
 * Return: 0, or -ENOMEM.
 */
int vmfence_policy_init(void)
{
	struct vmfence_ruleset *rs = vmfence_ruleset_new();
	int ret;

	if (!rs)
		return -ENOMEM;
	mutex_lock(&vmfence_policy_mutex);
	vmfence_generation = 0;
	ret = publish(rs, NULL, VMFENCE_POLICY_MODE_ENFORCE, VMFENCE_THRESHOLD_DEFAULT, NULL);
	mutex_unlock(&vmfence_policy_mutex);
	return ret;
}

/**
 * vmfence_policy_guard_unload() - stop the machine when a locked vmfence goes
 *
 * A locked policy pins the module, so only a forced unload (rmmod -f, which
 * ignores module references on kernels built with MODULE_FORCE_UNLOAD, as
 * Debian's are) reaches the module's exit while locked. The unload cannot
 * be refused from there, and the machine must not go on running without
 * vmfence until reboot: it panics, fail-closed, naming the cause on the
 * console (and in pstore or a crash dump where the machine keeps them).
 * With panic=N it reboots, and its boot policy loads and locks vmfence
 * again. An unlocked policy lets the unload go on.
 *
 * Context: process context, the start of module exit.
 */
void vmfence_policy_guard_unload(void)
{
	if (!vmfence_policy_locked())
		return;
	pr_emerg("forced unload of a locked policy: the machine must not run without vmfence until reboot; stopping it\n");
	panic("vmfence: forced unload of a locked policy");
}

/**
 * vmfence_policy_exit() - free the current generation
 *
 * Waits for the RCU callbacks that free older generations.
 *
 * Context: process context, module exit; no reader is left.
 */
void vmfence_policy_exit(void)
{
	struct vmfence_policy *p;

	mutex_lock(&vmfence_policy_mutex);
	p = policy_locked_cur();
	RCU_INIT_POINTER(vmfence_policy_cur, NULL);
	mutex_unlock(&vmfence_policy_mutex);
	if (p)
		kref_put(&p->ref, policy_release);
	rcu_barrier();
}
