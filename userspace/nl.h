/* SPDX-License-Identifier: GPL-2.0 */
/* nl.h - vmfencectl's generic netlink client for the vmfence family */
#ifndef VMFENCECTL_NL_H
#define VMFENCECTL_NL_H

#include <stdbool.h>
#include <stdint.h>

#include <netlink/attr.h>
#include <linux/vmfence.h>

struct nl_sock;
struct nl_msg;

struct ctl_nl {
	struct nl_sock *sk;
	int family;		/* the family's id */
};

/* How a request ended, with the kernel's extended ACK. */
struct ctl_nl_err {
	int error;		/* 0, or a negative errno */
	char msg[256];		/* the extended ACK's message, or "" */
	bool has_pos;		/* the kernel gave a position (policy text) */
	struct vmfence_parse_cookie pos;
};

/*
 * Called for each message the kernel answers with, its top-level attributes
 * parsed into tb[0..VMFENCE_A_MAX]. Returns 0, or a negative errno that
 * ends the request.
 */
typedef int (*ctl_nl_cb)(struct nlattr **tb, void *arg);

/*
 * Connect and look the family up. Return 0, or 1 after printing why not
 * (the module is not loaded, or netlink fails).
 */
int ctl_nl_open(struct ctl_nl *nl);
void ctl_nl_close(struct ctl_nl *nl);

/* A new request for @cmd; NULL when out of memory. */
struct nl_msg *ctl_nl_msg(struct ctl_nl *nl, uint8_t cmd);

/*
 * Send @msg (freed here) as a request, or a dump when @dump, and read the
 * answers until the end. Return 0 or a negative errno, also in @err.
 */
int ctl_nl_do(struct ctl_nl *nl, struct nl_msg *msg, bool dump, ctl_nl_cb cb,
	      void *arg, struct ctl_nl_err *err);

/* The id of the family's events group, or a negative errno. */
int ctl_nl_events_group(struct ctl_nl *nl);

/*
 * Print "vmfencectl: WHAT: REASON" to stderr, where REASON is the kernel's
 * extended ACK message when it gave one, else strerror. Return 1.
 */
int ctl_nl_perror(const char *what, const struct ctl_nl_err *err);

struct ctl;

/*
 * A command failed: ctl_nl_perror(), and with -j also a JSON object on
 * stdout, {"error": {"command", "errno", "message", "extack"[, "line",
 * "column"]}}. Return 1.
 */
int ctl_nl_fail(const struct ctl *ctl, const char *what,
		const struct ctl_nl_err *err);

/* The string in @nla, or "" when absent. */
const char *ctl_nla_str(const struct nlattr *nla);

#endif /* VMFENCECTL_NL_H */
