/* SPDX-License-Identifier: GPL-2.0 */
/*
 * enforce.h - what the enforcement kselftests share: a sensitive program to
 * refuse, ways to start it, the verdict forced through the test hook, and
 * the records a decision leaves (counters, audit records, netlink events)
 *
 * The sensitive program is a copy of the test program itself with a few
 * bytes appended (ELF loaders ignore them), so that each copy has a digest
 * of its own; started with HELLO_ARG it exits with HELLO_STATUS at once.
 * run_*() return the exit status of a child, or REFUSED(errno) when the
 * child's exec failed. Helpers return 0 or a negative errno and never
 * assert, except those taking the test's metadata: include this after
 * kselftest_harness.h.
 */
#ifndef VMFENCE_SELFTEST_ENFORCE_H
#define VMFENCE_SELFTEST_ENFORCE_H

#include <elf.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/audit.h>

#include "genl.h"

#define SYSFS		"/sys/kernel/vmfence"
#define FORCE		"/sys/kernel/debug/vmfence/force"
#define HELLO_ARG	"--vmfence-hello"
#define HELLO_STATUS	42
#define REFUSED(err)	(100 + (err))
#define TRAILER_LEN	32
#define NOBODY		65534

extern char **environ;

/* The program, started as a sensitive one: exit at once. */
__attribute__((constructor)) static void hello(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], HELLO_ARG))
		_exit(HELLO_STATUS);
}

static inline int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	close(fd);
	return n < 0 ? -errno : 0;
}

static inline long read_number(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n < 0 ? -errno : strtol(buf, NULL, 10);
}

/* A counter of /sys/kernel/vmfence/stats/. */
static inline long stat_read(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), SYSFS "/stats/%s", name);
	return read_number(path);
}

/* Replace the verdict's facts: "HYPERVISOR CONFIDENTIAL CONFIDENCE". */
static inline int force_verdict(const char *facts)
{
	return write_file(FORCE, facts);
}

/* Copy @from to @to, mode 0755, with @trailer (may be "") appended. */
static inline int copy_file(const char *from, const char *to,
			    const char *trailer)
{
	static char buf[65536];
	int in, out, ret = 0;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out < 0) {
		ret = -errno;
		close(in);
		return ret;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			n = -1;
	if (n < 0 || write(out, trailer, strlen(trailer)) < 0)
		ret = -EIO;
	close(in);
	if (close(out) || fchmodat(AT_FDCWD, to, 0755, 0))
		ret = -errno;
	return ret;
}

/* SHA-256 of a file, as 64 lower-case hex digits, by sha256sum(1). */
static inline int sha256_file(const char *path, char hex[65])
{
	char cmd[512];
	FILE *p;
	int ok;

	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", path);
	p = popen(cmd, "r");
	if (!p)
		return -errno;
	ok = fscanf(p, "%64s", hex) == 1 && strlen(hex) == 64;
	pclose(p);
	return ok ? 0 : -EIO;
}

/* The dynamic loader this program names in PT_INTERP. */
static inline int loader_path(char *path, size_t size)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd, i, ret = -ENOENT;

	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh))
		goto out;
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) !=
		    sizeof(ph))
			break;
		if (ph.p_type != PT_INTERP || ph.p_filesz >= size)
			continue;
		if (pread(fd, path, ph.p_filesz, ph.p_offset) == (ssize_t)ph.p_filesz) {
			path[ph.p_filesz] = '\0';
			ret = 0;
		}
		break;
	}
out:
	close(fd);
	return ret;
}

/* Wait for @pid: its exit status, or 200 + the signal that killed it. */
static inline int reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 200 + WTERMSIG(status);
}

/* Run argv[0] with @argv, as @uid when not 0. */
static inline int run_argv_as(char *const argv[], uid_t uid)
{
	pid_t pid = fork();

	if (!pid) {
		if (uid && (setgroups(0, NULL) || setgid(uid) || setuid(uid)))
			_exit(99);
		execve(argv[0], argv, environ);
		_exit(REFUSED(errno));
	}
	return reap(pid);
}

static inline int run_argv(char *const argv[])
{
	return run_argv_as(argv, 0);
}

/* Start @path as the sensitive program. */
static inline int run_prog(const char *path)
{
	char *argv[] = { (char *)path, HELLO_ARG, NULL };

	return run_argv(argv);
}

/* execveat(@fd, "", AT_EMPTY_PATH) in a child, which first runs @prep. */
static inline int run_fd(int (*prep)(void *), void *arg)
{
	char *argv[] = { "prog", HELLO_ARG, NULL };
	pid_t pid = fork();
	int fd;

	if (!pid) {
		fd = prep(arg);
		if (fd < 0)
			_exit(98);
		syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH);
		_exit(REFUSED(errno));
	}
	return reap(pid);
}

