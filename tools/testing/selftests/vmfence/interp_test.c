// SPDX-License-Identifier: GPL-2.0
/*
 * interp_test.c - kselftest: the ELF interpreter a program names is judged
 * like any file the kernel runs, before and after the load
 *
 * The kernel's ELF loader runs the file a program's PT_INTERP names without
 * offering it to the binary formats. A "launcher" whose PT_INTERP names the
 * sensitive program makes the kernel run that program as the launcher's
 * interpreter: static, static-PIE and 32-bit programs all run that way
 * (payload.c), and a launcher naming ld.so with its entry point set to
 * ld.so's own runs ld.so as if invoked directly. Each case first shows the
 * way works (no rule: the payload runs), then that a rule stops it, with
 * the record naming the file and its part in the exec (as=).
 *
 * Needs vmfence.ko built with the test hooks, as enforce_test.c does, and
 * the payloads in /lib/vmfence/payloads/.
 */

#include <elf.h>
#include <time.h>
#include <sys/auxv.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include "../kselftest_harness.h"
#include "enforce.h"
#include "fixture.h"

#define PAYLOADS	"/lib/vmfence/payloads"
#define PAYLOAD_STATUS	42	/* payload.c, as built for "sensitive" */
#define HARMLESS_STATUS	7	/* payload.c, as built for "harmless" */
#define LAUNCHER_STATUS	43	/* the launcher's own code, if it ever ran */
#define SKIP_PRECHECK	"/sys/kernel/debug/vmfence/skip_precheck"
#define LAUNCHER_BASE	0x10000000u

/* A launcher's code: exit_group(43), for 64 and for 32 bits. */
static const unsigned char code64[] = {
	0xb8, 0xe7, 0x00, 0x00, 0x00,	/* mov $231, %eax */
	0xbf, 0x2b, 0x00, 0x00, 0x00,	/* mov $43, %edi */
	0x0f, 0x05,			/* syscall */
};
static const unsigned char code32[] = {
	0xb8, 0xfc, 0x00, 0x00, 0x00,	/* mov $252, %eax */
	0xbb, 0x2b, 0x00, 0x00, 0x00,	/* mov $43, %ebx */
	0xcd, 0x80,			/* int $0x80 */
};

/* Store @v, @size bytes little-endian, at @p. */
static void put(unsigned char *p, unsigned long v, int size)
{
	while (size--) {
		*p++ = v;
		v >>= 8;
	}
}

/*
 * Write an ELF program to @path that names @interp as its interpreter:
 * 64-bit or 32-bit, ET_EXEC at LAUNCHER_BASE or ET_DYN, one segment with
 * its headers, the interpreter's name and its code. Its entry point is its
 * code, or @entry when not 0. The headers are laid out field by field, at
 * the offsets of elf.h's Elf64_ and Elf32_ types.
 */
static int write_launcher(const char *path, const char *interp, bool is64,
			  bool dyn, unsigned long entry)
{
	unsigned char img[1024] = { 0 };
	size_t ilen = strlen(interp) + 1, code_off = 512;
	unsigned long base = dyn ? 0 : LAUNCHER_BASE;
	/* Word size; where the program headers start and their size. */
	int w = is64 ? 8 : 4;
	size_t ph = is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	size_t phsz = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	/* p_offset, p_vaddr, p_filesz, p_memsz, p_flags, p_align */
	const size_t *o = is64 ? (const size_t[]){ 8, 16, 32, 40, 4, 48 } :
				 (const size_t[]){ 4, 8, 16, 20, 24, 28 };
	int fd, i, ret = 0;

	if (ilen > 256)
		return -ENAMETOOLONG;
	memcpy(img, ELFMAG, SELFMAG);
	img[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
	img[EI_DATA] = ELFDATA2LSB;
	img[EI_VERSION] = EV_CURRENT;
	put(img + 16, dyn ? ET_DYN : ET_EXEC, 2);		/* e_type */
	put(img + 18, is64 ? EM_X86_64 : EM_386, 2);		/* e_machine */
	put(img + 20, EV_CURRENT, 4);				/* e_version */
	put(img + 24, entry ?: base + code_off, w);		/* e_entry */
	put(img + 24 + w, ph, w);				/* e_phoff */
	put(img + 28 + 3 * w, ph, 2);				/* e_ehsize */
	put(img + 30 + 3 * w, phsz, 2);			/* e_phentsize */
	put(img + 32 + 3 * w, 2, 2);				/* e_phnum */
	for (i = 0; i < 2; i++) {
		unsigned char *p = img + ph + i * phsz;
		bool load = i == 1;
		size_t size = load ? sizeof(img) : ilen;

		put(p, load ? PT_LOAD : PT_INTERP, 4);
		put(p + o[0], load ? 0 : 256, w);
		put(p + o[1], base + (load ? 0 : 256), w);
		put(p + o[2], size, w);
		put(p + o[3], size, w);
		put(p + o[4], load ? PF_R | PF_X : PF_R, 4);
		put(p + o[5], load ? 0x1000 : 1, w);
	}
	memcpy(img + 256, interp, ilen);
	memcpy(img + code_off, is64 ? code64 : code32, sizeof(code64));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0)
		return -errno;
	if (write(fd, img, sizeof(img)) != (ssize_t)sizeof(img))
		ret = -EIO;
	if (close(fd) || fchmodat(AT_FDCWD, path, 0755, 0))
		ret = -errno;
	return ret;
}

