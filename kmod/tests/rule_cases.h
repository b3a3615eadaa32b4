/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rule_cases.h - policy grammar test vectors shared by KUnit and userspace
 *
 * The same cases run in the kernel (kmod/tests/rule_test.c) and in
 * userspace (userspace/tests/rule_test.c), against the same core code.
 */
#ifndef VMFENCE_TESTS_RULE_CASES_H
#define VMFENCE_TESTS_RULE_CASES_H

#include "../core/rule_parse.h"

#define HEX63 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde"
#define HEX64 HEX63 "f"
#define HEX64_MIXED_CASE "0123456789ABCDEF0123456789ABCDEF0123456789abcdef0123456789abcdef"
#define EXPECTED_KEYWORD "; expected deny, audit, mode, threshold, bind-tpm or lock"
/* Two EKs' ek_sha256: EK_B sorts before EK_A. */
#define EK_A "aa0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
#define EK_A_UPPER "AA0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCD"
#define EK_B "0b23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/**
 * struct rule_error_case - text the parser must refuse, and how
 * @name: the mistake
 * @text: the policy text
 * @len: bytes at @text
 * @line: expected 1-based line
 * @col: expected 1-based byte column
 * @msg: expected message, exactly
 * @dedup: parse with a callback that refuses duplicate matches
 */
struct rule_error_case {
	const char *name;
	const char *text;
	size_t len;
	u32 line;
	u32 col;
	const char *msg;
	bool dedup;
};

/*
 * A text refused by any parse, or only by one whose callback refuses
 * duplicate matches. The text may hold NUL bytes.
 */
#define REFUSE(name, text, line, col, msg) \
	{ name, text, sizeof(text) - 1, line, col, msg, false }
#define REFUSE_DUP(name, text, line, col, msg) \
	{ name, text, sizeof(text) - 1, line, col, msg, true }

