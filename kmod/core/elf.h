/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elf.h - the ELF interpreter a program names, as the kernel's loader
 * finds it
 *
 * The kernel runs a program's ELF interpreter (PT_INTERP, usually the
 * dynamic loader ld.so) without offering it to the binary formats: its
 * loader opens the file the program names and jumps into it. To judge that
 * file before the loader runs, vmfence reads the same headers the loader
 * reads, with the same limits, from the program the exec is about to load.
 */
#ifndef VMFENCE_CORE_ELF_H
#define VMFENCE_CORE_ELF_H

#include "port.h"

/*
 * Scratch a caller gives vmfence_elf_interp(): room for the largest program
 * header table the kernel loads (ELF_MIN_ALIGN, a page) and, afterwards, for
 * the longest interpreter path it opens (PATH_MAX).
 */
#define VMFENCE_ELF_BUF_SIZE	4096

/**
 * struct vmfence_elf_interp - what a program's headers say about its
 *	interpreter
 * @entry_inside: the program's entry point lies in one of its own loadable
 *	segments, where the loader maps the file. When it does not, the
 *	program hands control to its interpreter as if the interpreter had
 *	been run itself (ld.so then takes argv[1] as the program to load), and
 *	the interpreter counts as the program.
 * @path_len: bytes in the interpreter's path, the NUL excluded
 */
struct vmfence_elf_interp {
	bool entry_inside;
	u32 path_len;
};

/**
 * typedef vmfence_elf_read_t - read part of the program
 * @ctx: the caller's
 * @off: offset in the file
 * @buf: where to put the bytes
 * @len: how many
 *
 * Return: the bytes read (fewer at the end of the file), or a negative errno.
 */
typedef long (*vmfence_elf_read_t)(void *ctx, u64 off, void *buf, size_t len);

int vmfence_elf_interp(const u8 *head, size_t head_len, vmfence_elf_read_t read,
		       void *ctx, char *buf, struct vmfence_elf_interp *interp);

#endif /* VMFENCE_CORE_ELF_H */
