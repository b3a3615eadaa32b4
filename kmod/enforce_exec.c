// SPDX-License-Identifier: GPL-2.0
/*
 * enforce_exec.c - refuse sensitive programs from the head of the kernel's
 * binary format list
 *
 * execve() hands the file to each registered binary format in turn, from
 * the head of the list, until one takes it; a script's interpreter, and the
 * interpreter binfmt_misc names, go round the list again as the file. A
 * format registered at the head with __register_binfmt(fmt, 1) therefore
 * sees every file an exec runs, before any loader, in process context. Its
 * load_binary() judges bprm->file and returns -EACCES to refuse the exec or
 * -ENOEXEC to pass it on. The role of the file in the exec is told by
 * bprm->interp, which a script or binfmt_misc sets to the interpreter it
 * names: the program execve() named, or an interpreter. An ELF program's
 * own interpreter (PT_INTERP) never comes round the list: it is judged
 * here, beside the program, before the ELF loader opens it, and once more
 * after the load (exec_verify.c).
 *
 * Staying at the head. binfmt_misc, and any format module, registers at the
 * head too when it loads: after vmfence, it would see files first, and a
 * binfmt_misc entry that claims a file would run its interpreter on it
 * without vmfence ever seeing the file. So after every module goes live
 * (a module notifier on MODULE_STATE_LIVE, which runs after the module's
 * init registered its format), and whenever an exec finds vmfence no longer
 * at the head (a cheap pointer comparison, which queues the same work),
 * vmfence registers again at the head. It cannot move its old registration:
 * unregister_binfmt() poisons the entry's list pointers, and an exec that
 * has just called the entry's load_binary() follows them without a
 * reference the caller can wait for. So each move takes a new registration
 * (a slot, with a load_binary() of its own so it knows which it is), the
 * old ones stay in the list until module exit, when no exec can be inside
 * them, and only the newest judges. The module that went live and pushed
 * vmfence back is pinned until vmfence unloads, so that no format module
 * can be reloaded to push it back again, and the slots (VMFENCE_EXEC_SLOTS)
 * are only used up by that many different format modules.
 */

#include <linux/binfmts.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

#include "core/elf.h"
#include "core/rule.h"
#include "digest.h"
#include "enforce_exec.h"
#include "judge.h"
#include "testhooks.h"

/* Registrations at the head: the first, and one per format module after it. */
#define VMFENCE_EXEC_SLOTS	4

static int load_binary_0(struct linux_binprm *bprm);
static int load_binary_1(struct linux_binprm *bprm);
static int load_binary_2(struct linux_binprm *bprm);
static int load_binary_3(struct linux_binprm *bprm);

static struct linux_binfmt exec_slots[VMFENCE_EXEC_SLOTS] = {
	{ .module = THIS_MODULE, .load_binary = load_binary_0 },
	{ .module = THIS_MODULE, .load_binary = load_binary_1 },
	{ .module = THIS_MODULE, .load_binary = load_binary_2 },
	{ .module = THIS_MODULE, .load_binary = load_binary_3 },
};

/* Serialises registrations; guards the variables below. */
static DEFINE_MUTEX(exec_lock);
/*
 * Slots registered so far; the newest, exec_used - 1, judges. Written under
 * exec_lock with WRITE_ONCE() after the slot is in the list; read locklessly.
 */
static unsigned int exec_used;
/* The kernel's list head, as the newest slot's prev right after it went in. */
static const struct list_head *exec_list_head;
/* Modules that pushed vmfence back, pinned until exit; under exec_lock. */
static struct module *exec_pinned[VMFENCE_EXEC_SLOTS];
static unsigned int exec_nr_pinned;

/* Whether @slot is still at the head of the list. */
static bool at_head(unsigned int slot)
{
	/*
	 * The list changes under binfmt_lock, which is not exported: a
	 * pointer-sized read is a hint, acted on under exec_lock.
	 */
	return data_race(READ_ONCE(exec_slots[slot].lh.prev)) ==
	       READ_ONCE(exec_list_head);
}

