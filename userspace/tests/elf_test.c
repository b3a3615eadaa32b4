// SPDX-License-Identifier: GPL-2.0
/*
 * elf_test.c - the ELF interpreter a program names, as the kernel's loader
 * finds it: built headers of every shape the loader takes or refuses, and
 * the programs of this machine
 */

#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/elf.h"
#include "tap.h"

/* A program image in memory: headers, program headers, the interpreter. */
struct image {
	unsigned char b[8192];
	size_t len;
};

static long read_image(void *ctx, u64 off, void *buf, size_t len)
{
	const struct image *im = ctx;

	if (off >= im->len)
		return 0;
	if (len > im->len - off)
		len = im->len - off;
	memcpy(buf, im->b + off, len);
	return len;
}

static long read_error(void *ctx, u64 off, void *buf, size_t len)
{
	return -5;	/* -EIO */
}

/* A 64-bit program: a text segment at 0x400000 and, if @interp, PT_INTERP. */
static void build64(struct image *im, const char *interp, Elf64_Addr entry)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)im->b;
	Elf64_Phdr *ph = (Elf64_Phdr *)(im->b + sizeof(*eh));
	size_t n = interp ? 2 : 1;

	memset(im, 0, sizeof(*im));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_entry = entry;
	eh->e_phoff = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = n;
	ph[0].p_type = PT_LOAD;
	ph[0].p_vaddr = 0x400000;
	ph[0].p_filesz = 0x1234;
	ph[0].p_memsz = 0x2000;
	im->len = 1024;
	if (interp) {
		ph[1].p_type = PT_INTERP;
		ph[1].p_offset = 512;
		ph[1].p_filesz = strlen(interp) + 1;
		memcpy(im->b + 512, interp, strlen(interp) + 1);
	}
}

/* The same as a 32-bit i386 program. */
static void build32(struct image *im, const char *interp, Elf32_Addr entry)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)im->b;
	Elf32_Phdr *ph = (Elf32_Phdr *)(im->b + sizeof(*eh));

	memset(im, 0, sizeof(*im));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_type = ET_DYN;
	eh->e_machine = EM_386;
	eh->e_entry = entry;
	eh->e_phoff = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 2;
	ph[0].p_type = PT_INTERP;
	ph[0].p_offset = 512;
	ph[0].p_filesz = strlen(interp) + 1;
	ph[1].p_type = PT_LOAD;
	ph[1].p_vaddr = 0x1000;
	ph[1].p_filesz = 0x800;
	memcpy(im->b + 512, interp, strlen(interp) + 1);
	im->len = 1024;
}

static int inspect(struct image *im, char *path, struct vmfence_elf_interp *in)
{
	return vmfence_elf_interp(im->b, 256, read_image, im, path, in);
}

static Elf64_Ehdr *eh64(struct image *im)
{
	return (Elf64_Ehdr *)im->b;
}

static Elf64_Phdr *ph64(struct image *im, int i)
{
	return (Elf64_Phdr *)(im->b + sizeof(Elf64_Ehdr)) + i;
}

static long read_fd(void *ctx, u64 off, void *buf, size_t len)
{
	return pread(*(int *)ctx, buf, len, off);
}

/* The interpreter of a program on this machine, read from its file. */
static int real_interp(const char *file, char *path, struct vmfence_elf_interp *in)
{
	unsigned char head[256] = { 0 };
	int fd = open(file, O_RDONLY), ret;

	if (fd < 0)
		return -1;
	ret = pread(fd, head, sizeof(head), 0) < 64 ? -1 :
	      vmfence_elf_interp(head, sizeof(head), read_fd, &fd, path, in);
	close(fd);
	return ret;
}

