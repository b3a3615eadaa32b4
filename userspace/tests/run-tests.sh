#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-tests.sh - run every userspace unit test; each prints TAP.
# Exit status is non-zero when any test program fails or crashes.
cd "$(dirname "$0")" || exit 1
rc=0
for t in ./*_test ./*_test.sh; do
	[ -x "$t" ] || continue
	echo "# test: ${t#./}"
	echo "TAP version 13"
	"$t" || rc=1
done
exit $rc
