/* SPDX-License-Identifier: GPL-2.0 */
/* version.h - the vmfence release, shared by the module and vmfencectl */
#ifndef VMFENCE_VERSION_H
#define VMFENCE_VERSION_H

#define VMFENCE_VERSION "0.1.0"

#endif /* VMFENCE_VERSION_H */
