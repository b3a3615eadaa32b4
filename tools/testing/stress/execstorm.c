// SPDX-License-Identifier: GPL-2.0
/*
 * execstorm.c - exec storms against a changing policy (TAP)
 *
 *   execstorm -t SECONDS -w WORKERS -d DIR
 *
 * DIR holds the programs and policies the stress suite prepared:
 *   secret1, secret2   sensitive: every policy denies both, one by path and
 *                      the other by content digest, the two policies the
 *                      other way round
 *   plain              harmless, no rule names it
 * all three copies of this program (which exits 0 at once under any name
 * but execstorm) with a byte appended, so that their digests differ.
 *   a.policy, b.policy the two policies, with no mode line
 *
 * For SECONDS (and on until enough was judged, up to 6 x SECONDS), WORKERS
 * processes spawn the four programs in random order,
 * while one process replaces the policy in a loop (vmfencectl policy load
 * A, then B), one rescans (sysfs, then vmfencectl rescan), and one flips
 * the mode between enforce and audit through sysfs (0.2 s of audit, then
 * enforce for four mean execs, 1.5 s at least).
 *
 * In audit mode a sensitive program runs, so the flipper keeps a counter in
 * shared memory: odd from just before it writes "audit" until after
 * "enforce" is back. A worker judges an exec only when the counter was the
 * same even number before and after it, i.e. the mode was enforce
 * throughout; harmless programs are judged always. Checks:
 *   - every judged exec of a sensitive program was refused with EACCES;
 *   - every exec of a harmless one ran and exited 0;
 *   - enough of both were judged to mean something (10 of each);
 *   - the policy was replaced, the machine rescanned and the mode flipped,
 *     3 times each at least, and every one of those succeeded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct shared {
	atomic_ulong flips;	/* odd while the mode may not be enforce */
	atomic_int stop;
	atomic_ulong secret_judged, secret_ran, secret_unjudged;
	atomic_ulong plain_ok, plain_bad;
	atomic_ulong spawn_errors;
	atomic_ulong exec_ns, execs;	/* for the flipper's pace */
	atomic_ulong loads, load_fail, rescans, rescan_fail, mode_flips, mode_fail;
};

static struct shared *sh;
static const char *dir;

/*
 * Spawn argv, its output to /dev/null; return 0 and its exit status, or
 * the spawn's errno.
 */
static int run(char *const argv[], int *status)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		return err;
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return errno;
	return 0;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static unsigned long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000UL + ts.tv_nsec;
}

static void worker(unsigned int seed)
{
	char secret1[256], secret2[256], plain[256];
	char *progs[4] = { secret1, secret2, plain, "/bin/true" };

	snprintf(secret1, sizeof(secret1), "%s/secret1", dir);
	snprintf(secret2, sizeof(secret2), "%s/secret2", dir);
	snprintf(plain, sizeof(plain), "%s/plain", dir);
	srand(seed);
	while (!atomic_load(&sh->stop)) {
		int which = rand() % 4, status = 0, err;
		char *argv[] = { progs[which], NULL };
		unsigned long c1, c2, t0;

		c1 = atomic_load(&sh->flips);
		t0 = now_ns();
		err = run(argv, &status);
		atomic_fetch_add(&sh->exec_ns, now_ns() - t0);
		atomic_fetch_add(&sh->execs, 1);
		c2 = atomic_load(&sh->flips);
		if (which >= 2) {
			if (!err && WIFEXITED(status) && !WEXITSTATUS(status)) {
				atomic_fetch_add(&sh->plain_ok, 1);
			} else {
				atomic_fetch_add(&sh->plain_bad, 1);
				printf("# %s: %s, status %#x\n", progs[which],
				       strerror(err), status);
			}
			continue;
		}
		if (c1 != c2 || (c1 & 1)) {
			atomic_fetch_add(&sh->secret_unjudged, 1);
			continue;
		}
		atomic_fetch_add(&sh->secret_judged, 1);
		if (err != EACCES) {
			atomic_fetch_add(&sh->secret_ran, 1);
			printf("# %s in enforce mode: %s (status %#x)\n",
			       progs[which], err ? strerror(err) : "it ran", status);
		}
	}
}

