// SPDX-License-Identifier: GPL-2.0
/*
 * exec_verify.c - the ELF interpreter an exec mapped, judged before the
 * program's first instruction
 *
 * The kernel's ELF loader opens the interpreter a program names (PT_INTERP)
 * itself, with open_exec(), maps it and starts the new program there: the
 * file never goes round the binary format list, where vmfence judges.
 * enforce_exec.c judges it before the load, by the name the program gives,
 * so that a refused exec fails with EACCES. But that name is looked up
 * twice, by vmfence and then by the loader, and what it leads to can change
 * in between (a rename, a symbolic link swapped). So every exec is checked
 * once more after the load, on what the loader did map.
 *
 * The sched_process_exec tracepoint fires once the new program is in place,
 * before it runs. Its probe, which cannot sleep, looks whether the loader
 * mapped any file besides the program (when the new mm's lock is free; a
 * static program maps none, and costs no more) and if so, or if it cannot
 * tell, queues a task_work on the
 * task; the work runs on the task's way back to user space, before the
 * first instruction of the new program. It finds the file mapped beside the
 * program (the interpreter), tells from the entry point (AT_ENTRY) whether
 * the interpreter runs as the loader or as the program, and judges it
 * (judge.c). A refusal kills the task with SIGKILL, recorded as "killed".
 * The file the loader mapped was not open for writing while it loaded, and
 * its digest is taken from the same cache as before the load: an unchanged
 * file costs one lookup.
 *
 * Lifetime: each queued work holds a module reference, which its last
 * statement drops. Module exit unregisters the probe, waits for the probes
 * still running (tracepoint_synchronize_unregister()), and then for every
 * task that may still be in the few instructions after that last statement
 * (synchronize_rcu_tasks()): no code of the module runs once exit returns.
 */

#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/tracepoint.h>

#include "core/rule.h"
#include "exec_verify.h"
#include "judge.h"

/* Files mapped beside the program that one check judges; more fail it. */
#define VERIFY_FILES_MAX	4

/**
 * struct verify_work - the check of one exec, queued on its task
 * @twork: the task_work
 * @exe: the program the exec loaded, held
 * @elf32: the program is a 32-bit ELF (its auxiliary vector has 32-bit
 *	words)
 */
struct verify_work {
	struct callback_head twork;
	struct file *exe;
	bool elf32;
};

static struct tracepoint *exec_tp;

static struct inode *real_inode(struct file *file)
{
	return d_real_inode(file->f_path.dentry);
}

/*
 * An entry of the auxiliary vector the ELF loader gave the program (the
 * program's entry point, AT_ENTRY), or 0. A 32-bit program's vector has
 * 32-bit words.
 */
static unsigned long auxv(const struct mm_struct *mm, bool elf32,
			  unsigned long type)
{
	const u32 *a32 = (const u32 *)mm->saved_auxv;
	const unsigned long *a = mm->saved_auxv;
	unsigned int i, n = ARRAY_SIZE(mm->saved_auxv);

	if (elf32) {
		for (i = 0; i + 1 < 2 * n && a32[i] != AT_NULL; i += 2)
			if (a32[i] == type)
				return a32[i + 1];
		return 0;
	}
	for (i = 0; i + 1 < n && a[i] != AT_NULL; i += 2)
		if (a[i] == type)
			return a[i + 1];
	return 0;
}

/*
 * The files mapped beside @exe, held, into @files; whether @entry lies in
 * a mapping of @exe. Return: how many files, or -E2BIG beyond
 * VERIFY_FILES_MAX.
 */
static int mapped_files(struct mm_struct *mm, struct file *exe,
			unsigned long entry, struct file **files,
			bool *entry_in_exe)
{
	VMA_ITERATOR(vmi, mm, 0);
	struct inode *exe_inode = real_inode(exe);
	struct vm_area_struct *vma;
	int i, n = 0;

	*entry_in_exe = false;
	for_each_vma(vmi, vma) {
		struct file *f = vma->vm_file;
		struct inode *inode;

		if (!f)
			continue;
		inode = real_inode(f);
		if (inode == exe_inode) {
			if (entry >= vma->vm_start && entry < vma->vm_end)
				*entry_in_exe = true;
			continue;
		}
		for (i = 0; i < n && real_inode(files[i]) != inode; i++)
			;
		if (i < n)
			continue;
		if (n == VERIFY_FILES_MAX)
			return -E2BIG;
		files[n++] = get_file(f);
	}
	return n;
}

