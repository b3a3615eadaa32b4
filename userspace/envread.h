/* SPDX-License-Identifier: GPL-2.0 */
/*
 * envread.h - fill struct vmfence_facts from the running system or from a
 * snapshot directory
 *
 * A snapshot holds files at their usual paths under its root (sys/class/
 * dmi/id/sys_vendor, proc/cpuinfo, ...), plus cpuid.txt (`cpuid -r -1`
 * format), and, where the machine gave them, timing.txt ("cpuid N" and
 * "baseline N", median TSC cycles), msr.txt ("0xMSR 0xVALUE", or "0xMSR -"
 * for a read that faulted) and tpm.txt ("0xMANUFACTURER", or "none"). Its
 * file ABSENT lists, one a line, the paths that did not exist on the
 * machine: a path neither present nor listed is unknown, never absent.
 * Directories whose entries only count by name (buses, ACPI devices) may
 * hold empty files in place of the kernel's directories and links.
 */
#ifndef VMFENCECTL_ENVREAD_H
#define VMFENCECTL_ENVREAD_H

#include "core/facts.h"

#define ENV_ABSENT_FILE "ABSENT"

/*
 * Read the environment below @root, or the live system (CPUID and timing
 * measured on this CPU) when @root is NULL. @f must be zeroed. Return 0, or
 * a negative errno when @root cannot be opened.
 */
int env_read(struct vmfence_facts *f, const char *root);

#endif /* VMFENCECTL_ENVREAD_H */
