// SPDX-License-Identifier: GPL-2.0
/*
 * testhooks.c - test builds only: force the verdict, blind a rescan
 *
 * /sys/kernel/debug/vmfence/force (root only) reads as the published
 * verdict, "HYPERVISOR CONFIDENTIAL CONFIDENCE", e.g. "qemu none 100", and
 * takes the same to replace those three facts of the current verdict, so
 * that the condition tests (on=, allow-cc=) can run on any machine without
 * faking the CPU. A rescan (sysfs rescan) brings the real verdict back.
 * Once the policy is locked, writes fail with EPERM: the lock's ratchet
 * holds for tests too.
 *
 * /sys/kernel/debug/vmfence/blind (root only) takes a count N: the next N
 * scans find nothing, every signal that hit reading as a miss, as if the
 * machine had hidden all it showed. It works after the lock too, because
 * it is how the lock suite shows that such a rescan relaxes nothing.
 * Reading it gives the scans still to be blinded.
 */

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

#include "policy.h"
#include "scan.h"
#include "testhooks.h"

static struct dentry *testhooks_dir;
static atomic_t blind_scans = ATOMIC_INIT(0);

static int force_verdict(int hv, int cc, unsigned int confidence)
{
	struct vmfence_verdict *v;
	int ret = 0;

	mutex_lock(&vmfence_scan.lock);
	if (vmfence_policy_locked()) {
		ret = -EPERM;
	} else {
		v = vmfence_scan.verdict;
		v->hv = hv;
		v->cc = cc;
		v->confidence = confidence;
		vmfence_scan_publish();
	}
	mutex_unlock(&vmfence_scan.lock);
	return ret;
}

static ssize_t force_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[64], hv[16], cc[16];
	unsigned int confidence;
	int h, c, ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%15s %15s %u", hv, cc, &confidence) != 3 ||
	    confidence > 100)
		return -EINVAL;
	h = vmfence_hv_from_name(hv);
	c = vmfence_cc_from_name(cc);
	if (h < 0 || c < 0)
		return -EINVAL;
	ret = force_verdict(h, c, confidence);
	return ret ? ret : len;
}

static ssize_t force_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	struct vmfence_situation s;
	char buf[64];
	int n;

	vmfence_scan_situation(&s);
	n = scnprintf(buf, sizeof(buf), "%s %s %u\n", vmfence_hv_name(s.hv),
		      vmfence_cc_name(s.cc), s.confidence);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations force_fops = {
	.owner = THIS_MODULE,
	.read = force_read,
	.write = force_write,
	.llseek = default_llseek,
};

static int blind_get(void *data, u64 *val)
{
	*val = atomic_read(&blind_scans);
	return 0;
}

static int blind_set(void *data, u64 val)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (val > INT_MAX)
		return -EINVAL;
	atomic_set(&blind_scans, val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(blind_fops, blind_get, blind_set, "%llu\n");

/**
 * vmfence_testhooks_scan() - blind a fresh scan's verdict if asked to
 * @v: the verdict a scan just reached, not yet published
 * @threshold: the threshold it was judged against
 *
 * When /sys/kernel/debug/vmfence/blind has scans to blind, turns every hit
 * of @v into a miss and judges it again, and counts one scan off.
 *
 * Context: process context, vmfence_scan.lock held.
 */
void vmfence_testhooks_scan(struct vmfence_verdict *v, unsigned int threshold)
{
	unsigned int i;

	if (atomic_add_unless(&blind_scans, -1, 0) == 0)
		return;
	for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
		if (v->signals[i].state != VMFENCE_SIG_HIT)
			continue;
		v->signals[i].state = VMFENCE_SIG_MISS;
		v->signals[i].detail[0] = '\0';
	}
	vmfence_judge(v, threshold);
}

/**
 * vmfence_testhooks_init() - create /sys/kernel/debug/vmfence/{force,blind}
 *
 * Context: process context, module init, after the first scan.
 * Return: 0. A debugfs failure leaves the hook out, as debugfs users do.
 */
int vmfence_testhooks_init(void)
{
	pr_warn("test hooks built in: the verdict can be forced and scans blinded through debugfs; not for production\n");
	testhooks_dir = debugfs_create_dir("vmfence", NULL);
	debugfs_create_file("force", 0600, testhooks_dir, NULL, &force_fops);
	debugfs_create_file_unsafe("blind", 0600, testhooks_dir, NULL,
				   &blind_fops);
	return 0;
}

/**
 * vmfence_testhooks_exit() - remove the debugfs files
 *
 * Context: process context, module exit; returns once no call is running.
 */
void vmfence_testhooks_exit(void)
{
	debugfs_remove_recursive(testhooks_dir);
}
