// SPDX-License-Identifier: GPL-2.0
/*
 * elf.c - the ELF interpreter a program names, as the kernel's loader
 * finds it
 *
 * Mirrors load_elf_binary() in fs/binfmt_elf.c (and its compat build for
 * 32-bit programs) as far as the interpreter goes: an x86 ELF executable or
 * shared object, little-endian, with a program header table of at most one
 * page, whose first PT_INTERP segment holds 2 to PATH_MAX bytes ending in a
 * NUL. The loader opens the path up to its first NUL. Headers the loader
 * would refuse name no interpreter here: the exec fails there, before any
 * interpreter is opened. Fields are read byte by byte, little-endian, so
 * that the code is the same in the kernel and in user space.
 */

#include "elf.h"

#define EI_CLASS	4
#define EI_DATA		5
#define ELFCLASS32	1
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3
#define EM_486		6
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_INTERP	3
#define PAGE		4096u
#define INTERP_MAX	4096u	/* PATH_MAX, the NUL included */

static u64 le(const u8 *p, unsigned int bytes)
{
	u64 v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

/* Where the fields the loader reads are, for one ELF class. */
struct layout {
	unsigned int ehdr_size, phdr_size, addr;	/* sizes in bytes */
	unsigned int e_entry, e_phoff, e_phentsize, e_phnum;
	unsigned int p_offset, p_vaddr, p_filesz;
};

static const struct layout elf32 = {
	.ehdr_size = 52, .phdr_size = 32, .addr = 4,
	.e_entry = 24, .e_phoff = 28, .e_phentsize = 42, .e_phnum = 44,
	.p_offset = 4, .p_vaddr = 8, .p_filesz = 16,
};

static const struct layout elf64 = {
	.ehdr_size = 64, .phdr_size = 56, .addr = 8,
	.e_entry = 24, .e_phoff = 32, .e_phentsize = 54, .e_phnum = 56,
	.p_offset = 8, .p_vaddr = 16, .p_filesz = 32,
};

/* Whether @addr lies in the pages a PT_LOAD segment maps from the file. */
static bool in_segment(u64 addr, u64 vaddr, u64 filesz)
{
	u64 start = vaddr & ~(u64)(PAGE - 1);
	u64 end = vaddr + filesz;

	if (!filesz || end < vaddr)
		return false;
	return addr >= start && addr < end + (PAGE - 1 - ((end - 1) & (PAGE - 1)));
}

/**
 * vmfence_elf_interp() - the ELF interpreter a program names, if any
 * @head: the program's first bytes, as the kernel read them for the exec
 * @head_len: bytes at @head
 * @read: reads the rest of the program
 * @ctx: for @read
 * @buf: VMFENCE_ELF_BUF_SIZE bytes of scratch; on return 1 it holds the
 *	interpreter's path, NUL-terminated
 * @interp: on return 1, the path's length and whether the program's entry
 *	point lies in the program
 *
 * Return: 1 when the program is an x86 ELF program whose loader would open
 * an interpreter; 0 when it is not (another format, another machine, no
 * PT_INTERP, or headers the loader refuses); a negative errno from @read.
 */
int vmfence_elf_interp(const u8 *head, size_t head_len, vmfence_elf_read_t read,
		       void *ctx, char *buf, struct vmfence_elf_interp *interp)
{
	static const u8 magic[4] = { 0x7f, 'E', 'L', 'F' };
	const struct layout *l;
	u64 entry, phoff, off = 0, filesz = 0;
	unsigned int i, phnum, machine, type;
	bool found = false;
	size_t size;
	long n;

	if (head_len < 64 || memcmp(head, magic, sizeof(magic)) ||
	    head[EI_DATA] != ELFDATA2LSB)
		return 0;
	if (head[EI_CLASS] == ELFCLASS64)
		l = &elf64;
	else if (head[EI_CLASS] == ELFCLASS32)
		l = &elf32;
	else
		return 0;
	type = le(head + 16, 2);
	machine = le(head + 18, 2);
	if ((type != ET_EXEC && type != ET_DYN) ||
	    (machine != EM_X86_64 && machine != EM_386 && machine != EM_486))
		return 0;
	entry = le(head + l->e_entry, l->addr);
	phoff = le(head + l->e_phoff, l->addr);
	phnum = le(head + l->e_phnum, 2);
	size = (size_t)phnum * l->phdr_size;
	if (le(head + l->e_phentsize, 2) != l->phdr_size || !size ||
	    size > VMFENCE_ELF_BUF_SIZE)
		return 0;
	if (phoff <= head_len && size <= head_len - phoff) {
		/* Small programs: the headers are in what the exec read. */
		memcpy(buf, head + phoff, size);
	} else {
		n = read(ctx, phoff, buf, size);
		if (n < 0)
			return n;
		if ((size_t)n != size)
			return 0;
	}

	interp->entry_inside = false;
	for (i = 0; i < phnum; i++) {
		const u8 *ph = (const u8 *)buf + i * l->phdr_size;
		u32 p_type = le(ph, 4);
		u64 p_filesz = le(ph + l->p_filesz, l->addr);

		if (p_type == PT_LOAD &&
		    in_segment(entry, le(ph + l->p_vaddr, l->addr), p_filesz))
			interp->entry_inside = true;
		if (p_type == PT_INTERP && !found) {
			found = true;
			off = le(ph + l->p_offset, l->addr);
			filesz = p_filesz;
		}
	}
	if (!found || filesz < 2 || filesz > INTERP_MAX)
		return 0;
	n = read(ctx, off, buf, filesz);
	if (n < 0)
		return n;
	if ((u64)n != filesz || buf[filesz - 1])
		return 0;
	interp->path_len = strlen(buf);
	return 1;
}