/* Register the next slot at the head; it judges from now on. */
static int register_slot(void)
{
	struct linux_binfmt *fmt;

	lockdep_assert_held(&exec_lock);
	if (exec_used == VMFENCE_EXEC_SLOTS)
		return -ENOSPC;
	fmt = &exec_slots[exec_used];
	__register_binfmt(fmt, 1);
	/* Right after the insertion, under no lock of ours: see at_head(). */
	WRITE_ONCE(exec_list_head, data_race(READ_ONCE(fmt->lh.prev)));
	/*
	 * Until the store below, the previous slot judges too: an exec that
	 * passed the new slot is judged once more further down, never missed.
	 */
	WRITE_ONCE(exec_used, exec_used + 1);
	return 0;
}

/* Go back to the head if something got ahead; pin @culprit when it did. */
static void exec_rehead(struct module *culprit)
{
	mutex_lock(&exec_lock);
	if (exec_used && !at_head(exec_used - 1)) {
		if (register_slot()) {
			pr_err("a binary format is ahead of vmfence and no registration is left to overtake it: programs it claims are not judged\n");
		} else {
			pr_notice("a binary format registered ahead of vmfence%s%s; vmfence is back at the head\n",
				  culprit ? " by " : "", culprit ? culprit->name : "");
			if (culprit && try_module_get(culprit))
				exec_pinned[exec_nr_pinned++] = culprit;
		}
	}
	mutex_unlock(&exec_lock);
}

static void exec_rehead_fn(struct work_struct *work)
{
	exec_rehead(NULL);
}

static DECLARE_WORK(exec_rehead_work, exec_rehead_fn);

static int exec_module_notify(struct notifier_block *nb, unsigned long state,
			      void *data)
{
	if (state == MODULE_STATE_LIVE)
		exec_rehead(data);
	return NOTIFY_DONE;
}

static struct notifier_block exec_module_nb = {
	.notifier_call = exec_module_notify,
};

static long read_program(void *file, u64 off, void *buf, size_t len)
{
	loff_t pos = off;

	return kernel_read(file, buf, len, &pos);
}

/*
 * The ELF interpreter @bprm's program names (PT_INTERP), if any: from the
 * digest cache when the program is unchanged since it was last parsed,
 * else parsed (into @buf, a name buffer allocated here) and remembered.
 * Return: 1 when it names one (*@name points at the path), 0 when not,
 * a negative errno.
 */
static int elf_interp_of(struct linux_binprm *bprm, struct vmfence_elf_memo *m,
			 char **buf, const char **name)
{
	struct vmfence_elf_interp info;
	int ret;

	BUILD_BUG_ON(PATH_MAX < VMFENCE_ELF_BUF_SIZE);
	if (vmfence_elf_memo_get(bprm->file, m)) {
		*name = m->path;
		return m->names;
	}
	*buf = __getname();
	if (!*buf)
		return -ENOMEM;
	ret = vmfence_elf_interp(bprm->buf, BINPRM_BUF_SIZE, read_program,
				 bprm->file, *buf, &info);
	if (ret < 0)
		return ret;
	m->known = true;
	m->names = ret;
	m->entry_inside = ret && info.entry_inside;
	m->path[0] = '\0';
	if (!ret || info.path_len < sizeof(m->path)) {
		if (ret)
			memcpy(m->path, *buf, info.path_len + 1);
		vmfence_elf_memo_set(bprm->file, m);
	}
	*name = *buf;
	return ret;
}

/*
 * The ELF interpreter @bprm's program names, opened as the kernel's ELF
 * loader will open it, and judged: as the loader, or as the program when
 * the program's entry point lies outside it (then the interpreter runs as
 * if it had been executed itself). A name that does not open is left to
 * the loader, which fails the same way, or to exec_verify.c, which judges
 * whatever the loader did open.
 */
static int judge_elf_interp(struct vmfence_judge *j, struct linux_binprm *bprm)
{
	struct vmfence_elf_memo m;
	const char *name = NULL;
	struct file *interp;
	char *buf = NULL;
	int ret;

	if (vmfence_testhooks_skip_precheck())
		return 0;
	ret = elf_interp_of(bprm, &m, &buf, &name);
	if (ret <= 0)
		goto out;
	interp = open_exec(name);
	ret = 0;
	if (IS_ERR(interp))
		goto out;
	ret = vmfence_judge_file(j, interp, m.entry_inside ?
				 VMFENCE_EXEC_ROLE_LOADER : VMFENCE_EXEC_ROLE_PROGRAM,
				 false);
	allow_write_access(interp);
	fput(interp);
out:
	if (buf)
		__putname(buf);
	return ret;
}

