#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# image.sh - the end-to-end test's Debian 12 system, built once and cached.
#
#   image.sh        prints the path of the cached raw ext4 image
#
# mmdebstrap installs Debian 12 with the packages in ./packages from
# Debian's archive into a directory, which becomes a raw ext4 file system
# image (no partition table: the kernel and initrd are booted directly, and
# copied beside the image). The cache entry lives in $VMFENCE_CACHE (default
# ~/.cache/vmfence) under e2e-image-KEY, KEY a digest of the package list
# and of this script, so a change to either builds a new image; the build
# log is kept beside it. Runs as root (loop mount, chroot).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${VMFENCE_CACHE:-$HOME/.cache/vmfence}
mirror=${VMFENCE_MIRROR:-http://deb.debian.org/debian}

die() { echo "image.sh: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (mmdebstrap, mkfs.ext4 -d)"
command -v mmdebstrap >/dev/null || die "mmdebstrap is missing (run scripts/deps.sh)"

key=$(cat "$here/packages" "$0" | sha256sum | cut -c1-16)
out=$cache/e2e-image-$key
log=$out.log
if [ -e "$out/.vmfence-built" ]; then
	echo "$out"
	exit 0
fi

echo "image.sh: building the Debian 12 image in $out (log: $log)" >&2
rm -rf "$out"
mkdir -p "$out"
root=$out/root
pkgs=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/packages" | paste -sd, -)
cleanup() { umount -R "$root" 2>/dev/null || true; }
trap cleanup EXIT
{
	mmdebstrap --mode=root --variant=required --components=main \
		--include="$pkgs" \
		--customize-hook='echo vmfence-e2e >"$1/etc/hostname"' \
		--customize-hook='printf "/dev/vda / ext4 defaults 0 1\n" >"$1/etc/fstab"' \
		--customize-hook='chroot "$1" passwd -d root' \
		--customize-hook='chroot "$1" systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_reap.service e2scrub_all.timer fstrim.timer man-db.timer' \
		bookworm "$root" \
		"deb $mirror bookworm main" \
		"deb $mirror bookworm-updates main" \
		"deb ${mirror%/debian}/debian-security bookworm-security main"
} >"$log" 2>&1 || die "mmdebstrap failed, see $log"
kver=$(basename "$(ls -d "$root"/lib/modules/*-amd64 | sort -V | tail -n1)")
[ -e "$root/boot/initrd.img-$kver" ] || die "no initrd for $kver in the image"
[ -d "$root/usr/src/linux-headers-$kver" ] || die "no headers for $kver in the image"
echo "$kver" >"$out/kernel-release"

# A raw ext4 image with the tree in it: 4 GiB, sparse, room for the build.
truncate -s 4G "$out/root.img"
mkfs.ext4 -q -F -L vmfence-e2e -d "$root" "$out/root.img" >>"$log" 2>&1 ||
	die "mkfs.ext4 failed, see $log"
rm -rf "$root"
touch "$out/.vmfence-built"
echo "$out"