static const struct rule_error_case rule_error_cases[] = {
	/* unknown keyword */
	REFUSE("unknown keyword", "dney exec path=/x", 1, 1,
	       "unknown keyword 'dney'" EXPECTED_KEYWORD),
	REFUSE("unknown target", "deny exek path=/x", 1, 6,
	       "unknown target 'exek'; expected exec or module"),
	REFUSE("unknown match", "deny exec pth=/x", 1, 11,
	       "unknown match 'pth='; expected path=, sha256=, label= or name="),
	REFUSE("match without '='", "deny exec path /x", 1, 15,
	       "expected '=' after path"),
	REFUSE("unknown condition", "deny exec path=/x onn=kvm", 1, 19,
	       "unknown condition 'onn='; expected on=, allow-cc= or as="),
	REFUSE("unknown role", "deny exec path=/x as=program,ld", 1, 30,
	       "unknown role 'ld' in as=; expected program, interpreter or loader"),
	REFUSE("unknown hypervisor", "deny exec path=/x on=kvm,vbox", 1, 26,
	       "unknown hypervisor 'vbox' in on="),
	REFUSE("unknown confidential-VM type", "audit module name=kvm allow-cc=sgx",
	       1, 32, "unknown confidential-VM type 'sgx' in allow-cc="),
	REFUSE("unknown mode", "mode strict", 1, 6,
	       "unknown mode 'strict'; expected off, audit or enforce"),
	REFUSE("unknown escape", "deny exec path=\"/a\\n\"", 1, 19,
	       "unknown escape '\\n' in path; expected \\\\, \\\" or \\xHH"),
	REFUSE("byte order mark", "\357\273\277deny exec path=/x", 1, 1,
	       "unknown keyword '\\xef\\xbb\\xbfdeny'" EXPECTED_KEYWORD),
	/* bad hex */
	REFUSE("bad hex digit", "deny exec sha256=" HEX63 "g", 1, 81,
	       "expected hex digit in sha256=, got 'g'"),
	REFUSE("bad hex escape", "deny exec path=\"/a\\xZZ\"", 1, 19,
	       "expected two hex digits after \\x"),
	REFUSE("short hex escape", "deny exec path=\"/a\\x4", 1, 19,
	       "expected two hex digits after \\x"),
	/* wrong length */
	REFUSE("digest too short", "deny exec sha256=" HEX63, 1, 18,
	       "expected 64 hex digits after sha256=, got 63"),
	REFUSE("digest too long", "deny exec sha256=" HEX64 "0", 1, 18,
	       "expected 64 hex digits after sha256=, got 65"),
	REFUSE("threshold out of range", "threshold 101", 1, 11,
	       "threshold 101 out of range 0-100"),
	REFUSE("threshold overflow", "threshold 99999999999999999999", 1, 11,
	       "threshold 99999999999999999999 out of range 0-100"),
	/* duplicate */
	REFUSE("duplicate mode", "mode audit\nmode enforce", 2, 1,
	       "duplicate setting 'mode'; first given on line 1"),
	REFUSE("duplicate threshold", "threshold 1\n# x\n  threshold 2", 3, 3,
	       "duplicate setting 'threshold'; first given on line 1"),
	REFUSE("duplicate lock", "lock\nlock", 2, 1,
	       "duplicate setting 'lock'; first given on line 1"),
	REFUSE("duplicate condition", "deny exec path=/x on=kvm on=xen", 1, 26,
	       "duplicate condition on="),
	REFUSE("duplicate list item", "deny exec path=/x on=kvm,kvm", 1, 26,
	       "'kvm' listed twice in on="),
	REFUSE_DUP("duplicate match", "deny exec path=/x\naudit exec path=/x on=kvm",
		   2, 12, "duplicate match: an earlier rule has the same exec path="),
	REFUSE_DUP("duplicate digest", "deny exec sha256=" HEX64 "\ndeny exec path=/x\n"
		   "audit exec sha256=" HEX64,
		   3, 12, "duplicate match: an earlier rule has the same exec sha256="),
	REFUSE_DUP("duplicate quoted path", "deny exec path=\"/a b\"\ndeny exec path=\"/a\\x20b\"",
		   2, 11, "duplicate match: an earlier rule has the same exec path="),
	REFUSE("second match", "deny exec path=/x label=y", 1, 19,
	       "second match label=; a rule has one match"),
	/* embedded NUL */
	REFUSE("NUL in path", "deny exec path=/x\0y", 1, 18, "embedded NUL byte"),
	REFUSE("NUL in comment", "lock\n# a\0", 2, 4, "embedded NUL byte"),
	REFUSE("NUL escape", "deny exec path=\"/a\\x00\"", 1, 19, "NUL byte \\x00 in path"),
	REFUSE("NUL after keyword", "mode\0 off", 1, 5, "embedded NUL byte"),
	/* missing field */
	REFUSE("missing target", "deny", 1, 5,
	       "missing target after deny; expected exec or module"),
	REFUSE("missing target before comment", "audit   # c", 1, 9,
	       "missing target after audit; expected exec or module"),
	REFUSE("missing match", "deny exec", 1, 10,
	       "missing match; expected path=, sha256=, label= or name="),
	REFUSE("condition instead of match", "deny exec on=kvm path=/x", 1, 11,
	       "missing match before on=; expected path=, sha256=, label= or name="),
	REFUSE("missing path", "deny exec path= on=kvm", 1, 16, "missing value after path="),
	REFUSE("missing list", "deny exec path=/x on=", 1, 22, "missing value after on="),
	REFUSE("missing list item", "deny exec path=/x on=kvm,", 1, 26,
	       "expected a hypervisor name in on="),
	REFUSE("missing mode", "mode", 1, 5,
	       "missing value after mode; expected off, audit or enforce"),
	REFUSE("missing threshold", "threshold # x", 1, 11,
	       "missing value after threshold; expected a number 0-100"),
	REFUSE("unterminated quote", "deny exec path=\"/a b", 1, 16,
	       "missing closing '\"' of the path quoted here"),
	/* trailing garbage */
	REFUSE("garbage after lock", "lock now", 1, 6,
	       "unexpected 'now' after lock; expected end of line"),
	REFUSE("garbage after mode", "mode enforce please", 1, 14,
	       "unexpected 'please' after mode; expected end of line"),
	REFUSE("garbage after threshold", "threshold 50 60", 1, 14,
	       "unexpected '60' after threshold; expected end of line"),
	REFUSE("threshold not a number", "threshold 5%", 1, 11,
	       "expected a number 0-100 after threshold, got '5%'"),
	REFUSE("garbage after quote", "deny exec path=\"/a b\"x", 1, 22,
	       "unexpected 'x' after closing quote; expected a space or end of line"),
	REFUSE("quote inside bare path", "deny exec path=/a\"b", 1, 18,
	       "'\"' inside an unquoted path; quote the whole path"),
	/* condition or match not allowed for the target */
	REFUSE("name= with exec", "deny exec name=ext4", 1, 11,
	       "name= is not allowed with target exec"),
	REFUSE("path= with module", "deny module path=/lib/modules/x.ko", 1, 13,
	       "path= is not allowed with target module; a module is matched by name="),
	REFUSE("sha256= with module", "audit module sha256=" HEX64, 1, 14,
	       "sha256= is not allowed with target module; a module is matched by name="),
	REFUSE("label= with module", "deny module label=x on=kvm", 1, 13,
	       "label= is not allowed with target module; a module is matched by name="),
	REFUSE("as= with module", "deny module name=x as=program", 1, 20,
	       "as= is not allowed with target module"),
	REFUSE("duplicate role", "deny exec path=/x as=loader,loader", 1, 29,
	       "'loader' listed twice in as="),
	REFUSE("missing role", "deny exec path=/x as=", 1, 22,
	       "missing value after as="),
	REFUSE("none in on=", "deny exec path=/x on=none", 1, 22,
	       "'none' cannot be listed in on=; rules apply only inside a VM"),
	REFUSE("none in allow-cc=", "deny exec path=/x allow-cc=tdx,none", 1, 32,
	       "'none' cannot be listed in allow-cc=; rules apply only inside a VM"),
	/* relative or not canonical path */
	REFUSE("relative path", "deny exec path=bin/x", 1, 16,
	       "relative path 'bin/x'; path= must start with '/'"),
	REFUSE("empty quoted path", "deny exec path=\"\"", 1, 16,
	       "relative path ''; path= must start with '/'"),
	REFUSE("double slash", "deny exec path=/usr//bin/x", 1, 16,
	       "empty component '//' in path; write the canonical path"),
	REFUSE("dot component", "deny exec path=/usr/./x", 1, 16,
	       "'.' component in path; write the canonical path"),
	REFUSE("dot-dot component", "deny exec path=\"/usr/..\"", 1, 16,
	       "'..' component in path; write the canonical path"),
	REFUSE("trailing slash", "deny exec path=/usr/bin/", 1, 16,
	       "path ends with '/'; path= names a file"),
	/* bytes outside the grammar */
	REFUSE("bad label byte", "deny exec label=a/b", 1, 18,
	       "'/' is not allowed in a label; use A-Z a-z 0-9 _ - . :"),
	REFUSE("dash in module name", "deny module name=nf-tables", 1, 20,
	       "'-' in module name; the kernel names modules with '_'"),
	REFUSE("bad module name byte", "deny module name=\"ext4\"", 1, 18,
	       "'\"' is not allowed in a module name; use A-Z a-z 0-9 _"),
	REFUSE("DOS line ending", "lock\r\nmode off", 1, 5,
	       "carriage return at end of line; use Unix line endings"),
	REFUSE("control byte", "deny exec path=/a\x01", 1, 18,
	       "control byte \\x01; write it as \\x01 inside a quoted path"),
	REFUSE("raw tab in quoted path", "deny exec path=\"/a\tb\"", 1, 19,
	       "tab inside a quoted path; write it as \\x09"),
	/* bind-tpm */
	REFUSE("bind-tpm without a list", "bind-tpm", 1, 9,
	       "missing value after bind-tpm; expected ek-sha256=HEX[,HEX...]"),
	REFUSE("bind-tpm with another key", "bind-tpm sha256=" EK_A, 1, 10,
	       "unknown key 'sha256=aa0123456789abcdef01234567...' in bind-tpm; "
	       "expected ek-sha256="),
	REFUSE("bind-tpm without '='", "bind-tpm ek-sha256", 1, 10,
	       "unknown key 'ek-sha256' in bind-tpm; expected ek-sha256="),
	REFUSE("bind-tpm empty list", "bind-tpm ek-sha256=", 1, 20,
	       "bind-tpm: ek-sha256 wants 64 hex digits, got 0"),
	REFUSE("bind-tpm short EK", "bind-tpm ek-sha256=" EK_A "," HEX63, 1, 85,
	       "bind-tpm: ek-sha256 wants 64 hex digits, got 63"),
	REFUSE("bind-tpm long EK", "bind-tpm ek-sha256=" EK_A "0", 1, 20,
	       "bind-tpm: ek-sha256 wants 64 hex digits, got 65"),
	REFUSE("bind-tpm not hex", "bind-tpm ek-sha256=" HEX63 "g", 1, 83,
	       "bind-tpm: expected hex digit in ek-sha256=, got 'g'"),
	REFUSE("bind-tpm empty entry", "bind-tpm ek-sha256=" EK_A ",," EK_B, 1, 85,
	       "bind-tpm: ek-sha256 wants 64 hex digits, got 0"),
	REFUSE("bind-tpm trailing comma", "bind-tpm ek-sha256=" EK_A ",", 1, 85,
	       "bind-tpm: ek-sha256 wants 64 hex digits, got 0"),
	REFUSE("bind-tpm blank in list", "bind-tpm ek-sha256=" EK_A ", " EK_B, 1, 85,
	       "bind-tpm: ek-sha256 wants 64 hex digits, got 0"),
	REFUSE("bind-tpm garbage after", "bind-tpm ek-sha256=" EK_A " lock", 1, 85,
	       "unexpected 'lock' after the bind-tpm list; expected end of line"),
	REFUSE_DUP("bind-tpm EK twice, any case", "bind-tpm ek-sha256=" EK_A "," EK_B ","
		   EK_A_UPPER, 1, 150, "bind-tpm: ek-sha256 listed twice"),
	REFUSE_DUP("bind-tpm EK twice, over lines", "bind-tpm ek-sha256=" EK_A "\nlock\n"
		   "bind-tpm ek-sha256=" EK_B "," EK_A, 3, 85,
		   "bind-tpm: ek-sha256 listed twice"),
	/* positions past the first line */
	REFUSE("error on a later line", "# c\n\nmode audit\n\tdeny exec sha256=abc",
	       4, 19, "expected 64 hex digits after sha256=, got 3"),
	REFUSE_DUP("too many rules", "deny exec path=/1\ndeny exec path=/2\ndeny exec path=/3\n"
		   "deny exec path=/4\ndeny exec path=/5\ndeny exec path=/6\n"
		   "deny exec path=/7\ndeny exec path=/8\ndeny exec path=/9",
		   9, 11, "too many rules"),
};

