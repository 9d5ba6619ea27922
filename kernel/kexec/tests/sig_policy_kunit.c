// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for kexec_sig_judge(): every combination of a signature
 * check's result (valid, none, an unknown key, a bad signature), a
 * required signature, IMA appraisal and lockdown.  Each case names the
 * rule that must decide, the errno, and which questions may be asked:
 * lockdown must not be asked about once an earlier rule decided, since
 * asking logs a refusal.
 */
#include <kunit/test.h>
#include <linux/kexec.h>

#include "../internal.h"

/* The questions a case answers, and which of them were asked. */
struct fake_system {
	struct kexec_sig_query q;
	bool enforced, ima, locked;
	unsigned int asked;
};

#define ASKED_ENFORCED	BIT(0)
#define ASKED_IMA	BIT(1)
#define ASKED_LOCKDOWN	BIT(2)

static bool fake_enforced(const struct kexec_sig_query *q)
{
	struct fake_system *f = container_of(q, struct fake_system, q);

	f->asked |= ASKED_ENFORCED;
	return f->enforced;
}

static bool fake_ima(const struct kexec_sig_query *q)
{
	struct fake_system *f = container_of(q, struct fake_system, q);

	f->asked |= ASKED_IMA;
	return f->ima;
}

static int fake_locked_down(const struct kexec_sig_query *q)
{
	struct fake_system *f = container_of(q, struct fake_system, q);

	f->asked |= ASKED_LOCKDOWN;
	return f->locked ? -EPERM : 0;
}

struct sig_case {
	const char *name;
	int verified;
	bool enforced, ima, locked;
	enum kexec_sig_verdict verdict;
	int err;
	unsigned int may_ask;
};

#define ALL	(ASKED_ENFORCED | ASKED_IMA | ASKED_LOCKDOWN)
#define TO_IMA	(ASKED_ENFORCED | ASKED_IMA)

static const struct sig_case sig_cases[] = {
	{ "signed_loads_without_questions", 0, false, false, false,
	  KEXEC_SIG_SIGNED, 0, 0 },
	{ "signed_loads_when_enforced_and_locked", 0, true, true, true,
	  KEXEC_SIG_SIGNED, 0, 0 },
	{ "unsigned_loads_when_nothing_asks", -ENODATA, false, false, false,
	  KEXEC_SIG_UNSIGNED, 0, ALL },
	{ "unsigned_enforced_gives_verify_errno", -ENODATA, true, false,
	  false, KEXEC_SIG_ENFORCED, -ENODATA, ASKED_ENFORCED },
	{ "unknown_key_enforced_gives_enokey", -ENOKEY, true, false, true,
	  KEXEC_SIG_ENFORCED, -ENOKEY, ASKED_ENFORCED },
	{ "bad_sig_enforced_beats_ima", -EKEYREJECTED, true, true, false,
	  KEXEC_SIG_ENFORCED, -EKEYREJECTED, ASKED_ENFORCED },
	{ "unsigned_locked_down_eperm", -ENODATA, false, false, true,
	  KEXEC_SIG_LOCKDOWN, -EPERM, ALL },
	{ "unknown_key_locked_down_eperm", -ENOKEY, false, false, true,
	  KEXEC_SIG_LOCKDOWN, -EPERM, ALL },
	{ "not_pe_locked_down_eperm", -ELIBBAD, false, false, true,
	  KEXEC_SIG_LOCKDOWN, -EPERM, ALL },
	{ "ima_appraisal_passes_lockdown", -ENODATA, false, true, true,
	  KEXEC_SIG_IMA, 0, TO_IMA },
	{ "ima_appraisal_without_lockdown", -EKEYREJECTED, false, true, false,
	  KEXEC_SIG_IMA, 0, TO_IMA },
};

static void sig_case_desc(const struct sig_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sig, sig_cases, sig_case_desc);

static void sig_judge_test(struct kunit *test)
{
	const struct sig_case *c = test->param_value;
	struct fake_system f = {
		.q = {
			.enforced = fake_enforced,
			.ima_appraises = fake_ima,
			.locked_down = fake_locked_down,
		},
		.enforced = c->enforced,
		.ima = c->ima,
		.locked = c->locked,
	};
	enum kexec_sig_verdict verdict = -1;
	int err = kexec_sig_judge(c->verified, &f.q, &verdict);

	KUNIT_EXPECT_EQ(test, verdict, c->verdict);
	KUNIT_EXPECT_EQ(test, err, c->err);
	KUNIT_EXPECT_EQ_MSG(test, f.asked & ~c->may_ask, 0U,
			    "asked questions after the deciding rule");
}

static struct kunit_case sig_policy_cases[] = {
	KUNIT_CASE_PARAM(sig_judge_test, sig_gen_params),
	{}
};

static struct kunit_suite sig_policy_suite = {
	.name = "kexec_sig_policy",
	.test_cases = sig_policy_cases,
};

kunit_test_suite(sig_policy_suite);

MODULE_LICENSE("GPL");
