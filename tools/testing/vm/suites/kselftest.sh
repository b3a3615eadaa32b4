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

# The file systems the enforcement tests run programs from, where this
# kernel has them as modules (built in on the debug kernel).
for m in $(cat /lib/vmfence/fs/order); do
	insmod "/lib/vmfence/fs/$m.ko" 2>/dev/null
done

# vmfence.only=PROGRAM on the kernel command line runs that one only (a
# fast inner loop: VMFENCE_APPEND=vmfence.only=alias_test run.sh ...).
only=
for arg in $(cat /proc/cmdline); do
	case $arg in vmfence.only=*) only=${arg#vmfence.only=} ;; esac
done
# The programs that need a boot of their own (locking lasts until reboot;
# threshold_test needs another machine) are their suites' to run, as
# tools/testing/check.py's SUITES table declares.
skip=,$(tr '\n' ',' </suites/ksft-own-boot)

rc=0
for t in /ksft/*; do
	[ -x "$t" ] || continue
	[ -z "$only" ] || [ "${t##*/}" = "$only" ] || continue
	case $skip in *,${t##*/},*) continue ;; esac
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
