#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make-certs.sh - remake the recorded EK certificates in certs/
#
# Run once by hand (swtpm-tools 0.7.1 and OpenSSL 3.0 on Debian 12); the
# results are committed, and the tests read the committed files, so a rerun
# changes every key and the expectations that name them (gen-certs-header.py
# regenerates kmod/tests/tpm_certs.h; the tests check structure, not keys).
#
#   swtpm-localca.der, swtpm-localca-rootca.der: the CA swtpm_localca creates
#	on first use (issuer "CN=swtpm-localca", its root "CN=swtpm-localca-rootca")
#   swtpm-localca-ek-rsa.der, swtpm-localca-ek-ecc.der: the EK certificates
#	swtpm_setup --create-ek-cert has it issue (subject "CN=unknown")
#   testmfr-ca.der: a self-signed "test manufacturer" EK CA (OpenSSL)
#   testmfr-ek-rsa.der: an EK certificate in the TCG profile's form (empty
#	subject, TPM manufacturer attributes in a critical subjectAltName) for
#	the same RSA EK, issued by testmfr-ca (testmfr-ek.cnf)
set -eu
out=$(cd "$(dirname "$0")/certs" && pwd)
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
mkdir "$w/ca" "$w/state" "$w/ek"

# swtpm_setup runs the certificate tool in a directory it deletes; a wrapper
# keeps each ek.cert it writes.
cat > "$w/wrap.sh" <<WRAP
#!/bin/sh
/usr/bin/swtpm_localca "\$@" || exit
while [ \$# -gt 0 ]; do [ "\$1" = --dir ] && dir=\$2; shift; done
n=\$(ls "$w/ek" | wc -l)
cp "\$dir/ek.cert" "$w/ek/ek-\$n.cert"
WRAP
chmod +x "$w/wrap.sh"
cat > "$w/ca/localca.conf" <<CONF
statedir = $w/ca
signingkey = $w/ca/signkey.pem
issuercert = $w/ca/issuercert.pem
certserial = $w/ca/certserial
CONF
cp /etc/swtpm-localca.options "$w/ca/localca.options"
cat > "$w/setup.conf" <<CONF
create_certs_tool = $w/wrap.sh
create_certs_tool_config = $w/ca/localca.conf
create_certs_tool_options = $w/ca/localca.options
active_pcr_banks = sha256
CONF
swtpm_setup --tpm2 --tpmstate "$w/state" --create-ek-cert \
	--config "$w/setup.conf" --overwrite >/dev/null
cp "$w/ek/ek-0.cert" "$out/swtpm-localca-ek-rsa.der"	# RSA EK first
cp "$w/ek/ek-1.cert" "$out/swtpm-localca-ek-ecc.der"
openssl x509 -in "$w/ca/issuercert.pem" -outform DER -out "$out/swtpm-localca.der"
openssl x509 -in "$w/ca/swtpm-localca-rootca-cert.pem" -outform DER \
	-out "$out/swtpm-localca-rootca.der"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$w/mfr.key" \
	-out "$w/mfr.pem" -days 36500 -sha256 \
	-subj "/C=XX/O=vmfence test manufacturer/CN=vmfence test TPM EK CA" \
	-addext "basicConstraints=critical,CA:TRUE" \
	-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl x509 -inform DER -in "$out/swtpm-localca-ek-rsa.der" -noout -pubkey \
	> "$w/ekpub.pem"
openssl x509 -new -subj "/" -force_pubkey "$w/ekpub.pem" -CA "$w/mfr.pem" \
	-CAkey "$w/mfr.key" -set_serial 0x8a11 -days 36500 -sha256 \
	-extfile "$out/testmfr-ek.cnf" -extensions ek -outform DER \
	-out "$out/testmfr-ek-rsa.der"
openssl x509 -in "$w/mfr.pem" -outform DER -out "$out/testmfr-ca.der"
