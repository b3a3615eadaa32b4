// SPDX-License-Identifier: GPL-2.0
/*
 * bind_tpm_test.c - kselftest: a policy bound to TPMs (bind-tpm) refuses a
 * sensitive program on a machine whose TPM proved none of them, as on a
 * virtual machine, even with a physical verdict
 *
 * Needs vmfence.ko built with the test hooks (the debugfs file that forces
 * the verdict). The EK the policies list is made up: whether or not the
 * test machine has a TPM, it cannot prove possession of that EK, so the
 * machine is unbound. Each test forces the verdict "none none 0" (bare
 * metal, confidence 0) and ends with an empty policy and a rescan.
 */

#include <stdarg.h>

#include "../kselftest_harness.h"
#include "enforce.h"
#include "fixture.h"
#include "sysfs.h"

#define TESTMOD		"vmfence_testmod"
#define TESTMOD_PATH	"/lib/vmfence/" TESTMOD ".ko"

/* An ek_sha256 no TPM proves here, in upper case as tools may print it. */
#define EK_OTHER	"5EC0DE5EC0DE5EC0DE5EC0DE5EC0DE5EC0DE5EC0DE5EC0DE5EC0DE5EC0DE5EC0"
#define EK_OTHER_LOWER	"5ec0de5ec0de5ec0de5ec0de5ec0de5ec0de5ec0de5ec0de5ec0de5ec0de5ec0"

/*
 * The records of the next decision: its event, under the physical verdict,
 * and its audit record, which must name the binding.
 */
static void expect_audit_bound(struct __test_metadata *_metadata,
			       struct records *r, const char *result,
			       const char *bound)
{
	static char text[16384], want[128];
	struct event ev;

	ASSERT_EQ(0, next_event(r, &ev, 2000)) TH_LOG("no event: %s", result);
	EXPECT_STREQ("none", ev.hypervisor);
	EXPECT_EQ(0, ev.confidence);
	snprintf(want, sizeof(want), "op=exec result=%s rule=%u ", result, ev.rule_id);
	do {
		ASSERT_EQ(0, next_audit(r, text, sizeof(text), 3000))
			TH_LOG("no audit record: %s", want);
	} while (!strstr(text, want));
	snprintf(want, sizeof(want), " hypervisor=none confidence=0 tpm_bound=%s ", bound);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
}

/*
 * A physical verdict allows the program under a policy without bind-tpm;
 * with bind-tpm listing another machine's EK it is refused, recorded with
 * tpm_bound=no, while virtualized stays 0 (the evidence did not change);
 * the harmless program still runs; a replace without the line allows again.
 */
TEST_F(enforce, unbound_refuses_on_a_physical_verdict)
{
	struct counts a, b;
	char virt[8];

	ASSERT_EQ(0, force_verdict("none none 0"));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	expect_no_record(_metadata, &self->r);

	ASSERT_EQ(0, policy(self, "bind-tpm ek-sha256=" EK_OTHER "\n"
			    "deny exec sha256=%s\n", self->digest));
	counts_read(&a);
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	counts_read(&b);
	EXPECT_EQ(a.exec_checks + 1, b.exec_checks);
	EXPECT_EQ(a.exec_denials + 1, b.exec_denials);
	expect_audit_bound(_metadata, &self->r, "denied", "no");
	ASSERT_EQ(0, read_sysfs("virtualized", virt, sizeof(virt)));
	EXPECT_STREQ("0", virt);
	EXPECT_EQ(HELLO_STATUS, run_prog(self->harmless));

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	expect_no_record(_metadata, &self->r);
}

