// SPDX-License-Identifier: GPL-2.0
/* ledgerd.c - the end-to-end test's sensitive program: it only says so */
#include <stdio.h>

int main(void)
{
	puts("ledgerd: running");
	return 0;
}
