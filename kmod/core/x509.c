// SPDX-License-Identifier: GPL-2.0
/*
 * x509.c - a bounded DER reader for X.509 v3 certificates
 *
 * Why not the kernel's own parser (crypto/asymmetric_keys/x509_cert_parser.c):
 * it is private to the kernel (no exported entry point gives the issuer as
 * text, the modulus or basicConstraints), and vmfencectl needs the same
 * reading in user space. The kernel's parser still judges every signature
 * (kmod/tpm/anchors.c); this one only says where things are.
 *
 * DER rules enforced: every TLV lies within its parent, no indefinite
 * lengths, lengths of at most four bytes (so no overflow of a 32-bit
 * size_t), single-byte tags, sequences hold exactly what they declare. Like
 * the kernel's ASN.1 decoder, a long-form length that could have been
 * shorter is accepted, and so are negative or long serial numbers and any
 * string type in a name: real EK certificates carry such quirks.
 */

#include "x509.h"

#define TAG_BOOLEAN	0x01
#define TAG_INTEGER	0x02
#define TAG_BITSTR	0x03
#define TAG_OCTETSTR	0x04
#define TAG_NULL	0x05
#define TAG_OID		0x06
#define TAG_UTF8	0x0c
#define TAG_NUMERIC	0x12
#define TAG_PRINTABLE	0x13
#define TAG_TELETEX	0x14
#define TAG_IA5		0x16
#define TAG_UTCTIME	0x17
#define TAG_GENTIME	0x18
#define TAG_VISIBLE	0x1a
#define TAG_UNIVERSAL	0x1c
#define TAG_BMP		0x1e
#define TAG_SEQ		0x30
#define TAG_SET		0x31
#define TAG_VERSION	0xa0	/* [0] EXPLICIT */
#define TAG_ISSUER_UID	0x81	/* [1] IMPLICIT */
#define TAG_SUBJECT_UID	0x82	/* [2] IMPLICIT */
#define TAG_EXTENSIONS	0xa3	/* [3] EXPLICIT */

/* More RDNs than any real name has; bounds the printer's quadratic walk. */
#define MAX_RDNS	64

/* The DER contents of the OIDs read here. */
static const u8 oid_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 1 };
static const u8 oid_ec[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 2, 1 };
static const u8 oid_p256[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 3, 1, 7 };
static const u8 oid_p384[] = { 0x2b, 0x81, 0x04, 0x00, 0x22 };
static const u8 oid_basic_constraints[] = { 0x55, 0x1d, 0x13 };
static const u8 oid_akid[] = { 0x55, 0x1d, 0x23 };

/* Signature algorithms: the OIDs' contents, without their last byte. */
static const u8 oid_pkcs1[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1 };
static const u8 oid_ecdsa_sha2[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3 };

/* A cursor over the TLVs inside one value. */
struct der {
	const u8 *p;
	const u8 *end;
};

/* One TLV. */
struct tlv {
	u8 tag;
	const u8 *hdr;		/* the tag byte */
	const u8 *val;		/* the contents */
	size_t len;		/* bytes of contents */
	size_t tlv_len;		/* bytes from the tag to the end */
};

static void der_init(struct der *d, const u8 *p, size_t len)
{
	d->p = p;
	d->end = p + len;
}

static bool der_done(const struct der *d)
{
	return d->p == d->end;
}

/* Take the next TLV; -EBADMSG when it is malformed or overruns its parent. */
static int der_get(struct der *d, struct tlv *t)
{
	size_t avail = d->end - d->p;
	const u8 *p = d->p;
	size_t n, hl = 2;

	if (avail < 2)
		return -EBADMSG;
	if ((p[0] & 0x1f) == 0x1f)	/* high tag number form */
		return -EBADMSG;
	n = p[1];
	if (n & 0x80) {
		unsigned int i, k = n & 0x7f;

		if (k == 0 || k > 4)	/* indefinite, or 4 GiB and more */
			return -EBADMSG;
		if (avail - 2 < k)
			return -EBADMSG;
		n = 0;
		for (i = 0; i < k; i++)
			n = n << 8 | p[2 + i];
		hl += k;
	}
	if (n > avail - hl)
		return -EBADMSG;
	t->tag = p[0];
	t->hdr = p;
	t->val = p + hl;
	t->len = n;
	t->tlv_len = hl + n;
	d->p = p + hl + n;
	return 0;
}

