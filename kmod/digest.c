// SPDX-License-Identifier: GPL-2.0
/* digest.c - what identifies an executed file, cached per inode */

#include <crypto/hash.h>
#include <linux/fs.h>
#include <linux/fsnotify_backend.h>
#include <linux/hash.h>
#include <linux/iversion.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/sched/signal.h>
#include <linux/seqlock.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/xattr.h>

#include "compat.h"
#include "digest.h"
#include "stats.h"

#define DIGEST_HASH_BITS	10
#define DIGEST_CHUNK		SZ_16K
/* Events after which an entry no longer describes its inode. */
#define DIGEST_EVENTS		(FS_MODIFY | FS_CLOSE_WRITE | FS_ATTRIB)
#define DIGEST_LABEL_XATTR	XATTR_SECURITY_PREFIX "vmfence"

/**
 * struct digest_cookie - an inode's change markers
 * @size: i_size
 * @ctime: change time, which every write, truncation and attribute change
 *	moves (a write moves the modification time with it)
 * @iversion: i_version where the file system keeps one, else 0
 */
struct digest_cookie {
	loff_t size;
	struct timespec64 ctime;
	u64 iversion;
};

/**
 * struct digest_entry - one cached inode
 * @mark: vmfence's fsnotify mark on @inode, which pins @inode. The
 *	reference fsnotify_init_mark() gave belongs to @users; fsnotify's
 *	own (attached) reference goes when the mark is destroyed
 * @node: in digest_table; changed under digest_lock, walked under RCU
 * @clock: in digest_clock, under digest_lock
 * @inode: the key; valid while @mark holds it
 * @users: the table while @hashed, a filler, an evictor; the last one
 *	drops the mark's reference, and freeing the mark frees the entry
 * @hashed: in digest_table and digest_clock; under digest_lock
 * @dead: the mark is going: never hash the entry again; under digest_lock
 * @referenced: hit since the clock hand last passed; set locklessly
 * @cookie: @inode's markers when @facts were read; immutable once hashed
 * @facts: immutable once hashed
 * @memo_lock: writers of @memo and @elf take it; readers retry around it
 * @memo: the last decision reached for the file
 * @elf: the ELF interpreter the file names, once parsed (judge.c)
 * @rcu: frees the entry once RCU readers of the table are done
 */
struct digest_entry {
	struct fsnotify_mark mark;
	struct hlist_node node;
	struct list_head clock;
	struct inode *inode;
	refcount_t users;
	bool hashed;
	bool dead;
	bool referenced;
	struct digest_cookie cookie;
	struct vmfence_file_facts facts;
	seqlock_t memo_lock;
	struct vmfence_memo memo;
	struct vmfence_elf_memo elf;
	struct rcu_head rcu;
};

static struct crypto_shash *digest_tfm;
static struct fsnotify_group *digest_group;
/* Guards digest_table's and digest_clock's changes, and digest_count. */
static DEFINE_SPINLOCK(digest_lock);
static struct hlist_head digest_table[1 << DIGEST_HASH_BITS];
/* Hashed entries, the clock hand's next candidate first. */
static LIST_HEAD(digest_clock);
static unsigned int digest_count;

static struct digest_entry *entry_of(struct fsnotify_mark *mark)
{
	return container_of(mark, struct digest_entry, mark);
}

static void entry_put(struct digest_entry *e)
{
	if (refcount_dec_and_test(&e->users))
		fsnotify_put_mark(&e->mark);
}

/* Take @e out of the table for good; true when it was in it. */
static bool entry_unhash(struct digest_entry *e)
{
	lockdep_assert_held(&digest_lock);
	e->dead = true;
	if (!e->hashed)
		return false;
	hlist_del_rcu(&e->node);
	list_del(&e->clock);
	e->hashed = false;
	digest_count--;
	return true;
}

/*
 * Destroy the mark of an entry just unhashed by the caller, whose table
 * reference passes to the caller with it.
 */
