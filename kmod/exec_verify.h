/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exec_verify.h - the ELF interpreter an exec mapped, judged before the
 * program's first instruction
 */
#ifndef VMFENCE_EXEC_VERIFY_H
#define VMFENCE_EXEC_VERIFY_H

int vmfence_exec_verify_init(void);
void vmfence_exec_verify_exit(void);

#endif /* VMFENCE_EXEC_VERIFY_H */