static void replacer(void)
{
	char a[256], b[256];
	int i = 0, status;

	snprintf(a, sizeof(a), "%s/a.policy", dir);
	snprintf(b, sizeof(b), "%s/b.policy", dir);
	while (!atomic_load(&sh->stop)) {
		char *argv[] = { "/bin/vmfencectl", "policy", "load",
				 i++ & 1 ? b : a, NULL };

		if (run(argv, &status) || !WIFEXITED(status) || WEXITSTATUS(status)) {
			atomic_fetch_add(&sh->load_fail, 1);
			printf("# vmfencectl policy load failed, status %#x\n", status);
		}
		atomic_fetch_add(&sh->loads, 1);
	}
}

static void rescanner(void)
{
	int i = 0, status, bad;

	while (!atomic_load(&sh->stop)) {
		if (i++ & 1) {
			char *argv[] = { "/bin/vmfencectl", "rescan", NULL };

			bad = run(argv, &status) || !WIFEXITED(status) ||
			      WEXITSTATUS(status);
		} else {
			bad = write_file("/sys/kernel/vmfence/rescan", "1\n");
		}
		if (bad)
			atomic_fetch_add(&sh->rescan_fail, 1);
		atomic_fetch_add(&sh->rescans, 1);
	}
}

/*
 * Enforce most of the time, audit now and then: only the execs that saw
 * enforce throughout are judged, so enforce lasts four mean execs (1.5 s at
 * least): under TCG one exec can take seconds.
 */
static void flipper(void)
{
	struct timespec audit = { 0, 200 * 1000 * 1000 };

	while (!atomic_load(&sh->stop)) {
		unsigned long n = atomic_load(&sh->execs);
		unsigned long pace = n ? 4 * (atomic_load(&sh->exec_ns) / n) : 0;
		struct timespec enforce;

		if (pace < 1500000000UL)
			pace = 1500000000UL;
		enforce.tv_sec = pace / 1000000000UL;
		enforce.tv_nsec = pace % 1000000000UL;
		atomic_fetch_add(&sh->flips, 1);	/* odd: audit ahead */
		if (write_file("/sys/kernel/vmfence/mode", "audit\n"))
			atomic_fetch_add(&sh->mode_fail, 1);
		nanosleep(&audit, NULL);
		if (write_file("/sys/kernel/vmfence/mode", "enforce\n"))
			atomic_fetch_add(&sh->mode_fail, 1);
		atomic_fetch_add(&sh->flips, 1);	/* even: enforce again */
		atomic_fetch_add(&sh->mode_flips, 1);
		nanosleep(&enforce, NULL);
	}
}

/* Enough judged execs and operations for the run to mean something. */
#define MIN_EXECS	10UL
#define MIN_OPS		3UL

static int enough(void)
{
	return atomic_load(&sh->secret_judged) >= MIN_EXECS &&
	       atomic_load(&sh->plain_ok) >= MIN_EXECS &&
	       atomic_load(&sh->loads) >= MIN_OPS &&
	       atomic_load(&sh->rescans) >= MIN_OPS &&
	       atomic_load(&sh->mode_flips) >= MIN_OPS;
}

static pid_t start(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		fflush(stdout);
		_exit(0);
	}
	return pid;
}

static unsigned int worker_seed;

static void worker_main(void)
{
	worker(worker_seed);
}

