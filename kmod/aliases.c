// SPDX-License-Identifier: GPL-2.0
/* aliases.c - path= on file systems where a file has several names */

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>

#include "aliases.h"
#include "compat.h"
#include "policy.h"

/**
 * vmfence_path_has_aliases() - whether @file may be reached by names that
 *	d_path() does not give
 * @file: the file being executed
 *
 * The file system compares names in its own way (the dentry has a
 * d_compare operation: vfat, msdos, exfat, ntfs3, hfsplus, isofs, cifs
 * mounted nocase, and ext4 or tmpfs built with case folding); on a file
 * system that folds case per directory, only inside a case-folded
 * directory.
 *
 * Context: process context.
 * Return: true when a path rule must be resolved to be compared.
 */
bool vmfence_path_has_aliases(struct file *file)
{
	struct dentry *dentry = file->f_path.dentry, *parent;
	bool folded;

	if (!(READ_ONCE(dentry->d_flags) & DCACHE_OP_COMPARE))
		return false;
	if (!vmfence_sb_folds_case(dentry->d_sb))
		return true;
	parent = dget_parent(dentry);
	folded = IS_CASEFOLDED(d_inode(parent));
	dput(parent);
	return folded;
}

/*
 * The top of the tree in which @file's names have aliases: the topmost
 * case-folded directory above it on a file system that folds case per
 * directory, else the root of its mount. Returned with a reference.
 */
static struct dentry *alias_tree(struct file *file)
{
	struct dentry *root = file->f_path.mnt->mnt_root, *d, *up;

	if (!vmfence_sb_folds_case(root->d_sb))
		return dget(root);
	d = dget_parent(file->f_path.dentry);
	while (d != root) {
		up = dget_parent(d);
		if (!IS_CASEFOLDED(d_inode(up))) {
			dput(up);
			break;
		}
		dput(d);
		d = up;
	}
	return d;
}

/* Whether @r names a file under @prefix (a path without its final '/'). */
static bool under(const struct vmfence_prule *r, const char *prefix, size_t len)
{
	if (r->target != VMFENCE_RULE_TARGET_EXEC || r->match != VMFENCE_RULE_MATCH_PATH)
		return false;
	if (len == 1)	/* "/": the tree is a root file system */
		return true;
	return r->len > len + 1 && r->value[len] == '/' &&
	       !memcmp(r->value, prefix, len);
}

/* Whether the path @r names leads to @file. */
static bool leads_to(const struct vmfence_prule *r, struct file *file,
		     char *name)
{
	struct path found;
	bool same;

	memcpy(name, r->value, r->len);
	name[r->len] = '\0';
	if (kern_path(name, 0, &found))
		return false;
	same = found.mnt == file->f_path.mnt &&
	       d_backing_inode(found.dentry) == file_inode(file);
	path_put(&found);
	return same;
}

/**
 * vmfence_path_alias_rule() - a path rule that names @file by another
 *	spelling
 * @p: the policy, held by the caller
 * @file: the file being executed, for which vmfence_path_has_aliases()
 *	said true
 *
 * The path rules that point into the tree where @file's names have aliases
 * are looked up by the file system itself, from the executing task's root
 * and with its permissions, as an exec of the rule's path would be; the
 * first that leads to @file is returned. This costs a comparison per path
 * rule and a lookup per rule into that tree, on such file systems only.
 *
 * Context: process context; sleeps.
 * Return: the rule, or NULL (also when memory for the lookup ran out: the
 * exact spelling was compared already).
 */
const struct vmfence_prule *
vmfence_path_alias_rule(const struct vmfence_policy *p, struct file *file)
{
	const struct vmfence_prule *r, *match = NULL;
	struct path tree = { .mnt = file->f_path.mnt };
	char *buf, *name;
	const char *prefix;
	size_t len;
	u32 i;

	buf = __getname();
	name = __getname();
	if (!buf || !name)
		goto out;
	tree.dentry = alias_tree(file);
	prefix = d_path(&tree, buf, PATH_MAX);
	dput(tree.dentry);
	if (IS_ERR(prefix))
		goto out;
	len = strlen(prefix);
	for (i = 0; !match && (r = vmfence_policy_rule(p, i)); i++)
		if (under(r, prefix, len) && leads_to(r, file, name))
			match = r;
out:
	if (name)
		__putname(name);
	if (buf)
		__putname(buf);
	return match;
}
