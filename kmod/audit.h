/* SPDX-License-Identifier: GPL-2.0 */
/*
 * audit.h - the kernel audit record of one decision, a sink of record.c
 */
#ifndef VMFENCE_AUDIT_H
#define VMFENCE_AUDIT_H

#include "event.h"

void vmfence_audit_event(const struct vmfence_event *ev);

#endif /* VMFENCE_AUDIT_H */
