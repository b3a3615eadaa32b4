#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# certs-tool.sh - swtpm_setup's create_certs_tool for the test TPMs
# (tools/testing/vm/tpm.sh writes the swtpm_setup.conf that names it).
#
# swtpm_setup calls it as it would swtpm_localca (man swtpm_setup.conf):
# --type ek|platform --ek KEY --dir DIR ... and expects DIR/ek.cert (DER).
#
#   VMFENCE_TPM_COPY=DIR  write DIR/ek-rsa2048.crt (or DIR/ek-secp384r1.crt
#                         for an ECC EK) as the certificate, whatever the
#                         key: a TPM replaying another chip's certificate
#   otherwise             swtpm_localca signs, with the TPM model named
#                         vmfence-test-tpm instead of swtpm (the certificate
#                         of a chip, not of an emulator)
set -eu

dir='' type='' ecc=''
prev=
for a in "$@"; do
	case $prev in
	--dir) dir=$a ;;
	--type) type=$a ;;
	--ek) case $a in x=*) ecc=1 ;; esac ;;
	esac
	prev=$a
done
[ -n "$dir" ] || { echo "certs-tool.sh: no --dir" >&2; exit 1; }

if [ -n "${VMFENCE_TPM_COPY:-}" ]; then
	[ "$type" = ek ] || { echo "certs-tool.sh: can copy EK certificates only" >&2; exit 1; }
	src=$VMFENCE_TPM_COPY/ek-rsa2048.crt
	[ -z "$ecc" ] || src=$VMFENCE_TPM_COPY/ek-secp384r1.crt
	cp "$src" "$dir/ek.cert"
	exit 0
fi

n=0
prev=
for a in "$@"; do
	n=$((n + 1))
	[ "$a" = swtpm ] && [ "$prev" = --tpm-model ] && a=vmfence-test-tpm
	prev=$a
	set -- "$@" "$a"
done
shift "$n"
exec swtpm_localca "$@"
