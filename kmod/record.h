/* SPDX-License-Identifier: GPL-2.0 */
/*
 * record.h - the record of every refusal and every audited match
 *
 * One event, filled once by the path that decided (judge.c,
 * enforce_module.c), goes to four sinks: the per-cause counters, a kernel
 * audit record (audit.c), a rate-limited kernel log line, and the netlink
 * "events" group (netlink.c). Enforcement depends on this file only; what
 * a sink cannot write is lost, and the decision stands.
 */
#ifndef VMFENCE_RECORD_H
#define VMFENCE_RECORD_H

#include "event.h"

void vmfence_record(struct vmfence_event *ev);

#endif /* VMFENCE_RECORD_H */
