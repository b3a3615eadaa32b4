#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run.sh - end to end: vmfence on a booted Debian 12 system, installed the
# way Documentation/admin-guide.rst tells an administrator to.
#
#   run.sh          TAP on standard output; exit 0 only when all passed
#
# 1. image.sh gives the cached Debian 12 image (systemd, auditd, dkms, the
#    stock kernel and headers, a compiler); this run works on a copy.
# 2. In a chroot of the copy (much faster than under TCG; DKMS is told the
#    image's kernel, not the host's): the source tree goes to /root/vmfence,
#    then "make dkms-install" and "make install" as the guide says, a
#    sensitive program (ledgerd) and a policy that denies it by digest, in
#    mode enforce, locked; and vmfence-e2e.service to run guest.sh.
# 3. Boot 1 under QEMU (TCG, the image's own kernel and initrd, systemd):
#    guest.sh checks DKMS, the boot-time load and lock, refusals, audit,
#    report, metrics, and a policy that fails to load.
# 4. In the chroot again: "make dkms-remove" and "make uninstall". (They
#    take minutes under TCG, mostly depmod and DKMS's own bookkeeping.)
# 5. Boot 2: guest.sh checks that vmfence is gone.
# Logs and the image copy stay in build/e2e/. Needs root (loop mount,
# chroot). VMFENCE_ACCEL (tcg), VMFENCE_TIMEOUT (seconds per boot, 600).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
dir=$top/build/e2e
mnt=$dir/mnt

