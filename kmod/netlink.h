/* SPDX-License-Identifier: GPL-2.0 */
/* netlink.h - the vmfence generic netlink family */
#ifndef VMFENCE_NETLINK_H
#define VMFENCE_NETLINK_H

#include <linux/types.h>

#include "event.h"

int vmfence_netlink_init(void);
void vmfence_netlink_exit(void);
int vmfence_genl_event(const struct vmfence_event *ev);

#endif /* VMFENCE_NETLINK_H */
