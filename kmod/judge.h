/* SPDX-License-Identifier: GPL-2.0 */
/*
 * judge.h - one file an exec runs, judged by the policy and recorded
 *
 * Every file the kernel runs as code for an exec is judged here on its
 * own, by the same rules: the program, each interpreter a script or a
 * binfmt_misc entry names, and the ELF interpreter a program names, each
 * in its role (enum vmfence_exec_role). enforce_exec.c judges them before they
 * run; exec_verify.c judges once more the ELF interpreter the kernel
 * actually mapped.
 */
#ifndef VMFENCE_JUDGE_H
#define VMFENCE_JUDGE_H

#include <linux/types.h>

#include "core/decide.h"

struct file;
struct vmfence_policy;

/**
 * struct vmfence_judge - what files are judged under, fixed for one exec
 * @policy: the policy generation, held (vmfence_policy_get())
 * @s: the settings of @policy and the verdict in force
 */
struct vmfence_judge {
	struct vmfence_policy *policy;
	struct vmfence_situation s;
};

bool vmfence_judge_wanted(void);
bool vmfence_judge_begin(struct vmfence_judge *j, bool count);
void vmfence_judge_end(struct vmfence_judge *j);
int vmfence_judge_file(struct vmfence_judge *j, struct file *file, u8 role,
		       bool loaded);

#endif /* VMFENCE_JUDGE_H */
