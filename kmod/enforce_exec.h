/* SPDX-License-Identifier: GPL-2.0 */
/*
 * enforce_exec.h - refuse sensitive programs from the head of the kernel's
 * binary format list
 */
#ifndef VMFENCE_ENFORCE_EXEC_H
#define VMFENCE_ENFORCE_EXEC_H

int vmfence_exec_init(void);
void vmfence_exec_exit(void);

#endif /* VMFENCE_ENFORCE_EXEC_H */
