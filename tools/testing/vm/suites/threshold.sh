#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# threshold.sh - a threshold change reaches every reader and the rules at
# once. A boot of its own, on a machine whose confidence is below 100
# (check.py boots QEMU's stealthiest configuration); kselftest.sh skips
# threshold_test.
. /suites/tap.inc

tap_begin threshold-load 1
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko
tap_status || exit 1
echo "# test: threshold_test"
/ksft/threshold_test
