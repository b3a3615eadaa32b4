#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# snapshot_fuzz_test.sh - a short libFuzzer run of the snapshot reader (TAP)
#
# FUZZ_SECONDS sets the length of the run (20 s by default).
cd "$(dirname "$0")/.." || exit 1
if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
	echo "1..0 # SKIP ${FUZZ_CC:-clang} not installed"
	exit 0
fi
unset MAKEFLAGS MFLAGS
make -s fuzz/snapshot_fuzz || exit 1
exec fuzz/run-fuzz.sh fuzz/snapshot_fuzz "${FUZZ_SECONDS:-20}"
