#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# module.sh - build vmfence.ko (and vmfence_kunit.ko where the kernel has
# KUnit) for one test kernel, W=1, in build/KNAME/mod.
#
#   module.sh KNAME
#
# The sources are copied to a directory of their own per kernel, since
# Kbuild writes its objects beside them. Any compiler warning fails the build.
# VMFENCE_TEST_HOOKS=y (the default here) adds what only tests may have: the
# debugfs hook that forces the verdict, and vmfence_testmod.ko
# (kmod/testhooks.h). VMFENCE_TEST_HOOKS=n builds the module users install
# (as DKMS does), into build/KNAME/mod-release, for make demo.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
eval "$("$here/kernel.sh" "$1")"

hooks=${VMFENCE_TEST_HOOKS:-y}
case $hooks in
y) dir=$top/build/$KNAME/mod ;;
n) dir=$top/build/$KNAME/mod-release ;;
*) echo "module.sh: VMFENCE_TEST_HOOKS must be y or n" >&2; exit 1 ;;
esac
mkdir -p "$dir"
rsync -a --delete --exclude '*.o' --exclude '*.ko' --exclude '.*.cmd' \
	--exclude '*.mod*' --exclude 'modules.order' --exclude Module.symvers \
	"$top/Kbuild" "$top/VERSION" "$top/kmod" "$top/include" "$dir/"
log=$dir/build.log
if ! make -C "$KDIR" M="$dir" W=1 VMFENCE_TEST_HOOKS="$hooks" -j"$(nproc)" modules \
	>"$log" 2>&1; then
	cat "$log" >&2
	echo "module.sh: build for $KNAME failed" >&2
	exit 1
fi
if grep -E 'warning:|error:' "$log" >&2; then
	echo "module.sh: the build for $KNAME is not warning-free" >&2
	exit 1
fi
ls "$dir"/*.ko
