// SPDX-License-Identifier: GPL-2.0
/* sysfs.c - the /sys/kernel/vmfence/ tree */

#include <linux/kobject.h>
#include <linux/sysfs.h>

#include "sysfs.h"

/*
 * The root of the tree. Created at init, released at exit; every attribute
 * hangs off it. Written only from module init and exit, which the module
 * loader serialises, so it needs no lock of its own.
 */
static struct kobject *vmfence_kobj;

/**
 * vmfence_sysfs_init() - create /sys/kernel/vmfence/
 *
 * Context: process context, module init.
 * Return: 0, or -ENOMEM when the directory cannot be created.
 */
int vmfence_sysfs_init(void)
{
	vmfence_kobj = kobject_create_and_add("vmfence", kernel_kobj);
	if (!vmfence_kobj)
		return -ENOMEM;
	return 0;
}

/**
 * vmfence_sysfs_exit() - remove /sys/kernel/vmfence/ and everything below it
 *
 * Context: process context, module exit or the init error path.
 */
void vmfence_sysfs_exit(void)
{
	kobject_put(vmfence_kobj);
	vmfence_kobj = NULL;
}
