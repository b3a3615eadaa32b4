/* SPDX-License-Identifier: GPL-2.0 */
/*
 * digest.h - what identifies an executed file, cached per inode
 *
 * The SHA-256 digest of a file's content and its security.vmfence label are
 * computed once per inode and kept until the file changes; beside them sits
 * the last decision reached for the file (a memo), valid for one policy
 * generation and one verdict. A cache hit takes no sleeping lock and hashes
 * nothing.
 *
 * Invalidation: every cached inode carries an fsnotify mark of vmfence's own
 * group, watching FS_MODIFY (write, truncate, fallocate), FS_CLOSE_WRITE (the
 * last close of a file opened for writing, which ends any writing through a
 * shared mapping) and FS_ATTRIB (metadata: the label, a rename over it, a
 * link count). Any of them drops the entry before the event returns. A file
 * cannot be opened for writing while it is being executed
 * (deny_write_access()), and a writer's close is notified before its write
 * access is released, so no exec can see content newer than its entry.
 * Timestamps alone would not do: they move by clock ticks (by seconds on
 * some file systems), and a change made within the tick of the previous one
 * leaves them as they were. The inode's size, change time and i_version are
 * compared on every hit as well, for changes no local event reports (a
 * network file system revalidating its attributes).
 *
 * The inode is the one that holds the file's bytes: on a stacked file
 * system (overlayfs) the upper or lower inode under the file executed, so
 * that a change made to it directly, beneath the stack, is seen too. The
 * kernel does not deny writes to that inode while the stacked file runs:
 * vmfence denies them while it reads the file, and refuses (-ETXTBSY) a
 * file whose real inode is open for writing instead of trusting an entry.
 *
 * The mark pins the inode, so the inode pointer is the key. The cache holds
 * at most VMFENCE_DIGEST_CACHE_MAX entries, evicted by CLOCK.
 */
#ifndef VMFENCE_DIGEST_H
#define VMFENCE_DIGEST_H

#include <linux/types.h>

#include "core/rule.h"

struct file;

#define VMFENCE_DIGEST_CACHE_MAX	1024

/**
 * struct vmfence_file_facts - what identifies one file
 * @has_sha256: @sha256 was computed (it was asked for)
 * @label_len: bytes in @label; 0 when the file has no usable label
 * @sha256: the SHA-256 digest of the file's content
 * @label: the value of its security.vmfence attribute, not NUL-terminated
 */
struct vmfence_file_facts {
	bool has_sha256;
	u8 label_len;
	u8 sha256[VMFENCE_SHA256_SIZE];
	char label[VMFENCE_LABEL_MAX];
};

/**
 * struct vmfence_memo - a decision remembered for a file
 * @generation: the policy generation it was reached under
 * @situation: vmfence_situation_key() of the verdict and settings
 * @rule_id: the rule that decided it; 0 when none matched
 * @decision: enum vmfence_decision
 * @role: the enum vmfence_exec_role it was reached for; 0 when the policy has
 *	no as= condition and the role cannot change it
 */
struct vmfence_memo {
	u64 generation;
	u64 situation;
	u32 rule_id;
	u8 decision;
	u8 role;
};

/* Interpreter paths up to this long (the NUL included) are remembered. */
#define VMFENCE_ELF_MEMO_PATH	64

/**
 * struct vmfence_elf_memo - the ELF interpreter a program names, remembered
 *	with its facts so that an unchanged program is not parsed again
 * @known: recorded for the file's current content
 * @names: the program names an interpreter the ELF loader would open
 * @entry_inside: the program's entry point lies in the program itself
 * @path: when @names, the interpreter's path, NUL-terminated
 */
struct vmfence_elf_memo {
	bool known;
	bool names;
	bool entry_inside;
	char path[VMFENCE_ELF_MEMO_PATH];
};

int vmfence_digest_init(void);
void vmfence_digest_exit(void);
int vmfence_file_facts(struct file *file, bool want_sha256,
		       struct vmfence_file_facts *facts);
bool vmfence_memo_get(struct file *file, bool want_sha256,
		      struct vmfence_memo *memo, struct vmfence_file_facts *facts);
void vmfence_memo_set(struct file *file, const struct vmfence_memo *memo);
bool vmfence_elf_memo_get(struct file *file, struct vmfence_elf_memo *m);
void vmfence_elf_memo_set(struct file *file, const struct vmfence_elf_memo *m);
unsigned int vmfence_digest_cached(void);

#endif /* VMFENCE_DIGEST_H */