static int der_expect(struct der *d, u8 tag, struct tlv *t)
{
	if (der_get(d, t) || t->tag != tag)
		return -EBADMSG;
	return 0;
}

static bool oid_is(const struct tlv *t, const u8 *oid, size_t len)
{
	return t->tag == TAG_OID && t->len == len && !memcmp(t->val, oid, len);
}

/* --- names ---------------------------------------------------------------- */

/* Where the text goes: a buffer, or nowhere (only the walk's checks). */
struct sink {
	char *buf;
	size_t size;
	size_t len;
	bool full;
};

/* Append @n bytes whole, or nothing and mark the sink full. */
static void put(struct sink *s, const char *str, size_t n)
{
	if (s->full)
		return;
	if (s->buf) {
		if (n >= s->size - s->len) {
			s->full = true;
			return;
		}
		memcpy(s->buf + s->len, str, n);
		s->buf[s->len + n] = '\0';
	}
	s->len += n;
}

static void put_hex_byte(struct sink *s, const char *prefix, u8 c)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[3];
	size_t n = 0;

	if (*prefix)
		e[n++] = *prefix;
	e[n++] = hex[c >> 4];
	e[n++] = hex[c & 15];
	put(s, e, n);
}

/* One character of a value at @pos of @count, escaped as RFC 4514 says. */
static void put_char(struct sink *s, u32 c, size_t pos, size_t count)
{
	char e[2] = { '\\', (char)c };
	u8 utf8[4];
	unsigned int i, n;

	if (c < 0x80) {
		if (strchr(",+\"\\<>;", (int)c) && c) {
			put(s, e, 2);
		} else if ((pos == 0 && (c == '#' || c == ' ')) ||
			   (pos + 1 == count && c == ' ')) {
			put(s, e, 2);
		} else if (c < 0x20 || c == 0x7f) {
			put_hex_byte(s, "\\", (u8)c);
		} else {
			put(s, e + 1, 1);
		}
		return;
	}
	/* Beyond ASCII: the UTF-8 bytes, each escaped (text stays ASCII). */
	if (c < 0x800) {
		utf8[0] = 0xc0 | c >> 6;
		n = 1;
	} else if (c < 0x10000) {
		utf8[0] = 0xe0 | c >> 12;
		n = 2;
	} else {
		utf8[0] = 0xf0 | c >> 18;
		n = 3;
	}
	for (i = 1; i <= n; i++)
		utf8[i] = 0x80 | ((c >> (6 * (n - i))) & 0x3f);
	for (i = 0; i <= n; i++)
		put_hex_byte(s, "\\", utf8[i]);
}

/* RFC 4514's hex form of a value: '#' and its whole TLV in hex. */
static void put_value_hex(struct sink *s, const struct tlv *v)
{
	size_t i;

	put(s, "#", 1);
	for (i = 0; i < v->tlv_len; i++)
		put_hex_byte(s, "", v->hdr[i]);
}

/*
 * A string value. Byte strings (UTF8String included: its bytes beyond ASCII
 * are escaped one by one, which is valid RFC 4514) go byte by byte;
 * BMPString and UniversalString are decoded. A value whose units do not
 * decode goes in the hex form.
 */
static void put_value(struct sink *s, const struct tlv *v)
{
	size_t unit, count, i, j;

	switch (v->tag) {
	case TAG_UTF8: case TAG_NUMERIC: case TAG_PRINTABLE: case TAG_TELETEX:
	case TAG_IA5: case TAG_VISIBLE:
		unit = 1;
		break;
	case TAG_BMP:
		unit = 2;
		break;
	case TAG_UNIVERSAL:
		unit = 4;
		break;
	default:
		put_value_hex(s, v);
		return;
	}
	if (v->len % unit) {
		put_value_hex(s, v);
		return;
	}
	count = v->len / unit;
	if (unit > 1) {
		for (i = 0; i < count; i++) {
			u32 c = 0;

			for (j = 0; j < unit; j++)
				c = c << 8 | v->val[i * unit + j];
			if ((c >= 0xd800 && c < 0xe000) || c > 0x10ffff) {
				put_value_hex(s, v);
				return;
			}
		}
	}
	for (i = 0; i < count; i++) {
		u32 c = 0;

		for (j = 0; j < unit; j++)
			c = c << 8 | v->val[i * unit + j];
		if (unit == 1 && c >= 0x80) {
			put_hex_byte(s, "\\", (u8)c);
			continue;
		}
		put_char(s, c, i, count);
	}
}