/**
 * struct rule_long_case - a line built from a repeated byte
 * @name: what it proves
 * @prefix: text before the repeated byte
 * @fill: the repeated byte
 * @count: how many times
 * @suffix: text after it
 * @col: expected column of the error, 0 when the text is valid
 * @msg: expected message, or NULL when the text is valid
 */
struct rule_long_case {
	const char *name;
	const char *prefix;
	char fill;
	size_t count;
	const char *suffix;
	u32 col;
	const char *msg;
};

static const struct rule_long_case rule_long_cases[] = {
	{ "line of 32768 bytes", "# ", 'a', VMFENCE_LINE_MAX - 2, "", 0, NULL },
	{ "line of 32769 bytes", "# ", 'a', VMFENCE_LINE_MAX - 1, "", VMFENCE_LINE_MAX + 1,
	  "line longer than 32768 bytes" },
	{ "path of 4095 bytes", "deny exec path=/", 'a', VMFENCE_PATH_MAX - 1, "", 0, NULL },
	{ "path of 4096 bytes", "deny exec path=/", 'a', VMFENCE_PATH_MAX, "", 16,
	  "path longer than 4095 bytes" },
	{ "quoted path of 4095 bytes", "deny exec path=\"/", ' ', VMFENCE_PATH_MAX - 1, "\"",
	  0, NULL },
	{ "quoted path of 4096 bytes", "deny exec path=\"/", ' ', VMFENCE_PATH_MAX, "\"", 16,
	  "path longer than 4095 bytes" },
	{ "label of 64 bytes", "deny exec label=", 'l', VMFENCE_LABEL_MAX, "", 0, NULL },
	{ "label of 65 bytes", "deny exec label=", 'l', VMFENCE_LABEL_MAX + 1, "", 17,
	  "label longer than 64 bytes" },
	{ "module name of 55 bytes", "deny module name=", 'm', VMFENCE_NAME_MAX, "", 0, NULL },
	{ "module name of 56 bytes", "deny module name=", 'm', VMFENCE_NAME_MAX + 1, "", 18,
	  "module name longer than 55 bytes" },
};

