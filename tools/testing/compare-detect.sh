#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# compare-detect.sh - vmfencectl detect beside systemd-detect-virt and
# virt-what on this machine, then vmfencectl on every snapshot fixture
# beside the fixture's expectation.
#
#   tools/testing/compare-detect.sh [VMFENCECTL]
#
# systemd-detect-virt and virt-what execute CPUID and read /sys themselves,
# so they can only judge the running machine; what they answer on each
# recorded environment is tabulated in Documentation/detection.rst.
top=$(cd "$(dirname "$0")/../.." && pwd)
ctl=${1:-$top/userspace/vmfencectl}
fixtures=$top/tools/testing/fixtures/env

verdict() {
	"$ctl" detect "$@" -j 2>/dev/null | jq -r '
		(if .virtualized then .hypervisor else "none" end) +
		(if .confidential != "none" then "+" + .confidential else "" end) +
		" (\(.confidence))"'
}

sdv=$(systemd-detect-virt --vm 2>/dev/null)
cvm=$(systemd-detect-virt --cvm 2>/dev/null)
[ -n "$cvm" ] && [ "$cvm" != none ] && sdv="$sdv+$cvm"
vw=$(virt-what 2>/dev/null | tr '\n' ' ')
printf '%-14s %-22s %-22s %s\n' "" vmfencectl systemd-detect-virt virt-what
printf '%-14s %-22s %-22s %s\n' "this machine" "$(verdict)" "${sdv:-?}" "${vw:-none}"
echo
printf '%-18s %-30s %s\n' fixture expected vmfencectl
for d in "$fixtures"/*/; do
	want=$(sed -n 's/^\(hypervisor\|confidential\|confidence\)=//p' "$d/expect" |
		tr '\n' ' ')
	printf '%-18s %-30s %s\n' "$(basename "$d")" "$want" "$(verdict --root "$d")"
done