/* The short names RFC 4514 defines; other types print as dotted OIDs. */
static const struct {
	u8 len;
	u8 oid[10];
	const char *name;
} attr_names[] = {
	{ 3, { 0x55, 0x04, 0x03 }, "CN" },
	{ 3, { 0x55, 0x04, 0x07 }, "L" },
	{ 3, { 0x55, 0x04, 0x08 }, "ST" },
	{ 3, { 0x55, 0x04, 0x0a }, "O" },
	{ 3, { 0x55, 0x04, 0x0b }, "OU" },
	{ 3, { 0x55, 0x04, 0x06 }, "C" },
	{ 3, { 0x55, 0x04, 0x09 }, "STREET" },
	{ 10, { 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19 },
	  "DC" },
	{ 10, { 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01 },
	  "UID" },
};

/* An attribute type: its short name, or its dotted form. */
static int put_type(struct sink *s, const struct tlv *t)
{
	char num[24];
	size_t i;
	u64 v = 0;
	unsigned int digits = 0;
	bool first = true;

	for (i = 0; i < ARRAY_SIZE(attr_names); i++) {
		if (t->len == attr_names[i].len &&
		    !memcmp(t->val, attr_names[i].oid, t->len)) {
			put(s, attr_names[i].name, strlen(attr_names[i].name));
			return 0;
		}
	}
	if (!t->len || t->val[t->len - 1] & 0x80)
		return -EBADMSG;
	for (i = 0; i < t->len; i++) {
		if (++digits > 9)	/* more than 63 bits */
			return -EBADMSG;
		v = v << 7 | (t->val[i] & 0x7f);
		if (t->val[i] & 0x80)
			continue;
		if (first) {
			u64 arc = v < 80 ? v / 40 : 2;

			snprintf(num, sizeof(num), "%llu.%llu",
				 (unsigned long long)arc,
				 (unsigned long long)(v - arc * 40));
			first = false;
		} else {
			snprintf(num, sizeof(num), ".%llu",
				 (unsigned long long)v);
		}
		put(s, num, strlen(num));
		v = 0;
		digits = 0;
	}
	return 0;
}

/* Check one attribute (type and value) and print it. */
static int put_atv(struct sink *s, const struct tlv *a)
{
	struct der atv;
	struct tlv type, value;

	if (a->tag != TAG_SEQ)
		return -EBADMSG;
	der_init(&atv, a->val, a->len);
	if (der_expect(&atv, TAG_OID, &type) ||
	    der_get(&atv, &value) || !der_done(&atv))
		return -EBADMSG;
	if (put_type(s, &type))
		return -EBADMSG;
	put(s, "=", 1);
	put_value(s, &value);
	return 0;
}

/*
 * Print the @count TLVs in @seq's contents last first, joined by @sep, each
 * with @one. Quadratic, for want of memory: the caller bounds @count.
 */
static int put_reversed(struct sink *s, const struct tlv *seq,
			unsigned int count, const char *sep,
			int (*one)(struct sink *s, const struct tlv *t))
{
	struct der d;
	struct tlv t;
	unsigned int i, j;

	for (i = count; i-- > 0;) {
		der_init(&d, seq->val, seq->len);
		for (j = 0; j <= i; j++)
			der_get(&d, &t);	/* counted, so well formed */
		if (one(s, &t))
			return -EBADMSG;
		if (i)
			put(s, sep, 1);
	}
	return 0;
}

