// SPDX-License-Identifier: GPL-2.0
/*
 * nop.c - the smallest static program: exit(0), no libc
 *
 * The exec benchmark runs it in a loop, so that what is measured is the
 * exec itself (where vmfence judges the file) and not a program's startup.
 */

void _start(void);

void _start(void)
{
	__asm__ volatile("mov $60, %%eax\n\t"	/* SYS_exit */
			 "xor %%edi, %%edi\n\t"
			 "syscall" ::: "memory");
	__builtin_unreachable();
}
