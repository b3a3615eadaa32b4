#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# stress.sh - exec storms on every CPU while the policy is replaced, the
# machine rescanned and the mode flipped (tools/testing/stress/execstorm.c):
# sensitive programs are refused whenever the mode is enforce, harmless ones
# always run; lockdep, KASAN and the rest watch from the console.
#
# vmfence.stress=SECONDS (default 25), vmfence.workers=N (default one per CPU).
. /suites/tap.inc
. /suites/args.inc

# Each load and rescan logs a line at KERN_INFO, and a serial console under
# TCG takes milliseconds a line: show warnings and worse only, which is
# every kind of report results.py looks for.
dmesg -n 5

secs=$(arg stress 25)
cpus=$(grep -c '^processor' /proc/cpuinfo)
workers=$(arg workers "$cpus")
D=/tmp/stress
mkdir -p $D
for p in secret1 secret2 plain; do
	cp /bin/execstorm $D/$p
	printf '%s' $p >>$D/$p
done
h1=$(sha256sum $D/secret1 | cut -d' ' -f1)
h2=$(sha256sum $D/secret2 | cut -d' ' -f1)
# Both deny both secrets, one by path and one by digest, crosswise; with no
# mode line, so that the flips of the mode stay.
cat >$D/a.policy <<EOF2
deny exec path=$D/secret1
deny exec sha256=$h2
deny exec path=/stress/a-only
EOF2
cat >$D/b.policy <<EOF2
deny exec sha256=$h1
deny exec path=$D/secret2
audit exec path=/stress/b-only
deny module name=stress_b
EOF2

tap_begin stress-setup 3
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko
tap_check "policy A loads" vmfencectl policy load $D/a.policy
tap_check "$cpus CPUs" test "$cpus" -ge 2

rc=0
echo "# test: stress"
echo "TAP version 13"
execstorm -t "$secs" -w "$workers" -d $D || rc=1

tap_begin stress-after 4
tap_check "the mode is enforce" test "$(cat /sys/kernel/vmfence/mode)" = enforce
tap_check "secret1 still refused" sh -c "! $D/secret1"
tap_check "plain still runs" $D/plain
tap_check "rmmod vmfence" rmmod vmfence
tap_status || rc=1
exit $rc
