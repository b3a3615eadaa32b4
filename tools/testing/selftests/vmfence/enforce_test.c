// SPDX-License-Identifier: GPL-2.0
/*
 * enforce_test.c - kselftest: sensitive programs and modules are refused on
 * a virtual machine however they are started, and every refusal is on the
 * record
 *
 * Needs vmfence.ko built with the test hooks (VMFENCE_TEST_HOOKS=y: the
 * debugfs file that forces the verdict, and vmfence_testmod.ko). Each case
 * checks the outcome of the exec or the load, the counters in stats/, and
 * the audit record and netlink event of the decision. Every test starts
 * from a forced verdict of "qemu none 100" and ends with an empty policy
 * and a rescan.
 */

#include <stdarg.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/xattr.h>

#include "../kselftest_harness.h"
#include "enforce.h"
#include "fixture.h"

#define TESTMOD		"vmfence_testmod"
#define TESTMOD_PATH	"/lib/vmfence/" TESTMOD ".ko"
#define LABEL_XATTR	"security.vmfence"
#ifndef MFD_EXEC
#define MFD_EXEC	0x0010U
#endif

/*
 * Refused directly: EACCES, one check and one denial counted, the digest
 * computed once, then served from the cache; a harmless program runs.
 * The record says the file was refused as the program.
 */
TEST_F(enforce, digest_direct)
{
	char *true_argv[] = { "/bin/true", NULL };
	struct counts a, b;

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	counts_read(&a);
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	counts_read(&b);
	EXPECT_EQ(a.exec_checks + 1, b.exec_checks);
	EXPECT_EQ(a.exec_denials + 1, b.exec_denials);
	EXPECT_EQ(a.exec_audits, b.exec_audits);
	EXPECT_EQ(a.digest_misses + 1, b.digest_misses);
	expect_record_as(_metadata, &self->r, "exec", "denied", self->prog,
			 self->digest, NULL, "program");

	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	counts_read(&a);
	EXPECT_EQ(b.exec_denials + 1, a.exec_denials);
	EXPECT_EQ(b.digest_misses, a.digest_misses);
	EXPECT_EQ(b.digest_hits + 1, a.digest_hits);
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);

	EXPECT_EQ(HELLO_STATUS, run_prog(self->harmless));
	EXPECT_EQ(0, run_argv(true_argv));
	counts_read(&b);
	EXPECT_EQ(a.exec_denials, b.exec_denials);
	expect_no_record(_metadata, &self->r);
}

/* By a relative path, from the program's directory. */
TEST_F(enforce, digest_relative_path)
{
	char *argv[] = { "./prog", HELLO_ARG, NULL };
	char cwd[256];

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	ASSERT_EQ(0, chdir(self->dir));
	EXPECT_EQ(REFUSED(EACCES), run_argv(argv));
	ASSERT_EQ(0, chdir(cwd));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
}

/* Through a symbolic link: the record names the file it leads to. */
TEST_F(enforce, digest_symlink)
{
	char sym[128];

	path_in(self, sym, "link");
	ASSERT_EQ(0, symlink(self->prog, sym));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(sym));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
}

/* Through a hard link: the record names the link run. */
TEST_F(enforce, digest_hard_link)
{
	char hard[128];

	path_in(self, hard, "hard");
	ASSERT_EQ(0, link(self->prog, hard));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(hard));
	expect_record(_metadata, &self->r, "exec", "denied", hard, self->digest,
		      NULL);
}

/* A copy is another inode with the same content. */
TEST_F(enforce, digest_copy)
{
	char copy[128];

	path_in(self, copy, "copy");
	ASSERT_EQ(0, copy_file(self->prog, copy, ""));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(copy));
	expect_record(_metadata, &self->r, "exec", "denied", copy, self->digest,
		      NULL);
}

/* Renamed after it was judged once under its old name. */
TEST_F(enforce, digest_rename)
{
	char renamed[128];

	path_in(self, renamed, "renamed");
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
	ASSERT_EQ(0, rename(self->prog, renamed));
	EXPECT_EQ(REFUSED(EACCES), run_prog(renamed));
	expect_record(_metadata, &self->r, "exec", "denied", renamed,
		      self->digest, NULL);
}

