// SPDX-License-Identifier: GPL-2.0
/* sysfs.c - the /sys/kernel/vmfence/ tree */

#include <linux/capability.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "policy.h"
#include "scan.h"
#include "stats.h"
#include "sysfs.h"
#include "tpm/anchors.h"
#include "tpm/identity.h"

/*
 * The root of the tree. Created at init, released at exit; every attribute
 * hangs off it. Written only from module init and exit, which the module
 * loader serialises, so it needs no lock of its own.
 */
static struct kobject *vmfence_kobj;

/*
 * Print one value of the current verdict as vmfence_scan_conclusion()
 * judges it, the same for every reader and for enforcement.
 */
#define VERDICT_ATTR(field, fmt, expr)                                        \
	static ssize_t field##_show(struct kobject *kobj,                     \
				    struct kobj_attribute *attr, char *buf)   \
	{                                                                     \
		struct vmfence_conclusion c;                                  \
									      \
		vmfence_scan_conclusion(&c);                                  \
		return sysfs_emit(buf, fmt "\n", expr);                       \
	}                                                                     \
	static struct kobj_attribute field##_attr = __ATTR_RO(field)

VERDICT_ATTR(virtualized, "%d", c.virtualized);
VERDICT_ATTR(confidence, "%u", c.confidence);
VERDICT_ATTR(hypervisor, "%s", vmfence_hv_name(c.hv));
VERDICT_ATTR(confidential, "%s", vmfence_cc_name(c.cc));
VERDICT_ATTR(role, "%s", vmfence_role_name(c.role));

/* Writers are root in the initial user namespace, as for netlink. */
static bool admin(void)
{
	return capable(CAP_MAC_ADMIN) || capable(CAP_SYS_ADMIN);
}

static ssize_t rescan_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	int ret;

	if (!admin())
		return -EPERM;
	ret = vmfence_rescan();
	return ret ? ret : count;
}

static struct kobj_attribute rescan_attr = __ATTR_WO(rescan);

static ssize_t mode_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	struct vmfence_policy_summary pol;

	vmfence_policy_summary(&pol);
	return sysfs_emit(buf, "%s\n", vmfence_mode_names[pol.mode]);
}

static ssize_t mode_store(struct kobject *kobj, struct kobj_attribute *attr,
			  const char *buf, size_t count)
{
	int mode, ret;

	if (!admin())
		return -EPERM;
	mode = sysfs_match_string(vmfence_mode_names, buf);
	if (mode < 0)
		return -EINVAL;
	ret = vmfence_policy_set(mode, -1, NULL);
	return ret ? ret : count;
}

static struct kobj_attribute mode_attr = __ATTR_RW(mode);

static ssize_t threshold_show(struct kobject *kobj, struct kobj_attribute *attr,
			      char *buf)
{
	struct vmfence_policy_summary pol;

	vmfence_policy_summary(&pol);
	return sysfs_emit(buf, "%u\n", pol.threshold);
}

static ssize_t threshold_store(struct kobject *kobj, struct kobj_attribute *attr,
			       const char *buf, size_t count)
{
	unsigned int threshold;
	int ret;

	if (!admin())
		return -EPERM;
	ret = kstrtouint(buf, 10, &threshold);
	if (ret)
		return ret;
	ret = vmfence_policy_set(-1, threshold, NULL);
	return ret ? ret : count;
}

static struct kobj_attribute threshold_attr = __ATTR_RW(threshold);

static ssize_t locked_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%d\n", vmfence_policy_locked());
}

/*
 * Writing 1 locks and writing 0 is a no-op, while unlocked; once locked,
 * every write fails with -EPERM, as for every other setting.
 */
static ssize_t locked_store(struct kobject *kobj, struct kobj_attribute *attr,
			    const char *buf, size_t count)
{
	bool lock;
	int ret;

	if (!admin() || vmfence_policy_locked())
		return -EPERM;
	ret = kstrtobool(buf, &lock);
	if (ret)
		return ret;
	if (lock)
		vmfence_policy_lock();
	return count;
}

