// SPDX-License-Identifier: GPL-2.0
/* stats.c - per-cause counters, cheap to bump on the exec path */

#include <linux/percpu.h>

#include "stats.h"

static const char *const stat_names[VMFENCE_STAT_COUNT] = {
	[VMFENCE_STAT_EXEC_CHECKS] = "exec_checks",
	[VMFENCE_STAT_EXEC_DENIALS] = "exec_denials",
	[VMFENCE_STAT_EXEC_AUDITS] = "exec_audits",
	[VMFENCE_STAT_MODULE_CHECKS] = "module_checks",
	[VMFENCE_STAT_MODULE_DENIALS] = "module_denials",
	[VMFENCE_STAT_MODULE_AUDITS] = "module_audits",
	[VMFENCE_STAT_DIGEST_HITS] = "digest_hits",
	[VMFENCE_STAT_DIGEST_MISSES] = "digest_misses",
};

/* Per-CPU, so that concurrent execs never share a cache line; summed on read. */
static u64 __percpu *counters;

/**
 * vmfence_stats_init() - allocate the counters
 *
 * Context: process context, module init.
 * Return: 0, or -ENOMEM.
 */
int vmfence_stats_init(void)
{
	counters = __alloc_percpu(sizeof(u64) * VMFENCE_STAT_COUNT,
				  __alignof__(u64));
	return counters ? 0 : -ENOMEM;
}

/**
 * vmfence_stats_exit() - free the counters
 *
 * Context: process context, module exit; no counter is bumped any more.
 */
void vmfence_stats_exit(void)
{
	free_percpu(counters);
	counters = NULL;
}

/**
 * vmfence_stat_inc() - count one event
 * @stat: which
 *
 * Context: any.
 */
void vmfence_stat_inc(enum vmfence_stat stat)
{
	this_cpu_inc(counters[stat]);
}

/**
 * vmfence_stat_read() - the count of @stat since load, over every CPU
 * @stat: which
 *
 * Context: any. Concurrent increments may or may not be included.
 * Return: the count.
 */
u64 vmfence_stat_read(enum vmfence_stat stat)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(counters, cpu)[stat]);
	return sum;
}

/**
 * vmfence_stat_name() - the name of a counter, as in sysfs stats/
 * @stat: which
 *
 * Return: a static string, or "unknown" for a value out of range.
 */
const char *vmfence_stat_name(enum vmfence_stat stat)
{
	return (unsigned int)stat < VMFENCE_STAT_COUNT ? stat_names[stat] : "unknown";
}