/* Through a bind mount of the file over another one. */
TEST_F(enforce, digest_bind_mount)
{
	char target[128];

	path_in(self, target, "target");
	ASSERT_EQ(0, copy_file("/dev/null", target, ""));
	ASSERT_EQ(0, mount(self->prog, target, NULL, MS_BIND, NULL));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(target));
	EXPECT_EQ(0, umount(target));
	expect_record(_metadata, &self->r, "exec", "denied", target,
		      self->digest, NULL);
}

/* Through /proc/self/fd/N of a descriptor open on it. */
TEST_F(enforce, digest_proc_self_fd)
{
	char fdpath[64];
	int fd;

	fd = open(self->prog, O_RDONLY);
	ASSERT_LE(0, fd);
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(fdpath));
	close(fd);
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
}

static int open_path(void *path)
{
	return open(path, O_PATH);
}

/* execveat(AT_EMPTY_PATH) on an O_PATH descriptor. */
TEST_F(enforce, digest_execveat_o_path)
{
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_fd(open_path, self->prog));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
	EXPECT_EQ(HELLO_STATUS, run_fd(open_path, self->harmless));
}

/*
 * A memfd holding the program, sealed against writes, reopened read-only
 * (an exec needs the file open for writing nowhere) and run by fexecve().
 */
static int memfd_copy(void *from)
{
	static char buf[65536];
	char fdpath[64];
	int in, m, ro;
	ssize_t n;

	in = open(from, O_RDONLY);
	/* 6.3 and later want the executable bit asked for; 6.1 refuses it. */
	m = memfd_create("vmfence-secret", MFD_ALLOW_SEALING | MFD_EXEC);
	if (m < 0 && errno == EINVAL)
		m = memfd_create("vmfence-secret", MFD_ALLOW_SEALING);
	if (in < 0 || m < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(m, buf, n) != n)
			return -1;
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", m);
	ro = open(fdpath, O_RDONLY);
	if (fcntl(m, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK))
		return -1;
	close(m);
	close(in);
	return ro;
}

/* A memfd: no path at all, so the audit record hex-encodes its name. */
TEST_F(enforce, digest_memfd_fexecve)
{
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_fd(memfd_copy, self->prog));
	expect_record(_metadata, &self->r, "exec", "denied",
		      "/memfd:vmfence-secret (deleted)", self->digest, NULL);
	EXPECT_EQ(HELLO_STATUS, run_fd(memfd_copy, self->harmless));
}

/* As another user, who may run the file: refused all the same, on record. */
TEST_F(enforce, digest_other_user)
{
	char *argv[] = { self->prog, HELLO_ARG, NULL };
	char text[4096];
	struct event ev;

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_argv_as(argv, NOBODY));
	ASSERT_EQ(0, next_event(&self->r, &ev, 2000));
	EXPECT_EQ(NOBODY, ev.uid);
	ASSERT_EQ(0, next_audit(&self->r, text, sizeof(text), 3000));
	EXPECT_NE(NULL, strstr(text, " uid=65534 ")) TH_LOG("%s", text);
	argv[0] = self->harmless;
	EXPECT_EQ(HELLO_STATUS, run_argv_as(argv, NOBODY));
}

/*
 * As the interpreter of a script: the script passes, then the kernel runs
 * the interpreter, which is judged in turn.
 */
TEST_F(enforce, digest_script_interpreter)
{
	char script[128], text[256];
	int fd;

	path_in(self, script, "script");
	snprintf(text, sizeof(text), "#!%s " HELLO_ARG "\n", self->prog);
	fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(text), write(fd, text, strlen(text)));
	close(fd);
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(script));
	expect_record_as(_metadata, &self->r, "exec", "denied", self->prog,
			 self->digest, NULL, "interpreter");
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s as=program\n", self->digest));
	EXPECT_EQ(HELLO_STATUS, run_prog(script));
	expect_no_record(_metadata, &self->r);
	ASSERT_EQ(0, policy(self, "\n"));
	EXPECT_EQ(HELLO_STATUS, run_prog(script));
}

/* A script refused by its own digest, whatever its interpreter. */
TEST_F(enforce, digest_script_itself)
{
	char script[128], digest[65];
	char *argv[2] = { script, NULL };

	path_in(self, script, "secret.sh");
	ASSERT_EQ(0, copy_file("/dev/null", script, "#!/bin/sh\nexit 7\n"));
	ASSERT_EQ(0, sha256_file(script, digest));
	EXPECT_EQ(7, run_argv(argv));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", digest));
	EXPECT_EQ(REFUSED(EACCES), run_argv(argv));
	expect_record(_metadata, &self->r, "exec", "denied", script, digest, NULL);
}

