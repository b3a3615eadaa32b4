#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# initramfs.sh - build the test initramfs for one kernel.
#
#   initramfs.sh OUT.cpio MODDIR KVER MODROOT [FILE...]
#
# Packs busybox-static, the guest init, every suite, the kselftest programs
# and vmfencectl (with the shared libraries they need), vmfence.ko and the
# test modules from MODDIR, the kernel's own binfmt_misc module from
# MODROOT/lib/modules/KVER when it has one, and any extra FILEs (into /bin).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
out=$1 moddir=$2 kver=$3 modroot=$4
shift 4

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"
# mktemp's 0700 would become /'s mode: every user must get through it.
chmod 0755 "$root"

mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,etc,lib/vmfence,suites,ksft}
cp /bin/busybox "$root/bin/busybox"
for app in $("$root/bin/busybox" --list); do
	[ -e "$root/bin/$app" ] || ln -s busybox "$root/bin/$app"
done
install -m 0755 "$here/guest/init" "$root/init"
install -m 0755 "$here"/suites/* "$root/suites/"
echo "root:x:0:0:root:/:/bin/sh" >"$root/etc/passwd"
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >>"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"

# A dynamically linked program and everything ldd says it loads.
add_prog() {
	local prog=$1 dest=$2 lib
	# It may replace a busybox applet's symlink, never busybox through it.
	rm -f "$root/$dest"
	install -m 0755 "$prog" "$root/$dest"
	for lib in $(ldd "$prog" 2>/dev/null | grep -o '/[^ ]*'); do
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

add_prog "$top/userspace/vmfencectl" bin/vmfencectl
for t in "$top"/build/selftests/*; do
	[ -f "$t" ] && [ -x "$t" ] && add_prog "$t" "ksft/$(basename "$t")"
done
for f in "$@"; do
	add_prog "$f" "bin/$(basename "$f")"
done
cp "$moddir"/*.ko "$root/lib/vmfence/"

# Modules of this kernel, decompressed for busybox insmod, where it has
# them: binfmt_misc for the enforcement tests, and the SSSE3/AVX2/SHA-NI
# SHA-256 that a full system's udev would load for the CPU (the benchmarks
# load it, so that vmfence hashes with the kernel's best sha256).
for m in fs/binfmt_misc arch/x86/crypto/sha256-ssse3; do
	for f in "$modroot/lib/modules/$kver/kernel/$m".ko*; do
		[ -e "$f" ] || continue
		dest=$root/lib/vmfence/$(basename "$m").ko
		case $f in
		*.xz) xz -dc "$f" >"$dest" ;;
		*.zst) zstd -qdc "$f" >"$dest" ;;
		*) cp "$f" "$dest" ;;
		esac
	done
done

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
