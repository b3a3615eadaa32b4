#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fixtures_test.sh - every recorded environment through
# `vmfencectl detect --root DIR -j`, against the fixture's expect file.
# FIXTURES may name another fixture directory (used to check that a broken
# expectation fails).
cd "$(dirname "$0")" || exit 1
ctl=../vmfencectl
dir=${FIXTURES:-../../tools/testing/fixtures/env}
n=0
failed=0

expect() { sed -n "s/^$1=//p" "$2/expect"; }

for d in "$dir"/*/; do
	d=${d%/}
	name=${d##*/}
	n=$((n + 1))
	if ! out=$("$ctl" detect --root "$d" -j); then
		echo "not ok $n - $name: vmfencectl detect failed"
		failed=$((failed + 1))
		continue
	fi
	got=$(printf '%s' "$out" | jq -r \
		'"\(if .virtualized then 1 else 0 end) \(.hypervisor) \(.confidential) \(.confidence) \(.role)"')
	set -- $got
	band=$(expect confidence "$d")
	# The role follows the verdict unless the file names a host partition.
	role=$(expect role "$d")
	[ -n "$role" ] || { [ "$(expect virtualized "$d")" = 1 ] && role=guest || role=none; }
	want="$(expect virtualized "$d") $(expect hypervisor "$d") $(expect confidential "$d")"
	if [ "$1 $2 $3" = "$want" ] && [ "$4" -ge "${band%-*}" ] && [ "$4" -le "${band#*-}" ] &&
	   [ "$5" = "$role" ]; then
		echo "ok $n - $name: $1 $2 $3 confidence $4 role $5"
	else
		echo "not ok $n - $name: want $want confidence $band role $role, got $got"
		failed=$((failed + 1))
	fi
done
echo "1..$n"
[ "$n" -gt 0 ] && [ "$failed" -eq 0 ]