/**
 * vmfence_exec_judge() - judge the file an exec is about to run
 * @bprm: the exec; bprm->file is the file to judge, write-denied
 *
 * Nothing is checked or recorded in mode off. Otherwise the exec counts as
 * checked, and when the machine counts as virtualized and the policy has
 * exec rules, the file is judged in its role: the program execve() named,
 * or an interpreter a script or binfmt_misc named (which then comes round
 * the format list as bprm->file). When it is an ELF program that names an
 * interpreter, that interpreter is judged as well, since the kernel's ELF
 * loader runs it without offering it to the formats.
 *
 * Context: process context, from search_binary_handler(); sleeps.
 * Return: -EACCES to refuse the exec; -ENOEXEC to pass it on to the next
 * format; another error (-ENOMEM, -EINTR, -ETXTBSY, an I/O error) when a
 * file could not be judged, which fails the exec.
 */
static int vmfence_exec_judge(struct linux_binprm *bprm)
{
	u8 role = bprm->interp == bprm->filename ? VMFENCE_EXEC_ROLE_PROGRAM :
						    VMFENCE_EXEC_ROLE_INTERPRETER;
	struct vmfence_judge j;
	int ret;

	if (!vmfence_judge_begin(&j, true))
		return -ENOEXEC;
	ret = vmfence_judge_file(&j, bprm->file, role, false);
	if (!ret)
		ret = judge_elf_interp(&j, bprm);
	vmfence_judge_end(&j);
	return ret ?: -ENOEXEC;
}

static int exec_slot_load(struct linux_binprm *bprm, unsigned int slot)
{
	/* An older registration, behind the newest: the newest judged. */
	if (slot + 1 < READ_ONCE(exec_used))
		return -ENOEXEC;
	if (unlikely(!at_head(slot)))
		schedule_work(&exec_rehead_work);
	return vmfence_exec_judge(bprm);
}

static int load_binary_0(struct linux_binprm *bprm)
{
	return exec_slot_load(bprm, 0);
}

static int load_binary_1(struct linux_binprm *bprm)
{
	return exec_slot_load(bprm, 1);
}

static int load_binary_2(struct linux_binprm *bprm)
{
	return exec_slot_load(bprm, 2);
}

static int load_binary_3(struct linux_binprm *bprm)
{
	return exec_slot_load(bprm, 3);
}

/**
 * vmfence_exec_init() - start judging every exec
 *
 * Registers the exec handler at the head of the binary format list and the
 * module notifier that keeps it there. The policy, the verdict, the digest
 * cache and the record must be ready.
 *
 * Context: process context, module init.
 * Return: 0, or the error of register_module_notifier().
 */
int vmfence_exec_init(void)
{
	int ret;

	mutex_lock(&exec_lock);
	ret = register_slot();
	mutex_unlock(&exec_lock);
	if (ret)
		return ret;
	ret = register_module_notifier(&exec_module_nb);
	if (ret) {
		unregister_binfmt(&exec_slots[0]);
		exec_used = 0;
	}
	return ret;
}

/**
 * vmfence_exec_exit() - stop judging execs
 *
 * Unregisters every slot and unpins the modules that pushed vmfence back.
 * No exec is inside a slot by then: each holds a reference to the module
 * while it calls the slot, and the module is going.
 *
 * Context: process context, module exit.
 */
void vmfence_exec_exit(void)
{
	unsigned int i;

	unregister_module_notifier(&exec_module_nb);
	cancel_work_sync(&exec_rehead_work);
	mutex_lock(&exec_lock);
	for (i = exec_used; i-- > 0;)
		unregister_binfmt(&exec_slots[i]);
	WRITE_ONCE(exec_used, 0);
	for (i = 0; i < exec_nr_pinned; i++)
		module_put(exec_pinned[i]);
	exec_nr_pinned = 0;
	mutex_unlock(&exec_lock);
}
