/* SPDX-License-Identifier: GPL-2.0 */
/*
 * txn.h - whole-policy transactions: one at a time, owned by a socket
 *
 * A policy too large for one message is loaded in chunks: BEGIN opens the
 * one transaction, owned by the netlink socket that asked; LOAD parses
 * chunks into it, in order; COMMIT publishes it in one step; ABORT, a
 * malformed chunk, or the owner's socket closing drops it. The owner is a
 * number (the socket's port id) to this file; netlink.c maps requests and
 * socket releases to it.
 */
#ifndef VMFENCE_TXN_H
#define VMFENCE_TXN_H

#include <linux/types.h>

#include "core/rule_parse.h"
#include "policy.h"

int vmfence_txn_begin(u32 owner);
int vmfence_txn_load(u32 owner, const char *text, size_t len,
		     struct vmfence_parse_error *err);
int vmfence_txn_commit(u32 owner, struct vmfence_policy_summary *published);
int vmfence_txn_abort(u32 owner);
void vmfence_txn_release(u32 owner);
void vmfence_txn_exit(void);

#endif /* VMFENCE_TXN_H */
