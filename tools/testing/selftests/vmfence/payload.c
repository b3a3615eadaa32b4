// SPDX-License-Identifier: GPL-2.0
/*
 * payload.c - the programs the ELF-interpreter tests run as interpreters:
 * each exits at once with PAYLOAD_STATUS, with no C library, so that it runs
 * whether the kernel starts it as a program or as another program's ELF
 * interpreter. The Makefile builds it static, static-PIE and 32-bit.
 */
/*
 * Written data after the code, as real programs have: before 6.7 the ELF
 * loader zeroes the end of an interpreter's last segment, which fails on a
 * read-only one, and the exec dies with SIGSEGV.
 */
char payload_data[64] = "vmfence payload";

#define STR_(x) #x
#define STR(x) STR_(x)

#ifdef __x86_64__
/* exit_group(PAYLOAD_STATUS) */
__asm__(".text\n.globl _start\n_start:\n"
	"\tmov $231, %eax\n"
	"\tmov $" STR(PAYLOAD_STATUS) ", %edi\n"
	"\tsyscall\n");
#else
__asm__(".text\n.globl _start\n_start:\n"
	"\tmov $252, %eax\n"
	"\tmov $" STR(PAYLOAD_STATUS) ", %ebx\n"
	"\tint $0x80\n");
#endif
