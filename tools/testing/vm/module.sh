#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# module.sh - build vmfence.ko (and vmfence_kunit.ko where the kernel has
# KUnit) for one test kernel, W=1, in build/KNAME/mod.
#
#   module.sh KNAME
#
# The sources are copied to a directory of their own per kernel, since
# Kbuild writes its objects beside them. Any compiler warning fails the build.
# VMFENCE_TEST_HOOKS=y adds what only tests may have: the debugfs hook that
# forces the verdict, and vmfence_testmod.ko (kmod/testhooks.h).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
eval "$("$here/kernel.sh" "$1")"

dir=$top/build/$KNAME/mod
mkdir -p "$dir"
rsync -a --delete --exclude '*.o' --exclude '*.ko' --exclude '.*.cmd' \
	--exclude '*.mod*' --exclude 'modules.order' --exclude Module.symvers \
	"$top/Kbuild" "$top/kmod" "$top/include" "$dir/"
log=$dir/build.log
if ! make -C "$KDIR" M="$dir" W=1 VMFENCE_TEST_HOOKS=y -j"$(nproc)" modules \
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
