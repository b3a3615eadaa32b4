#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# import-tpm-cas.sh - copy TPM manufacturers' EK CA certificates from
# public bundles into contrib/tpm-ca/ under vendor-what.pem names, and write
# their provenance rows for PROVENANCE.md (data only: certificates are public)
#
# usage: import-tpm-cas.sh keylime KEYLIME_GIT_DIR COMMIT > rows.md
#        import-tpm-cas.sh loic LOICSIKIDI_TPM_CA_GIT_DIR COMMIT >> rows.md
# (github.com/keylime/keylime and github.com/loicsikidi/tpm-ca-certificates,
# e.g. as the `fetch` tool mirrors them)
set -eu
which=$1
git_dir=$2
commit=$3
out=$(dirname "$0")/../../../contrib/tpm-ca
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

# Print the PEM of the certificate SRC names: a path in the repository, or
# PATH#N for the Nth certificate (from 1) of a PEM bundle there.
extract() {
	case $1 in
	*"#"*)
		git --git-dir="$git_dir" show "$commit:${1%%#*}" |
			awk -v n="${1##*#}" '/BEGIN CERT/ { i++ } i == n { print } /END CERT/ && i == n { exit }'
		;;
	*)
		git --git-dir="$git_dir" show "$commit:$1" > "$w/raw"
		openssl x509 -in "$w/raw" -inform DER 2>/dev/null ||
			openssl x509 -in "$w/raw"
		;;
	esac
}

