#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# kernel.sh - locate (or build, for the debug kernel) a test kernel.
#
#   kernel.sh NAME     NAME is stock61, stock612 or debug61
#
# Prints shell assignments for the harness to eval:
#   KNAME KVER BZIMAGE KDIR MODROOT KSRC
# KDIR is the tree to build modules against, MODROOT the root under which
# lib/modules/$KVER holds the kernel's own modules, KSRC the full source tree
# (for kunit.py, checkpatch.pl and the kselftest framework).
#
# The debug kernel is built from Debian's linux-source-6.1 over tinyconfig
# plus debug.config, in $VMFENCE_CACHE (default ~/.cache/vmfence), keyed by
# the fragment, the source package version and the compiler: it is rebuilt
# only when one of them changes. Its build log is kept beside it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${VMFENCE_CACHE:-$HOME/.cache/vmfence}
name=${1:?usage: kernel.sh stock61|stock612|debug61}

die() { echo "kernel.sh: $*" >&2; exit 1; }

# The newest installed Debian kernel of a series, e.g. 6.1 -> 6.1.0-56-amd64.
newest_installed() {
	local series=$1 v best=
	for v in /boot/vmlinuz-"$series".*-amd64; do
		[ -e "$v" ] || continue
		v=${v#/boot/vmlinuz-}
		[ -d "/usr/src/linux-headers-$v" ] || continue
		best=$(printf '%s\n%s\n' "$best" "$v" | sed '/^$/d' | sort -V | tail -n1)
	done
	[ -n "$best" ] || die "no $series kernel with headers installed (run make deps)"
	echo "$best"
}

# Extract linux-source-6.1 once per package version; print its path.
kernel_source() {
	local ver src
	ver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) ||
		die "linux-source-6.1 is not installed (run make deps)"
	src=$cache/linux-source-6.1-$ver
	if [ ! -e "$src/.vmfence-extracted" ]; then
		mkdir -p "$cache"
		rm -rf "$src" "$src.tmp"
		mkdir -p "$src.tmp"
		tar -C "$src.tmp" -xf /usr/src/linux-source-6.1.tar.xz
		mv "$src.tmp/linux-source-6.1" "$src"
		rmdir "$src.tmp"
		touch "$src/.vmfence-extracted"
	fi
	echo "$src"
}

build_debug() {
	local src=$1 key out log
	key=$( { cat "$here/debug.config"; dpkg-query -W -f='${Version}' linux-source-6.1;
		gcc --version | head -n1; } | sha256sum | cut -c1-16)
	out=$cache/kernel-debug61-$key
	log=$out.log
	# One build at a time: a second kernel.sh (another checkout, a helper's
	# fast loop) waits for the first instead of starting over in its tree.
	mkdir -p "$cache"
	exec 9>"$out.lock"
	flock 9
	if [ ! -e "$out/.vmfence-built" ]; then
		echo "kernel.sh: building the debug kernel in $out (log: $log)" >&2
		rm -rf "$out"
		mkdir -p "$out"
		{
			make -C "$src" O="$out" ARCH=x86_64 tinyconfig
			"$src/scripts/kconfig/merge_config.sh" -m -O "$out" \
				"$out/.config" "$here/debug.config"
			make -C "$src" O="$out" ARCH=x86_64 olddefconfig
		} >"$log" 2>&1 || die "configuring failed, see $log"
		check_config "$out/.config"
		make -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)" bzImage modules \
			>>"$log" 2>&1 || die "build failed, see $log"
		make -C "$src" O="$out" ARCH=x86_64 INSTALL_MOD_PATH="$out/modroot" \
			modules_install >>"$log" 2>&1 || die "modules_install failed, see $log"
		touch "$out/.vmfence-built"
	fi
	echo "$out"
}

# Every option the fragment sets must survive olddefconfig: a silently
# dropped KASAN or PROVE_LOCKING would leave the tests checking nothing.
check_config() {
	local line opt val bad=0
	while IFS= read -r line; do
		case $line in CONFIG_*=*) ;; *) continue ;; esac
		opt=${line%%=*}
		val=${line#*=}
		if [ "$val" = n ]; then
			grep -q "^$opt=" "$1" && { echo "kernel.sh: $opt is set" >&2; bad=1; }
		else
			grep -qx "$line" "$1" || { echo "kernel.sh: $line did not stick" >&2; bad=1; }
		fi
	done <"$here/debug.config"
	[ $bad -eq 0 ] || die "debug.config does not apply cleanly to this source"
}

case $name in
stock61 | stock612)
	series=${name#stock}
	series=${series:0:1}.${series:1}
	kver=$(newest_installed "$series")
	echo "KNAME=$name"
	echo "KVER=$kver"
	echo "BZIMAGE=/boot/vmlinuz-$kver"
	echo "KDIR=/usr/src/linux-headers-$kver"
	echo "MODROOT=/"
	echo "KSRC=$(kernel_source)"
	;;
debug61)
	src=$(kernel_source)
	out=$(build_debug "$src")
	echo "KNAME=$name"
	echo "KVER=$(cat "$out/include/config/kernel.release")"
	echo "BZIMAGE=$out/arch/x86/boot/bzImage"
	echo "KDIR=$out"
	echo "MODROOT=$out/modroot"
	echo "KSRC=$src"
	;;
*)
	die "unknown kernel '$name' (stock61, stock612, debug61)"
	;;
esac
