#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# dkms-kernel-check.sh - can vmfence be built for and work on this kernel?
#
#   dkms-kernel-check.sh KERNEL_SOURCE_DIR
#
# DKMS runs it before each build (dkms.conf). It reads the kernel's .config
# and refuses, naming every missing option, a kernel that lacks what the
# module needs: loadable modules, x86_64, the audit subsystem (the record of
# every refusal), SHA-256 in the crypto API (sha256= rules), fsnotify (the
# digest cache's invalidation), networking (the netlink family) and sysfs.
# Exit 0 when the kernel will do, 1 when it will not.
set -eu

kdir=${1:?usage: dkms-kernel-check.sh KERNEL_SOURCE_DIR}
config=$kdir/.config
if [ ! -r "$config" ]; then
	echo "vmfence: $config is missing: install the kernel's headers" \
		"(Debian: linux-headers-\$(uname -r))" >&2
	exit 1
fi

missing=
need() {
	# $1 the option, $2 why vmfence needs it; built in (y) or a module (m).
	if ! grep -Eq "^$1=(y|m)$" "$config"; then
		missing="$missing
  $1 ($2)"
	fi
}
need CONFIG_X86_64 "vmfence reads x86 CPUID and MSRs"
need CONFIG_MODULES "vmfence is a loadable module"
need CONFIG_AUDIT "every refusal is a kernel audit record"
need CONFIG_CRYPTO_SHA256 "sha256= rules"
need CONFIG_FSNOTIFY "the digest cache learns of changed files"
need CONFIG_NET "vmfencectl talks generic netlink"
need CONFIG_SYSFS "/sys/kernel/vmfence"
need CONFIG_TRACEPOINTS "ELF interpreters are checked again after the load (sched_process_exec)"
if [ -n "$missing" ]; then
	echo "vmfence: refusing to build for the kernel in $kdir, which lacks:$missing" >&2
	echo "vmfence: use a kernel built with these options (Debian's stock kernels have them)" >&2
	exit 1
fi
echo "vmfence: the kernel in $kdir has what vmfence needs"
