#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# snapshot_test.sh - `vmfencectl detect` on this machine, and the snapshot
# round trip: a snapshot of this machine, read back with --root, gives the
# same evidence as the live reading (timing aside, being measured twice,
# and the steal-time count, which grows between the readings on a busy
# host); so does a snapshot whose cpuid.txt is the real `cpuid -r -1` dump.
cd "$(dirname "$0")" || exit 1
ctl=../vmfencectl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# The signals, timing left out, steal time without its running count.
evidence() {
	jq -S '[.signals[] | select(.name != "cpuid_timing") |
		if .name == "steal_time" then del(.detail) else . end]'
}

"$ctl" detect >"$tmp/human"
check $? "vmfencectl detect exits 0 on this machine"
"$ctl" detect -j >"$tmp/live.json" && jq -e '.virtualized | type == "boolean"' \
	"$tmp/live.json" >/dev/null
check $? "vmfencectl detect -j prints a verdict"
"$ctl" detect --root "$tmp/none" >/dev/null 2>&1
[ $? = 1 ]
check $? "a missing snapshot directory is an error (exit 1)"
"$ctl" snapshot "$tmp/snap" >/dev/null
check $? "vmfencectl snapshot exits 0"
"$ctl" detect --root "$tmp/snap" -j | evidence >"$tmp/snap.ev"
evidence <"$tmp/live.json" >"$tmp/live.ev"
cmp -s "$tmp/live.ev" "$tmp/snap.ev"
check $? "the snapshot gives the live evidence"
if command -v cpuid >/dev/null; then
	cpuid -r -1 >"$tmp/snap/cpuid.txt" &&
		"$ctl" detect --root "$tmp/snap" -j | evidence >"$tmp/dump.ev"
	cmp -s "$tmp/live.ev" "$tmp/dump.ev"
	check $? "a real cpuid -r -1 dump gives the live evidence"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
