/* SPDX-License-Identifier: GPL-2.0 */
/* sysfs.h - the /sys/kernel/vmfence/ tree */
#ifndef VMFENCE_SYSFS_H
#define VMFENCE_SYSFS_H

int vmfence_sysfs_init(void);
void vmfence_sysfs_exit(void);

#endif /* VMFENCE_SYSFS_H */