/* Count the TLVs in @t's contents, at most MAX_RDNS. */
static int count_tlvs(const struct tlv *t, unsigned int *count)
{
	struct der d;
	struct tlv x;

	*count = 0;
	der_init(&d, t->val, t->len);
	while (!der_done(&d)) {
		if (der_get(&d, &x) || ++*count > MAX_RDNS)
			return -EBADMSG;
	}
	return 0;
}

/* Check one RDN (a SET of type-and-value) and print it, last value first. */
static int put_rdn(struct sink *s, const struct tlv *rdn)
{
	unsigned int count;

	if (rdn->tag != TAG_SET || count_tlvs(rdn, &count) || !count)
		return -EBADMSG;
	return put_reversed(s, rdn, count, "+", put_atv);
}

/*
 * Walk a Name TLV, most specific RDN (the last encoded) first; within a
 * multi-valued RDN, too, the last value first (RFC 4514 leaves that order
 * open; this is the order OpenSSL's -nameopt RFC2253 prints).
 */
static int name_walk(const u8 *name, size_t len, struct sink *s)
{
	struct der top;
	struct tlv seq;
	unsigned int count;

	der_init(&top, name, len);
	if (der_expect(&top, TAG_SEQ, &seq) || !der_done(&top) ||
	    count_tlvs(&seq, &count))
		return -EBADMSG;
	return put_reversed(s, &seq, count, ",", put_rdn);
}

/**
 * vmfence_x509_name_print() - a Name as RFC 4514 text
 * @name: the Name TLV (a SEQUENCE of RDNs), e.g. &vmfence_x509.issuer
 * @len: its size; the TLV must fill it exactly
 * @buf: where the text goes, always NUL-terminated
 * @size: the size of @buf
 *
 * Prints the RDNs most specific first ("CN=...,O=...,C=..."), the values of
 * a multi-valued RDN joined by '+', in the order OpenSSL's RFC 2253 output
 * uses (the last encoded first, here too). The types RFC 4514 names print by name
 * (CN, L, ST, O, OU, C, STREET, DC, UID), others as dotted OIDs. ',', '+',
 * '"', '\\', '<', '>', ';', a leading '#' or space and a trailing space are
 * escaped with a backslash; every other byte outside printable ASCII is
 * written \XX (UTF-8 for BMPString and UniversalString, the bytes as they
 * are for other strings), so the text is always printable ASCII. Values of
 * non-string types print as '#' and the hex of their DER. An empty Name (the
 * TCG EK profile's subject) prints as "".
 *
 * Context: any context; does not sleep, allocates nothing.
 * Return: the length of the text (without the NUL). -EBADMSG if @name is
 * not a well-formed Name (@buf then holds ""); -ENOSPC if the text did not
 * fit: @buf then holds as many whole characters and escapes as fit;
 * -EINVAL if @buf is NULL or @size is 0.
 */
int vmfence_x509_name_print(const u8 *name, size_t len, char *buf,
			    size_t size)
{
	struct sink s = { .buf = buf, .size = size };
	int ret;

	if (!buf || !size)
		return -EINVAL;
	buf[0] = '\0';
	if (!name)
		return -EBADMSG;
	ret = name_walk(name, len, &s);
	if (ret) {
		buf[0] = '\0';
		return ret;
	}
	if (s.full)
		return -ENOSPC;
	return (int)s.len;
}

/* --- the certificate ------------------------------------------------------ */

/* A big-endian unsigned INTEGER's contents without its leading zeros. */
static void strip_zeros(const u8 **p, size_t *len)
{
	while (*len && !**p) {
		(*p)++;
		(*len)--;
	}
}

static int parse_rsa_key(const struct tlv *bits, struct vmfence_x509 *out)
{
	struct der d, key;
	struct tlv seq, n, e;
	const u8 *p;
	size_t len;

	if (bits->len < 1 || bits->val[0])	/* unused bits */
		return -EBADMSG;
	der_init(&d, bits->val + 1, bits->len - 1);
	if (der_expect(&d, TAG_SEQ, &seq) || !der_done(&d))
		return -EBADMSG;
	der_init(&key, seq.val, seq.len);
	if (der_expect(&key, TAG_INTEGER, &n) ||
	    der_expect(&key, TAG_INTEGER, &e) || !der_done(&key))
		return -EBADMSG;
	p = n.val;
	len = n.len;
	strip_zeros(&p, &len);
	if (!len)
		return -EBADMSG;
	out->rsa_n = p;
	out->rsa_n_len = len;
	p = e.val;
	len = e.len;
	strip_zeros(&p, &len);
	if (!len || len > 4)
		return -EBADMSG;
	out->rsa_e = 0;
	while (len--)
		out->rsa_e = out->rsa_e << 8 | *p++;
	return 0;
}