die() { echo "run.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (loop mount, chroot)"

img=$("$here/image.sh")
kver=$(cat "$img/kernel-release")

cleanup() {
	if mountpoint -q "$mnt" 2>/dev/null; then
		umount -R "$mnt" || umount -lR "$mnt" || true
	fi
}
trap cleanup EXIT
cleanup
# Never delete through a bind mount of /dev or /proc left by a killed run.
if findmnt -rn -o TARGET | grep -q "^$mnt"; then
	die "$mnt is still mounted; unmount it first"
fi
rm -rf --one-file-system "$dir"
mkdir -p "$mnt"
cp --sparse=always "$img/root.img" "$dir/root.img"

n=0
failed=0
step() {
	# step NAME LOG COMMAND...: one host-side test, its output in LOG.
	local name=$1 log=$2
	shift 2
	n=$((n + 1))
	if "$@" >"$log" 2>&1; then
		echo "ok $n - $name"
	else
		failed=1
		echo "not ok $n - $name"
		tail -n 15 "$log" | sed 's/^/# /'
	fi
}

# --- 2. install in a chroot of the image -----------------------------------
mount_image() {
	mount -o loop "$dir/root.img" "$mnt"
	mount -t proc proc "$mnt/proc"
	mount -t sysfs sysfs "$mnt/sys"
	mount --bind /dev "$mnt/dev"
	mount --bind /dev/pts "$mnt/dev/pts"
}

in_image() { chroot "$mnt" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# The working tree as it is, without build products.
copy_source() {
	mkdir -p "$mnt/root/vmfence"
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
		tar --null -T - -cf -) | tar -xf - -C "$mnt/root/vmfence"
}

# The check DKMS runs before each build, on the image kernel's config less
# CONFIG_AUDIT: it must fail and say what is missing.
refuses_no_audit() {
	local fake=$dir/kernel-no-audit
	mkdir -p "$fake"
	grep -v '^CONFIG_AUDIT=' "$mnt/usr/src/linux-headers-$kver/.config" >"$fake/.config"
	if "$top/scripts/dkms-kernel-check.sh" "$fake" 2>"$fake/err"; then
		echo "accepted a kernel without CONFIG_AUDIT"
		return 1
	fi
	cat "$fake/err"
	grep -q 'CONFIG_AUDIT' "$fake/err" && "$top/scripts/dkms-kernel-check.sh" \
		"$mnt/usr/src/linux-headers-$kver"
}

deploy_policy() {
	mkdir -p "$mnt/usr/local/lib/vmfence-e2e"
	install -m 0755 "$here/guest.sh" "$mnt/usr/local/lib/vmfence-e2e/guest.sh"
	install -m 0644 "$here/vmfence-e2e.service" "$mnt/etc/systemd/system/"
	in_image systemctl enable vmfence-e2e.service
	in_image gcc -O2 -o /usr/local/bin/ledgerd /root/vmfence/tools/testing/e2e/ledgerd.c
	local sum
	sum=$(sha256sum "$mnt/usr/local/bin/ledgerd" | cut -d' ' -f1)
	cat >"$mnt/etc/vmfence/policy.conf" <<EOP
# The end-to-end test's policy: ledgerd is sensitive, by content.
mode enforce
threshold 60
deny exec sha256=$sum
lock
EOP
	in_image vmfencectl policy check /etc/vmfence/policy.conf
}

mount_image
echo "# test: install"
echo "TAP version 13"
echo "1..8"
step "copy the source tree to /root/vmfence in the image" "$dir/copy.log" copy_source
step "make dkms-install (kernel $kver)" "$dir/dkms-install.log" \
	in_image make -C /root/vmfence dkms-install
step "dkms status: installed for $kver" "$dir/dkms-status.log" \
	sh -c "chroot '$mnt' dkms status -m vmfence -k '$kver' | tee /dev/stderr | grep -q ': installed'"
step "DKMS's kernel check refuses a kernel without CONFIG_AUDIT, by name" \
	"$dir/kernel-check.log" refuses_no_audit
step "make install" "$dir/install.log" in_image make -C /root/vmfence install
step "make install keeps an existing policy" "$dir/install-again.log" \
	sh -c "echo '# mine' >>'$mnt/etc/vmfence/policy.conf' &&
		chroot '$mnt' make -C /root/vmfence install &&
		grep -q '^# mine' '$mnt/etc/vmfence/policy.conf'"
step "vmfence.service enabled for sysinit.target" "$dir/enabled.log" \
	test -L "$mnt/etc/systemd/system/sysinit.target.wants/vmfence.service"
step "a sensitive program and a locking policy deployed" "$dir/policy.log" deploy_policy
cp "$mnt/boot/vmlinuz-$kver" "$mnt/boot/initrd.img-$kver" "$dir/"
cleanup

# --- 3, 5. the boots ------------------------------------------------------
boot() {
	local name=$1 qrc
	set +e
	timeout --foreground "${VMFENCE_TIMEOUT:-600}" qemu-system-x86_64 \
		-machine "pc,accel=${VMFENCE_ACCEL:-tcg}" -cpu max -smp 2 -m 1536 \
		-nographic -no-reboot -monitor none -nic none \
		-kernel "$dir/vmlinuz-$kver" -initrd "$dir/initrd.img-$kver" \
		-append "root=/dev/vda rw console=ttyS0 panic=-1 audit=1 vmfence_e2e.phase=$name" \
		-drive "file=$dir/root.img,format=raw,if=virtio" \
		-serial "file:$dir/console-$name.log" -serial "file:$dir/results-$name.log" \
		>"$dir/qemu-$name.log" 2>&1 </dev/null
	qrc=$?
	set -e
	tr -d '\r' <"$dir/results-$name.log" | grep -v '^#| '
	return $qrc
}

boot1=0 boot2=0
boot installed || boot1=$?

# --- 4. remove, as the admin guide says ----------------------------------
mount_image
echo "# test: remove"
echo "TAP version 13"
echo "1..2"
n=0
step "make dkms-remove" "$dir/dkms-remove.log" in_image make -C /root/vmfence dkms-remove
step "make uninstall" "$dir/uninstall.log" in_image make -C /root/vmfence uninstall
cleanup

boot removed || boot2=$?

# --- what only the host can judge -----------------------------------------
echo "# test: run"
echo "TAP version 13"
echo "1..5"
/usr/bin/python3 "$here/judge.py" --start 1 --boot1-rc "$boot1" --boot2-rc "$boot2" "$dir" || failed=1
exit $failed