/* A copy of payload @name in the test's directory, with a digest of its own. */
static void payload_copy(struct __test_metadata *_metadata,
			 FIXTURE_DATA(enforce) *self, const char *name,
			 char *path, char *digest)
{
	char from[128];

	snprintf(from, sizeof(from), PAYLOADS "/%s", name);
	snprintf(path, 128, "%s/payload-%s", self->dir, name);
	ASSERT_EQ(0, copy_file(from, path, self->dir)) TH_LOG("%s", from);
	ASSERT_EQ(0, sha256_file(path, digest));
}

static int run_path(const char *path)
{
	char *argv[] = { (char *)path, NULL };

	return run_argv(argv);
}

/*
 * A launcher of the given shape naming payload @name: without a rule the
 * payload runs as its interpreter; with one on its digest, the launcher is
 * refused and the record names the payload, refused as the loader. The
 * payload run directly is refused as the program.
 */
static void launch_refused(struct __test_metadata *_metadata,
			   FIXTURE_DATA(enforce) *self, const char *name,
			   bool is64, bool dyn)
{
	char payload[128], launcher[128], digest[65];

	payload_copy(_metadata, self, name, payload, digest);
	path_in(self, launcher, "launcher");
	ASSERT_EQ(0, write_launcher(launcher, payload, is64, dyn, 0));

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(PAYLOAD_STATUS, run_path(launcher));
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", digest));
	EXPECT_EQ(REFUSED(EACCES), run_path(launcher));
	expect_record_as(_metadata, &self->r, "exec", "denied", payload, digest,
			 NULL, "loader");
	EXPECT_EQ(REFUSED(EACCES), run_path(payload));
	expect_record_as(_metadata, &self->r, "exec", "denied", payload, digest,
			 NULL, "program");
}

/* A static program as a 64-bit launcher's interpreter. */
TEST_F(enforce, interp_static)
{
	launch_refused(_metadata, self, "static", true, false);
}

/* A static position-independent program as the interpreter. */
TEST_F(enforce, interp_static_pie)
{
	launch_refused(_metadata, self, "static-pie", true, false);
}

/* A position-independent launcher (ET_DYN), as dynamic programs are. */
TEST_F(enforce, interp_of_a_dyn_launcher)
{
	launch_refused(_metadata, self, "static", true, true);
}

/* A 32-bit launcher naming a 32-bit program. */
TEST_F(enforce, interp_32bit)
{
	char payload[128], digest[65];

	payload_copy(_metadata, self, "i386", payload, digest);
	if (run_path(payload) == REFUSED(ENOEXEC))
		SKIP(return, "this kernel runs no 32-bit programs (IA32_EMULATION)");
	launch_refused(_metadata, self, "i386", false, false);
}

/*
 * The interpreter a program names, or that it names none, is remembered
 * beside the program's digest: a program rewritten in place (the same
 * inode; the last two of the same size) is parsed again. A harmless static program runs;
 * rewritten into a launcher naming a harmless program, it runs that;
 * rewritten to name the sensitive program, it is refused.
 */
