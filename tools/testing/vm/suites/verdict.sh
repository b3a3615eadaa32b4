#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# verdict.sh - the module's verdict on this QEMU machine, with its evidence.
#
# Every QEMU machine is a virtual machine: whatever the harness hid or
# spoofed, the verdict must be virtualized, naming the hypervisor given as
# vmfence.expect= on the kernel command line. The kernel's own conclusion is
# printed beside it.
. /suites/tap.inc

expect=
for arg in $(cat /proc/cmdline); do
	case $arg in vmfence.expect=*) expect=${arg#vmfence.expect=} ;; esac
done
sysfs=/sys/kernel/vmfence

tap_begin verdict 8
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko
virt=$(cat $sysfs/virtualized) conf=$(cat $sysfs/confidence)
hv=$(cat $sysfs/hypervisor) cc=$(cat $sysfs/confidential)
thr=$(cat $sysfs/threshold) role=$(cat $sysfs/role)
kernel=$(cut -d' ' -f3- $sysfs/signals/kernel_hypervisor 2>/dev/null)
echo "# verdict: virtualized=$virt confidence=$conf/threshold=$thr hypervisor=$hv role=$role confidential=$cc"
echo "# the kernel itself: $kernel"
vmfencectl -j detect >/tmp/detect.json
field() { sed -n "s/.*\"$1\":\\(\"[^\"]*\"\\|[a-z0-9]*\\).*/\\1/p" /tmp/detect.json | tr -d '"'; }
echo "# vmfencectl: virtualized=$(field virtualized) confidence=$(field confidence) hypervisor=$(field hypervisor)"
for s in $sysfs/signals/*; do
	echo "#   $(basename $s): $(cat $s)"
done
tap_check "virtualized is 1" test "$virt" = 1
tap_check "hypervisor is $expect" test "$hv" = "$expect"
tap_check "role is guest" test "$role" = guest
tap_check "vmfencectl detect agrees, without the module's help" \
	grep -q '"virtualized":true' /tmp/detect.json
tap_check "the scan's duration is logged" sh -c "dmesg | grep -q 'vmfence: .* in [0-9]* us'"
tap_check "rescan gives the same verdict" sh -c \
	"echo 1 >$sysfs/rescan && test \"\$(cat $sysfs/hypervisor)\" = '$hv' && test \"\$(cat $sysfs/virtualized)\" = 1"
tap_check "rmmod vmfence" rmmod vmfence
tap_status
