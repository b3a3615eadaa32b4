#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# tpm.sh - the TPM 2.0 states the tpm suite boots with, made once and cached.
#
#   tpm.sh        prints TPM_DIR=DIR (the cache), making it first if needed
#
# DIR, keyed by this script, tools/testing/tpm/swtpm/* and swtpm's version:
#   ca/root.pem, ca/root.der   the test TPM manufacturer's root CA
#                              ("CN=vmfence test TPM manufacturer root CA,
#                              O=vmfence tests"; its key stays in ca/)
#   guest/                     what the guest gets (run.sh's VMFENCE_DATA):
#                              test-ca.pem, test-ca.der, ek_sha256.STATE
#   STATE/state/               swtpm_setup --tpm2 state (run.sh boots a copy)
#   STATE/ek/                  the EK certificates it wrote (DER)
#   STATE/ek_sha256            SHA-256 of the RSA EK certificate's DER
#                              SubjectPublicKeyInfo, computed by openssl
# for STATE in
#   mfr-a   EK certificate issued by the test CA
#   mfr-b   another TPM (another EK), certificate by the same CA
#   swtpm   certificate by swtpm's own local CA, made from scratch: a
#           virtual TPM's certificate
#   copy    mfr-b's TPM (its EK key) carrying mfr-a's certificates in NV
#           0x01c00002 and 0x01c00016: a TPM replaying another chip's
#   ecc     mfr-a without its RSA EK certificate (NV 0x01c00002 undefined):
#           a TPM that certifies only its ECC P-384 EK (persistent at
#           0x81010016, certificate in 0x01c00016)
#   ecc-copy  copy without the RSA certificate: mfr-b's P-384 key carrying
#           mfr-a's P-384 certificate, the ECC replay
# (for ecc and ecc-copy, ek_sha256 is that of the P-384 certificate)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
conf=$here/../tpm/swtpm
key=$(cat "$0" "$conf"/* <(swtpm --version) | sha256sum | cut -c1-16)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/vmfence
dir=$cache/tpm-$key
if [ -e "$dir/.done" ]; then
	echo "TPM_DIR=$dir"
	exit 0
fi

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/tpm-$key.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log=$tmp/setup.log

# The test CA: a self-signed RSA-2048 root that signs the EK certificates.
mkdir "$tmp/ca"
openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 36500 \
	-config "$conf/ca.cnf" -keyout "$tmp/ca/root.key" -out "$tmp/ca/root.pem" 2>>"$log"
openssl x509 -in "$tmp/ca/root.pem" -outform DER -out "$tmp/ca/root.der"
echo 1 >"$tmp/ca/certserial"

# One swtpm_setup.conf and swtpm-localca.conf per CA.
localca() { # NAME KEY CERT TOOL: the configuration of a local CA
	mkdir -p "$tmp/$1"
	cat >"$tmp/$1.localca.conf" <<-CONF
		statedir = $tmp/$1
		signingkey = $2
		issuercert = $3
		certserial = $tmp/$1/certserial
	CONF
	cat >"$tmp/$1.setup.conf" <<-CONF
		create_certs_tool = $4
		create_certs_tool_config = $tmp/$1.localca.conf
		create_certs_tool_options = /etc/swtpm-localca.options
		active_pcr_banks = sha256
	CONF
}
localca ca "$tmp/ca/root.key" "$tmp/ca/root.pem" "$conf/certs-tool.sh"
# swtpm out of the box: its own swtpm_localca, which makes its root and
# intermediate CA in a fresh statedir.
localca swtpm-localca "$tmp/swtpm-localca/signkey.pem" "$tmp/swtpm-localca/issuercert.pem" \
	"$(command -v swtpm_localca)"

spki_sha256() { # CERT.der: SHA-256 of its DER SubjectPublicKeyInfo
	openssl x509 -inform DER -in "$1" -pubkey -noout |
		openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1
}
manufacture() { # STATE CA
	mkdir -p "$tmp/$1/state" "$tmp/$1/ek"
	swtpm_setup --tpm2 --tpmstate "$tmp/$1/state" \
		--config "$tmp/$2.setup.conf" --create-ek-cert --lock-nvram \
		--write-ek-cert-files "$tmp/$1/ek" --logfile "$tmp/$1/setup.log" >>"$log"
	# The RSA EK's modulus, as swtpm_setup gave it to the tool.
	sed -n 's/.* --type ek --ek \([0-9a-f]*\) .*/\1/p' "$tmp/$1/setup.log" |
		tr a-f A-F >"$tmp/$1/ek_modulus"
	spki_sha256 "$tmp/$1/ek/ek-rsa2048.crt" >"$tmp/$1/ek_sha256"
}
manufacture mfr-a ca
manufacture mfr-b ca
manufacture swtpm swtpm-localca
# mfr-b's TPM carrying mfr-a's certificates: its state, whose EK
# certificate NV indices are redefined (platform hierarchy, same attributes
# as swtpm_setup's), written with mfr-a's and write-locked again, through
# tpm2-tools on a swtpm of its own.
cp -r "$tmp/mfr-b" "$tmp/copy"
rm -rf "$tmp/copy/ek"/*
# The swtpm TCTI wants the control channel on the next TCP port.
port=$(python3 -c '
import socket
while True:
    a, b = socket.socket(), socket.socket()
    a.bind(("127.0.0.1", 0))
    try:
        b.bind(("127.0.0.1", a.getsockname()[1] + 1))
    except OSError:
        continue
    print(a.getsockname()[1])
    break')
export TPM2TOOLS_TCTI=swtpm:host=127.0.0.1,port=$port
swtpm_start() { # STATE: a swtpm on STATE's state, for tpm2-tools
	swtpm socket --tpm2 --tpmstate "dir=$tmp/$1/state" --flags not-need-init,startup-clear \
		--server "type=tcp,bindaddr=127.0.0.1,port=$port" \
		--ctrl "type=tcp,bindaddr=127.0.0.1,port=$((port + 1))" --log "file=$tmp/$1/swtpm.log" &
	swtpm_pid=$!
	trap 'kill $swtpm_pid 2>/dev/null; rm -rf "$tmp"' EXIT
	for _ in $(seq 50); do
		tpm2_getcap properties-fixed >/dev/null 2>>"$log" && break
		sleep 0.1
	done
}
swtpm_stop() {
	swtpm_ioctl --tcp "127.0.0.1:$((port + 1))" -s
	wait "$swtpm_pid"
	trap 'rm -rf "$tmp"' EXIT
}
swtpm_start copy
for c in 0x1c00002:ek-rsa2048.crt 0x1c00016:ek-secp384r1.crt; do
	nv=${c%%:*} crt=$tmp/mfr-a/ek/${c#*:}
	tpm2_nvundefine -C p "$nv"
	tpm2_nvdefine -C p -s "$(stat -c %s "$crt")" \
		-a "ppwrite|writedefine|ppread|ownerread|authread|no_da|platformcreate" "$nv" >/dev/null
	tpm2_nvwrite -C p -i "$crt" "$nv"
	tpm2_nvwritelock -C p "$nv"
	tpm2_nvread -C o -o "$tmp/copy/ek/${c#*:}" "$nv" 2>/dev/null
	cmp "$crt" "$tmp/copy/ek/${c#*:}"
done
swtpm_stop
spki_sha256 "$tmp/copy/ek/ek-rsa2048.crt" >"$tmp/copy/ek_sha256"

# The ECC-only TPMs: mfr-a's and copy's states without the RSA EK
# certificate's NV index, so that the ECC P-384 certificate is the one
# the TPM offers. The persistent P-384 EK's public key is read back
# (tpm2_readpublic, DER SubjectPublicKeyInfo) for the checks below.
for c in ecc:mfr-a ecc-copy:copy; do
	s=${c%%:*}
	cp -r "$tmp/${c#*:}" "$tmp/$s"
	rm "$tmp/$s/ek/ek-rsa2048.crt"
	swtpm_start "$s"
	tpm2_nvundefine -C p 0x1c00002
	if tpm2_getcap handles-nv-index | grep -qi '0x1c00002$'; then
		echo "tpm.sh: $s still has an RSA EK certificate" >&2
		exit 1
	fi
	tpm2_readpublic -c 0x81010016 -f der -o "$tmp/$s/ek_p384.der" >/dev/null
	swtpm_stop
	spki_sha256 "$tmp/$s/ek/ek-secp384r1.crt" >"$tmp/$s/ek_sha256"
done

# Every state is what it claims: the certificate checks (or not) against
# the test CA as intended, and copy's key is mfr-b's, not the certified one.
for s in mfr-a mfr-b copy; do
	openssl verify -CAfile "$tmp/ca/root.pem" \
		<(openssl x509 -inform DER -in "$tmp/$s/ek/ek-rsa2048.crt") >>"$log"
done
if openssl verify -CAfile "$tmp/ca/root.pem" \
	<(openssl x509 -inform DER -in "$tmp/swtpm/ek/ek-rsa2048.crt") >>"$log" 2>&1; then
	echo "tpm.sh: swtpm's certificate verifies against the test CA" >&2
	exit 1
fi
[ "$(cat "$tmp/mfr-a/ek_sha256")" != "$(cat "$tmp/mfr-b/ek_sha256")" ]
cmp -s "$tmp/copy/ek/ek-rsa2048.crt" "$tmp/mfr-a/ek/ek-rsa2048.crt"
certified() { openssl x509 -inform DER -in "$1" -noout -modulus | sed 's/^Modulus=//'; }
for s in mfr-a mfr-b swtpm; do
	[ "$(certified "$tmp/$s/ek/ek-rsa2048.crt")" = "$(cat "$tmp/$s/ek_modulus")" ]
done
[ "$(certified "$tmp/copy/ek/ek-rsa2048.crt")" != "$(cat "$tmp/copy/ek_modulus")" ]
cmp -s "$tmp/copy/ek_modulus" "$tmp/mfr-b/ek_modulus"
# ecc: the test CA's P-384 certificate of the TPM's own persistent P-384
# EK; ecc-copy: mfr-a's P-384 certificate on another key.
for s in ecc ecc-copy; do
	openssl verify -CAfile "$tmp/ca/root.pem" \
		<(openssl x509 -inform DER -in "$tmp/$s/ek/ek-secp384r1.crt") >>"$log"
	cmp -s "$tmp/$s/ek/ek-secp384r1.crt" "$tmp/mfr-a/ek/ek-secp384r1.crt"
	[ "$(openssl x509 -inform DER -in "$tmp/$s/ek/ek-secp384r1.crt" -noout -text |
		grep -c 'NIST CURVE: P-384')" = 1 ]
done
[ "$(sha256sum <"$tmp/ecc/ek_p384.der" | cut -d' ' -f1)" = "$(cat "$tmp/ecc/ek_sha256")" ]
[ "$(sha256sum <"$tmp/ecc-copy/ek_p384.der" | cut -d' ' -f1)" != "$(cat "$tmp/ecc-copy/ek_sha256")" ]

mkdir "$tmp/guest"
cp "$tmp/ca/root.pem" "$tmp/guest/test-ca.pem"
cp "$tmp/ca/root.der" "$tmp/guest/test-ca.der"
for s in mfr-a mfr-b swtpm copy ecc ecc-copy; do
	cp "$tmp/$s/ek_sha256" "$tmp/guest/ek_sha256.$s"
done

rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
touch "$dir/.done"
echo "TPM_DIR=$dir"