/*
 * "ld.so PROGRAM" executes the loader as the program, and the loader maps
 * the program itself: the kernel never executes the program, so its rule
 * cannot see it (test interp_test.c shows the same through a launcher). A
 * rule on the loader limited to as=program refuses that, while dynamically
 * linked programs, whose loader the kernel runs as their ELF interpreter,
 * still start. Without as=, the loader is judged by the same rule in every
 * part: every dynamically linked program is refused, as the loader.
 */
TEST_F(enforce, loader_as_program)
{
	char loader[256], ldigest[65];
	char *argv[] = { loader, self->prog, HELLO_ARG, NULL };

	ASSERT_EQ(0, loader_path(loader, sizeof(loader)));
	ASSERT_EQ(0, sha256_file(loader, ldigest));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_record_as(_metadata, &self->r, "exec", "denied", self->prog,
			 self->digest, NULL, "program");
	EXPECT_EQ(HELLO_STATUS, run_argv(argv)) TH_LOG("%s", loader);
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\ndeny exec sha256=%s as=program\n",
			    self->digest, ldigest));
	EXPECT_EQ(REFUSED(EACCES), run_argv(argv));
	expect_record_as(_metadata, &self->r, "exec", "denied", loader, ldigest,
			 NULL, "program");
	EXPECT_EQ(HELLO_STATUS, run_prog(self->harmless));
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", ldigest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->harmless));
	expect_record_as(_metadata, &self->r, "exec", "denied", loader, ldigest,
			 NULL, "loader");
}

/*
 * Known gap, closed by policy: "sh secret.sh" executes sh, which reads the
 * script as data; a script's digest rule cannot see that. By default it
 * runs (documented). A rule on the interpreter refuses it, interpreters
 * elsewhere unaffected.
 */
TEST_F(enforce, gap_interpreter_argument)
{
	char script[128], sh[128], digest[65];
	char *direct[] = { script, NULL };
	char *by_sh[] = { "/bin/sh", script, NULL };
	char *by_copy[] = { sh, script, NULL };

	path_in(self, script, "secret.sh");
	path_in(self, sh, "sh");
	ASSERT_EQ(0, copy_file("/dev/null", script, "#!/bin/sh\nexit 7\n"));
	ASSERT_EQ(0, copy_file("/bin/busybox", sh, ""));
	ASSERT_EQ(0, sha256_file(script, digest));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", digest));
	EXPECT_EQ(REFUSED(EACCES), run_argv(direct));
	expect_record(_metadata, &self->r, "exec", "denied", script, digest, NULL);
	EXPECT_EQ(7, run_argv(by_sh));
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\ndeny exec path=%s\n",
			    digest, sh));
	EXPECT_EQ(REFUSED(EACCES), run_argv(by_copy));
	expect_record(_metadata, &self->r, "exec", "denied", sh, NULL, NULL);
	EXPECT_EQ(7, run_argv(by_sh));
}

/*
 * A path rule names a place: the file there, by whatever name leads to it,
 * but not a hard link elsewhere (sha256= is for that).
 */
TEST_F(enforce, path_rule)
{
	char *argv[] = { "./harmless", HELLO_ARG, NULL };
	char sym[128], hard[128], cwd[256];

	path_in(self, sym, "link");
	path_in(self, hard, "hard");
	ASSERT_EQ(0, symlink(self->harmless, sym));
	ASSERT_EQ(0, link(self->harmless, hard));
	ASSERT_EQ(0, policy(self, "deny exec path=%s\n", self->harmless));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->harmless));
	expect_record(_metadata, &self->r, "exec", "denied", self->harmless,
		      NULL, NULL);
	EXPECT_EQ(REFUSED(EACCES), run_prog(sym));
	expect_record(_metadata, &self->r, "exec", "denied", self->harmless,
		      NULL, NULL);
	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	ASSERT_EQ(0, chdir(self->dir));
	EXPECT_EQ(REFUSED(EACCES), run_argv(argv));
	ASSERT_EQ(0, chdir(cwd));
	expect_record(_metadata, &self->r, "exec", "denied", self->harmless,
		      NULL, NULL);
	EXPECT_EQ(HELLO_STATUS, run_prog(hard));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	expect_no_record(_metadata, &self->r);
}