/**
 * struct rule_good_case - a valid policy and its canonical text
 * @name: what it proves
 * @text: the policy text
 * @len: bytes at @text
 * @canonical: the text the printer gives for it
 * @nr_rules: how many rules it holds
 */
struct rule_good_case {
	const char *name;
	const char *text;
	size_t len;
	const char *canonical;
	u32 nr_rules;
};

/* A valid policy, its canonical text, and its rule count. */
#define ACCEPT(name, text, canonical, nr_rules) \
	{ name, text, sizeof(text) - 1, canonical, nr_rules }

static const struct rule_good_case rule_good_cases[] = {
	ACCEPT("empty policy", "", "", 0),
	ACCEPT("comments and blank lines", "# only\n\n   \t\n  # comments\n", "", 0),
	ACCEPT("every setting and match",
	       "# sensitive programs\n"
	       "mode enforce\n"
	       "threshold 060\n"
	       "\n"
	       "deny exec path=/usr/bin/keyvault     # the HSM client\n"
	       "audit\texec  sha256=" HEX64_MIXED_CASE "\n"
	       "deny exec label=pci-dss on=vmware,kvm allow-cc=tdx,sev-snp\n"
	       "deny module name=kvm_intel\n"
	       "deny exec path=\"/opt/x y/run\"\n"
	       "lock",
	       "mode enforce\n"
	       "threshold 60\n"
	       "lock\n"
	       "deny exec path=/usr/bin/keyvault\n"
	       "audit exec sha256=" HEX64 "\n"
	       "deny exec label=pci-dss on=kvm,vmware allow-cc=sev-snp,tdx\n"
	       "deny module name=kvm_intel\n"
	       "deny exec path=\"/opt/x y/run\"\n", 5),
	ACCEPT("quoting",
	       "deny exec path=/a#b\n"
	       "deny exec path=\"/\\x41\\x62\"\n"
	       "deny exec path=\"/q\\\"b\\\\s\"\n"
	       "deny exec path=/caf\303\251\n"
	       "deny exec path=\"/\\x01\\x7F\\xff\"\n"
	       "deny exec path=/.hidden/..x/x.\n",
	       "deny exec path=\"/a#b\"\n"
	       "deny exec path=/Ab\n"
	       "deny exec path=\"/q\\\"b\\\\s\"\n"
	       "deny exec path=\"/caf\\xc3\\xa9\"\n"
	       "deny exec path=\"/\\x01\\x7f\\xff\"\n"
	       "deny exec path=/.hidden/..x/x.\n", 6),
	ACCEPT("every hypervisor and type",
	       "audit module name=a on=vm-other,google,amazon,apple,acrn,qnx,bhyve\n"
	       "audit module name=b on=parallels,oracle,xen,microsoft,vmware,qemu,kvm\n"
	       "audit exec label=c allow-cc=hyperv,tdx,sev-snp,sev-es,sev\n",
	       "audit module name=a on=bhyve,qnx,acrn,apple,amazon,google,vm-other\n"
	       "audit module name=b on=kvm,qemu,vmware,microsoft,xen,oracle,parallels\n"
	       "audit exec label=c allow-cc=sev,sev-es,sev-snp,tdx,hyperv\n", 3),
	ACCEPT("conditions in any order", "deny exec path=/x allow-cc=tdx on=xen",
	       "deny exec path=/x on=xen allow-cc=tdx\n", 1),
	ACCEPT("every role, in any order",
	       "deny exec sha256=" HEX64 " as=loader,program allow-cc=tdx\n"
	       "audit exec label=i as=interpreter on=kvm\n"
	       "deny exec path=/lib64/ld-linux-x86-64.so.2 as=program,interpreter,loader\n",
	       "deny exec sha256=" HEX64 " allow-cc=tdx as=program,loader\n"
	       "audit exec label=i on=kvm as=interpreter\n"
	       "deny exec path=/lib64/ld-linux-x86-64.so.2 as=program,interpreter,loader\n",
	       3),
	ACCEPT("same value, other target or match",
	       "deny exec label=x\n"
	       "deny module name=x\n"
	       "deny exec path=/x\n",
	       "deny exec label=x\n"
	       "deny module name=x\n"
	       "deny exec path=/x\n", 3),
	ACCEPT("bind-tpm sorted, lower case, over lines",
	       "bind-tpm ek-sha256=" EK_A_UPPER "\n"
	       "mode enforce\n"
	       "bind-tpm\tek-sha256=" EK_B "   # the second server\n"
	       "deny exec path=/x\n",
	       "mode enforce\n"
	       "bind-tpm ek-sha256=" EK_B "," EK_A "\n"
	       "deny exec path=/x\n", 1),
	ACCEPT("threshold bounds and mode off", "threshold 0\nmode off\n",
	       "mode off\nthreshold 0\n", 0),
	ACCEPT("threshold 100 and mode audit", "threshold 100\nmode audit",
	       "mode audit\nthreshold 100\n", 0),
};

/* Single rules, as "vmfencectl rule add" passes them. */
static const struct rule_error_case rule_single_cases[] = {
	REFUSE("setting", "mode audit", 1, 1, "'mode' is a setting, not a rule"),
	REFUSE("bind-tpm setting", "bind-tpm ek-sha256=" EK_A, 1, 1,
	       "'bind-tpm' is a setting, not a rule"),
	REFUSE("blank", "  ", 1, 3, "missing rule; expected deny or audit"),
	REFUSE("unknown action", "allow exec path=/x", 1, 1,
	       "unknown action 'allow'; expected deny or audit"),
	REFUSE("two lines", "deny exec path=/x\ndeny exec path=/y", 1, 18,
	       "newline inside a rule; a rule is one line"),
	REFUSE("NUL", "deny exec path=/x\0", 1, 18, "embedded NUL byte"),
};

#endif /* VMFENCE_TESTS_RULE_CASES_H */