/*
 * The subjectPublicKey of an EC key: an ECPoint (SEC 1, 2.3.3). Only the
 * uncompressed form 04 || X || Y on a known curve gives @ec_x and @ec_y;
 * any other leaves them NULL and says why in @ec_problem. The certificate
 * itself stays well-formed: the point only matters to proof of possession.
 */
static void parse_ec_point(const u8 *p, size_t len, struct vmfence_x509 *out)
{
	size_t coord = out->ec_curve == VMFENCE_X509_NIST_P256 ? 32 :
		       out->ec_curve == VMFENCE_X509_NIST_P384 ? 48 : 0;

	if (!coord)
		out->ec_problem = "the EC key is on a curve other than P-256 or P-384";
	else if (p[0] == 0x02 || p[0] == 0x03)
		out->ec_problem = "the EC point is compressed";
	else if (p[0] == 0x06 || p[0] == 0x07)
		out->ec_problem = "the EC point is in the hybrid form";
	else if (p[0] != 0x04)
		out->ec_problem = "the EC point's form is unknown";
	else if (len != 1 + 2 * coord)
		out->ec_problem = "the uncompressed EC point's length does not fit its curve";
	if (out->ec_problem)
		return;
	out->ec_x = p + 1;
	out->ec_y = p + 1 + coord;
	out->ec_len = coord;
}

static int parse_spki(const struct tlv *spki, struct vmfence_x509 *out)
{
	struct der d, alg;
	struct tlv a, oid, params, bits;

	der_init(&d, spki->val, spki->len);
	if (der_expect(&d, TAG_SEQ, &a) || der_expect(&d, TAG_BITSTR, &bits) ||
	    !der_done(&d))
		return -EBADMSG;
	der_init(&alg, a.val, a.len);
	if (der_expect(&alg, TAG_OID, &oid))
		return -EBADMSG;
	if (oid_is(&oid, oid_rsa, sizeof(oid_rsa))) {
		if (!der_done(&alg) &&
		    (der_expect(&alg, TAG_NULL, &params) || params.len ||
		     !der_done(&alg)))
			return -EBADMSG;
		out->key_type = VMFENCE_X509_KEY_RSA;
		return parse_rsa_key(&bits, out);
	}
	if (oid_is(&oid, oid_ec, sizeof(oid_ec))) {
		if (der_get(&alg, &params) || !der_done(&alg))
			return -EBADMSG;
		if (bits.len < 2 || bits.val[0])
			return -EBADMSG;
		out->key_type = VMFENCE_X509_KEY_EC;
		if (oid_is(&params, oid_p256, sizeof(oid_p256)))
			out->ec_curve = VMFENCE_X509_NIST_P256;
		else if (oid_is(&params, oid_p384, sizeof(oid_p384)))
			out->ec_curve = VMFENCE_X509_NIST_P384;
		parse_ec_point(bits.val + 1, bits.len - 1, out);
		return 0;
	}
	if (bits.len < 1)
		return -EBADMSG;
	out->key_type = VMFENCE_X509_KEY_OTHER;
	return 0;
}

/* basicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen INT } */
static int parse_basic_constraints(const struct tlv *octets,
				   struct vmfence_x509 *out)
{
	struct der d, bc;
	struct tlv seq, t;