/* A path with a blank: quoted in the rule, hex-encoded in the audit record. */
TEST_F(enforce, path_rule_hex_record)
{
	char odd[128];

	path_in(self, odd, "odd name\"");
	ASSERT_EQ(0, rename(self->harmless, odd));
	ASSERT_EQ(0, policy(self, "deny exec path=\"%s/odd name\\\"\"\n", self->dir));
	EXPECT_EQ(REFUSED(EACCES), run_prog(odd));
	expect_record(_metadata, &self->r, "exec", "denied", odd, NULL, NULL);
}

/*
 * A label rule: the labelled file is refused, an unlabelled copy is not;
 * taking the label off, or putting it back, takes effect at once.
 */
TEST_F(enforce, label_rule)
{
	char copy[128];
	char text[] = "vmfence-secret";

	path_in(self, copy, "copy");
	ASSERT_EQ(0, copy_file(self->prog, copy, ""));
	ASSERT_EQ(0, setxattr(self->prog, LABEL_XATTR, text, strlen(text), 0))
		TH_LOG("setxattr: %s", strerror(errno));
	ASSERT_EQ(0, policy(self, "deny exec label=%s\n", text));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog, NULL,
		      NULL);
	EXPECT_EQ(HELLO_STATUS, run_prog(copy));
	ASSERT_EQ(0, removexattr(self->prog, LABEL_XATTR));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	ASSERT_EQ(0, setxattr(copy, LABEL_XATTR, text, strlen(text), 0));
	EXPECT_EQ(REFUSED(EACCES), run_prog(copy));
	expect_record(_metadata, &self->r, "exec", "denied", copy, NULL, NULL);
}

/*
 * The digest cache forgets a file that changes: a write of the same size,
 * a write through a shared mapping, a rename over it. (The KUnit suite
 * vmfence_digest shows that the entry goes at the change itself, not only
 * when its times are compared.)
 */
TEST_F(enforce, cache_follows_changes)
{
	char other[128];
	struct counts a, b;

	path_in(self, other, "other");
	ASSERT_EQ(0, copy_file(self->harmless, other, ""));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));

	EXPECT_EQ(HELLO_STATUS, run_prog(self->harmless));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->harmless));
	counts_read(&a);
	ASSERT_EQ(0, rewrite_trailer(self->harmless, self->prog, false));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->harmless));
	counts_read(&b);
	EXPECT_EQ(a.digest_misses + 1, b.digest_misses);
	expect_record(_metadata, &self->r, "exec", "denied", self->harmless,
		      self->digest, NULL);

	EXPECT_EQ(HELLO_STATUS, run_prog(other));
	ASSERT_EQ(0, rewrite_trailer(other, self->prog, true));
	EXPECT_EQ(REFUSED(EACCES), run_prog(other));
	expect_record(_metadata, &self->r, "exec", "denied", other,
		      self->digest, NULL);

	ASSERT_EQ(0, copy_file(self->prog, self->harmless, "x"));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->harmless));
	ASSERT_EQ(0, rename(self->prog, self->harmless));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->harmless));
	expect_record(_metadata, &self->r, "exec", "denied", self->harmless,
		      self->digest, NULL);
}

/* Mode audit: a deny rule is recorded and refuses nothing. */
TEST_F(enforce, mode_audit)
{
	struct counts a, b;

	ASSERT_EQ(0, load_policy(&self->s, "mode audit\n"));
	snprintf(self->policy, sizeof(self->policy), "mode audit\ndeny exec sha256=%s\n",
		 self->digest);
	ASSERT_EQ(0, load_policy(&self->s, self->policy));
	counts_read(&a);
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	counts_read(&b);
	EXPECT_EQ(a.exec_checks + 1, b.exec_checks);
	EXPECT_EQ(a.exec_audits + 1, b.exec_audits);
	EXPECT_EQ(a.exec_denials, b.exec_denials);
	expect_record(_metadata, &self->r, "exec", "audited", self->prog,
		      self->digest, NULL);
}

/* An audit rule in enforce mode: recorded, allowed. */
TEST_F(enforce, audit_rule)
{
	struct counts a, b;

	ASSERT_EQ(0, policy(self, "audit exec sha256=%s\n", self->digest));
	counts_read(&a);
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	counts_read(&b);
	EXPECT_EQ(a.exec_audits + 1, b.exec_audits);
	EXPECT_EQ(a.exec_denials, b.exec_denials);
	expect_record(_metadata, &self->r, "exec", "audited", self->prog,
		      self->digest, NULL);
}

