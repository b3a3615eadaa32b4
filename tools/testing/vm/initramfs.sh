#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# initramfs.sh - build the test initramfs for one kernel.
#
#   initramfs.sh OUT.cpio MODDIR KVER MODROOT [FILE...]
#
# Packs busybox-static, the guest init, every suite, the kselftest programs
# (and the payloads they run, into /lib/vmfence/payloads) and vmfencectl
# (with the shared libraries they need), e2fsprogs' mke2fs (busybox's knows
# no casefold), vmfence.ko and the test modules from MODDIR, the kernel's
# own binfmt_misc, SHA-256 and ECDH (with the default RNG it draws its
# keys from) modules from MODROOT/lib/modules/KVER when it has them, the
# modules of the file systems the enforcement tests run programs from
# (with what they depend on, in load order, listed in
# /lib/vmfence/fs/order), any extra FILEs (into /bin), and the files of the
# directory VMFENCE_DATA names, if any (into /lib/vmfence/data: what a
# suite reads, e.g. the tpm suite's CA certificates).
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
# The kselftest programs that need a boot of their own, from the one table
# of suites; suites/kselftest.sh leaves them to their suites.
python3 "$here/../check.py" --ksft-own-boot >"$root/suites/ksft-own-boot"
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
# By its full path: busybox's shell runs its own applet for a bare name.
mkdir -p "$root/usr/sbin"
add_prog /usr/sbin/mke2fs usr/sbin/mke2fs
for f in "$@"; do
	add_prog "$f" "bin/$(basename "$f")"
done
if [ -d "$top/build/selftests/payloads" ]; then
	mkdir -p "$root/lib/vmfence/payloads"
	cp "$top"/build/selftests/payloads/* "$root/lib/vmfence/payloads/"
fi
cp "$moddir"/*.ko "$root/lib/vmfence/"
if [ -n "${VMFENCE_DATA:-}" ]; then
	cp -r "$VMFENCE_DATA" "$root/lib/vmfence/data"
fi

# Decompress a module file for busybox insmod.
unpack_module() {
	case $1 in
	*.xz) xz -dc "$1" >"$2" ;;
	*.zst) zstd -qdc "$1" >"$2" ;;
	*) cp "$1" "$2" ;;
	esac
}

# Modules of this kernel, decompressed for busybox insmod, where it has
# them: binfmt_misc for the enforcement tests, the SSSE3/AVX2/SHA-NI
# SHA-256 that a full system's udev would load for the CPU (the benchmarks
# load it, so that vmfence hashes with the kernel's best sha256), and the
# ECDH that proves possession of an ECC EK (crypto_alloc_kpp() would load
# it by request_module(); there is no modprobe here, so the tpm suite
# loads them itself: the default RNG ECDH generates its keys with (drbg,
# seeded by jitterentropy_rng, which hashes with SHA3-256; drbg's
# self-tests want SHA-512 and CTR), the SHA-384 of a P-384 EK's KDFe, then
# ecc and ecdh_generic, each where it is a module: 6.1 has them all as
# modules, 6.12 only ecdh_generic).
for m in fs/binfmt_misc arch/x86/crypto/sha256-ssse3 crypto/sha3_generic \
	crypto/jitterentropy_rng crypto/sha512_generic crypto/ctr crypto/drbg \
	crypto/ecc crypto/ecdh_generic; do
	for f in "$modroot/lib/modules/$kver/kernel/$m".ko*; do
		[ -e "$f" ] || continue
		unpack_module "$f" "$root/lib/vmfence/$(basename "$m").ko"
	done
done

# Stacked and case-folding file systems on loop devices: the modules, and
# theirs, in the order modprobe would load them (none where built in).
mkdir -p "$root/lib/vmfence/fs"
: >"$root/lib/vmfence/fs/order"
for m in loop overlay vfat nls_cp437 nls_ascii nls_iso8859-1 nls_utf8 ext4; do
	# A module the kernel has not (or has built in) adds nothing.
	{ modprobe -d "$modroot" -S "$kver" --show-depends "$m" 2>/dev/null || :; } |
		sed -n 's/^insmod \([^ ]*\).*/\1/p'
done | awk '!seen[$0]++' | while read -r f; do
	name=$(basename "$f" | sed 's/\.ko.*$//')
	unpack_module "$f" "$root/lib/vmfence/fs/$name.ko"
	echo "$name" >>"$root/lib/vmfence/fs/order"
done

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
