// SPDX-License-Identifier: GPL-2.0
/* main.c - vmfence module init and exit */

#include <linux/init.h>
#include <linux/module.h>

#include "digest.h"
#include "enforce_exec.h"
#include "enforce_module.h"
#include "exec_verify.h"
#include "netlink.h"
#include "policy.h"
#include "scan.h"
#include "stats.h"
#include "sysfs.h"
#include "testhooks.h"
#include "tpm/anchors.h"
#include "version.h"

static int __init vmfence_init(void)
{
	int ret;

	ret = vmfence_stats_init();
	if (ret)
		goto err_stats;

	ret = vmfence_policy_init();
	if (ret)
		goto err_policy;

	ret = vmfence_tpm_anchors_init();
	if (ret)
		goto err_anchors;

	ret = vmfence_scan_init();
	if (ret)
		goto err_scan;

	ret = vmfence_sysfs_init();
	if (ret)
		goto err_sysfs;

	ret = vmfence_netlink_init();
	if (ret)
		goto err_netlink;

	/* Enforcement last: what it records goes to netlink as well. */
	ret = vmfence_digest_init();
	if (ret)
		goto err_digest;

	ret = vmfence_exec_init();
	if (ret)
		goto err_exec;

	ret = vmfence_exec_verify_init();
	if (ret)
		goto err_exec_verify;

	ret = vmfence_module_init();
	if (ret)
		goto err_module;

	ret = vmfence_testhooks_init();
	if (ret)
		goto err_testhooks;

	pr_info("version " VMFENCE_VERSION " loaded\n");
	return 0;

err_testhooks:
	vmfence_module_exit();
err_module:
	vmfence_exec_verify_exit();
err_exec_verify:
	vmfence_exec_exit();
err_exec:
	vmfence_digest_exit();
err_digest:
	vmfence_netlink_exit();
err_netlink:
	vmfence_sysfs_exit();
err_sysfs:
	vmfence_scan_exit();
err_scan:
	vmfence_tpm_anchors_exit();
err_anchors:
	vmfence_policy_exit();
err_policy:
	vmfence_stats_exit();
err_stats:
	return ret;
}

static void __exit vmfence_exit(void)
{
	/* Only rmmod -f gets here while locked: fail closed. */
	vmfence_policy_guard_unload();
	vmfence_testhooks_exit();
	vmfence_module_exit();
	vmfence_exec_verify_exit();
	vmfence_exec_exit();
	vmfence_digest_exit();
	vmfence_netlink_exit();
	vmfence_sysfs_exit();
	vmfence_scan_exit();
	vmfence_tpm_anchors_exit();
	vmfence_policy_exit();
	vmfence_stats_exit();
	pr_info("version " VMFENCE_VERSION " unloaded\n");
}

module_init(vmfence_init);
module_exit(vmfence_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Keep sensitive workloads off virtual machines");
MODULE_AUTHOR("The vmfence developers");
MODULE_VERSION(VMFENCE_VERSION);
