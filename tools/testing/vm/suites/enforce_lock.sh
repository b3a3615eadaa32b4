#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# enforce_lock.sh - lock a policy that refuses a program and a module; the
# refusals go on, on the record, and nothing relaxes them until reboot. A
# boot of its own: kselftest.sh skips enforce_lock_test.
. /suites/tap.inc

S=/sys/kernel/vmfence
P=/tmp/vmfence-locked/prog

tap_begin enforce-lock-load 2
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko
tap_check "the test hook is there" test -e /sys/kernel/debug/vmfence/force

rc=0
echo "# test: enforce_lock_test"
/ksft/enforce_lock_test || rc=1

tap_begin enforce-lock-after 5
tap_check "rmmod is refused" sh -c "! rmmod vmfence"
tap_check "sysfs says locked" test "$(cat $S/locked)" = 1
tap_check "the shell cannot start the program either" sh -c "! $P --vmfence-hello"
tap_check "kauditd put the audit record in the kernel log" sh -c \
	"dmesg | grep -q 'audit: type=1316 audit([0-9.:]*): op=exec result=denied rule=[0-9]* as=program path=\"$P\" sha256=[0-9a-f]\{64\} hypervisor=qemu confidence=100 ppid=[0-9]* pid=[0-9]* auid=[0-9]* uid=0 gid=0 .* ses=[0-9]* comm=.* exe='"
tap_check "vmfence logged the refusal" sh -c \
	"dmesg | grep -q 'vmfence: denied exec $P (rule [0-9]*, as program, hypervisor qemu, confidence 100) for pid [0-9]* uid 0 comm '"
tap_status || rc=1
exit $rc
