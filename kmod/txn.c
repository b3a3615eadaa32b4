// SPDX-License-Identifier: GPL-2.0
/* txn.c - whole-policy transactions: one at a time, owned by a socket */

#include <linux/mutex.h>
#include <linux/slab.h>

#include "txn.h"

/**
 * struct vmfence_txn - a whole-policy replace in progress
 * @owner: who began it (a netlink port id); only it may load, commit or
 *	abort, and its release drops the transaction
 * @builder: the policy being built; owned by the transaction
 *
 * Both fields, and the txn pointer to the one transaction, are guarded by
 * txn_lock: the owner's commands and every release take it. A chunk is
 * parsed under it, so one transaction's chunks are taken in order.
 */
struct vmfence_txn {
	u32 owner;
	struct vmfence_builder *builder;
};

static DEFINE_MUTEX(txn_lock);
static struct vmfence_txn *txn;	/* guarded by txn_lock */

static void txn_drop(void)
{
	lockdep_assert_held(&txn_lock);
	if (!txn)
		return;
	vmfence_builder_free(txn->builder);
	kfree(txn);
	txn = NULL;
}

/* The open transaction, if @owner owns it; else an ERR_PTR. */
static struct vmfence_txn *txn_of(u32 owner)
{
	lockdep_assert_held(&txn_lock);
	if (!txn)
		return ERR_PTR(-ENOENT);
	if (txn->owner != owner)
		return ERR_PTR(-EBUSY);
	return txn;
}

/**
 * vmfence_txn_begin() - open the transaction, for @owner
 * @owner: the socket that asks
 *
 * Nothing is locked while the transaction fills; the policy lock is
 * checked at the commit.
 *
 * Context: process context; sleeps.
 * Return: 0; -EALREADY when @owner has the transaction open already;
 * -EBUSY when another owner has; -ENOMEM.
 */
int vmfence_txn_begin(u32 owner)
{
	struct vmfence_txn *t;
	int ret = 0;

	mutex_lock(&txn_lock);
	if (txn) {
		ret = txn->owner == owner ? -EALREADY : -EBUSY;
		goto out;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (t)
		t->builder = vmfence_builder_new();
	if (!t || !t->builder) {
		kfree(t);
		ret = -ENOMEM;
		goto out;
	}
	t->owner = owner;
	txn = t;
out:
	mutex_unlock(&txn_lock);
	return ret;
}

/**
 * vmfence_txn_load() - parse whole lines of policy into @owner's transaction
 * @owner: the socket that asks
 * @text: the lines, ending with a newline
 * @len: bytes in @text
 * @err: on a malformed chunk, where and why, counted from the first line of
 *	the transaction
 *
 * A malformed chunk drops the transaction: it could not commit any more.
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOENT when no transaction is open; -EBUSY when another
 * owner's is; the parser's error with @err filled (-EINVAL, -EEXIST,
 * -ENOSPC, -ENOMEM).
 */
int vmfence_txn_load(u32 owner, const char *text, size_t len,
		     struct vmfence_parse_error *err)
{
	struct vmfence_txn *t;
	int ret;

	mutex_lock(&txn_lock);
	t = txn_of(owner);
	ret = PTR_ERR_OR_ZERO(t);
	if (!ret) {
		ret = vmfence_builder_parse(t->builder, text, len, err);
		if (ret)
			txn_drop();
	}
	mutex_unlock(&txn_lock);
	return ret;
}

/**
 * vmfence_txn_commit() - publish @owner's transaction, and end it
 * @owner: the socket that asks
 * @published: on success, the generation made current, its rule count and
 *	settings, all of that one generation
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOENT when no transaction is open; -EBUSY when another
 * owner's is; -EPERM once the policy is locked (the running policy is
 * untouched, the transaction ends); -ENOMEM.
 */
int vmfence_txn_commit(u32 owner, struct vmfence_policy_summary *published)
{
	struct vmfence_txn *t;
	int ret;

	mutex_lock(&txn_lock);
	t = txn_of(owner);
	ret = PTR_ERR_OR_ZERO(t);
	if (!ret) {
		/* The commit consumes the builder, whatever its outcome. */
		ret = vmfence_builder_commit(t->builder, published);
		t->builder = NULL;
		txn_drop();
	}
	mutex_unlock(&txn_lock);
	return ret;
}

/**
 * vmfence_txn_abort() - drop @owner's transaction
 * @owner: the socket that asks
 *
 * Context: process context; sleeps.
 * Return: 0; -ENOENT when no transaction is open; -EBUSY when another
 * owner's is.
 */
int vmfence_txn_abort(u32 owner)
{
	struct vmfence_txn *t;

	mutex_lock(&txn_lock);
	t = txn_of(owner);
	if (!IS_ERR(t))
		txn_drop();
	mutex_unlock(&txn_lock);
	return PTR_ERR_OR_ZERO(t);
}

/**
 * vmfence_txn_release() - @owner is gone: drop its transaction, if any
 * @owner: the socket that closed
 *
 * Context: process context; sleeps.
 */
void vmfence_txn_release(u32 owner)
{
	mutex_lock(&txn_lock);
	if (txn && txn->owner == owner)
		txn_drop();
	mutex_unlock(&txn_lock);
}

/**
 * vmfence_txn_exit() - drop the open transaction, at module exit
 *
 * Context: process context; no request can come any more.
 */
void vmfence_txn_exit(void)
{
	mutex_lock(&txn_lock);
	txn_drop();
	mutex_unlock(&txn_lock);
}
