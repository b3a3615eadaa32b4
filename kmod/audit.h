/* SPDX-License-Identifier: GPL-2.0 */
/*
 * audit.h - the record of every refusal and every audited match
 *
 * One call leaves four traces: a kernel audit record, a rate-limited kernel
 * log line, a per-cause counter, and an event on the netlink "events" group.
 */
#ifndef VMFENCE_AUDIT_H
#define VMFENCE_AUDIT_H

#include "netlink.h"

void vmfence_record(const struct vmfence_event *ev);

#endif /* VMFENCE_AUDIT_H */