	der_init(&d, octets->val, octets->len);
	if (der_expect(&d, TAG_SEQ, &seq) || !der_done(&d))
		return -EBADMSG;
	der_init(&bc, seq.val, seq.len);
	if (der_done(&bc))
		return 0;
	if (der_get(&bc, &t))
		return -EBADMSG;
	if (t.tag == TAG_BOOLEAN) {
		if (t.len != 1)
			return -EBADMSG;
		out->is_ca = t.val[0] != 0;
		if (der_done(&bc))
			return 0;
		if (der_get(&bc, &t))
			return -EBADMSG;
	}
	if (t.tag != TAG_INTEGER || !t.len || !der_done(&bc))
		return -EBADMSG;
	return 0;
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT ..., ... } */
static int parse_akid(const struct tlv *octets, struct vmfence_x509 *out)
{
	struct der d, akid;
	struct tlv seq, t;

	der_init(&d, octets->val, octets->len);
	if (der_expect(&d, TAG_SEQ, &seq) || !der_done(&d))
		return -EBADMSG;
	der_init(&akid, seq.val, seq.len);
	while (!der_done(&akid)) {
		if (der_get(&akid, &t))
			return -EBADMSG;
		if (t.tag == 0x80 && t.len) {
			out->akid = t.val;
			out->akid_len = t.len;
		}
	}
	return 0;
}

static int parse_extensions(const struct tlv *ext, struct vmfence_x509 *out)
{
	struct der d, list, one;
	struct tlv seq, e, oid, t;

	der_init(&d, ext->val, ext->len);
	if (der_expect(&d, TAG_SEQ, &seq) || !der_done(&d))
		return -EBADMSG;
	der_init(&list, seq.val, seq.len);
	while (!der_done(&list)) {
		if (der_expect(&list, TAG_SEQ, &e))
			return -EBADMSG;
		der_init(&one, e.val, e.len);
		if (der_expect(&one, TAG_OID, &oid) || der_get(&one, &t))
			return -EBADMSG;
		if (t.tag == TAG_BOOLEAN) {	/* critical */
			if (t.len != 1 || der_get(&one, &t))
				return -EBADMSG;
		}
		if (t.tag != TAG_OCTETSTR || !der_done(&one))
			return -EBADMSG;
		if (oid_is(&oid, oid_basic_constraints,
			   sizeof(oid_basic_constraints)) &&
		    parse_basic_constraints(&t, out))
			return -EBADMSG;
		if (oid_is(&oid, oid_akid, sizeof(oid_akid)) &&
		    parse_akid(&t, out))
			return -EBADMSG;
	}
	return 0;
}

/* The outer signatureAlgorithm, and the signature's bits. */
static int parse_signature(const struct tlv *alg, const struct tlv *bits,
			   struct vmfence_x509 *out)
{
	static const u8 rsa[] = {
		[5] = VMFENCE_X509_SIG_RSA_SHA1,
		[11] = VMFENCE_X509_SIG_RSA_SHA256,
		[12] = VMFENCE_X509_SIG_RSA_SHA384,
		[13] = VMFENCE_X509_SIG_RSA_SHA512,
	};
	struct der d;
	struct tlv oid;
	u8 last;

	der_init(&d, alg->val, alg->len);
	if (der_expect(&d, TAG_OID, &oid) || !oid.len)
		return -EBADMSG;
	last = oid.val[oid.len - 1];
	if (oid.len == sizeof(oid_pkcs1) + 1 &&
	    !memcmp(oid.val, oid_pkcs1, sizeof(oid_pkcs1)) &&
	    last < ARRAY_SIZE(rsa))
		out->sig_alg = rsa[last];
	else if (oid.len == sizeof(oid_ecdsa_sha2) + 1 &&
		 !memcmp(oid.val, oid_ecdsa_sha2, sizeof(oid_ecdsa_sha2)) &&
		 last >= 2 && last <= 4)
		out->sig_alg = VMFENCE_X509_SIG_ECDSA_SHA256 + last - 2;
	if (bits->len < 2 || bits->val[0])
		return -EBADMSG;
	out->sig = bits->val + 1;
	out->sig_len = bits->len - 1;
	return 0;
}

static bool is_time(const struct tlv *t)
{
	return t->tag == TAG_UTCTIME || t->tag == TAG_GENTIME;
}

