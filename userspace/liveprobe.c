// SPDX-License-Identifier: GPL-2.0
/*
 * liveprobe.c - facts only the running machine can give: CPUID from user
 * mode, its timing, MSRs through /dev/cpu/0/msr, the TPM's manufacturer
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/cpuid.h"
#include "liveprobe.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <x86intrin.h>

static void cpuid_insn(struct vmfence_cpuid_leaf *l, void *ctx)
{
	__cpuid_count(l->leaf, l->subleaf, l->eax, l->ebx, l->ecx, l->edx);
}

int live_cpuid(struct vmfence_facts *f)
{
	const struct vmfence_cpuid_source src = { .read = cpuid_insn };

	return vmfence_cpuid_collect(f, &src);
}

#define TIMING_SAMPLES 101

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint32_t median(uint64_t *v)
{
	qsort(v, TIMING_SAMPLES, sizeof(*v), cmp_u64);
	return v[TIMING_SAMPLES / 2] > UINT32_MAX ? UINT32_MAX :
						     (uint32_t)v[TIMING_SAMPLES / 2];
}

/*
 * The TSC, read in order with the instructions around it, as the kernel's
 * rdtsc_ordered() does. LFENCE is in every x86-64 CPU; RDTSCP is not (QEMU's
 * qemu64 model and older CPUs lack it).
 */
static uint64_t rdtsc_ordered(void)
{
	_mm_lfence();
	return __rdtsc();
}

/*
 * CPUID always exits to a hypervisor; LFENCE never does. Both are timed
 * between two ordered TSC reads, so the baseline also absorbs the cost of
 * timing.
 */
void live_timing(struct vmfence_facts *f)
{
	uint64_t c[TIMING_SAMPLES], b[TIMING_SAMPLES], t0;
	unsigned int a, bx, cx, d, i;

	for (i = 0; i < TIMING_SAMPLES; i++) {
		t0 = rdtsc_ordered();
		__cpuid_count(0, 0, a, bx, cx, d);
		c[i] = rdtsc_ordered() - t0;
		t0 = rdtsc_ordered();
		_mm_lfence();
		b[i] = rdtsc_ordered() - t0;
	}
	f->timing.cpuid_cycles = median(c);
	f->timing.base_cycles = median(b);
	f->timing.state = VMFENCE_FACT_PRESENT;
}
#else
int live_cpuid(struct vmfence_facts *f)
{
	return 0;
}

void live_timing(struct vmfence_facts *f)
{
}
#endif

int live_msr(uint32_t msr, uint64_t *val)
{
	int fd = open("/dev/cpu/0/msr", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = pread(fd, val, sizeof(*val), msr);
	close(fd);
	if (n == sizeof(*val))
		return 0;
	return n < 0 && errno != EIO ? -errno : -EIO;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

int live_tpm_manufacturer(uint32_t *manufacturer)
{
	/* TPM2_GetCapability(TPM_CAP_TPM_PROPERTIES, TPM_PT_MANUFACTURER, 1) */
	static const unsigned char cmd[] = {
		0x80, 0x01, 0x00, 0x00, 0x00, 0x16, 0x00, 0x00, 0x01, 0x7a,
		0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x01, 0x05, 0x00, 0x00,
		0x00, 0x01,
	};
	unsigned char rsp[64];
	int fd, err = 0;
	ssize_t n;

	fd = open("/dev/tpmrm0", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, cmd, sizeof(cmd)) != (ssize_t)sizeof(cmd))
		err = -EIO;
	n = err ? 0 : read(fd, rsp, sizeof(rsp));
	close(fd);
	/* header(10) moreData(1) capability(4) count(4) property(4) value(4) */
	if (err || n < 27 || be32(rsp + 6) != 0 || be32(rsp + 19) != 0x105)
		return -EIO;
	*manufacturer = be32(rsp + 23);
	return 0;
}
