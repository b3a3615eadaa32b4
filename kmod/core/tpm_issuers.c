// SPDX-License-Identifier: GPL-2.0
/*
 * tpm_issuers.c - the EK certificate issuers of known virtual TPMs
 *
 * Each entry names an issuer as RFC 4514 text, how to match it, the virtual
 * TPM it belongs to, and where its name was read. A name matches without
 * regard to ASCII case. Not listed, for want of a public source for their
 * EK issuers: VMware's vTPM (vCenter's VMCA issues it, under a name each
 * installation chooses) and AWS NitroTPM; such TPMs are classed by their
 * chain (kmod/tpm/anchors.c) or stay "unknown".
 *
 * The test (userspace/tests/x509_test.c) checks that no issuer or subject in
 * contrib/tpm-ca/, the manufacturers' CAs, matches.
 */

#include "tpm_issuers.h"

enum match {
	MATCH_RDN,	/* one whole attribute=value of the name */
	MATCH_SUBSTR,	/* anywhere in the text */
};

static const struct {
	u8 match;
	const char *text;
	const char *who;
} issuers[] = {
	/*
	 * swtpm, the TPM emulator QEMU and libvirt attach to VMs: on first
	 * use swtpm_localca creates a root "CN=swtpm-localca-rootca" and an
	 * issuing CA "CN=swtpm-localca" that signs every EK certificate
	 * swtpm_setup --create-ek-cert asks for. Source: swtpm-tools 0.7.1
	 * (Debian 12), its binary /usr/bin/swtpm_localca; the certificates it
	 * made are in tools/testing/tpm/certs/ (make-certs.sh).
	 */
	{ MATCH_RDN, "CN=swtpm-localca", "swtpm (QEMU/libvirt)" },
	{ MATCH_RDN, "CN=swtpm-localca-rootca", "swtpm (QEMU/libvirt)" },
	/*
	 * Google Compute Engine's vTPM (Shielded and Confidential VMs): the
	 * EK certificate in NV 0x01c00002 is issued by "C=US, ST=California,
	 * L=Mountain View, O=Google LLC, OU=Google Cloud, CN=EK/AK CA
	 * Intermediate" under "CN=EK/AK CA Root". Source:
	 * github.com/salrashid123/gcp-vtpm-ek-ak README.md (a GCE EK
	 * certificate printed by openssl), and Google's "Retrieving
	 * endorsement keys" (cloud.google.com/compute/shielded-vm/docs).
	 */
	{ MATCH_SUBSTR, "CN=EK/AK CA Intermediate,OU=Google Cloud,O=Google LLC",
	  "Google Compute Engine vTPM" },
	{ MATCH_SUBSTR, "CN=EK/AK CA Root,OU=Google Cloud,O=Google LLC",
	  "Google Compute Engine vTPM" },
	/*
	 * Microsoft Azure Trusted Launch and Hyper-V vTPMs: certificates from
	 * "CN=Global Virtual TPM CA - 01" and "- 03" (no AIA), newer ones
	 * from "CN=Azure Cloud Virtual TPM CA - 11", all under "CN=Azure
	 * Virtual TPM Root Certificate Authority 2023". Source: public Azure
	 * attestation clients that pin these CAs (e.g. the Azure
	 * "AttestationClientLib" logs, "Ak Cert issuer name /CN=Global
	 * Virtual TPM CA - 03"), and Microsoft's Trusted Launch documentation
	 * (learn.microsoft.com/azure/virtual-machines/trusted-launch).
	 */
	{ MATCH_SUBSTR, "CN=Global Virtual TPM CA", "Microsoft Azure/Hyper-V vTPM" },
	{ MATCH_SUBSTR, "CN=Azure Cloud Virtual TPM CA", "Microsoft Azure vTPM" },
	{ MATCH_SUBSTR, "CN=Azure Virtual TPM Root Certificate Authority",
	  "Microsoft Azure vTPM" },
	/*
	 * Alibaba Cloud's vTPM: EK certificates issued by "C=CN, O=Aliyun,
	 * OU=Aliyun TPM Endorsement Key Manufacture CA, CN=Aliyun TPM EKMF
	 * CA". Source: github.com/keylime/keylime, commit 9b1f6e6a917f,
	 * tpm_cert_store/Alibaba_Cloud_vTPM_EK.pem (that CA's certificate).
	 */
	{ MATCH_RDN, "CN=Aliyun TPM EKMF CA", "Alibaba Cloud vTPM" },
};

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool same_at(const char *text, const char *needle, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (lower(text[i]) != lower(needle[i]))
			return false;
	}
	return true;
}

/* Does @pos start a new attribute? At the start, or after an unescaped , or +. */
static bool starts_attribute(const char *text, size_t pos)
{
	size_t slashes = 0;

	if (pos == 0)
		return true;
	if (text[pos - 1] != ',' && text[pos - 1] != '+')
		return false;
	while (pos - 1 > slashes && text[pos - 2 - slashes] == '\\')
		slashes++;
	return !(slashes & 1);
}

static bool matches(const char *text, size_t len, u8 how, const char *needle)
{
	size_t n = strlen(needle), pos;

	for (pos = 0; pos + n <= len; pos++) {
		if (!same_at(text + pos, needle, n))
			continue;
		if (how == MATCH_SUBSTR)
			return true;
		if (starts_attribute(text, pos) &&
		    (pos + n == len || text[pos + n] == ',' ||
		     text[pos + n] == '+'))
			return true;
	}
	return false;
}

/**
 * vmfence_tpm_issuer_virtual() - is this the issuer of a virtual TPM's EK?
 * @issuer_text: the EK certificate's issuer, as vmfence_x509_name_print()
 *	prints it
 * @who: set to the virtual TPM's name when it is; may be NULL
 *
 * Context: any context.
 * Return: true if @issuer_text names a known virtual TPM's CA.
 */
bool vmfence_tpm_issuer_virtual(const char *issuer_text, const char **who)
{
	size_t len, i;

	if (!issuer_text)
		return false;
	len = strlen(issuer_text);
	for (i = 0; i < ARRAY_SIZE(issuers); i++) {
		if (matches(issuer_text, len, issuers[i].match,
			    issuers[i].text)) {
			if (who)
				*who = issuers[i].who;
			return true;
		}
	}
	return false;
}
