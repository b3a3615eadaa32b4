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

say "This is a QEMU virtual machine running Debian's kernel $(uname -r)."
say "vmfence is a kernel module; loading it:"
show insmod /lib/vmfence/vmfence.ko
show sh -c "dmesg | grep 'vmfence:'"
say ""
say "It publishes its state under /sys/kernel/vmfence/ and answers vmfencectl:"
show ls -l /sys/kernel/vmfence/
show vmfencectl status
show vmfencectl -j status
status=$(vmfencectl -j status)
say ""
say "Unloading it leaves nothing behind:"
show rmmod vmfence
show ls /sys/kernel/vmfence

tap_begin demo 2
tap_check "vmfencectl saw the module loaded" \
	sh -c "echo '$status' | grep -q '\"loaded\":true'"
tap_check "the module unloaded cleanly" test ! -e /sys/kernel/vmfence
tap_status
