#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# certs-tool.sh - swtpm_setup's create_certs_tool for the test TPMs
# (tools/testing/vm/tpm.sh writes the swtpm_setup.conf that names it).
#
# swtpm_setup calls it as it would swtpm_localca (man swtpm_setup.conf):
# --type ek|platform --ek KEY --dir DIR ... and expects DIR/ek.cert (DER).
#
# swtpm_localca signs, with the TPM model named vmfence-test-tpm instead of
# swtpm: the certificate of a chip, not of an emulator.
set -eu

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
