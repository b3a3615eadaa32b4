#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# cycles.sh - load and unload the module many times with rules loaded and
# digests cached, then ask kmemleak: nothing may be left behind.
#
# vmfence.cycles=N cycles (default 200).
. /suites/tap.inc
. /suites/args.inc

# Each load and rescan logs a line at KERN_INFO, and a serial console under
# TCG takes milliseconds a line: show warnings and worse only, which is
# every kind of report results.py looks for.
dmesg -n 5

n=$(arg cycles 200)
D=/tmp/cycles
leak=/sys/kernel/debug/kmemleak
mkdir -p $D
# Scripts: small to hash on every cycle, and each exec also runs the
# interpreter through the check.
printf '#!/bin/sh\nexit 0\n' >$D/by-path
printf '#!/bin/sh\nexit 0 # by digest\n' >$D/by-digest
chmod +x $D/by-path $D/by-digest
sum=$(sha256sum $D/by-digest | cut -d' ' -f1)
cat >$D/policy <<EOF2
mode enforce
threshold 50
deny exec path=$D/by-path
deny exec sha256=$sum
audit exec label=cycles
deny module name=vmfence_testmod on=qemu,kvm
audit exec path=/bin/true allow-cc=sev,tdx
EOF2

# One cycle: load, replace the policy, exercise the exec checks and the
# digest cache, unload; every tenth also adds a rule and reads everything
# back through netlink.
cycle() {
	insmod /lib/vmfence/vmfence.ko || { echo "insmod failed"; return 1; }
	vmfencectl policy load $D/policy >/dev/null || { echo "policy load failed"; return 1; }
	$D/by-path 2>/dev/null && { echo "$D/by-path ran"; return 1; }
	$D/by-digest 2>/dev/null && { echo "$D/by-digest ran"; return 1; }
	if [ $(($1 % 10)) = 0 ]; then
		vmfencectl rule add "deny exec path=$D/extra$1" >/dev/null ||
			{ echo "rule add failed"; return 1; }
		/bin/true || { echo "/bin/true refused"; return 1; }
		vmfencectl -j status >/dev/null && vmfencectl signals >/dev/null &&
			vmfencectl rule list >/dev/null || { echo "queries failed"; return 1; }
	fi
	rmmod vmfence || { echo "rmmod failed"; return 1; }
}

cycles() {
	i=0
	while [ $i -lt "$n" ]; do
		cycle $i || { echo "cycle $i failed"; return 1; }
		i=$((i + 1))
	done
	echo "$n cycles"
}

# kmemleak reports objects older than 5 s only. One scan: under TCG on the
# debug kernel it takes minutes.
no_leak() {
	sleep 6
	echo scan >$leak
	cat $leak >/tmp/leaks
	cat /tmp/leaks
	[ -w $leak ] && [ ! -s /tmp/leaks ]
}

tap_begin cycles 3
tap_check "kmemleak is there" test -w $leak
t0=$(date +%s)
tap_check "$n load/unload cycles, rules loaded and enforced in each" cycles
echo "# $n cycles in $(($(date +%s) - t0)) s"
tap_check "kmemleak finds no leak after them" no_leak
tap_status
