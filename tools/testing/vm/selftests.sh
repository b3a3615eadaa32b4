#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# selftests.sh - build vmfence's kselftests with the kernel's own framework.
#
#   selftests.sh KSRC
#
# Stages tools/testing/selftests/vmfence/ beside lib.mk and
# kselftest_harness.h from the kernel source KSRC, builds it there, and
# leaves the programs in build/selftests/. The programs are userspace and
# serve every test kernel.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
ksrc=${1:?usage: selftests.sh KSRC}
stage=$top/build/ksft-stage
out=$top/build/selftests

mkdir -p "$stage" "$out"
for f in lib.mk kselftest.h kselftest_harness.h kselftest; do
	rsync -a "$ksrc/tools/testing/selftests/$f" "$stage/"
done
rsync -a --delete "$top/tools/testing/selftests/vmfence/" "$stage/vmfence/"
make -s -C "$stage/vmfence" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $top/include/uapi" all
ls "$out"
