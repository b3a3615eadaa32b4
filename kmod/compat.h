/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compat.h - the one place for differences between kernel versions and
 * configurations; the rest of the module is written for the newest kernel
 */
#ifndef VMFENCE_COMPAT_H
#define VMFENCE_COMPAT_H

#include <linux/fs.h>
#include <linux/fsnotify_backend.h>
#include <linux/netlink.h>
#include <net/genetlink.h>

#ifdef CONFIG_PARAVIRT
#include <asm/paravirt.h>
/* pv_info.name: "bare hardware" unless a paravirt backend took over. */
static inline const char *vmfence_pv_name(void)
{
	return pv_info.name;
}
#else
static inline const char *vmfence_pv_name(void)
{
	return "bare hardware";
}
#endif

/*
 * Generic netlink, 6.2: extended ACK messages gained arguments
 * (NL_SET_ERR_MSG_FMT, at most VMFENCE_EXTACK_FMT_MAX bytes), and pre_doit
 * is given the operation as struct genl_split_ops instead of struct genl_ops
 * (both carry the internal_flags it reads). The macro, which came in the
 * same release as the new pre_doit, tells the two apart. Before 6.2 only
 * @fallback, a fixed message given as a string literal, reaches user space.
 */
#ifdef NL_SET_ERR_MSG_FMT
#define vmfence_genl_pre_ops genl_split_ops
#define VMFENCE_EXTACK_FMT_MAX	(NETLINK_MAX_FMTMSG_LEN - 1)
#define vmfence_err_msg_fmt(extack, fallback, fmt, ...) \
	NL_SET_ERR_MSG_FMT(extack, fmt, ##__VA_ARGS__)
#else
#define vmfence_genl_pre_ops genl_ops
#define VMFENCE_EXTACK_FMT_MAX	0
#define vmfence_err_msg_fmt(extack, fallback, fmt, ...) \
	NL_SET_ERR_MSG(extack, fallback)
#endif

/*
 * An fsnotify group whose marks are destroyed from inside file system
 * operations must not recurse into reclaim under its mark lock. Before 6.5
 * the group asks for that with FSNOTIFY_GROUP_NOFS; from 6.5 on every
 * group's lock is reclaim-safe and the flag is gone.
 */
#ifdef FSNOTIFY_GROUP_NOFS
#define VMFENCE_FSNOTIFY_GROUP_FLAGS	FSNOTIFY_GROUP_NOFS
#else
#define VMFENCE_FSNOTIFY_GROUP_FLAGS	0
#endif

/*
 * Whether @sb folds the case of names in the directories marked so
 * (ext4 and, from 6.13, tmpfs with an encoding). 6.1 has no helper for it.
 */
static inline bool vmfence_sb_folds_case(const struct super_block *sb)
{
#if IS_ENABLED(CONFIG_UNICODE)
	return sb->s_encoding;
#else
	return false;
#endif
}

#endif /* VMFENCE_COMPAT_H */