int main(void)
{
	char path[VMFENCE_ELF_BUF_SIZE];
	struct vmfence_elf_interp in;
	struct image im;

	build64(&im, "/lib64/ld-linux-x86-64.so.2", 0x401000);
	tap_ok(inspect(&im, path, &in) == 1 && !strcmp(path, "/lib64/ld-linux-x86-64.so.2") &&
	       in.path_len == 27 && in.entry_inside, "64-bit program with an interpreter");

	build64(&im, NULL, 0x401000);
	tap_ok(inspect(&im, path, &in) == 0, "64-bit program without an interpreter");

	build64(&im, "/lib64/ld-linux-x86-64.so.2", 0x7f0000001040);
	tap_ok(inspect(&im, path, &in) == 1 && !in.entry_inside,
	       "entry point outside the program: the interpreter runs as the program");

	build64(&im, "/x", 0x400000 + 0x1fff);
	tap_ok(inspect(&im, path, &in) == 1 && in.entry_inside,
	       "entry in the last page the file maps (past p_filesz, same page)");
	build64(&im, "/x", 0x402000);
	tap_ok(inspect(&im, path, &in) == 1 && !in.entry_inside,
	       "entry in the bss beyond the file's pages is outside");
	build64(&im, "/x", 0x3fffff);
	tap_ok(inspect(&im, path, &in) == 1 && !in.entry_inside,
	       "entry just below the segment is outside");

	build64(&im, "/lib/a\0/b", 0x401000);
	ph64(&im, 1)->p_filesz = 10;
	tap_ok(inspect(&im, path, &in) == 1 && !strcmp(path, "/lib/a") && in.path_len == 6,
	       "the path ends at its first NUL, as open_exec() reads it");

	build64(&im, "/x", 0x401000);
	ph64(&im, 1)->p_filesz = 1;
	tap_ok(inspect(&im, path, &in) == 0, "an interpreter of 1 byte is refused by the loader");
	build64(&im, "/xyz", 0x401000);
	ph64(&im, 1)->p_filesz = 3;
	tap_ok(inspect(&im, path, &in) == 0, "an interpreter not ending in NUL is refused");
	build64(&im, "/x", 0x401000);
	ph64(&im, 1)->p_filesz = 4097;
	tap_ok(inspect(&im, path, &in) == 0, "an interpreter longer than PATH_MAX is refused");
	build64(&im, "/x", 0x401000);
	ph64(&im, 1)->p_offset = 8000;
	tap_ok(inspect(&im, path, &in) == 0, "an interpreter beyond the end of the file");

	build64(&im, "/x", 0x401000);
	eh64(&im)->e_machine = EM_AARCH64;
	tap_ok(inspect(&im, path, &in) == 0, "another machine's program is not the ELF loader's");
	build64(&im, "/x", 0x401000);
	eh64(&im)->e_type = ET_REL;
	tap_ok(inspect(&im, path, &in) == 0, "an object file is not a program");
	build64(&im, "/x", 0x401000);
	eh64(&im)->e_ident[EI_DATA] = ELFDATA2MSB;
	tap_ok(inspect(&im, path, &in) == 0, "big-endian is not x86");
	build64(&im, "/x", 0x401000);
	eh64(&im)->e_phentsize = 55;
	tap_ok(inspect(&im, path, &in) == 0, "a wrong program header size is refused");
	build64(&im, "/x", 0x401000);
	eh64(&im)->e_phnum = 74;
	tap_ok(inspect(&im, path, &in) == 0, "a program header table over a page is refused");
	build64(&im, "/x", 0x401000);
	eh64(&im)->e_phnum = 0;
	tap_ok(inspect(&im, path, &in) == 0, "no program headers at all");

	build64(&im, "/first", 0x401000);
	ph64(&im, 0)->p_type = PT_INTERP;
	ph64(&im, 0)->p_offset = 600;
	ph64(&im, 0)->p_filesz = 8;
	memcpy(im.b + 600, "/second", 8);
	tap_ok(inspect(&im, path, &in) == 1 && !strcmp(path, "/second") && !in.entry_inside,
	       "the first PT_INTERP wins, as in the loader");

	build64(&im, "/x", 0x401000);
	tap_ok(vmfence_elf_interp(im.b, 256, read_error, &im, path, &in) == -5,
	       "a read error is passed on");
	tap_ok(vmfence_elf_interp((const u8 *)"#!/bin/sh\n", 10, read_image, &im, path, &in) == 0,
	       "a script is not an ELF program");

	build32(&im, "/lib/ld-linux.so.2", 0x1100);
	tap_ok(inspect(&im, path, &in) == 1 && !strcmp(path, "/lib/ld-linux.so.2") &&
	       in.entry_inside, "32-bit position-independent program");
	build32(&im, "/lib/ld-linux.so.2", 0x9000);
	tap_ok(inspect(&im, path, &in) == 1 && !in.entry_inside,
	       "32-bit program whose entry lies outside it");

	tap_ok(real_interp("/bin/sh", path, &in) == 1 && path[0] == '/' && in.entry_inside,
	       "/bin/sh names its loader (%s) and starts in itself", path);
	tap_ok(real_interp("/bin/busybox", path, &in) == 0,
	       "the static busybox names no interpreter");
	return tap_done();
}
