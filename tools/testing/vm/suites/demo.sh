#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# demo.sh - what `make demo` shows a newcomer, inside a QEMU guest.
#
# Lines starting with "| " are the story; the TAP at the end lets the host
# judge that everything the story claims really happened.
. /suites/tap.inc

say() { echo "| $*"; }
show() {
	say "\$ $*"
	"$@" 2>&1 | sed 's/^/|   /'
}
sysfs=/sys/kernel/vmfence

say "This is a QEMU virtual machine running Debian's kernel $(uname -r)."
say "The kernel itself thinks it runs on:"
show sh -c "dmesg | grep -m1 -E 'Hypervisor detected|Booting paravirtualized' || echo '  (nothing: to the kernel, this is bare metal)'"
say ""
say "vmfence is a kernel module. Loading it runs detection at once:"
show insmod /lib/vmfence/vmfence.ko
show sh -c "dmesg | grep 'vmfence:'"
say ""
say "Its verdict is in /sys/kernel/vmfence/:"
show sh -c "cd $sysfs && grep . virtualized confidence hypervisor confidential mode threshold locked"
say ""
say "and the evidence behind it, one file per signal (HIT WEIGHT DETAIL):"
show sh -c "cd $sysfs/signals && grep '^1' * | sed 's/:/: /'"
say ""
say "vmfencectl reaches the same verdict from userspace, without the module:"
show vmfencectl detect
say ""
say "A program marked sensitive by its content does not start here. The ledger:"
printf '#!/bin/sh\necho "ledger: posting the day'"'"'s trades"\n' >/tmp/ledgerd
chmod 755 /tmp/ledgerd
show /tmp/ledgerd
show sh -c "vmfencectl rule add \"deny exec sha256=\$(sha256sum /tmp/ledgerd | cut -c1-64)\""
vmfencectl monitor -n 2 >/tmp/monitor.out 2>&1 &
monitor=$!
sleep 1
show /tmp/ledgerd
say "Neither does a renamed copy of it:"
show sh -c "cp /tmp/ledgerd /tmp/reports && /tmp/reports"
wait $monitor
say "Each refusal is on the record: vmfencectl monitor printed"
show cat /tmp/monitor.out
say "and the audit records, which kauditd puts in the kernel log with no auditd:"
show sh -c "dmesg | grep 'type=1316'"
refused=no
! /tmp/ledgerd >/dev/null 2>&1 && ! /tmp/reports >/dev/null 2>&1 && refused=yes
say ""
say "Unloading it leaves nothing behind:"
show rmmod vmfence
show ls $sysfs

tap_begin demo 7
# A module built with VMFENCE_TEST_HOOKS says so when it loads.
tap_check "the module is the one users install: no test hooks, no 'not for production'" \
	sh -c "! dmesg | grep -q -e 'test hooks built in' -e 'not for production'"
tap_check "the module found this VM" sh -c \
	"dmesg | grep -q 'vmfence: virtualized (confidence [0-9]*, hypervisor qemu'"
tap_check "vmfencectl found it too" sh -c "vmfencectl -j detect | grep -q '\"virtualized\":true'"
tap_check "the sensitive program and its copy were refused" test $refused = yes
tap_check "vmfencectl monitor printed both refusals" sh -c \
	"grep -q 'denied exec /tmp/ledgerd' /tmp/monitor.out && grep -q 'denied exec /tmp/reports' /tmp/monitor.out"
tap_check "the kernel log has their audit records" sh -c \
	"dmesg | grep -q 'type=1316 .*op=exec result=denied rule=[0-9]* as=program path=\"/tmp/reports\"'"
tap_check "the module unloaded cleanly" test ! -e $sysfs
tap_status