TEST_F(enforce, interp_rewritten_in_place)
{
	char sens[128], harm[128], sdigest[65], hdigest[65], prog[128];
	struct stat first, now;

	payload_copy(_metadata, self, "static", sens, sdigest);
	payload_copy(_metadata, self, "static-harmless", harm, hdigest);
	path_in(self, prog, "rewritten");
	ASSERT_EQ(0, copy_file(harm, prog, self->dir));
	ASSERT_EQ(0, stat(prog, &first));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", sdigest));
	EXPECT_EQ(HARMLESS_STATUS, run_path(prog));
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, write_launcher(prog, harm, true, false, 0));
	EXPECT_EQ(HARMLESS_STATUS, run_path(prog));
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, write_launcher(prog, sens, true, false, 0));
	ASSERT_EQ(0, stat(prog, &now));
	ASSERT_EQ(first.st_ino, now.st_ino);
	EXPECT_EQ(REFUSED(EACCES), run_path(prog));
	expect_record_as(_metadata, &self->r, "exec", "denied", sens, sdigest,
			 NULL, "loader");
}

/*
 * path= and label= rules see the interpreter too; and a program its user
 * may execute but not read (mode 0711, the advice for sensitive programs)
 * runs as an interpreter all the same without a rule, so the rule is what
 * stops it.
 */
TEST_F(enforce, interp_path_label_exec_only)
{
	char payload[128], launcher[128], digest[65];
	char *argv[] = { launcher, NULL };
	const char *label = "vmfence-secret";

	payload_copy(_metadata, self, "static", payload, digest);
	path_in(self, launcher, "launcher");
	ASSERT_EQ(0, write_launcher(launcher, payload, true, false, 0));
	ASSERT_EQ(0, chmod(payload, 0711));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(PAYLOAD_STATUS, run_argv_as(argv, NOBODY));

	ASSERT_EQ(0, policy(self, "deny exec path=%s\n", payload));
	EXPECT_EQ(REFUSED(EACCES), run_argv_as(argv, NOBODY));
	expect_record_as(_metadata, &self->r, "exec", "denied", payload, NULL,
			 NULL, "loader");

	ASSERT_EQ(0, setxattr(payload, "security.vmfence", label, strlen(label), 0));
	ASSERT_EQ(0, policy(self, "deny exec label=%s\n", label));
	EXPECT_EQ(REFUSED(EACCES), run_argv_as(argv, NOBODY));
	expect_record_as(_metadata, &self->r, "exec", "denied", payload, NULL,
			 NULL, "loader");
}

/* Where ld.so is mapped in a process without address randomisation. */
static unsigned long loader_base_norandom(void)
{
	char buf[64] = "";
	int fds[2];
	pid_t pid;

	if (pipe(fds))
		return 0;
	pid = fork();
	if (!pid) {
		char *argv[] = { "/proc/self/exe", "--vmfence-at-base", NULL };

		dup2(fds[1], 1);
		personality(ADDR_NO_RANDOMIZE);
		execve(argv[0], argv, environ);
		_exit(99);
	}
	close(fds[1]);
	if (read(fds[0], buf, sizeof(buf) - 1) < 0)
		buf[0] = '\0';
	close(fds[0]);
	reap(pid);
	return strtoul(buf, NULL, 16);
}

/* "--vmfence-at-base": print AT_BASE, the loader's address, and exit. */
__attribute__((constructor)) static void at_base(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--vmfence-at-base")) {
		printf("%lx\n", getauxval(AT_BASE));
		fflush(stdout);
		_exit(0);
	}
}

/* The entry point of ELF file @path, as its header gives it. */
static unsigned long elf_entry(const char *path)
{
	Elf64_Ehdr eh;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = pread(fd, &eh, sizeof(eh), 0);
	close(fd);
	return n == sizeof(eh) ? eh.e_entry : 0;
}

/* Run @argv without address randomisation, as an attacker can. */
static int run_norandom(char *const argv[])
{
	pid_t pid = fork();

	if (!pid) {
		personality(ADDR_NO_RANDOMIZE);
		execve(argv[0], argv, environ);
		_exit(REFUSED(errno));
	}
	return reap(pid);
}

/*
 * The loader-entry trick: a launcher names ld.so as its interpreter and
 * sets its own entry point to ld.so's, outside the launcher. ld.so, seeing
 * the program's entry (AT_ENTRY) equal to its own, believes it was run
 * directly and loads the program named by argv[1]: the sensitive program
 * runs, mapped by ld.so, never executed. The documented rule on the loader
 * as the program (as=program) catches it, because an interpreter entered
 * that way counts as the program; dynamically linked programs still start.
 */