static struct kobj_attribute locked_attr = __ATTR_RW(locked);

static struct attribute *vmfence_attrs[] = {
	&virtualized_attr.attr,
	&confidence_attr.attr,
	&hypervisor_attr.attr,
	&confidential_attr.attr,
	&role_attr.attr,
	&rescan_attr.attr,
	&mode_attr.attr,
	&threshold_attr.attr,
	&locked_attr.attr,
	NULL
};

static const struct attribute_group vmfence_group = {
	.attrs = vmfence_attrs,
};

/*
 * signals/NAME, one file per signal: "HIT WEIGHT DETAIL", where HIT is 1, 0,
 * or ? when the facts the signal reads were unknown. The names come from the
 * core's signal table, so the attributes are filled in at init.
 */
static struct kobj_attribute signal_attrs[VMFENCE_SIG_COUNT];
static struct attribute *signal_attr_ptrs[VMFENCE_SIG_COUNT + 1];

static const struct attribute_group signals_group = {
	.name = "signals",
	.attrs = signal_attr_ptrs,
};

static ssize_t signal_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	static const char hit[] = {
		[VMFENCE_SIG_UNKNOWN] = '?',
		[VMFENCE_SIG_MISS] = '0',
		[VMFENCE_SIG_HIT] = '1',
	};
	const struct vmfence_signal *s;
	struct vmfence_verdict *v;
	ssize_t len;
	u64 count;

	v = kmalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	vmfence_scan_evidence(v, &count);
	s = &v->signals[attr - signal_attrs];
	len = sysfs_emit(buf, "%c %u %s\n", hit[s->state], s->weight, s->detail);
	kfree(v);
	return len;
}

/* stats/NAME, one counter per file, filled in at init like signals/. */
static struct kobj_attribute stat_attrs[VMFENCE_STAT_COUNT];
static struct attribute *stat_attr_ptrs[VMFENCE_STAT_COUNT + 1];

static const struct attribute_group stats_group = {
	.name = "stats",
	.attrs = stat_attr_ptrs,
};

static ssize_t stat_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%llu\n", vmfence_stat_read(attr - stat_attrs));
}

/* The core's word for a TPM enum's value, "?" for one out of range. */
static const char *tpm_word(enum vmfence_tpm_kind kind, unsigned int value)
{
	return vmfence_tpm_word(kind, value) ?: "?";
}

/*
 * tpm/NAME: the TPM identity the latest scan established (tpm/identity.h),
 * one value per file; enums as the words vmfencectl prints.
 */