/* Unbound: on= lists match whatever the evidence says; allow-cc= exempts nothing. */
TEST_F(enforce, unbound_every_condition_applies)
{
	ASSERT_EQ(0, force_verdict("none none 0"));
	ASSERT_EQ(0, policy(self, "bind-tpm ek-sha256=" EK_OTHER "\n"
			    "deny exec sha256=%s on=kvm\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_audit_bound(_metadata, &self->r, "denied", "no");

	ASSERT_EQ(0, force_verdict("none sev-snp 0"));
	ASSERT_EQ(0, policy(self, "bind-tpm ek-sha256=" EK_OTHER "\n"
			    "deny exec sha256=%s allow-cc=sev-snp\n", self->digest));
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
}

/* Unbound in audit mode: recorded, allowed; in mode off: nothing. */
TEST_F(enforce, unbound_modes)
{
	ASSERT_EQ(0, force_verdict("none none 0"));
	snprintf(self->policy, sizeof(self->policy),
		 "mode audit\nbind-tpm ek-sha256=" EK_OTHER "\ndeny exec sha256=%s\n",
		 self->digest);
	ASSERT_EQ(0, load_policy(&self->s, self->policy));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	expect_audit_bound(_metadata, &self->r, "audited", "no");

	snprintf(self->policy, sizeof(self->policy),
		 "mode off\nbind-tpm ek-sha256=" EK_OTHER "\ndeny exec sha256=%s\n",
		 self->digest);
	ASSERT_EQ(0, load_policy(&self->s, self->policy));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	expect_no_record(_metadata, &self->r);
}

/*
 * The module refuses a malformed or duplicate list at its place, and the
 * running policy stays; rule add and mode keep the list.
 */
TEST_F(enforce, bind_tpm_is_part_of_the_policy)
{
	struct genl_ack ack;
	struct vf_rule added;
	char rule[128];

	ASSERT_EQ(0, force_verdict("none none 0"));
	EXPECT_NE(0, load_policy(&self->s, "bind-tpm ek-sha256=" EK_OTHER "0\n"));
	EXPECT_NE(0, load_policy(&self->s, "bind-tpm ek-sha256=" EK_OTHER "\n"
				 "bind-tpm ek-sha256=" EK_OTHER_LOWER "\n"));
	ASSERT_EQ(0, policy(self, "bind-tpm ek-sha256=" EK_OTHER "\n"));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	snprintf(rule, sizeof(rule), "deny exec sha256=%s", self->digest);
	ASSERT_EQ(0, vf_rule_add(&self->s, rule, &added, &ack)) TH_LOG("%s", ack.msg);
	EXPECT_EQ(REFUSED(EACCES), run_prog(self->prog));
	expect_audit_bound(_metadata, &self->r, "denied", "no");
	ASSERT_EQ(0, write_sysfs("mode", "audit"));
	EXPECT_EQ(HELLO_STATUS, run_prog(self->prog));
	expect_audit_bound(_metadata, &self->r, "audited", "no");
}

/*
 * Module rules too: unbound, a module rule refuses the load on a physical
 * verdict, and its record names the binding; without bind-tpm it loads.
 */
TEST_F(enforce, unbound_refuses_a_module)
{
	static char text[16384];
	struct event ev;

	ASSERT_EQ(0, force_verdict("none none 0"));
	ASSERT_EQ(0, policy(self, "bind-tpm ek-sha256=" EK_OTHER "\n"
			    "deny module name=" TESTMOD "\n"));
	EXPECT_EQ(-EACCES, load_module(TESTMOD_PATH));
	EXPECT_FALSE(module_listed(TESTMOD));
	ASSERT_EQ(0, next_event(&self->r, &ev, 2000));
	EXPECT_EQ(VMFENCE_EVENT_OP_MODULE, ev.op);
	EXPECT_EQ(VMFENCE_EVENT_RESULT_DENIED, ev.result);
	do {
		ASSERT_EQ(0, next_audit(&self->r, text, sizeof(text), 3000));
	} while (!strstr(text, "op=module result=denied "));
	EXPECT_NE(NULL, strstr(text, " confidence=0 tpm_bound=no ")) TH_LOG("%s", text);

	ASSERT_EQ(0, policy(self, "deny module name=" TESTMOD "\n"));
	EXPECT_EQ(0, load_module(TESTMOD_PATH));
	EXPECT_EQ(0, unload_module(TESTMOD));
}

/*
 * The list counts in the policy's bytes (STATUS POLICY_BYTES): 32 bytes an
 * EK beyond the first, and gone again with the list.
 */
TEST_F(enforce, bind_tpm_bytes_accounted)
{
	struct vf_status none, one, two, again;

	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	ASSERT_EQ(0, vf_status(&self->s, &none));
	ASSERT_EQ(0, policy(self, "bind-tpm ek-sha256=" EK_OTHER "\n"
			    "deny exec sha256=%s\n", self->digest));
	ASSERT_EQ(0, vf_status(&self->s, &one));
	ASSERT_EQ(0, policy(self, "bind-tpm ek-sha256=" EK_OTHER ",%s\n"
			    "deny exec sha256=%s\n", self->digest, self->digest));
	ASSERT_EQ(0, vf_status(&self->s, &two));
	ASSERT_EQ(0, policy(self, "deny exec sha256=%s\n", self->digest));
	ASSERT_EQ(0, vf_status(&self->s, &again));
	EXPECT_GT(one.policy_bytes, none.policy_bytes + 32);
	EXPECT_EQ(one.policy_bytes + 32, two.policy_bytes);
	EXPECT_EQ(none.policy_bytes, again.policy_bytes);
}

TEST_HARNESS_MAIN
