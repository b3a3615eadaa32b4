// SPDX-License-Identifier: GPL-2.0
/*
 * testhooks.c - test builds only: force the verdict, blind or disguise a
 * rescan
 *
 * /sys/kernel/debug/vmfence/force (root only) reads as the published
 * verdict, "HYPERVISOR CONFIDENTIAL CONFIDENCE", e.g. "qemu none 100", and
 * takes the same: it runs a scan whose verdict has those three facts, so
 * that the condition tests (on=, allow-cc=) can run on any machine without
 * faking the CPU. A rescan (sysfs rescan) brings the real verdict back.
 * Once the policy is locked, writes fail with EPERM: the lock's ratchet
 * holds for tests too.
 *
 * All three act on a fresh verdict through the scan's filter hook
 * (vmfence_scan_set_filter()), and read through its snapshot: scan.c knows
 * nothing of this file.
 *
 * /sys/kernel/debug/vmfence/blind (root only) takes a count N: the next N
 * scans find nothing, every signal that hit reading as a miss, as if the
 * machine had hidden all it showed. It works after the lock too, because
 * it is how the lock suite shows that such a rescan relaxes nothing.
 * Reading it gives the scans still to be blinded.
 *
 * /sys/kernel/debug/vmfence/disguise (root only) takes "HYPERVISOR
 * CONFIDENTIAL": the next scan's verdict names them instead of what it
 * found, as if the machine showed another hypervisor. Like blind, it works
 * after the lock: the lock suite uses it to show that such a rescan takes
 * no hypervisor out of a rule's reach and gains no allow-cc= exemption.
 * "none none" (the default) disguises nothing.
 *
 * /sys/kernel/debug/vmfence/skip_precheck (root only, Y or N): when Y, an
 * exec's ELF interpreter is not judged before the load, so that the tests
 * can show the check after the load (exec_verify.c) on its own.
 *
 * /sys/kernel/debug/vmfence/tpm_trusting (root only, Y or N): when Y, the
 * proof of EK possession (tpm/ek.c) skips its comparison of the TPM's own
 * EK with the certified key, as if the TPM had lied about its public key,
 * so that the tests show the salted session alone refusing a TPM that
 * holds another key.
 */

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#include "policy.h"
#include "scan.h"
#include "testhooks.h"

static struct dentry *testhooks_dir;
static atomic_t blind_scans = ATOMIC_INIT(0);
/* The next scan's hypervisor and confidential type; 0 (none) for neither. */
static atomic_t disguise_hv = ATOMIC_INIT(0);
static atomic_t disguise_cc = ATOMIC_INIT(0);
static bool skip_precheck;
static bool tpm_trusting;
/*
 * The facts the next scan's verdict takes, when force_pending is set:
 * written by force_write() before the scan it runs, read by the filter.
 */
static atomic_t force_pending = ATOMIC_INIT(0);
static int force_hv, force_cc;
static unsigned int force_confidence;
static DEFINE_MUTEX(force_lock);	/* one force at a time */

static int force_verdict(int hv, int cc, unsigned int confidence)
{
	int ret;

	if (vmfence_policy_locked())
		return -EPERM;
	mutex_lock(&force_lock);
	force_hv = hv;
	force_cc = cc;
	force_confidence = confidence;
	atomic_set_release(&force_pending, 1);
	ret = vmfence_rescan();
	atomic_set(&force_pending, 0);
	mutex_unlock(&force_lock);
	return ret;
}

/*
 * Take "HYPERVISOR CONFIDENTIAL[ CONFIDENCE]" from a root writer: the ids
 * into @hv and @cc, the confidence (0-100) into @confidence when it is not
 * NULL. Return: 0, -EPERM, -EFAULT or -EINVAL.
 */
static int take_facts(const char __user *ubuf, size_t len, int *hv, int *cc,
		      unsigned int *confidence)
{
	char buf[64], h[16], c[16];
	unsigned int conf = 0;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%15s %15s %u", h, c, &conf) != (confidence ? 3 : 2) ||
	    conf > 100)
		return -EINVAL;
	*hv = vmfence_hv_from_name(h);
	*cc = vmfence_cc_from_name(c);
	if (*hv < 0 || *cc < 0)
		return -EINVAL;
	if (confidence)
		*confidence = conf;
	return 0;
}

static ssize_t force_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	unsigned int confidence;
	int h, c, ret;

	ret = take_facts(ubuf, len, &h, &c, &confidence);
	if (!ret)
		ret = force_verdict(h, c, confidence);
	return ret ? ret : len;
}

static ssize_t force_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	struct vmfence_scan_snapshot snap;
	char buf[64];
	int n;

	vmfence_scan_snapshot(&snap);
	n = scnprintf(buf, sizeof(buf), "%s %s %u\n", vmfence_hv_name(snap.hv),
		      vmfence_cc_name(snap.cc), snap.confidence);
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

static ssize_t disguise_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	int h, c, ret;

	ret = take_facts(ubuf, len, &h, &c, NULL);
	if (ret)
		return ret;
	atomic_set(&disguise_cc, c);
	atomic_set(&disguise_hv, h);
	return len;
}

static const struct file_operations disguise_fops = {
	.owner = THIS_MODULE,
	.write = disguise_write,
	.llseek = default_llseek,
};

/*
 * The scan's filter: blind a fresh verdict when blind has scans to blind
 * (every hit a miss, weighed again, one scan counted off); then give it
 * the hypervisor and confidential type disguise names, once; then the
 * facts a force is running a scan for. Called with the scan's lock held.
 */
static void testhooks_filter(struct vmfence_verdict *v)
{
	unsigned int i;
	int hv;

	if (atomic_add_unless(&blind_scans, -1, 0)) {
		for (i = 0; i < VMFENCE_SIG_COUNT; i++) {
			if (v->signals[i].state != VMFENCE_SIG_HIT)
				continue;
			v->signals[i].state = VMFENCE_SIG_MISS;
			v->signals[i].detail[0] = '\0';
		}
		vmfence_weigh(v);
	}
	hv = atomic_xchg(&disguise_hv, 0);
	if (hv) {
		v->hv = hv;
		v->cc = atomic_xchg(&disguise_cc, 0);
	}
	if (atomic_read_acquire(&force_pending)) {
		v->hv = force_hv;
		v->cc = force_cc;
		v->confidence = force_confidence;
	}
}

/**
 * vmfence_testhooks_tpm_trusting() - whether the EK possession proof takes
 *	the TPM's word for its public key
 *
 * Return: true when /sys/kernel/debug/vmfence/tpm_trusting says Y.
 */
bool vmfence_testhooks_tpm_trusting(void)
{
	return READ_ONCE(tpm_trusting);
}

/**
 * vmfence_testhooks_skip_precheck() - whether to leave an exec's ELF
 *	interpreter to the check after the load
 *
 * Context: any.
 * Return: true when /sys/kernel/debug/vmfence/skip_precheck says Y.
 */
bool vmfence_testhooks_skip_precheck(void)
{
	return READ_ONCE(skip_precheck);
}

/**
 * vmfence_testhooks_init() - create /sys/kernel/debug/vmfence/{force,blind,
 *	disguise,skip_precheck,tpm_trusting}
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
	debugfs_create_file("disguise", 0200, testhooks_dir, NULL,
			    &disguise_fops);
	debugfs_create_bool("skip_precheck", 0600, testhooks_dir, &skip_precheck);
	debugfs_create_bool("tpm_trusting", 0600, testhooks_dir, &tpm_trusting);
	vmfence_scan_set_filter(testhooks_filter);
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
	vmfence_scan_set_filter(NULL);
}