#define TPM_ATTR(field, fmt, ...)                                             \
	static ssize_t tpm_##field##_show(struct kobject *kobj,               \
					  struct kobj_attribute *attr,        \
					  char *buf)                          \
	{                                                                     \
		struct vmfence_tpm_state st;                                  \
									      \
		vmfence_tpm_get(&st);                                         \
		return sysfs_emit(buf, fmt "\n", __VA_ARGS__);                \
	}                                                                     \
	static struct kobj_attribute tpm_##field##_attr =                     \
		__ATTR(field, 0444, tpm_##field##_show, NULL)

TPM_ATTR(present, "%d", st.present);
TPM_ATTR(class, "%s", tpm_word(VMFENCE_TPM_KIND_CLASS, st.id.class));
TPM_ATTR(class_detail, "%s", st.id.class_detail);
TPM_ATTR(ek_issuer, "%s", st.id.issuer);
TPM_ATTR(ek_subject, "%s", st.id.subject);
TPM_ATTR(ek_sha256, "%*phN", st.id.have_ek ? VMFENCE_SHA256_LEN : 0, st.id.ek_sha256);
TPM_ATTR(possession, "%s",
	 tpm_word(VMFENCE_TPM_KIND_POSSESSION, st.id.possession));
TPM_ATTR(possession_detail, "%s", st.id.possession_detail);
TPM_ATTR(eventlog, "%s", tpm_word(VMFENCE_TPM_KIND_EVENTLOG, st.id.eventlog));
TPM_ATTR(eventlog_detail, "%s", st.id.eventlog_detail);
TPM_ATTR(anchors, "%u", vmfence_tpm_anchor_count());
TPM_ATTR(anchors_locked, "%d", vmfence_tpm_anchors_locked());
static ssize_t tpm_bound_show(struct kobject *kobj, struct kobj_attribute *attr,
			      char *buf)
{
	struct vmfence_policy_summary pol;

	vmfence_policy_summary(&pol);
	return sysfs_emit(buf, "%s\n",
			  tpm_word(VMFENCE_TPM_KIND_BOUND, pol.tpm_bound));
}

static struct kobj_attribute tpm_bound_attr = __ATTR(bound, 0444, tpm_bound_show, NULL);

static ssize_t tpm_manufacturer_show(struct kobject *kobj,
				     struct kobj_attribute *attr, char *buf)
{
	struct vmfence_tpm_state st;
	char name[5] = "";

	vmfence_tpm_get(&st);
	if (st.present)
		vmfence_tpm_manufacturer(st.manufacturer, name);
	return sysfs_emit(buf, "%s\n", name);
}

static struct kobj_attribute tpm_manufacturer_attr =
	__ATTR(manufacturer, 0444, tpm_manufacturer_show, NULL);

static struct attribute *tpm_attrs[] = {
	&tpm_present_attr.attr,
	&tpm_manufacturer_attr.attr,
	&tpm_class_attr.attr,
	&tpm_class_detail_attr.attr,
	&tpm_ek_issuer_attr.attr,
	&tpm_ek_subject_attr.attr,
	&tpm_ek_sha256_attr.attr,
	&tpm_possession_attr.attr,
	&tpm_possession_detail_attr.attr,
	&tpm_eventlog_attr.attr,
	&tpm_eventlog_detail_attr.attr,
	&tpm_anchors_attr.attr,
	&tpm_anchors_locked_attr.attr,
	&tpm_bound_attr.attr,
	NULL
};

static const struct attribute_group tpm_group = {
	.name = "tpm",
	.attrs = tpm_attrs,
};

static const struct attribute_group *vmfence_groups[] = {
	&vmfence_group,
	&signals_group,
	&stats_group,
	&tpm_group,
	NULL
};

/**
 * vmfence_sysfs_init() - create /sys/kernel/vmfence/ and its files
 *
 * The policy, the counters and the verdict must exist before the files do.
 *
 * Context: process context, module init.
 * Return: 0, or -ENOMEM or another negative errno when the tree cannot be
 * created.
 */
int vmfence_sysfs_init(void)
{
	int i, ret;

	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		sysfs_attr_init(&signal_attrs[i].attr);
		signal_attrs[i].attr.name = vmfence_signal_name(i);
		signal_attrs[i].attr.mode = 0444;
		signal_attrs[i].show = signal_show;
		signal_attr_ptrs[i] = &signal_attrs[i].attr;
	}
	for (i = 0; i < VMFENCE_STAT_COUNT; i++) {
		sysfs_attr_init(&stat_attrs[i].attr);
		stat_attrs[i].attr.name = vmfence_stat_name(i);
		stat_attrs[i].attr.mode = 0444;
		stat_attrs[i].show = stat_show;
		stat_attr_ptrs[i] = &stat_attrs[i].attr;
	}

	vmfence_kobj = kobject_create_and_add("vmfence", kernel_kobj);
	if (!vmfence_kobj)
		return -ENOMEM;
	ret = sysfs_create_groups(vmfence_kobj, vmfence_groups);
	if (ret) {
		kobject_put(vmfence_kobj);
		vmfence_kobj = NULL;
	}
	return ret;
}

/**
 * vmfence_sysfs_exit() - remove /sys/kernel/vmfence/ and everything below it
 *
 * Context: process context, module exit or the init error path.
 */
void vmfence_sysfs_exit(void)
{
	sysfs_remove_groups(vmfence_kobj, vmfence_groups);
	kobject_put(vmfence_kobj);
	vmfence_kobj = NULL;
}
