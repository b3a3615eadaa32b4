#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# unload_lock.sh - a forced unload (rmmod -f) of a locked vmfence stops the
# machine. A boot of its own, that ends in the panic unload_lock_test
# announces; kselftest.sh skips unload_lock_test.
. /suites/tap.inc

tap_begin unload-lock-load 1
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko
tap_status || exit 1
echo "# test: unload_lock_test"
/ksft/unload_lock_test
# Not reached when all goes as it should: the machine has stopped.
exit 1
