#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-fuzz.sh - run a libFuzzer target for a while; report one TAP line
#
#   run-fuzz.sh TARGET SECONDS
#
# TARGET (e.g. fuzz/rule_fuzz) starts from its seed corpus corpus/NAME/ and
# dictionary NAME.dict beside this script, where NAME is TARGET without
# "_fuzz". New inputs go to a temporary directory; the seeds stay as they
# are. Exits non-zero on a crash, a sanitizer report, or a failed check,
# and keeps the input that caused it.
bin=$1
seconds=${2:-20}
if [ ! -x "$bin" ] || [ -z "$seconds" ]; then
	echo "usage: $0 TARGET SECONDS" >&2
	exit 2
fi
here=$(dirname "$0")
target=$(basename "$bin")
name=${target%_fuzz}
work=$(mktemp -d "${TMPDIR:-/tmp}/$target.XXXXXX") || exit 1

echo "1..1"
"$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
	-dict="$here/$name.dict" -artifact_prefix="$work/" \
	"$work" "$here/corpus/$name" >"$work/log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
if [ $rc -eq 0 ] && [ -n "$runs" ]; then
	echo "ok 1 - $target $runs runs"
	rm -rf "$work"
	exit 0
fi
echo "not ok 1 - $target exit $rc after ${runs:-?} runs"
grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$work/log" | sed 's/^/# /'
echo "# log and crashing input kept in $work"
exit 1
