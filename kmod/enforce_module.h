/* SPDX-License-Identifier: GPL-2.0 */
/* enforce_module.h - refuse sensitive kernel modules as they come */
#ifndef VMFENCE_ENFORCE_MODULE_H
#define VMFENCE_ENFORCE_MODULE_H

int vmfence_module_init(void);
void vmfence_module_exit(void);

#endif /* VMFENCE_ENFORCE_MODULE_H */
