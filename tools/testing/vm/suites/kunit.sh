#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kunit.sh - load the KUnit module and hand its KTAP to the host.
#
# The kernel prints an empty KTAP header of its own at boot; only what the
# test module prints after the marker is passed on, without timestamps.
echo "vmfence-kunit-begin" >/dev/kmsg
insmod /lib/vmfence/vmfence_kunit.ko
rc=$?
echo "vmfence-kunit-end" >/dev/kmsg
echo "# ktap-begin"
dmesg | sed -n '/vmfence-kunit-begin/,/vmfence-kunit-end/p' |
	sed -e '1d;$d' -e 's/^\[[ 0-9.]*\] //'
echo "# ktap-end"
rmmod vmfence_kunit || rc=1
exit $rc