/* finit_module(2) of a module file: 0 or -errno. */
static inline int load_module(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, "", 0))
		ret = -errno;
	close(fd);
	return ret;
}

static inline int unload_module(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

/* Whether /proc/modules lists @name. */
static inline bool module_listed(const char *name)
{
	char line[512];
	size_t len = strlen(name);
	bool found = false;
	FILE *f = fopen("/proc/modules", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, name, len) && line[len] == ' ';
	fclose(f);
	return found;
}

/* Replace the whole policy with @text. */
static inline int load_policy(struct genl_sock *s, const char *text)
{
	struct genl_ack ack;
	struct vf_commit c;
	int ret;

	ret = vf_policy_replace(s, text, strlen(text), VMFENCE_POLICY_CHUNK_MAX,
				&c, &ack);
	if (ret)
		fprintf(stderr, "# policy load: %s\n", ack.msg);
	return ret;
}

/* One decision, from the "events" group. */
struct event {
	int op, result, confidence, role;
	uint32_t rule_id, pid, uid;
	bool has_sha256;
	char sha256[65];
	char path[4096];
	char name[64];
	char hypervisor[32];
	char comm[32];
};

/* Listeners to what a decision leaves: the events group and the audit log. */
struct records {
	int events_fd;
	int audit_fd;
};

static inline int records_open(struct records *r, struct genl_sock *s)
{
	struct sockaddr_nl audit = { .nl_family = AF_NETLINK,
				     .nl_groups = 1 << (AUDIT_NLGRP_READLOG - 1) };
	struct sockaddr_nl events = { .nl_family = AF_NETLINK };

	r->events_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	r->audit_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (r->events_fd < 0 || r->audit_fd < 0)
		return -errno;
	/* Bound, for a port id: a socket without one gets no multicast. */
	if (bind(r->events_fd, (struct sockaddr *)&events, sizeof(events)) ||
	    setsockopt(r->events_fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
		       &s->events_group, sizeof(s->events_group)) ||
	    bind(r->audit_fd, (struct sockaddr *)&audit, sizeof(audit)))
		return -errno;
	return 0;
}

static inline void records_close(struct records *r)
{
	close(r->events_fd);
	close(r->audit_fd);
}

static inline void drain(int fd)
{
	static char buf[GENL_BUF_SIZE];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

/*
 * Forget the records of earlier decisions, including audit records that
 * kauditd has yet to send: wait until it has been quiet for a while.
 */
static inline void records_drain(struct records *r)
{
	struct pollfd p = { .fd = r->audit_fd, .events = POLLIN };

	drain(r->events_fd);
	do
		drain(r->audit_fd);
	while (poll(&p, 1, 300) > 0);
}

static inline void copy_attr(char *dst, size_t size, const struct nlattr *a)
{
	snprintf(dst, size, "%.*s", nla_len_(a), (char *)nla_data_(a));
}

static inline void parse_event(const struct nlmsghdr *nlh, struct event *ev)
{
	struct nlattr *tb[VMFENCE_A_MAX + 1], *e[VMFENCE_A_EVENT_MAX + 1];
	int i;

	genl_parse(nlh, tb, VMFENCE_A_MAX);
	if (!tb[VMFENCE_A_EVENT])
		return;
	nla_parse_nested_(e, VMFENCE_A_EVENT_MAX, tb[VMFENCE_A_EVENT]);
	if (e[VMFENCE_A_EVENT_OP])
		ev->op = nla_u8(e[VMFENCE_A_EVENT_OP]);
	if (e[VMFENCE_A_EVENT_RESULT])
		ev->result = nla_u8(e[VMFENCE_A_EVENT_RESULT]);
	if (e[VMFENCE_A_EVENT_RULE_ID])
		ev->rule_id = nla_u32(e[VMFENCE_A_EVENT_RULE_ID]);
	if (e[VMFENCE_A_EVENT_CONFIDENCE])
		ev->confidence = nla_u8(e[VMFENCE_A_EVENT_CONFIDENCE]);
	if (e[VMFENCE_A_EVENT_PID])
		ev->pid = nla_u32(e[VMFENCE_A_EVENT_PID]);
	if (e[VMFENCE_A_EVENT_UID])
		ev->uid = nla_u32(e[VMFENCE_A_EVENT_UID]);
	if (e[VMFENCE_A_EVENT_SHA256] && nla_len_(e[VMFENCE_A_EVENT_SHA256]) == 32) {
		ev->has_sha256 = true;
		for (i = 0; i < 32; i++)
			sprintf(ev->sha256 + 2 * i, "%02x",
				((uint8_t *)nla_data_(e[VMFENCE_A_EVENT_SHA256]))[i]);
	}
	if (e[VMFENCE_A_EVENT_PATH])
		copy_attr(ev->path, sizeof(ev->path), e[VMFENCE_A_EVENT_PATH]);
	if (e[VMFENCE_A_EVENT_NAME])
		copy_attr(ev->name, sizeof(ev->name), e[VMFENCE_A_EVENT_NAME]);
	if (e[VMFENCE_A_EVENT_HYPERVISOR])
		copy_attr(ev->hypervisor, sizeof(ev->hypervisor),
			  e[VMFENCE_A_EVENT_HYPERVISOR]);
	if (e[VMFENCE_A_EVENT_COMM])
		copy_attr(ev->comm, sizeof(ev->comm), e[VMFENCE_A_EVENT_COMM]);
	if (e[VMFENCE_A_EVENT_ROLE])
		ev->role = nla_u8(e[VMFENCE_A_EVENT_ROLE]);
}

/* The next event, within @ms milliseconds: 0, or -ETIMEDOUT. */
static inline int next_event(struct records *r, struct event *ev, int ms)
{
	static char buf[GENL_BUF_SIZE];
	struct pollfd p = { .fd = r->events_fd, .events = POLLIN };
	struct nlmsghdr *nlh;
	int len;

	memset(ev, 0, sizeof(*ev));
	ev->op = ev->result = ev->role = -1;
	while (poll(&p, 1, ms) > 0) {
		len = recv(r->events_fd, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (((struct genlmsghdr *)NLMSG_DATA(nlh))->cmd ==
			    VMFENCE_CMD_EVENT) {
				parse_event(nlh, ev);
				return 0;
			}
		}
	}
	return -ETIMEDOUT;
}

/*
 * The next audit record of type AUDIT_KERNEL_OTHER (1316), as the audit
 * log's multicast group carries it, within @ms milliseconds: 0 or
 * -ETIMEDOUT. kauditd sends records a little after they are made.
 */
static inline int next_audit(struct records *r, char *text, size_t size, int ms)
{
	static char buf[GENL_BUF_SIZE];
	struct pollfd p = { .fd = r->audit_fd, .events = POLLIN };
	struct nlmsghdr *nlh;
	int len;

	while (poll(&p, 1, ms) > 0) {
		len = recv(r->audit_fd, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_type != AUDIT_KERNEL_OTHER)
				continue;
			snprintf(text, size, "%.*s",
				 (int)(nlh->nlmsg_len - NLMSG_HDRLEN),
				 (char *)NLMSG_DATA(nlh));
			return 0;
		}
	}
	return -ETIMEDOUT;
}

/* How the audit record writes a string the user chose. */
static inline void audit_value(const char *s, char *out, size_t size)
{
	const unsigned char *c;
	bool hex = false;
	size_t n = 0;

	for (c = (const unsigned char *)s; *c; c++)
		hex |= *c == '"' || *c < 0x21 || *c > 0x7e;
	if (!hex) {
		snprintf(out, size, "\"%s\"", s);
		return;
	}
	for (c = (const unsigned char *)s; *c && n + 3 < size; c++)
		n += snprintf(out + n, size - n, "%02X", *c);
}

/* The harmless program becomes the sensitive one in place. */
static inline int rewrite_trailer(const char *path, const char *from, bool by_mmap)
{
	char trailer[TRAILER_LEN];
	struct stat st;
	int src, dst, ret = 0;
	char *map;

	src = open(from, O_RDONLY);
	dst = open(path, O_RDWR);
	if (src < 0 || dst < 0 || fstat(src, &st))
		return -errno;
	if (pread(src, trailer, TRAILER_LEN, st.st_size - TRAILER_LEN) != TRAILER_LEN)
		return -EIO;
	if (by_mmap) {
		map = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED,
			   dst, 0);
		if (map == MAP_FAILED)
			return -errno;
		memcpy(map + st.st_size - TRAILER_LEN, trailer, TRAILER_LEN);
		munmap(map, st.st_size);
	} else if (pwrite(dst, trailer, TRAILER_LEN, st.st_size - TRAILER_LEN) !=
		   TRAILER_LEN) {
		ret = -EIO;
	}
	close(src);
	close(dst);
	return ret;
}