static void entry_release(struct digest_entry *e)
{
	might_sleep();
	fsnotify_destroy_mark(&e->mark, digest_group);
	entry_put(e);
}

static struct digest_entry *entry_find(const struct inode *inode)
{
	struct digest_entry *e;

	hlist_for_each_entry_rcu(e, &digest_table[hash_ptr(inode, DIGEST_HASH_BITS)],
				 node, lockdep_is_held(&digest_lock))
		if (e->inode == inode)
			return e;
	return NULL;
}

/* The next entry to evict, unhashed: CLOCK, second chance for a recent hit. */
static struct digest_entry *clock_victim(void)
{
	struct digest_entry *e;

	lockdep_assert_held(&digest_lock);
	while ((e = list_first_entry_or_null(&digest_clock, struct digest_entry,
					     clock))) {
		if (!READ_ONCE(e->referenced)) {
			entry_unhash(e);
			return e;
		}
		WRITE_ONCE(e->referenced, false);
		list_move_tail(&e->clock, &digest_clock);
	}
	return NULL;
}

/* fsnotify: the file changed. The mark is protected by fsnotify's SRCU. */
static int digest_event(struct fsnotify_mark *mark, u32 mask,
			struct inode *inode, struct inode *dir,
			const struct qstr *name, u32 cookie)
{
	fsnotify_destroy_mark(mark, digest_group);
	return 0;
}

/* fsnotify: the mark is going, whoever destroys it; once per mark. */
static void digest_freeing_mark(struct fsnotify_mark *mark,
				struct fsnotify_group *group)
{
	struct digest_entry *e = entry_of(mark);
	bool hashed;

	spin_lock(&digest_lock);
	hashed = entry_unhash(e);
	spin_unlock(&digest_lock);
	if (hashed)
		entry_put(e);
}

/* fsnotify: the last reference to the mark is gone. */
static void digest_free_mark(struct fsnotify_mark *mark)
{
	kfree_rcu(entry_of(mark), rcu);
}

static const struct fsnotify_ops digest_fsnotify_ops = {
	.handle_inode_event = digest_event,
	.freeing_mark = digest_freeing_mark,
	.free_mark = digest_free_mark,
};

/*
 * The inode that holds @file's bytes: the file's own, or on a stacked file
 * system (overlayfs) the upper or lower inode under it. Digests, labels'
 * change events, the change markers and the memo all follow that inode, so
 * that a change made beneath the stack, to the lower file directly, is
 * seen as a change of the file executed.
 */
static struct inode *real_inode(struct file *file)
{
	return d_real_inode(file->f_path.dentry);
}

/*
 * The kernel denies writes to the file an exec runs (deny_write_access())
 * but not to the real inode under a stacked file. While @file is read for
 * its facts, vmfence denies them there too; a real inode already open for
 * writing gives -ETXTBSY, as the kernel's own check does.
 */
static int deny_real_write(struct file *file, struct inode *real)
{
	if (real == file_inode(file))
		return 0;
	return atomic_dec_unless_positive(&real->i_writecount) ? 0 : -ETXTBSY;
}

static void allow_real_write(struct file *file, struct inode *real)
{
	if (real != file_inode(file))
		atomic_inc(&real->i_writecount);
}

static void read_cookie(struct inode *inode, struct digest_cookie *c)
{
	c->size = i_size_read(inode);
	c->ctime = inode_get_ctime(inode);
	c->iversion = IS_I_VERSION(inode) ? inode_query_iversion(inode) : 0;
}

static bool cookie_equal(const struct digest_cookie *a,
			 const struct digest_cookie *b)
{
	return a->size == b->size && a->iversion == b->iversion &&
	       timespec64_equal(&a->ctime, &b->ctime);
}