/* Judge what the exec of @w mapped; kill the task when anything is refused. */
static void verify(struct verify_work *w)
{
	struct file *files[VERIFY_FILES_MAX];
	struct mm_struct *mm = current->mm;
	struct vmfence_judge j;
	bool entry_in_exe;
	int i, n, ret = 0;

	/* Exiting, or a fatal signal already: it never reaches user space. */
	if (!mm || !vmfence_judge_begin(&j, false))
		return;
	if (mmap_read_lock_killable(mm))
		goto out;
	n = mapped_files(mm, w->exe, auxv(mm, w->elf32, AT_ENTRY), files,
			 &entry_in_exe);
	mmap_read_unlock(mm);
	if (n < 0) {
		pr_warn_ratelimited("pid %d mapped more files than a program and its interpreter: killed\n",
				    task_tgid_nr(current));
		n = 0;
		ret = -E2BIG;
	}
	for (i = 0; i < n; i++) {
		if (!ret)
			ret = vmfence_judge_file(&j, files[i], entry_in_exe ?
						 VMFENCE_EXEC_ROLE_LOADER :
						 VMFENCE_EXEC_ROLE_PROGRAM, true);
		fput(files[i]);
	}
	if (ret && ret != -EACCES)
		pr_warn_ratelimited("the interpreter of pid %d could not be judged (error %d): killed\n",
				    task_tgid_nr(current), ret);
	if (ret)
		force_sig(SIGKILL);
out:
	vmfence_judge_end(&j);
}

static void verify_fn(struct callback_head *twork)
{
	struct verify_work *w = container_of(twork, struct verify_work, twork);

	verify(w);
	fput(w->exe);
	kfree(w);
	module_put(THIS_MODULE);
}

/*
 * sched_process_exec: the new program is loaded and has not run. Called
 * with preemption disabled: queue the check for the task's return to user
 * space. Every exec gets one: AT_BASE, the interpreter's address, is 0 for
 * an interpreter linked at a fixed address, and the entry point the
 * program reports can be chosen to look like the interpreter's. A check
 * that cannot be queued fails closed.
 */
/*
 * Whether the exec mapped a file besides the program (an interpreter), or
 * may have: the probe cannot sleep, so it looks only when the new mm's lock
 * is free, as it nearly always is (the mm is the task's alone yet), and
 * says true when it is not. A program that mapped no other file runs only
 * its own bytes, judged before the load, and the vDSO, whatever its entry
 * point: then nothing is left to verify.
 */
static bool maps_other_files(struct mm_struct *mm, struct file *exe)
{
	VMA_ITERATOR(vmi, mm, 0);
	struct inode *exe_inode = real_inode(exe);
	struct vm_area_struct *vma;
	bool other = false;

	if (!mmap_read_trylock(mm))
		return true;
	for_each_vma(vmi, vma) {
		if (vma->vm_file && real_inode(vma->vm_file) != exe_inode) {
			other = true;
			break;
		}
	}
	mmap_read_unlock(mm);
	return other;
}

static void exec_probe(void *data, struct task_struct *task, pid_t old_pid,
		       struct linux_binprm *bprm)
{
	struct verify_work *w;

	if (!vmfence_judge_wanted() || !maps_other_files(current->mm, bprm->file) ||
	    !try_module_get(THIS_MODULE))
		return;
	w = kmalloc(sizeof(*w), GFP_ATOMIC | __GFP_NOWARN);
	if (w) {
		init_task_work(&w->twork, verify_fn);
		w->exe = get_file(bprm->file);
		w->elf32 = bprm->buf[EI_CLASS] == ELFCLASS32;
		if (!task_work_add(current, &w->twork, TWA_RESUME))
			return;
		fput(w->exe);
		kfree(w);
	}
	module_put(THIS_MODULE);
	pr_warn_ratelimited("no memory to check the interpreter of pid %d: killed\n",
			    task_tgid_nr(current));
	force_sig(SIGKILL);
}

static void find_exec_tp(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sched_process_exec"))
		*(struct tracepoint **)priv = tp;
}

/**
 * vmfence_exec_verify_init() - check every exec after its load
 *
 * Context: process context, module init; the policy, the verdict and the
 * digest cache must be ready.
 * Return: 0; -ENOENT when the kernel has no sched_process_exec tracepoint
 * (no CONFIG_TRACEPOINTS); an error of tracepoint_probe_register().
 */
int vmfence_exec_verify_init(void)
{
	for_each_kernel_tracepoint(find_exec_tp, &exec_tp);
	if (!exec_tp) {
		pr_err("the kernel has no sched_process_exec tracepoint (CONFIG_TRACEPOINTS): ELF interpreters could not be checked after the load\n");
		return -ENOENT;
	}
	return tracepoint_probe_register(exec_tp, exec_probe, NULL);
}

/**
 * vmfence_exec_verify_exit() - stop checking execs after their load
 *
 * Returns once no probe runs and no task is inside a check's code. Checks
 * still queued hold module references, so a normal unload never gets here
 * with one pending.
 *
 * Context: process context, module exit.
 */
void vmfence_exec_verify_exit(void)
{
	tracepoint_probe_unregister(exec_tp, exec_probe, NULL);
	tracepoint_synchronize_unregister();
	synchronize_rcu_tasks();
}