/* Every counter of stats/, at one moment. */
struct counts {
	long exec_checks, exec_denials, exec_audits;
	long module_checks, module_denials, module_audits;
	long digest_hits, digest_misses;
};

static inline void counts_read(struct counts *c)
{
	c->exec_checks = stat_read("exec_checks");
	c->exec_denials = stat_read("exec_denials");
	c->exec_audits = stat_read("exec_audits");
	c->module_checks = stat_read("module_checks");
	c->module_denials = stat_read("module_denials");
	c->module_audits = stat_read("module_audits");
	c->digest_hits = stat_read("digest_hits");
	c->digest_misses = stat_read("digest_misses");
}

static const char *const result_names[] = {
	[VMFENCE_EVENT_RESULT_DENIED] = "denied",
	[VMFENCE_EVENT_RESULT_AUDITED] = "audited",
	[VMFENCE_EVENT_RESULT_KILLED] = "killed",
};

static const char *const role_names[] = {
	[VMFENCE_EXEC_ROLE_PROGRAM] = "program",
	[VMFENCE_EXEC_ROLE_INTERPRETER] = "interpreter",
	[VMFENCE_EXEC_ROLE_LOADER] = "loader",
};

static inline int name_index(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

/*
 * The records of one decision: its event and its audit record, which agree
 * with each other and with what is expected. @result is "denied",
 * "audited" or "killed"; @as the part the file played in its exec
 * ("program", "interpreter", "loader"). @path, @sha256, @name and @as are
 * not checked when NULL.
 */
static inline void expect_record_as(struct __test_metadata *_metadata,
				    struct records *r, const char *op,
				    const char *result, const char *path,
				    const char *sha256, const char *name,
				    const char *as)
{
	static char text[16384], want[16384], val[12288];
	struct event ev;

	ASSERT_EQ(0, next_event(r, &ev, 2000)) TH_LOG("no event: %s %s", op, result);
	EXPECT_EQ(strcmp(op, "module") ? VMFENCE_EVENT_OP_EXEC :
		  VMFENCE_EVENT_OP_MODULE, ev.op);
	EXPECT_EQ(name_index(result_names, 3, result), ev.result);
	EXPECT_NE(0, ev.rule_id);
	if (path)
		EXPECT_STREQ(path, ev.path);
	if (sha256) {
		EXPECT_TRUE(ev.has_sha256);
		EXPECT_STREQ(sha256, ev.sha256);
	}
	if (name)
		EXPECT_STREQ(name, ev.name);
	if (as)
		EXPECT_EQ(name_index(role_names, 3, as), ev.role);

	/* The audit record of this decision: the first naming its rule. */
	snprintf(want, sizeof(want), "op=%s result=%s rule=%u ", op, result,
		 ev.rule_id);
	do {
		ASSERT_EQ(0, next_audit(r, text, sizeof(text), 3000))
			TH_LOG("no audit record: %s", want);
	} while (!strstr(text, want));
	if (as) {
		snprintf(want, sizeof(want), " as=%s ", as);
		EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	}
	if (path) {
		audit_value(path, val, sizeof(val));
		snprintf(want, sizeof(want), " path=%s ", val);
		EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	}
	if (sha256) {
		snprintf(want, sizeof(want), " sha256=%s ", sha256);
		EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	}
	if (name) {
		audit_value(name, val, sizeof(val));
		snprintf(want, sizeof(want), " name=%s ", val);
		EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	}
	snprintf(want, sizeof(want), " hypervisor=%s confidence=%d ",
		 ev.hypervisor, ev.confidence);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	/* The task, as audit_log_task_info() gives it for any record. */
	snprintf(want, sizeof(want), " pid=%u auid=", ev.pid);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	snprintf(want, sizeof(want), " uid=%u gid=", ev.uid);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	audit_value(ev.comm, val, sizeof(val));
	snprintf(want, sizeof(want), " comm=%s exe=", val);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, " ses=")) TH_LOG("%s", text);
}

/* The same, whatever the file's part in its exec. */
static inline void expect_record(struct __test_metadata *_metadata,
				 struct records *r, const char *op,
				 const char *result, const char *path,
				 const char *sha256, const char *name)
{
	expect_record_as(_metadata, r, op, result, path, sha256, name, NULL);
}

/* No decision was recorded: no event, no audit record. */
static inline void expect_no_record(struct __test_metadata *_metadata,
				    struct records *r)
{
	static char text[16384];
	struct event ev;

	EXPECT_EQ(-ETIMEDOUT, next_event(r, &ev, 300)) TH_LOG("event: %s", ev.path);
	EXPECT_EQ(-ETIMEDOUT, next_audit(r, text, sizeof(text), 1000))
		TH_LOG("audit: %s", text);
}

#endif /* VMFENCE_SELFTEST_ENFORCE_H */