/* SHA-256 of the whole file, read from the start in chunks. */
static int hash_file(struct file *file, u8 *digest)
{
	SHASH_DESC_ON_STACK(desc, digest_tfm);
	loff_t pos = 0;
	ssize_t n;
	void *buf;
	int ret;

	buf = kmalloc(DIGEST_CHUNK, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	desc->tfm = digest_tfm;
	ret = crypto_shash_init(desc);
	while (!ret) {
		n = kernel_read(file, buf, DIGEST_CHUNK, &pos);
		if (n <= 0) {
			ret = n ? n : crypto_shash_final(desc, digest);
			break;
		}
		ret = crypto_shash_update(desc, buf, n);
		if (!ret && fatal_signal_pending(current))
			ret = -EINTR;
		cond_resched();
	}
	shash_desc_zero(desc);
	kfree(buf);
	return ret;
}

static int read_facts(struct file *file, bool want_sha256,
		      struct vmfence_file_facts *facts)
{
	ssize_t n;
	int ret;

	memset(facts, 0, sizeof(*facts));
	n = __vfs_getxattr(file_dentry(file), file_inode(file),
			   DIGEST_LABEL_XATTR, facts->label, sizeof(facts->label));
	if (n > 0)
		facts->label_len = n;
	else if (n < 0 && n != -ENODATA && n != -EOPNOTSUPP && n != -ERANGE)
		return n;	/* -ERANGE: longer than any label rule */
	if (!want_sha256)
		return 0;
	ret = hash_file(file, facts->sha256);
	if (ret)
		return ret;
	facts->has_sha256 = true;
	vmfence_stat_inc(VMFENCE_STAT_DIGEST_MISSES);
	return 0;
}

/*
 * Read @file's facts into a new entry and hash it. The mark goes on first,
 * so that a change while the facts are read kills the entry before it is
 * hashed. Without memory or a mark, the facts are read all the same.
 */
static int fill(struct file *file, bool want_sha256,
		struct vmfence_file_facts *facts)
{
	struct inode *inode = real_inode(file);
	struct digest_entry *e, *victim = NULL;
	bool hashed = false;
	int ret;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (e) {
		fsnotify_init_mark(&e->mark, digest_group);
		e->mark.mask = DIGEST_EVENTS;
		e->inode = inode;
		refcount_set(&e->users, 1);
		seqlock_init(&e->memo_lock);
		if (fsnotify_add_inode_mark(&e->mark, inode, 0)) {
			/* Never attached: this frees it. */
			fsnotify_put_mark(&e->mark);
			e = NULL;
		}
	}
	ret = deny_real_write(file, inode);
	if (!ret) {
		if (e)
			read_cookie(inode, &e->cookie);
		ret = read_facts(file, want_sha256, facts);
		allow_real_write(file, inode);
	}
	if (!e)
		return ret;

	if (!ret) {
		e->facts = *facts;
		spin_lock(&digest_lock);
		if (!e->dead && !entry_find(inode)) {
			hlist_add_head_rcu(&e->node,
					   &digest_table[hash_ptr(inode, DIGEST_HASH_BITS)]);
			list_add_tail(&e->clock, &digest_clock);
			e->hashed = true;
			refcount_inc(&e->users);
			hashed = true;
			if (++digest_count > VMFENCE_DIGEST_CACHE_MAX)
				victim = clock_victim();
		}
		spin_unlock(&digest_lock);
	}
	if (victim)
		entry_release(victim);
	if (!hashed)
		fsnotify_destroy_mark(&e->mark, digest_group);
	entry_put(e);
	return ret;
}

/* Drop @inode's entry, if it has one. */
static void drop(struct inode *inode)
{
	struct digest_entry *e;

	spin_lock(&digest_lock);
	e = entry_find(inode);
	if (e && !entry_unhash(e))
		e = NULL;
	spin_unlock(&digest_lock);
	if (e)
		entry_release(e);
}

/*
 * @inode's entry when it still describes the inode as @now finds it; under
 * rcu_read_lock(). NULL, with *@stale set when there is an entry that no
 * longer does.
 */
static struct digest_entry *lookup(struct inode *inode,
				   const struct digest_cookie *now, bool *stale)
{
	struct digest_entry *e = entry_find(inode);

	*stale = e && !cookie_equal(&e->cookie, now);
	return *stale ? NULL : e;
}

/* @inode's entry if it still describes the inode's content; under RCU. */
static struct digest_entry *valid_entry(struct inode *inode)
{
	struct digest_cookie now;
	bool stale;

	read_cookie(inode, &now);
	return lookup(inode, &now, &stale);
}

/**
 * vmfence_file_facts() - the digest and label of a file being executed
 * @file: the file; not open for writing anywhere (deny_write_access())
 * @want_sha256: compute the digest, unless the cache has it
 * @facts: filled
 *
 * Served from the cache when the inode that holds the file's bytes has an
 * entry that still describes it and holds what is asked for; otherwise
 * read and cached.
 *
 * Context: process context; sleeps. On a hit, takes no sleeping lock.
 * Return: 0; -ENOMEM; -EINTR on a fatal signal while hashing; -ETXTBSY when
 * the file is stacked over a real file that is open for writing; an error
 * from reading the file or its label (not -ENODATA or -EOPNOTSUPP: a file
 * without a label has label_len 0).
 */
int vmfence_file_facts(struct file *file, bool want_sha256,
		       struct vmfence_file_facts *facts)
{
	struct inode *inode = real_inode(file);
	struct digest_cookie now;
	struct digest_entry *e;
	bool stale;

	might_sleep();
	/* Its bytes may change under any entry or any reading of them. */
	if (inode_is_open_for_write(inode))
		return -ETXTBSY;
	read_cookie(inode, &now);
	rcu_read_lock();
	e = lookup(inode, &now, &stale);
	if (e && (!want_sha256 || e->facts.has_sha256)) {
		*facts = e->facts;
		WRITE_ONCE(e->referenced, true);
		rcu_read_unlock();
		if (want_sha256)
			vmfence_stat_inc(VMFENCE_STAT_DIGEST_HITS);
		return 0;
	}
	rcu_read_unlock();
	/* Stale, or without the digest now asked for: start again. */
	if (e || stale)
		drop(inode);
	return fill(file, want_sha256, facts);
}

/**
 * vmfence_memo_get() - the decision remembered for a file, if still valid
 * @file: the file being executed
 * @want_sha256: the policy has digest rules: a hit counts as a digest hit
 * @memo: @generation, @situation and @role say what the decision must be
 *	valid for; @rule_id and @decision are filled on a hit
 * @facts: on a hit, the file's facts, for the record of the decision
 *
 * A file stacked over a real file that is open for writing never hits: its
 * bytes may be changing beneath the stack, and vmfence_file_facts() refuses
 * to read them.
 *
 * Context: any; takes no lock but RCU's.
 * Return: true on a hit.
 */
bool vmfence_memo_get(struct file *file, bool want_sha256,
		      struct vmfence_memo *memo, struct vmfence_file_facts *facts)
{
	struct inode *inode = real_inode(file);
	struct vmfence_memo m;
	struct digest_entry *e;
	unsigned int seq;
	bool hit = false;

	rcu_read_lock();
	e = valid_entry(inode);
	if (e) {
		do {
			seq = read_seqbegin(&e->memo_lock);
			m = e->memo;
		} while (read_seqretry(&e->memo_lock, seq));
		hit = m.generation && m.generation == memo->generation &&
		      m.situation == memo->situation && m.role == memo->role &&
		      !inode_is_open_for_write(inode);
		if (hit) {
			*facts = e->facts;
			WRITE_ONCE(e->referenced, true);
		}
	}
	rcu_read_unlock();
	if (!hit)
		return false;
	memo->rule_id = m.rule_id;
	memo->decision = m.decision;
	if (want_sha256)
		vmfence_stat_inc(VMFENCE_STAT_DIGEST_HITS);
	return true;
}

/**
 * vmfence_memo_set() - remember a decision for a file
 * @file: the file; its facts were read just before, so it normally has
 *	an entry (without one, nothing is remembered)
 * @memo: the decision and what it is valid for
 *
 * Context: any; takes a spinning lock.
 */
void vmfence_memo_set(struct file *file, const struct vmfence_memo *memo)
{
	struct digest_entry *e;

	rcu_read_lock();
	e = entry_find(real_inode(file));
	if (e) {
		write_seqlock(&e->memo_lock);
		e->memo = *memo;
		write_sequnlock(&e->memo_lock);
	}
	rcu_read_unlock();
}

/**
 * vmfence_elf_memo_get() - the ELF interpreter a file names, if remembered
 *	for its current content
 * @file: the program being executed
 * @m: filled on a hit
 *
 * The entry and its change detection are the facts': a file whose content
 * changed has no entry, or a stale one, and misses.
 *
 * Context: any; takes no lock but RCU's.
 * Return: true on a hit.
 */
bool vmfence_elf_memo_get(struct file *file, struct vmfence_elf_memo *m)
{
	struct digest_entry *e;
	unsigned int seq;

	m->known = false;
	rcu_read_lock();
	e = valid_entry(real_inode(file));
	if (e) {
		do {
			seq = read_seqbegin(&e->memo_lock);
			*m = e->elf;
		} while (read_seqretry(&e->memo_lock, seq));
	}
	rcu_read_unlock();
	return m->known;
}

/**
 * vmfence_elf_memo_set() - remember the ELF interpreter a file names
 * @file: the program, whose headers were just parsed; remembered only
 *	where its facts are cached for its current content
 * @m: what the parse found, @known set
 *
 * Context: any; takes no lock but RCU's and the entry's seqlock.
 */
void vmfence_elf_memo_set(struct file *file, const struct vmfence_elf_memo *m)
{
	struct digest_entry *e;

	rcu_read_lock();
	e = valid_entry(real_inode(file));
	if (e) {
		write_seqlock(&e->memo_lock);
		e->elf = *m;
		write_sequnlock(&e->memo_lock);
	}
	rcu_read_unlock();
}

/**
 * vmfence_digest_cached() - how many inodes the cache holds now
 *
 * Context: any.
 * Return: the count, at most VMFENCE_DIGEST_CACHE_MAX.
 */
unsigned int vmfence_digest_cached(void)
{
	return READ_ONCE(digest_count);
}

/**
 * vmfence_digest_init() - the hash transform and the fsnotify group
 *
 * Context: process context, module init.
 * Return: 0; -ENOENT when the kernel has no sha256; -ENOMEM.
 */
int vmfence_digest_init(void)
{
	digest_tfm = crypto_alloc_shash("sha256", 0, 0);
	if (IS_ERR(digest_tfm))
		return PTR_ERR(digest_tfm);
	digest_group = fsnotify_alloc_group(&digest_fsnotify_ops,
					    VMFENCE_FSNOTIFY_GROUP_FLAGS);
	if (IS_ERR(digest_group)) {
		crypto_free_shash(digest_tfm);
		return PTR_ERR(digest_group);
	}
	return 0;
}

/**
 * vmfence_digest_exit() - empty the cache and free everything
 *
 * Drops every entry and its mark, then waits until fsnotify has freed the
 * marks (and the group with the last of them), so that none of this file's
 * callbacks runs after the module is gone.
 *
 * Context: process context, module exit; nothing looks files up any more.
 */
void vmfence_digest_exit(void)
{
	struct digest_entry *e;

	for (;;) {
		spin_lock(&digest_lock);
		e = list_first_entry_or_null(&digest_clock, struct digest_entry,
					     clock);
		if (e)
			entry_unhash(e);
		spin_unlock(&digest_lock);
		if (!e)
			break;
		entry_release(e);
	}
	fsnotify_put_group(digest_group);
	fsnotify_wait_marks_destroyed();
	crypto_free_shash(digest_tfm);
}
