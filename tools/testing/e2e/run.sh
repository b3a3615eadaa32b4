#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run.sh - end to end: vmfence on a booted Debian 12 system, installed the
# way Documentation/admin-guide.rst tells an administrator to: as the
# Debian packages vmfence-dkms and vmfencectl.
#
#   run.sh          TAP on standard output; exit 0 only when all passed
#
# 0. On the host: "make deb" (this tree's release, lintian-checked), and a
#    second set from the same sources with a higher version (VERSION and
#    debian/changelog bumped in a copy), to upgrade to.
# 1. image.sh gives the cached Debian 12 image (systemd, auditd, dkms, the
#    stock kernel and headers, a compiler for DKMS); this run works on a copy.
# 2. In a chroot of the copy (much faster than under TCG; DKMS finds the
#    image's kernel, as the host's is not installed there): apt-get install
#    of the first set, a sensitive program (ledgerd) and a policy that
#    denies it by digest, in mode enforce, locked; then the upgrade to the
#    second set, which must keep the policy and rebuild the module; and
#    vmfence-e2e.service to run guest.sh.
# 3. Boot 1 under QEMU (TCG, the image's own kernel and initrd, systemd):
#    guest.sh checks DKMS, the boot-time load and lock, refusals, audit,
#    report, metrics, a policy that fails to load; then "apt-get remove"
#    while the policy is locked: the packages say what the next boot does,
#    the locked policy stays in force until then, the policy file is kept.
# 4. Boot 2: guest.sh checks that vmfence is gone and the policy kept.
# 5. In the chroot again: "apt-get purge" leaves no module, unit or policy.
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
ver=$(cat "$top/VERSION")
next=$ver+e2e1

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

# The packages of this tree (make deb), then the same sources as release
# $next, built the same way, to upgrade to.
build_debs() {
	make -s -C "$top" deb || return 1
	mkdir -p "$dir/debs/$ver" "$dir/debs/$next"
	cp "$top/build/deb/vmfence-dkms_${ver}_all.deb" \
		"$top/build/deb/vmfencectl_${ver}_amd64.deb" "$dir/debs/$ver/" || return 1
	rm -rf "$dir/next"
	mkdir -p "$dir/next"
	cp -a "$top/build/deb/src/vmfence-$ver" "$dir/next/vmfence-$next" || return 1
	(
		set -e
		cd "$dir/next/vmfence-$next"
		echo "$next" >VERSION
		{
			echo "vmfence ($next) bookworm; urgency=medium"
			echo
			echo "  * The end-to-end test's upgrade."
			echo
			echo " -- vmfence e2e <e2e@localhost>  $(date -R)"
			echo
			cat debian/changelog
		} >debian/changelog.new
		mv debian/changelog.new debian/changelog
		dpkg-buildpackage -b -us -uc -j2
	) || return 1
	cp "$dir/next/vmfence-dkms_${next}_all.deb" \
		"$dir/next/vmfencectl_${next}_amd64.deb" "$dir/debs/$next/" || return 1
	mkdir -p "$mnt/root/debs"
	cp -a "$dir/debs/." "$mnt/root/debs/" && ls -l "$dir"/debs/*
}

apt_install() {
	in_image env DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends -o Dpkg::Options::=--force-confold \
		"/root/debs/$1/vmfence-dkms_$1_all.deb" "/root/debs/$1/vmfencectl_$1_amd64.deb"
}

# dkms status: RELEASE built and installed for the image's kernel, and no
# other release of vmfence known to DKMS.
dkms_has() {
	local st
	st=$(chroot "$mnt" dkms status -m vmfence)
	echo "$st"
	echo "$st" | grep -q "^vmfence/$1, $kver, x86_64: installed" &&
		[ "$(echo "$st" | grep -c .)" = 1 ] &&
		[ "$(chroot "$mnt" modinfo -F version "/lib/modules/$kver/updates/dkms/vmfence.ko")" = "$1" ]
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
	cp "$here/ledgerd.c" "$mnt/root/ledgerd.c"
	in_image gcc -O2 -o /usr/local/bin/ledgerd /root/ledgerd.c
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
echo "1..9"
step "make deb, and the same sources as $next" "$dir/debs.log" build_debs
step "apt-get install vmfence-dkms vmfencectl $ver (kernel $kver)" "$dir/install.log" \
	apt_install "$ver"
step "dkms status: $ver installed for $kver, and only it" "$dir/dkms-status.log" \
	dkms_has "$ver"
step "DKMS's kernel check refuses a kernel without CONFIG_AUDIT, by name" \
	"$dir/kernel-check.log" refuses_no_audit
step "vmfence.service enabled for sysinit.target" "$dir/enabled.log" \
	test -L "$mnt/etc/systemd/system/sysinit.target.wants/vmfence.service"
step "a sensitive program and a locking policy deployed" "$dir/policy.log" deploy_policy
{ sha256sum "$mnt/etc/vmfence/policy.conf" || true; } | cut -d' ' -f1 >"$dir/policy.sha256"
step "apt-get install $next: the upgrade" "$dir/upgrade.log" apt_install "$next"
step "the upgrade keeps the policy, byte for byte, mode 0600" "$dir/upgrade-policy.log" \
	sh -c "[ \"\$(sha256sum '$mnt/etc/vmfence/policy.conf' | cut -d' ' -f1)\" = \"\$(cat '$dir/policy.sha256')\" ] &&
		[ \"\$(stat -c %a '$mnt/etc/vmfence/policy.conf')\" = 600 ]"
step "the upgrade rebuilt the module: $next installed for $kver, $ver gone" \
	"$dir/upgrade-dkms.log" dkms_has "$next"
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

boot removed || boot2=$?

# --- 5. purge -------------------------------------------------------------
purged() {
	local left
	left=$(cd "$mnt" && ls -d etc/vmfence usr/src/vmfence-* etc/modprobe.d/vmfence.conf \
		usr/lib/modules-load.d/vmfence.conf usr/sbin/vmfencectl 2>/dev/null
		find lib/modules var/lib/dkms -name 'vmfence*' 2>/dev/null
		find etc/systemd lib/systemd usr/lib/systemd -name 'vmfence.service' 2>/dev/null)
	# Any vmfence package dpkg still knows as installed or configured.
	chroot "$mnt" dpkg -l 'vmfence*' 2>&1 | grep -E '^[a-z][a-mo-z] ' && return 1
	[ -z "$left" ] || { echo "left behind: $left"; return 1; }
}
mount_image
echo "# test: purge"
echo "TAP version 13"
echo "1..2"
n=0
step "apt-get purge vmfence-dkms vmfencectl" "$dir/purge.log" \
	in_image env DEBIAN_FRONTEND=noninteractive apt-get purge -y vmfence-dkms vmfencectl
step "nothing left: no module, unit, policy, sources or DKMS state" "$dir/purged.log" purged
cleanup

# --- what only the host can judge -----------------------------------------
echo "# test: run"
echo "TAP version 13"
echo "1..5"
/usr/bin/python3 "$here/judge.py" --start 1 --boot1-rc "$boot1" --boot2-rc "$boot2" "$dir" || failed=1
exit $failed
