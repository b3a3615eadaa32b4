// SPDX-License-Identifier: GPL-2.0
/*
 * vmfence_testmod.c - a module that does nothing, for module rules to refuse
 *
 * The enforcement tests name it in "deny module name=vmfence_testmod" and
 * check that loading it fails and leaves no trace in /proc/modules.
 */

#include <linux/init.h>
#include <linux/module.h>

static int __init vmfence_testmod_init(void)
{
	pr_info("loaded\n");
	return 0;
}

static void __exit vmfence_testmod_exit(void)
{
	pr_info("unloaded\n");
}

module_init(vmfence_testmod_init);
module_exit(vmfence_testmod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vmfence test module: a target for module rules");
