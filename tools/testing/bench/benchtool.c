// SPDX-License-Identifier: GPL-2.0
/*
 * benchtool.c - the guest side of the benchmarks (static, for busybox)
 *
 *   benchtool exec N PROG [ARG...] fork+exec PROG N times, its output to
 *                                  /dev/null; prints "N NS"
 *   benchtool time CMD [ARG...]    fork+exec CMD once; prints "NS"; exits
 *                                  1 when CMD failed (its status on stderr)
 *   benchtool policy N             N exec rules none of which matches a real
 *                                  file: sha256=, path= and label= in turn
 *   benchtool bigfile SRC OUT MIB  SRC, padded with pseudo-random bytes to
 *                                  MIB MiB: a program that still runs
 *
 * Times are CLOCK_MONOTONIC nanoseconds, of the whole fork, exec and wait.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static int die(const char *what)
{
	fprintf(stderr, "benchtool: %s: %s\n", what, strerror(errno));
	return 2;
}

/* Run argv once; its wait status, or -1 when fork failed. */
static int run(char **argv, bool quiet)
{
	pid_t pid = fork();
	int status, fd;

	if (pid < 0)
		return -1;
	if (!pid) {
		if (quiet) {
			fd = open("/dev/null", O_WRONLY);
			if (fd < 0 || dup2(fd, 1) < 0)
				_exit(126);
		}
		execve(argv[0], argv, environ);
		if (errno == ENOENT && !strchr(argv[0], '/'))
			execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

static int cmd_exec(int argc, char **argv)
{
	unsigned long n, i;
	uint64_t t0;
	int status;

	if (argc < 4)
		return 2;
	n = strtoul(argv[2], NULL, 0);
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		status = run(argv + 3, true);
		if (status) {
			fprintf(stderr, "benchtool: %s: status %d at run %lu\n",
				argv[3], status, i);
			return 1;
		}
	}
	printf("%lu %" PRIu64 "\n", n, now_ns() - t0);
	return 0;
}

static int cmd_time(int argc, char **argv)
{
	uint64_t t0 = now_ns();
	int status;

	if (argc < 3)
		return 2;
	status = run(argv + 2, false);
	printf("%" PRIu64 "\n", now_ns() - t0);
	if (status) {
		fprintf(stderr, "benchtool: %s: status %d\n", argv[2], status);
		return 1;
	}
	return 0;
}

/* xorshift64*: deterministic, so every run loads the same policy. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static int cmd_policy(int argc, char **argv)
{
	uint64_t s = 0x9e3779b97f4a7c15ull;
	unsigned long n, i;
	int k;

	if (argc != 3)
		return 2;
	n = strtoul(argv[2], NULL, 0);
	for (i = 0; i < n; i++) {
		switch (i % 3) {
		case 0:
			printf("deny exec sha256=");
			for (k = 0; k < 4; k++)
				printf("%016" PRIx64, next(&s));
			printf("\n");
			break;
		case 1:
			printf("deny exec path=/opt/vmfence-bench/nomatch/%07lu\n", i);
			break;
		default:
			printf("deny exec label=bench-%07lu\n", i);
			break;
		}
	}
	return fflush(stdout) ? 1 : 0;
}

static int cmd_bigfile(int argc, char **argv)
{
	uint64_t s = 0x2545f4914f6cdd1dull, buf[8192];
	off_t want, have = 0;
	int in, out;
	ssize_t n;
	size_t i;

	if (argc != 5)
		return 2;
	want = (off_t)strtoul(argv[4], NULL, 0) << 20;
	in = open(argv[2], O_RDONLY);
	if (in < 0)
		return die(argv[2]);
	out = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (out < 0)
		return die(argv[3]);
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, n) != n)
			return die("write");
		have += n;
	}
	while (have < want) {
		for (i = 0; i < sizeof(buf) / sizeof(buf[0]); i++)
			buf[i] = next(&s);
		n = want - have < (off_t)sizeof(buf) ? want - have : (off_t)sizeof(buf);
		if (write(out, buf, n) != n)
			return die("write");
		have += n;
	}
	return close(out) ? die("close") : 0;
}

int main(int argc, char **argv)
{
	int ret = 2;

	if (argc < 2)
		goto usage;
	if (!strcmp(argv[1], "exec"))
		ret = cmd_exec(argc, argv);
	else if (!strcmp(argv[1], "time"))
		ret = cmd_time(argc, argv);
	else if (!strcmp(argv[1], "policy"))
		ret = cmd_policy(argc, argv);
	else if (!strcmp(argv[1], "bigfile"))
		ret = cmd_bigfile(argc, argv);
	if (ret != 2)
		return ret;
usage:
	fprintf(stderr, "usage: benchtool exec N PROG | time CMD [ARG...] | "
			"policy N | bigfile SRC OUT MIB\n");
	return 2;
}
