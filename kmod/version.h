/* SPDX-License-Identifier: GPL-2.0 */
/* version.h - the vmfence release, shared by the module and vmfencectl */
#ifndef VMFENCE_VERSION_H
#define VMFENCE_VERSION_H

/*
 * The release is written once, in the file VERSION at the top of the tree:
 * Kbuild and userspace/Makefile pass it as -DVMFENCE_VERSION, dh_dkms writes
 * it into dkms.conf, and lint checks debian/changelog against it.
 */
#ifndef VMFENCE_VERSION
#error "VMFENCE_VERSION is not set: build through Kbuild or userspace/Makefile"
#endif

#endif /* VMFENCE_VERSION_H */