TEST_F(enforce, loader_entry_trick)
{
	char loader[256], ldigest[65], launcher[128];
	char *argv[] = { launcher, self->prog, HELLO_ARG, NULL };
	unsigned long base;

	ASSERT_EQ(0, loader_path(loader, sizeof(loader)));
	ASSERT_EQ(0, sha256_file(loader, ldigest));
	base = loader_base_norandom();
	ASSERT_NE(0, base);
	path_in(self, launcher, "launcher");
	ASSERT_EQ(0, write_launcher(launcher, loader, true, false,
				    base + elf_entry(loader)));

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_record(_metadata, &self->r, "exec", "denied", self->prog,
		      self->digest, NULL);
	EXPECT_EQ(HELLO_STATUS, run_norandom(argv)) TH_LOG("ld.so at %lx", base);
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\ndeny exec sha256=%s as=program\n",
			    self->digest, ldigest));
	EXPECT_EQ(REFUSED(EACCES), run_norandom(argv));
	expect_record_as(_metadata, &self->r, "exec", "denied", loader, ldigest,
			 NULL, "program");
	EXPECT_EQ(HELLO_STATUS, run_prog(self->harmless));
	expect_no_record(_metadata, &self->r);
}

/*
 * After the load: with the check before the load skipped (test hook), the
 * interpreter the loader mapped is judged on the task's way to user space,
 * and the task is killed before the payload's first instruction, on the
 * record as "killed". Without a rule it runs.
 */
TEST_F(enforce, interp_after_load)
{
	char payload[128], launcher[128], digest[65];

	payload_copy(_metadata, self, "static", payload, digest);
	path_in(self, launcher, "launcher");
	ASSERT_EQ(0, write_launcher(launcher, payload, true, false, 0));
	ASSERT_EQ(0, write_file(SKIP_PRECHECK, "1"));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(PAYLOAD_STATUS, run_path(launcher));
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", digest));
	EXPECT_EQ(200 + SIGKILL, run_path(launcher));
	expect_record_as(_metadata, &self->r, "exec", "killed", payload, digest,
			 NULL, "loader");
	EXPECT_EQ(0, write_file(SKIP_PRECHECK, "0"));
	EXPECT_EQ(REFUSED(EACCES), run_path(launcher));
	expect_record_as(_metadata, &self->r, "exec", "denied", payload, digest,
			 NULL, "loader");
}

/*
 * The name swapped between the two lookups: while a child flips a symbolic
 * link between a harmless and the sensitive static program, the launcher
 * naming the link runs again and again. Whichever way each race goes, the
 * sensitive program never runs: it is refused before the load, or the task
 * is killed after it. Runs for 10 s or 300 launches.
 */
TEST_F_TIMEOUT(enforce, interp_swapped_during_exec, 120)
{
	char sens[128], harm[128], hdigest[65], digest[65], launcher[128];
	char link[128], tmp_s[128], tmp_h[128];
	int outcome[4] = { 0 }, i, status;
	pid_t flipper;
	time_t end;

	payload_copy(_metadata, self, "static", sens, digest);
	payload_copy(_metadata, self, "static-harmless", harm, hdigest);
	path_in(self, link, "interp");
	path_in(self, tmp_s, "interp.s");
	path_in(self, tmp_h, "interp.h");
	path_in(self, launcher, "launcher");
	ASSERT_EQ(0, symlink(harm, link));
	ASSERT_EQ(0, write_launcher(launcher, link, true, false, 0));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", digest));
	EXPECT_EQ(HARMLESS_STATUS, run_path(launcher));

	flipper = fork();
	ASSERT_LE(0, flipper);
	if (!flipper) {
		for (;;) {
			if (symlink(sens, tmp_s) || rename(tmp_s, link) ||
			    symlink(harm, tmp_h) || rename(tmp_h, link))
				_exit(1);
		}
	}
	end = time(NULL) + 10;
	for (i = 0; i < 300 && time(NULL) < end; i++) {
		status = run_path(launcher);
		if (status == HARMLESS_STATUS)
			outcome[0]++;
		else if (status == REFUSED(EACCES))
			outcome[1]++;
		else if (status == 200 + SIGKILL)
			outcome[2]++;
		else
			outcome[3]++;
		EXPECT_NE(PAYLOAD_STATUS, status) TH_LOG("the sensitive program ran");
	}
	kill(flipper, SIGKILL);
	reap(flipper);
	TH_LOG("%d launches: %d harmless, %d refused before the load, %d killed after it, %d other",
	       i, outcome[0], outcome[1], outcome[2], outcome[3]);
	EXPECT_EQ(0, outcome[3]);
	EXPECT_LT(0, outcome[0] + outcome[1] + outcome[2]);
	records_drain(&self->r);
}

TEST_HARNESS_MAIN