row() {
	src=$1
	dst=$2
# keylime name -> bundle name. IFX1..IFX8 duplicate IFX_RSA_0?I byte for
# byte and are left out; Alibaba_Cloud_vTPM_EK.pem is a virtual TPM's CA.
	extract "$src" | openssl x509 -outform PEM > "$out/$dst"
	der_sha=$(openssl x509 -in "$out/$dst" -outform DER | sha256sum | cut -d' ' -f1)
	subj=$(openssl x509 -in "$out/$dst" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
	iss=$(openssl x509 -in "$out/$dst" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')
	nb=$(openssl x509 -in "$out/$dst" -noout -startdate | sed 's/^notBefore=//')
	na=$(openssl x509 -in "$out/$dst" -noout -enddate | sed 's/^notAfter=//')
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' \
		"$dst" "$src" "$subj" "$iss" "$der_sha" "$nb" "$na"
}

keylime() {
	while read -r src dst; do
		row "tpm_cert_store/$src" "$dst"
	done <<'MAP'
GS_TPM_RT.pem globalsign-tpm-root.pem
IFX_RSA_RT.pem infineon-ifx-ek-root.pem
IFX_RSA_01I.pem infineon-ifx-ek-intermediate-01.pem
IFX_RSA_02I.pem infineon-ifx-ek-intermediate-02.pem
IFX_RSA_03I.pem infineon-ifx-ek-intermediate-03.pem
IFX_RSA_04I.pem infineon-ifx-ek-intermediate-04.pem
IFX_RSA_05I.pem infineon-ifx-ek-intermediate-05.pem
IFX_RSA_08I.pem infineon-ifx-ek-intermediate-08.pem
IFX15.pem infineon-ifx-ek-intermediate-15.pem
IFX_RSA_17I.pem infineon-ifx-ek-intermediate-17.pem
IFX_RSA_18I.pem infineon-ifx-ek-intermediate-18.pem
IFX_RSA_20I.pem infineon-ifx-ek-intermediate-20.pem
IFX_RSA_21I.pem infineon-ifx-ek-intermediate-21.pem
INF_RSA_010RT.pem infineon-optiga-rsa-root.pem
INF_RSA_010I.pem infineon-optiga-rsa-ca-010.pem
INF_RSA_011.pem infineon-optiga-rsa-ca-011.pem
INF_RSA_022.pem infineon-optiga-rsa-ca-022.pem
IFX_RSA_034.pem infineon-optiga-rsa-ca-034.pem
IFX_RSA_042.pem infineon-optiga-rsa-ca-042.pem
INF_ECC_010RT.pem infineon-optiga-ecc-root.pem
INF_ECC_010I.pem infineon-optiga-ecc-ca-010.pem
INF_ECC_011.pem infineon-optiga-ecc-ca-011.pem
IFX_ECC_034.pem infineon-optiga-ecc-ca-034.pem
IFX_ECC_042.pem infineon-optiga-ecc-ca-042.pem
STM_RSA_RT.pem stmicro-tpm-ek-root.pem
STM_RSA_01I.pem stmicro-tpm-ek-intermediate-01.pem
STM_RSA_02I.pem stmicro-tpm-ek-intermediate-02.pem
STM_RSA_03I.pem stmicro-tpm-ek-intermediate-03.pem
STM_RSA_04I.pem stmicro-tpm-ek-intermediate-04.pem
STM_RSA_05I.pem stmicro-tpm-ek-intermediate-05.pem
STM_RSA_06I.pem stmicro-tpm-ek-intermediate-06.pem
STM_RSA_07I.pem stmicro-tpm-ek-intermediate-07.pem
STM_ECC_01RT.pem stmicro-tpm-ecc-root-01.pem
STM_ECC_01I.pem stmicro-tpm-ecc-intermediate-01.pem
NTC1.pem nuvoton-ntc-ek-root-01.pem
NTC2.pem nuvoton-ntc-ek-root-02.pem
NUVO_0100.pem nuvoton-tpm-root-0100.pem
NUVO_1110.pem nuvoton-tpm-root-1110.pem
NUVO_1111.pem nuvoton-tpm-root-1111.pem
NUVO_2110.pem nuvoton-tpm-root-2110.pem
NUVO_2111.pem nuvoton-tpm-root-2111.pem
INTEL_RT.pem intel-ptt-ek-root.pem
INTEL_I.pem intel-ptt-ek-intermediate.pem
Nationz_TPM_EK.pem nationz-tpm-manufacturing-ca-001.pem
MAP
}

# The roots and intermediates keylime lacks. Left out: the P-521 roots
# (Infineon OPTIGA ECC Root CA 2, NSING TPM ECC ROOT CA 001, NPCTxxx ECC521
# RootCA, STSAFE ECC Root CA 02): Linux 6.1's X.509 parser knows no P-521
# key and refuses the certificate; the AMD fTPM roots ("CN=AMDTPM", RSA and
# ECC): their validity dates before 2050 are GeneralizedTime, which RFC 5280
# forbids and the kernel's parser refuses; and what keylime already has.
loic() {
	while read -r src dst; do
		row "$src" "$dst"
	done <<'MAP'
MIRROR.tpm-ca-certificates.pem#1 amd-pluton-global-factory-ica.pem
MIRROR.tpm-ca-certificates.pem#7 infineon-optiga-rsa-root-2.pem
MIRROR.tpm-ca-certificates.pem#8 intel-ondie-ca-root.pem
MIRROR.tpm-ca-certificates.pem#9 microsoft-pluton-root-2021.pem
MIRROR.tpm-ca-certificates.pem#10 microsoft-tpm-root-2014.pem
MIRROR.tpm-ca-certificates.pem#12 nsing-tpm-rsa-root-001.pem
MIRROR.tpm-ca-certificates.pem#17 nuvoton-tpm-root-2112.pem
MIRROR.tpm-ca-certificates.pem#18 nuvoton-tpm-root-1210.pem
MIRROR.tpm-ca-certificates.pem#19 nuvoton-tpm-root-2210.pem
MIRROR.tpm-ca-certificates.pem#20 nuvoton-tpm-root-2211.pem
MIRROR.tpm-ca-certificates.pem#21 globalsign-tpm-ecc-root.pem
MIRROR.tpm-ca-certificates.pem#26 stmicro-stsafe-rsa-root-02.pem
src/AMD/AMD-fTPM-ECC-ICA-PHXFamily.crt amd-ftpm-ecc-ica-phx.pem
src/AMD/AMD-fTPM-RSA-ICA-PHXFamily.crt amd-ftpm-rsa-ica-phx.pem
src/AMD/AMD-Pluton-Per-Product-Factory-FIPS-EKICA-DFID00B20F00.crt amd-pluton-fips-ek-ica-dfid00b20f00.pem
src/MSFT/Pluton-Factory-DEVICE-EK-ICA-DFID0001.cer amd-pluton-factory-device-ek-ica-dfid0001.pem
src/AMD/02849DB0FD9F4CC4EF6175E75700B20F40.crt microsoft-pluton-device-ekica-dfid00b20f40.pem
src/MSFT/Microsoft-Pluton-Policy-CA-A.cer microsoft-pluton-policy-ca-a.pem
src/INTC/ADL_PROD_00002226_ODCA_CA2.cer intel-odca-adl-issuing-ca.pem
src/INTC/LNL_00003642_NZ_ODCA_CA2.cer intel-odca-lnl-issuing-ca.pem
MAP
}

"$which"
