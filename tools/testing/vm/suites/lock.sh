#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lock.sh - lock the policy; then nothing changes it and nothing unloads the
# module until reboot. A boot of its own: kselftest.sh skips lock_test.
. /suites/tap.inc

C=vmfencectl
S=/sys/kernel/vmfence

tap_begin lock-load 1
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko

# Before the lock, a blinded scan (test hook: every hit reads as a miss)
# does relax the verdict; this shows the hook works, so that the same
# rescan after the lock, below, proves the ratchet and not a dead hook.
B=/sys/kernel/debug/vmfence/blind
tap_begin lock-before 4
tap_check "a blinded rescan before the lock: not virtualized" sh -c \
	"echo 1 >$B && $C rescan | grep -q '^not virtualized, confidence 0 '"
tap_check "sysfs agrees: virtualized 0" test "$(cat $S/virtualized)" = 0
tap_check "the hook blinds one scan only" test "$(cat $B)" = 0
tap_check "a real rescan: virtualized again" sh -c \
	"$C rescan | grep -q '^virtualized' && test \$(cat $S/virtualized) = 1"

rc=0
tap_status || rc=1
echo "# test: lock_test"
/ksft/lock_test || rc=1

tap_begin lock-after 13
tap_check "rmmod is refused" sh -c "! rmmod vmfence"
tap_check "the module stays loaded" test -d $S
tap_check "sysfs says locked" test "$(cat $S/locked)" = 1
tap_check "vmfencectl status -j says locked" sh -c \
	"$C -j status | grep -q '\"locked\":true'"
tap_check "vmfencectl mode off: refused, the kernel says why" sh -c \
	"! $C mode off 2>/tmp/err && grep -qF 'vmfencectl: mode: the policy is locked until reboot (Operation not permitted)' /tmp/err"
tap_check "vmfencectl policy load: refused" sh -c \
	"printf 'mode off\n' >/tmp/p && ! $C policy load /tmp/p 2>/tmp/err && grep -qF 'locked until reboot' /tmp/err"
tap_check "sysfs mode write: refused" sh -c "! echo off >$S/mode"
tap_check "vmfencectl rescan still works" sh -c "$C rescan | grep -q '^virtualized'"
tap_check "vmfencectl lock again: refused" sh -c "! $C lock 2>/dev/null"
tap_check "a blinded rescan after the lock: still virtualized" sh -c \
	"echo 1 >$B && $C rescan | grep -q '^virtualized, confidence 100 '"
tap_check "the blinded scan did run" test "$(cat $B)" = 0
tap_check "the kernel log says why the verdict stayed" sh -c \
	"dmesg | grep -q 'rescan found confidence 0 only, but the policy is locked: keeping the virtualized verdict'"
tap_check "sysfs: still virtualized, confidence 100" sh -c \
	"test \$(cat $S/virtualized) = 1 && test \$(cat $S/confidence) = 100"
tap_status || rc=1
exit $rc
