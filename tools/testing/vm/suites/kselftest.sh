#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kselftest.sh - load vmfence, run every kselftest program, unload it.
. /suites/tap.inc

version=$(cat /sys/module/vmfence/version 2>/dev/null)

tap_begin module-load 3
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko
tap_check "/sys/kernel/vmfence/ exists" test -d /sys/kernel/vmfence
tap_check "the version is logged" sh -c \
	"dmesg | grep -q \"vmfence: version \$(cat /sys/module/vmfence/version) loaded\""

rc=0
for t in /ksft/*; do
	[ -x "$t" ] || continue
	# Locking lasts until reboot: suites/lock.sh and enforce_lock.sh run
	# these in boots of their own.
	case ${t##*/} in lock_test | enforce_lock_test) continue ;; esac
	echo "# test: $(basename "$t")"
	"$t" || rc=1
done

tap_begin module-unload 3
tap_check "rmmod vmfence" rmmod vmfence
tap_check "/sys/kernel/vmfence/ is gone" test ! -e /sys/kernel/vmfence
tap_check "it loads and unloads again" sh -c \
	"insmod /lib/vmfence/vmfence.ko && rmmod vmfence"
tap_status || rc=1
exit $rc
