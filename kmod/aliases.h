/* SPDX-License-Identifier: GPL-2.0 */
/*
 * aliases.h - path= on file systems where a file has several names
 *
 * On vfat, exfat and the like a file is found by any letter case of its
 * name and, on vfat, by its 8.3 short name (SENSIT~1); in a case-folded
 * directory of ext4 or tmpfs, by any letter case. d_path() gives whichever
 * spelling the dentry was created with, so comparing it with a rule's path
 * would let another spelling through. For a file on such a file system,
 * vmfence also resolves the path rules that point into the same tree, with
 * the file system's own lookup, and a rule matches when it leads to the
 * file being executed.
 */
#ifndef VMFENCE_ALIASES_H
#define VMFENCE_ALIASES_H

#include <linux/types.h>

struct file;
struct vmfence_policy;
struct vmfence_prule;

bool vmfence_path_has_aliases(struct file *file);
const struct vmfence_prule *
vmfence_path_alias_rule(const struct vmfence_policy *p, struct file *file);

#endif /* VMFENCE_ALIASES_H */
