#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fault.sh - fail every allocation, one at a time, of each policy write and
# rescan (fail-nth with failslab and fail_page_alloc), and of module load:
# each failure is a clean error, the running policy stays whole and
# enforced, and a failed load leaves nothing behind.
#
# vmfence.maxnth=N: at most N allocations tried per operation (default 400);
# vmfence.modnth=N: the last N allocations of a module load (default 150).
. /suites/tap.inc
. /suites/args.inc

# Each load and rescan logs a line at KERN_INFO, and a serial console under
# TCG takes milliseconds a line: show warnings and worse only, which is
# every kind of report results.py looks for.
dmesg -n 5

maxnth=$(arg maxnth 400)
F=/sys/kernel/debug
D=/tmp/fault
mkdir -p $D
cp /bin/execstorm $D/secret

# fail-nth needs allocations that may sleep to be candidates, order-0 pages
# too, and no stack dump per injected failure (results.py would take it for
# a splat).
setup() {
	for a in failslab fail_page_alloc; do
		echo N >$F/$a/ignore-gfp-wait || return 1
		echo 0 >$F/$a/verbose || return 1
	done
	echo 0 >$F/fail_page_alloc/min-order
}

tap_begin fault-setup 2
tap_check "failslab and fail_page_alloc set up" setup
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko

rc=0
echo "# test: fault-policy"
echo "TAP version 13"
nlfuzz -F "$maxnth" -x $D/secret || rc=1

tap_begin fault-after 3
tap_check "$D/secret is still refused" sh -c "! $D/secret"
tap_check "rmmod vmfence" rmmod vmfence
nlfuzz -I /lib/vmfence/vmfence.ko -F "$(arg modnth 150)" >/tmp/modload 2>&1
modrc=$?
grep '^#' /tmp/modload
tap_check "module load failing each of its last allocations: clean, nothing left behind" \
	sh -c "cat /tmp/modload; test $modrc = 0"
tap_status || rc=1
exit $rc
