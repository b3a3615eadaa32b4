#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""gen-certs-header.py - write kmod/tests/tpm_certs.h, the certificates the
KUnit suites read, as C arrays, from tools/testing/tpm/certs/ and
contrib/tpm-ca/ (PEM or DER). Rerun after changing either:

    tools/testing/tpm/gen-certs-header.py > kmod/tests/tpm_certs.h
"""
import base64
import os
import sys

TOP = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

# C name, file (from the top of the tree)
CERTS = [
    ("testmfr_ca", "tools/testing/tpm/certs/testmfr-ca.der"),
    ("testmfr_ek_rsa", "tools/testing/tpm/certs/testmfr-ek-rsa.der"),
    ("swtpm_localca", "tools/testing/tpm/certs/swtpm-localca.der"),
    ("swtpm_ek_rsa", "tools/testing/tpm/certs/swtpm-localca-ek-rsa.der"),
    ("swtpm_ek_ecc", "tools/testing/tpm/certs/swtpm-localca-ek-ecc.der"),
    ("stm_rsa_root", "contrib/tpm-ca/stmicro-tpm-ek-root.pem"),
    ("stm_rsa_ica01", "contrib/tpm-ca/stmicro-tpm-ek-intermediate-01.pem"),
    ("ifx_optiga_rsa_root", "contrib/tpm-ca/infineon-optiga-rsa-root.pem"),
    ("ifx_optiga_rsa_ca010", "contrib/tpm-ca/infineon-optiga-rsa-ca-010.pem"),
    ("ifx_optiga_ecc_root", "contrib/tpm-ca/infineon-optiga-ecc-root.pem"),
]


def der_of(path):
    data = open(path, "rb").read()
    if not path.endswith(".pem"):
        return data
    text = data.decode("ascii")
    body = text.split("-----BEGIN CERTIFICATE-----")[1]
    body = body.split("-----END CERTIFICATE-----")[0]
    return base64.b64decode("".join(body.split()))


def main():
    out = sys.stdout
    out.write("/* SPDX-License-Identifier: GPL-2.0 */\n")
    out.write("/*\n * tpm_certs.h - certificates for the KUnit suites"
              " (generated: do not edit)\n *\n"
              " * Written by tools/testing/tpm/gen-certs-header.py from:\n")
    for name, path in CERTS:
        out.write(" *   %s: %s\n" % (name, path))
    out.write(" * (provenance: tools/testing/tpm/make-certs.sh,"
              " contrib/tpm-ca/PROVENANCE.md)\n */\n")
    out.write("#ifndef VMFENCE_TESTS_TPM_CERTS_H\n"
              "#define VMFENCE_TESTS_TPM_CERTS_H\n\n"
              "#include <linux/types.h>\n")
    for name, path in CERTS:
        der = der_of(os.path.join(TOP, path))
        out.write("\nstatic const u8 %s[%d] = {\n" % (name, len(der)))
        for i in range(0, len(der), 12):
            row = ", ".join("0x%02x" % b for b in der[i:i + 12])
            out.write("\t%s,\n" % row)
        out.write("};\n")
    out.write("\n#endif /* VMFENCE_TESTS_TPM_CERTS_H */\n")


main()
