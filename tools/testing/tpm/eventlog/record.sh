#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# record.sh - record a real TPM 2.0 event log and the PCRs it should replay to
#
#   record.sh KNAME BANKS NAME
#
# Boots kernel KNAME (tools/testing/vm/kernel.sh; stock61 for the recorded
# files) under QEMU (SeaBIOS, pc machine, TCG) with a fresh swtpm TPM 2.0
# whose active PCR banks are BANKS (swtpm_setup --pcr-banks, e.g. sha1,sha256
# or sha1), from a tiny initramfs (busybox-static, build/guest-bin/tpm_extend)
# whose init prints, hex-encoded, on the second serial port:
#   /sys/kernel/security/tpm0/binary_bios_measurements   -> NAME.bin
#   /sys/class/tpm/tpm0/pcr-sha256/0..23 (and pcr-sha1)   -> NAME.pcr-sha256...
# then runs "tpm_extend 16" and prints PCR 16 of the SHA-256 bank before and
# after, into NAME.extend (the check of tpm_extend itself). Files are written
# beside this script; gen_data.py turns them into kmod/tests/eventlog_data.h.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../../.." && pwd)
kname=${1:?usage: record.sh KNAME BANKS NAME}
banks=${2:?usage: record.sh KNAME BANKS NAME}
name=${3:?usage: record.sh KNAME BANKS NAME}
eval "$("$top/tools/testing/vm/kernel.sh" "$kname")"
make -s -C "$top/tools/testing" guest >/dev/null

work=$(mktemp -d)
swtpm_pid=
cleanup() {
	# swtpm --terminate has usually gone with QEMU already.
	if [ -n "$swtpm_pid" ]; then
		kill "$swtpm_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/st" "$work/root/bin" "$work/root/proc" "$work/root/sys" "$work/root/dev"
swtpm_setup --tpm2 --tpmstate "$work/st" --pcr-banks "$banks" \
	--overwrite >"$work/setup.log" 2>&1
swtpm socket --tpm2 --tpmstate dir="$work/st" \
	--ctrl type=unixio,path="$work/st/sock" --terminate &
swtpm_pid=$!
sleep 1

cp /bin/busybox "$work/root/bin/busybox"
cp "$top/build/guest-bin/tpm_extend" "$work/root/bin/tpm_extend"
cat >"$work/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc none /proc
mount -t sysfs none /sys
mount -t devtmpfs none /dev
mount -t securityfs none /sys/kernel/security
out=/dev/ttyS1
{
	echo "BEGIN log"
	xxd -p /sys/kernel/security/tpm0/binary_bios_measurements
	echo "END log"
	for bank in sha1 sha256; do
		for i in $(seq 0 23); do
			f=/sys/class/tpm/tpm0/pcr-$bank/$i
			[ -r "$f" ] && echo "PCR $bank $i $(cat "$f")"
		done
	done
	echo "EXTEND before $(cat /sys/class/tpm/tpm0/pcr-sha256/16 2>&1)"
	echo "EXTEND run $(tpm_extend 16 2>&1; echo "exit $?")"
	echo "EXTEND after $(cat /sys/class/tpm/tpm0/pcr-sha256/16 2>&1)"
	echo "DONE"
} >$out 2>&1
poweroff -f
INIT
chmod 0755 "$work/root/init"
(cd "$work/root" && find . | cpio -o -H newc --quiet) >"$work/initramfs.cpio"

timeout 300 qemu-system-x86_64 -machine pc,accel=tcg -cpu max -m 512M \
	-nographic -no-reboot -monitor none \
	-kernel "$BZIMAGE" -initrd "$work/initramfs.cpio" \
	-append "console=ttyS0 panic=-1 quiet" \
	-serial "file:$work/console.log" -serial "file:$work/results.log" \
	-chardev socket,id=c,path="$work/st/sock" -tpmdev emulator,id=t,chardev=c \
	-device tpm-tis,tpmdev=t >"$work/qemu.log" 2>&1 </dev/null || true

tr -d '\r' <"$work/results.log" >"$work/r"
if ! grep -q '^DONE' "$work/r"; then
	cat "$work/console.log" "$work/r" >&2
	echo "record.sh: the guest did not finish" >&2
	exit 1
fi
sed -n '/^BEGIN log/,/^END log/p' "$work/r" | sed '1d;$d' | xxd -r -p >"$here/$name.bin"
[ -s "$here/$name.bin" ] || { echo "record.sh: empty log" >&2; exit 1; }
for bank in sha1 sha256; do
	{ grep "^PCR $bank " "$work/r" || true; } | awk '{print $3, tolower($4)}' \
		>"$here/$name.pcr-$bank"
	[ -s "$here/$name.pcr-$bank" ] || rm -f "$here/$name.pcr-$bank"
done
grep '^EXTEND' "$work/r" >"$here/$name.extend"
echo "record.sh: $name.bin ($(stat -c %s "$here/$name.bin") bytes), kernel $KVER, banks $banks"
