/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vmfence.h - the vmfence generic netlink ABI, shared by the module and
 * vmfencectl
 *
 * The family is named VMFENCE_GENL_NAME; its version is VMFENCE_GENL_VERSION.
 * Attribute numbers and values below are ABI: append, never renumber.
 */
#ifndef _UAPI_LINUX_VMFENCE_H
#define _UAPI_LINUX_VMFENCE_H

#define VMFENCE_GENL_NAME	"vmfence"
#define VMFENCE_GENL_VERSION	1

/* The multicast group that carries enforcement events. */
#define VMFENCE_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_VMFENCE_H */
