/* SPDX-License-Identifier: GPL-2.0 */
/* netlink.h - the vmfence generic netlink family */
#ifndef VMFENCE_NETLINK_H
#define VMFENCE_NETLINK_H

#include <linux/types.h>

#include "core/ids.h"

/**
 * struct vmfence_event - one enforcement decision, for the events group
 * @op: enum vmfence_event_op (include/uapi/linux/vmfence.h)
 * @result: enum vmfence_event_result
 * @confidence: the verdict's confidence, 0-100
 * @hv: the verdict's hypervisor
 * @rule_id: the rule that matched
 * @path: the file, or NULL when unknown
 * @name: the module's name for a module load, or NULL
 * @sha256: the file's 32-byte digest, or NULL when it was not computed
 * @role: enum vmfence_role of the file in its exec (op exec)
 *
 * The pid, uids and command name are the current task's.
 */
struct vmfence_event {
	u8 op;
	u8 result;
	u8 confidence;
	enum vmfence_hv hv;
	u32 rule_id;
	const char *path;
	const char *name;
	const u8 *sha256;
	u8 role;
};

int vmfence_netlink_init(void);
void vmfence_netlink_exit(void);
int vmfence_genl_event(const struct vmfence_event *ev);

#endif /* VMFENCE_NETLINK_H */