/* Mode off: nothing is checked, nothing recorded, nothing refused. */
TEST_F(enforce, mode_off)
{
	struct counts a, b;

	snprintf(self->policy, sizeof(self->policy),
		 "mode off\ndeny exec sha256=%s\ndeny module name=" TESTMOD "\n",
		 self->digest);
	ASSERT_EQ(0, load_policy(&self->s, self->policy));
	counts_read(&a);
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	EXPECT_EQ(0, load_module(TESTMOD_PATH));
	counts_read(&b);
	EXPECT_EQ(0, unload_module(TESTMOD));
	EXPECT_EQ(0, memcmp(&a, &b, sizeof(a)));
	expect_no_record(_metadata, &self->r);
}

/* Below the threshold the machine is not virtualized: nothing applies. */
TEST_F(enforce, not_virtualized)
{
	struct counts a, b;

	ASSERT_EQ(0, policy(self, "threshold 60\ndeny exec sha256=%s\n", self->digest));
	ASSERT_EQ(0, force_verdict("qemu none 59"));
	counts_read(&a);
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	counts_read(&b);
	EXPECT_EQ(a.exec_checks + 1, b.exec_checks);
	EXPECT_EQ(a.exec_denials, b.exec_denials);
	expect_no_record(_metadata, &self->r);
	ASSERT_EQ(0, force_verdict("qemu none 60"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
}

/* on=: only on the hypervisors listed. */
TEST_F(enforce, condition_on_hypervisor)
{
	char text[4096];
	struct event ev;

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s on=qemu\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s on=kvm,vmware\n", self->digest));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	expect_no_record(_metadata, &self->r);
	ASSERT_EQ(0, force_verdict("kvm none 100"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	ASSERT_EQ(0, next_event(&self->r, &ev, 2000));
	EXPECT_STREQ("kvm", ev.hypervisor);
	ASSERT_EQ(0, next_audit(&self->r, text, sizeof(text), 3000));
	EXPECT_NE(NULL, strstr(text, " hypervisor=kvm ")) TH_LOG("%s", text);
}

/* allow-cc=: not inside the confidential VM types listed. */
TEST_F(enforce, condition_allow_cc)
{
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s allow-cc=sev-snp\n",
			    self->digest));
	ASSERT_EQ(0, force_verdict("qemu sev-snp 100"));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	expect_no_record(_metadata, &self->r);
	ASSERT_EQ(0, force_verdict("qemu tdx 100"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
	ASSERT_EQ(0, force_verdict("qemu none 100"));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
}

/* A module rule: the load fails with EACCES and leaves no trace. */
TEST_F(enforce, module_rule)
{
	struct counts a, b;

	if (module_listed(TESTMOD))
		ASSERT_EQ(0, unload_module(TESTMOD));
	ASSERT_EQ(0, policy(self, "deny module name=" TESTMOD "\n"));
	counts_read(&a);
	EXPECT_EQ(-EACCES, load_module(TESTMOD_PATH));
	counts_read(&b);
	EXPECT_FALSE(module_listed(TESTMOD));
	EXPECT_EQ(a.module_checks + 1, b.module_checks);
	EXPECT_EQ(a.module_denials + 1, b.module_denials);
	expect_record(_metadata, &self->r, "module", "denied", NULL, NULL, TESTMOD);

	ASSERT_EQ(0, policy(self, "audit module name=" TESTMOD "\n"));
	EXPECT_EQ(0, load_module(TESTMOD_PATH));
	EXPECT_TRUE(module_listed(TESTMOD));
	counts_read(&a);
	EXPECT_EQ(b.module_audits + 1, a.module_audits);
	expect_record(_metadata, &self->r, "module", "audited", NULL, NULL, TESTMOD);
	EXPECT_EQ(0, unload_module(TESTMOD));

	ASSERT_EQ(0, policy(self, "deny module name=" TESTMOD " on=kvm\n"));
	EXPECT_EQ(0, load_module(TESTMOD_PATH));
	EXPECT_EQ(0, unload_module(TESTMOD));
	expect_no_record(_metadata, &self->r);
}

/*
 * No false refusal while the policy is replaced in a loop: every
 * generation refuses the sensitive program and lets the others run. The
 * loop runs for 15 s or 40 rounds, whichever ends first, and at least 3.
 */
TEST_F_TIMEOUT(enforce, policy_replaced_in_a_loop, 120)
{
	char *true_argv[] = { "/bin/true", NULL };
	volatile unsigned long *loads;
	struct genl_sock s;
	time_t end;
	pid_t loader;
	int i;

	loads = mmap(NULL, sizeof(*loads), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, loads);
	loader = fork();
	ASSERT_LE(0, loader);
	if (!loader) {
		char p[2][512];

		if (genl_open(&s))
			_exit(1);
		for (i = 0; i < 2; i++)
			snprintf(p[i], sizeof(p[i]),
				 "mode enforce\ndeny exec sha256=%s\ndeny exec path=%s/nothing-%d\n",
				 self->digest, self->dir, i);
		for (i = 0;; i++) {
			if (load_policy(&s, p[i & 1]))
				_exit(2);
			(*loads)++;
		}
	}
	end = time(NULL) + 15;
	for (i = 0; i < 40 && (i < 3 || time(NULL) < end); i++) {
		ASSERT_EQ(0, run_argv(true_argv));
		ASSERT_EQ(HELLO_STATUS, run_prog(self->harmless));
		ASSERT_EQ(REFUSED(EACCES), run_prog(self->prog));
	}
	EXPECT_LT(2, *loads) TH_LOG("the policy was replaced %lu times", *loads);
	kill(loader, SIGKILL);
	EXPECT_EQ(200 + SIGKILL, reap(loader));
}

#define MISC		"/proc/sys/fs/binfmt_misc"
#define MISC_ENTRY	":vmfence-test:E::vmfx::/bin/true:"

/*
 * binfmt_misc, loaded after vmfence, registers at the head of the format
 * list; vmfence moves back in front of it, so that a misc entry claiming a
 * file cannot run it past vmfence. The harmless file shows the entry does
 * claim such files.
 */
TEST_F(enforce, binfmt_misc_after_vmfence)
{
	char *true_argv[] = { "/bin/true", NULL };
	char claimed[128], harmless[128], bdigest[65];
	int ret;

	if (access("/lib/vmfence/binfmt_misc.ko", R_OK))
		SKIP(return, "binfmt_misc is not a module of this kernel");
	ret = load_module("/lib/vmfence/binfmt_misc.ko");
	ASSERT_TRUE(!ret || ret == -EEXIST) TH_LOG("insmod: %s", strerror(-ret));
	ret = mount("binfmt_misc", MISC, "binfmt_misc", 0, NULL);
	ASSERT_TRUE(!ret || errno == EBUSY) TH_LOG("mount: %s", strerror(errno));
	ASSERT_EQ(0, write_file(MISC "/register", MISC_ENTRY));

	path_in(self, claimed, "prog.vmfx");
	path_in(self, harmless, "harmless.vmfx");
	ASSERT_EQ(0, copy_file(self->prog, claimed, ""));
	ASSERT_EQ(0, copy_file(self->harmless, harmless, ""));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(0, run_prog(harmless));
	EXPECT_EQ(REFUSED(EACCES), run_prog(claimed));
	expect_record_as(_metadata, &self->r, "exec", "denied", claimed,
			 self->digest, NULL, "program");

	/* The interpreter the entry names is judged in a part of its own. */
	ASSERT_EQ(0, sha256_file("/bin/busybox", bdigest));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s as=interpreter\n", bdigest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(harmless));
	expect_record_as(_metadata, &self->r, "exec", "denied", "/bin/busybox",
			 bdigest, NULL, "interpreter");
	EXPECT_EQ(0, run_argv(true_argv));
	expect_no_record(_metadata, &self->r);

	EXPECT_EQ(0, write_file(MISC "/vmfence-test", "-1"));
	EXPECT_EQ(0, umount(MISC));
}

/* binfmt_misc loaded and mounted at MISC; 1 when the kernel has none. */
static int misc_up(void)
{
	int ret;

	if (access("/lib/vmfence/binfmt_misc.ko", R_OK) &&
	    access(MISC "/register", W_OK))
		return 1;
	ret = load_module("/lib/vmfence/binfmt_misc.ko");
	if (ret && ret != -EEXIST && ret != -ENOENT)
		return ret;
	if (mount("binfmt_misc", MISC, "binfmt_misc", 0, NULL) && errno != EBUSY)
		return -errno;
	return 0;
}

/*
 * binfmt_misc's "F" flag opens the interpreter when the entry is
 * registered, not at each exec: the file still comes round the format
 * list as the interpreter, and is judged there.
 */
TEST_F(enforce, binfmt_misc_fixed_interpreter)
{
	char claimed[128], interp[128], idigest[65], entry[256];
	int ret = misc_up();

	if (ret == 1)
		SKIP(return, "binfmt_misc is not in this kernel");
	ASSERT_EQ(0, ret);
	/* An interpreter that exits at once, whatever its arguments. */
	path_in(self, interp, "interp");
	ASSERT_EQ(0, copy_file("/lib/vmfence/payloads/static", interp, self->dir));
	ASSERT_EQ(0, sha256_file(interp, idigest));
	snprintf(entry, sizeof(entry), ":vmfence-fix:E::vmfy::%s:F", interp);
	ASSERT_EQ(0, write_file(MISC "/register", entry));
	path_in(self, claimed, "data.vmfy");
	ASSERT_EQ(0, copy_file("/dev/null", claimed, "data"));
	ASSERT_EQ(0, chmod(claimed, 0755));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s as=interpreter\n", idigest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(claimed));
	expect_record_as(_metadata, &self->r, "exec", "denied", interp, idigest,
			 NULL, "interpreter");
	/* The same file run as a program is not in the rule's reach. */
	EXPECT_EQ(42, run_prog(interp));
	expect_no_record(_metadata, &self->r);
	ASSERT_EQ(0, policy(self, "\n"));
	EXPECT_EQ(42, run_prog(claimed));
	EXPECT_EQ(0, write_file(MISC "/vmfence-fix", "-1"));
}

/*
 * Programs the kernel starts itself (call_usermodehelper: modprobe,
 * core_pattern pipes, hotplug, request-key) go through the same exec: a
 * sensitive program set as the kernel's modprobe is refused when the
 * kernel asks for a binary format module, on the record.
 */
TEST_F(enforce, kernel_started_helper)
{
	char data[128], helper[128], hdigest[65], old[256] = "";
	char *argv[] = { data, NULL };
	FILE *f;

	f = fopen("/proc/sys/kernel/modprobe", "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(old, sizeof(old), f));
	fclose(f);
	path_in(self, data, "unknown-format");
	/* Unprintable first bytes: the kernel asks for module binfmt-XXXX. */
	ASSERT_EQ(0, copy_file("/dev/null", data, "\x01\x02\x03\x04\x05\x06\x07"));
	/* The helper: a program that exits at once, whatever its arguments. */
	path_in(self, helper, "helper");
	ASSERT_EQ(0, copy_file("/lib/vmfence/payloads/static", helper, self->dir));
	ASSERT_EQ(0, sha256_file(helper, hdigest));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", hdigest));
	ASSERT_EQ(0, write_file("/proc/sys/kernel/modprobe", helper));
	EXPECT_EQ(REFUSED(ENOEXEC), run_argv(argv));
	EXPECT_EQ(0, write_file("/proc/sys/kernel/modprobe", old));
	expect_record_as(_metadata, &self->r, "exec", "denied", helper, hdigest,
			 NULL, "program");
}

/*
 * uselib(2), a 32-bit system call only (reached from here by int $0x80),
 * maps a library's code without an exec, as mmap() does: only what its
 * caller can read. A program its user may execute but not read (0711)
 * cannot be mapped that way; vmfence judges executions only.
 */
static long uselib32(const char *path)
{
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	long ret;

	if (low == MAP_FAILED)
		return -ENOMEM;
	snprintf(low, 4096, "%s", path);
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(86), "b"(low) : "memory");
	return ret;
}

TEST_F(enforce, uselib_needs_read_permission)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, chmod(self->prog, 0711));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		long ret;

		if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
			_exit(99);
		ret = uselib32(self->prog);
		_exit(ret == -ENOSYS ? 98 : REFUSED(-ret));
	}
	status = reap(pid);
	if (status == 200 + SIGSEGV)
		SKIP(return, "this kernel takes no 32-bit system calls");
	if (status == 98)
		SKIP(return, "uselib is not in this kernel (CONFIG_USELIB)");
	EXPECT_EQ(REFUSED(EACCES), status);
}

TEST_HARNESS_MAIN
