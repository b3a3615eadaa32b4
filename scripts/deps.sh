#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# deps.sh - install every Debian package vmfence needs to build and test.
#
# Idempotent: when everything is present it only runs dpkg-query and exits.
# Needs root (or sudo) the first time. Debian 12 (bookworm) only.
set -euo pipefail

# Packages from bookworm itself.
PKGS=(
	build-essential bc bison flex libelf-dev libssl-dev kmod cpio xz-utils zstd rsync
	python3 pkg-config sparse jq
	qemu-system-x86 busybox-static
	libnl-3-dev libnl-genl-3-dev
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	cpuid virt-what systemd hyperfine
	clang libclang-rt-14-dev
	# the end-to-end suite (tools/testing/e2e/) and the playbook's syntax check
	mmdebstrap e2fsprogs python3-prometheus-client ansible-core
	# make deb (debian/): debhelper 13, dh_dkms, lintian
	debhelper dh-dkms lintian
	# the alerting rules (contrib/prometheus/): promtool
	prometheus
	# the TPM suite (tools/testing/vm/suites/tpm.sh): a software TPM and its CA tools
	swtpm swtpm-tools tpm2-tools libtss2-tcti-swtpm0 openssl
)
BPO_SUITE=bookworm-backports
BPO_LIST=/etc/apt/sources.list.d/vmfence-bookworm-backports.sources

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || echo "$p"
	done
}

# The 6.12 kernel: any linux-image-6.12.*-amd64 with matching headers counts.
have_612() {
	local v
	for v in $(dpkg-query -W -f='${Package}\n' 'linux-image-6.12.*-amd64' \
			2>/dev/null | sed -n 's/^linux-image-\(6\.12\..*-amd64\)$/\1/p'); do
		[ -z "$(missing "linux-image-$v" "linux-headers-$v")" ] && return 0
	done
	return 1
}

need=$(missing "${PKGS[@]}")
if [ -z "$need" ] && have_612; then
	exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if ! grep -rqs "$BPO_SUITE" /etc/apt/sources.list /etc/apt/sources.list.d/; then
	echo "deps: adding $BPO_SUITE to apt sources"
	$SUDO tee "$BPO_LIST" >/dev/null <<EOS
Types: deb
URIs: http://deb.debian.org/debian
Suites: $BPO_SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
fi
$SUDO apt-get update -qq

# linux-image-amd64 in backports depends on the current versioned 6.12 image.
bpo_ver=$(apt-cache madison linux-image-amd64 | awk -v s="$BPO_SUITE" \
	'$0 ~ s { print $3; exit }')
[ -n "$bpo_ver" ] || { echo "deps: no linux-image-amd64 in $BPO_SUITE" >&2; exit 1; }
img612=$(apt-cache show "linux-image-amd64=$bpo_ver" |
	sed -n 's/^Depends: \(linux-image-6\.12[^ ,]*\).*/\1/p' | head -n1)
[ -n "$img612" ] || { echo "deps: cannot resolve the 6.12 image" >&2; exit 1; }
hdr612=${img612/linux-image-/linux-headers-}

echo "deps: installing ${need//$'\n'/ } $img612 $hdr612"
$SUDO apt-get install -y -qq --no-install-recommends "${PKGS[@]}" \
	"$img612" "$hdr612" >/dev/null