int main(int argc, char **argv)
{
	unsigned int seconds = 20, workers = 4, i;
	pid_t pids[64];
	int n = 0, opt, fails = 0, t = 0;
	unsigned long judged, plain_ok;
	unsigned int elapsed;

	/* The copies in DIR are this program: when they run, they succeed. */
	if (!strstr(argv[0], "execstorm"))
		return 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "t:w:d:")) != -1) {
		switch (opt) {
		case 't':
			seconds = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			workers = strtoul(optarg, NULL, 0);
			break;
		case 'd':
			dir = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s -t SECONDS -w WORKERS -d DIR\n", argv[0]);
			return 2;
		}
	}
	if (!dir || workers < 1 || workers > 60) {
		fprintf(stderr, "usage: %s -t SECONDS -w WORKERS -d DIR\n", argv[0]);
		return 2;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 2;
	memset(sh, 0, sizeof(*sh));

	for (i = 0; i < workers; i++) {
		worker_seed = 1000 + i;
		pids[n++] = start(worker_main);
	}
	pids[n++] = start(replacer);
	pids[n++] = start(rescanner);
	pids[n++] = start(flipper);
	/*
	 * SECONDS at least, and on until enough of everything was judged to
	 * mean something, up to six times SECONDS: a loaded TCG host can
	 * take seconds over one exec.
	 */
	for (elapsed = 0; elapsed < 6 * seconds; elapsed++) {
		if (elapsed >= seconds && enough())
			break;
		sleep(1);
	}
	atomic_store(&sh->stop, 1);
	while (n)
		waitpid(pids[--n], NULL, 0);
	/* The flipper leaves the mode at enforce; make sure of it. */
	write_file("/sys/kernel/vmfence/mode", "enforce\n");

	judged = atomic_load(&sh->secret_judged);
	plain_ok = atomic_load(&sh->plain_ok);
	printf("# %u s, %u workers: %lu sensitive execs judged (%lu during a flip, not judged), %lu harmless\n",
	       elapsed, workers, judged, atomic_load(&sh->secret_unjudged), plain_ok);
	printf("# %.2f s a mean exec; %lu policy loads, %lu rescans, %lu mode flips\n",
	       atomic_load(&sh->execs) ? atomic_load(&sh->exec_ns) /
	       (double)atomic_load(&sh->execs) / 1e9 : 0.0,
	       atomic_load(&sh->loads), atomic_load(&sh->rescans),
	       atomic_load(&sh->mode_flips));
	printf("1..5\n");
#define CHECK(cond, ...) do {						\
		int ok_ = (cond);					\
		printf("%sok %d - ", ok_ ? "" : "not ", ++t);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		fails += !ok_;						\
	} while (0)
	CHECK(!atomic_load(&sh->secret_ran),
	      "every sensitive exec in enforce mode was refused with EACCES (%lu of %lu ran)",
	      atomic_load(&sh->secret_ran), judged);
	CHECK(!atomic_load(&sh->plain_bad),
	      "every harmless exec ran and exited 0 (%lu of %lu failed)",
	      atomic_load(&sh->plain_bad), plain_ok + atomic_load(&sh->plain_bad));
	CHECK(judged >= MIN_EXECS && plain_ok >= MIN_EXECS,
	      "at least %lu sensitive and %lu harmless execs judged (%lu, %lu)",
	      MIN_EXECS, MIN_EXECS, judged, plain_ok);
	CHECK(atomic_load(&sh->loads) >= MIN_OPS && !atomic_load(&sh->load_fail),
	      "the policy was replaced %lu times or more, every load succeeded (%lu, %lu failed)",
	      MIN_OPS, atomic_load(&sh->loads), atomic_load(&sh->load_fail));
	CHECK(atomic_load(&sh->rescans) >= MIN_OPS &&
	      atomic_load(&sh->mode_flips) >= MIN_OPS &&
	      !atomic_load(&sh->rescan_fail) && !atomic_load(&sh->mode_fail),
	      "%lu rescans and %lu mode flips or more, all succeeded (%lu, %lu; %lu, %lu failed)",
	      MIN_OPS, MIN_OPS, atomic_load(&sh->rescans), atomic_load(&sh->mode_flips),
	      atomic_load(&sh->rescan_fail), atomic_load(&sh->mode_fail));
	return fails ? 1 : 0;
}
