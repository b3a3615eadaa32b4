/* SPDX-License-Identifier: GPL-2.0 */
/* stats.h - per-cause counters, cheap to bump on the exec path */
#ifndef VMFENCE_STATS_H
#define VMFENCE_STATS_H

#include <linux/types.h>

/* Names are sysfs file names under stats/ and netlink ABI: append only. */
enum vmfence_stat {
	VMFENCE_STAT_EXEC_CHECKS,	/* execs judged (mode not off) */
	VMFENCE_STAT_EXEC_DENIALS,	/* execs refused */
	VMFENCE_STAT_EXEC_AUDITS,	/* execs matched and allowed, recorded */
	VMFENCE_STAT_MODULE_CHECKS,	/* module loads judged */
	VMFENCE_STAT_MODULE_DENIALS,	/* module loads refused */
	VMFENCE_STAT_MODULE_AUDITS,	/* module loads matched and allowed */
	VMFENCE_STAT_DIGEST_HITS,	/* digests served from the cache */
	VMFENCE_STAT_DIGEST_MISSES,	/* digests computed */
	VMFENCE_STAT_COUNT
};

int vmfence_stats_init(void);
void vmfence_stats_exit(void);
void vmfence_stat_inc(enum vmfence_stat stat);
u64 vmfence_stat_read(enum vmfence_stat stat);
const char *vmfence_stat_name(enum vmfence_stat stat);

#endif /* VMFENCE_STATS_H */