static int parse_tbs(const struct tlv *tbs, struct vmfence_x509 *out)
{
	struct der d, sub;
	struct tlv t, v;
	u8 last = 0;

	der_init(&d, tbs->val, tbs->len);
	if (der_get(&d, &t))
		return -EBADMSG;
	if (t.tag == TAG_VERSION) {
		der_init(&sub, t.val, t.len);
		if (der_expect(&sub, TAG_INTEGER, &v) || v.len != 1 ||
		    v.val[0] > 2 || !der_done(&sub))
			return -EBADMSG;
		if (der_get(&d, &t))
			return -EBADMSG;
	}
	/* serialNumber: any length and sign, as the kernel takes it */
	if (t.tag != TAG_INTEGER || !t.len)
		return -EBADMSG;
	if (der_expect(&d, TAG_SEQ, &t))	/* signature */
		return -EBADMSG;
	if (der_expect(&d, TAG_SEQ, &t) || name_walk(t.hdr, t.tlv_len,
						     &(struct sink){}))
		return -EBADMSG;
	out->issuer = t.hdr;
	out->issuer_len = t.tlv_len;
	if (der_expect(&d, TAG_SEQ, &t))	/* validity */
		return -EBADMSG;
	der_init(&sub, t.val, t.len);
	if (der_get(&sub, &v) || !is_time(&v) || der_get(&sub, &v) ||
	    !is_time(&v) || !der_done(&sub))
		return -EBADMSG;
	if (der_expect(&d, TAG_SEQ, &t) || name_walk(t.hdr, t.tlv_len,
						     &(struct sink){}))
		return -EBADMSG;
	out->subject = t.hdr;
	out->subject_len = t.tlv_len;
	if (der_expect(&d, TAG_SEQ, &t) || parse_spki(&t, out))
		return -EBADMSG;
	out->spki = t.hdr;
	out->spki_len = t.tlv_len;
	/* then [1], [2], [3], each at most once, in that order */
	while (!der_done(&d)) {
		if (der_get(&d, &t))
			return -EBADMSG;
		if (t.tag != TAG_ISSUER_UID && t.tag != TAG_SUBJECT_UID &&
		    t.tag != TAG_EXTENSIONS)
			return -EBADMSG;
		if ((t.tag & 0x1f) <= last)
			return -EBADMSG;
		last = t.tag & 0x1f;
		if (t.tag == TAG_EXTENSIONS && parse_extensions(&t, out))
			return -EBADMSG;
	}
	return 0;
}

/**
 * vmfence_x509_parse() - find the fields of an X.509 certificate
 * @der: the certificate, DER; bytes after the Certificate TLV are ignored
 *	(TPM NV indexes are often larger than the certificate they hold),
 *	@out->cert_len says where it ends
 * @len: bytes at @der
 * @out: where the fields are; zeroed first, and again on failure
 *
 * Checks the structure of Certificate, TBSCertificate, the two Names, the
 * validity, the SubjectPublicKeyInfo (and an RSA key within it) and the
 * extensions; finds basicConstraints, the Authority Key Identifier and the
 * signature. Signatures and dates are not checked.
 *
 * Context: any context; does not sleep, allocates nothing.
 * Return: 0, or -EBADMSG if @der does not start with a well-formed
 * certificate (an RSA exponent wider than 32 bits counts as malformed).
 */
int vmfence_x509_parse(const u8 *der, size_t len, struct vmfence_x509 *out)
{
	struct der top, cert;
	struct tlv c, tbs, alg, t;

	memset(out, 0, sizeof(*out));
	if (!der)
		return -EBADMSG;
	der_init(&top, der, len);
	if (der_expect(&top, TAG_SEQ, &c))
		goto bad;
	der_init(&cert, c.val, c.len);
	if (der_expect(&cert, TAG_SEQ, &tbs) ||
	    der_expect(&cert, TAG_SEQ, &alg) ||
	    der_expect(&cert, TAG_BITSTR, &t) || !der_done(&cert))
		goto bad;
	if (parse_tbs(&tbs, out) || parse_signature(&alg, &t, out))
		goto bad;
	out->cert_len = c.tlv_len;
	out->tbs = tbs.hdr;
	out->tbs_len = tbs.tlv_len;
	return 0;
bad:
	memset(out, 0, sizeof(*out));
	return -EBADMSG;
}
