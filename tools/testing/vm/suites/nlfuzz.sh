#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nlfuzz.sh - the netlink fuzzer against the loaded module, as root and then
# as nobody; then the module still works and unloads.
#
# vmfence.nlfuzz=N messages as root (default 3000), N/4 as nobody, or as
# many as vmfence.nlfuzz_secs=SECONDS allows (default: no limit), a quarter
# of that as nobody; vmfence.seed=S (default: the time). Kernel splats, KASAN and lockdep
# reports, and kmemleak's scan at the end are judged by results.py.
. /suites/tap.inc
. /suites/args.inc

# Each load and rescan logs a line at KERN_INFO, and a serial console under
# TCG takes milliseconds a line: show warnings and worse only, which is
# every kind of report results.py looks for.
dmesg -n 5

n=$(arg nlfuzz 3000)
secs=$(arg nlfuzz_secs 0)
seed=$(arg seed "$(date +%s)")
rc=0

tap_begin nlfuzz-load 1
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko

echo "# test: nlfuzz-root"
echo "TAP version 13"
nlfuzz -n "$n" -T "$secs" -s "$seed" || rc=1

echo "# test: nlfuzz-nobody"
echo "TAP version 13"
nlfuzz -u -n $((n / 4)) -T $((secs / 4)) -s $((seed + 1)) || rc=1

mkdir -p /tmp/nf
cp /bin/busybox /tmp/nf/denied
printf 'mode enforce\ndeny exec path=/tmp/nf/denied\n' >/tmp/nf/policy
tap_begin nlfuzz-after 4
tap_check "the policy still loads" vmfencectl policy load /tmp/nf/policy
tap_check "and is enforced" sh -c "! /tmp/nf/denied true 2>/dev/null"
tap_check "vmfencectl status still answers" sh -c "vmfencectl status | grep -q ', 1 rule, '"
tap_check "rmmod vmfence" rmmod vmfence
tap_status || rc=1
exit $rc
