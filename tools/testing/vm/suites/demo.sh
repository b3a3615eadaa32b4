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
say "Unloading it leaves nothing behind:"
show rmmod vmfence
show ls $sysfs

tap_begin demo 3
tap_check "the module found this VM" sh -c \
	"dmesg | grep -q 'vmfence: virtualized (confidence [0-9]*, hypervisor qemu'"
tap_check "vmfencectl found it too" sh -c "vmfencectl -j detect | grep -q '\"virtualized\":true'"
tap_check "the module unloaded cleanly" test ! -e $sysfs
tap_status
