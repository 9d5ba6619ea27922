// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Whether an unsigned kernel may be loaded
 *
 * kexec_file_load() asks the loader that recognised the kernel to check
 * its signature (sig_verify.c, with CONFIG_KEXEC_SIG; without it every
 * kernel counts as unsigned).  What follows from that answer is decided
 * here, by the first of these rules that applies:
 *
 * ========== ============================================ ===============
 * verdict    applies when                                 result
 * ========== ============================================ ===============
 * signed     the signature is valid                       load
 * enforced   a signature is required (KEXEC_SIG_FORCE,    the verifier's
 *            or set_kexec_sig_enforced() at boot)         error
 * ima        IMA appraises the file's own signature       load
 * lockdown   the kernel is locked down (LOCKDOWN_KEXEC)   -EPERM
 * unsigned   nothing asks for a signature                 load
 * ========== ============================================ ===============
 *
 * Unlike 6.1, the lockdown rule holds whether or not CONFIG_KEXEC_SIG is
 * built: a locked-down kernel never loads a kernel nobody has checked.
 *
 * The rules ask their questions through &struct kexec_sig_query, one
 * question at a time and only when the rules before them did not decide,
 * because asking has effects: security_locked_down() logs the refusal it
 * reports.  kexec_sig_judge() is pure apart from those questions, so
 * KUnit drives it with a table (tests/sig_policy_kunit.c).
 */
#define pr_fmt(fmt) "kexec: " fmt

#include <linux/err.h>
#include <linux/ima.h>
#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/security.h>

#include "internal.h"

static bool rule_signed(int verified, const struct kexec_sig_query *q)
{
	return !verified;
}

static bool rule_enforced(int verified, const struct kexec_sig_query *q)
{
	return q->enforced(q);
}

static bool rule_ima(int verified, const struct kexec_sig_query *q)
{
	return q->ima_appraises(q);
}

static bool rule_lockdown(int verified, const struct kexec_sig_query *q)
{
	return q->locked_down(q) != 0;
}

static bool rule_unsigned(int verified, const struct kexec_sig_query *q)
{
	return true;
}

/* In order; the last applies always. */
static const struct kexec_sig_rule {
	enum kexec_sig_verdict verdict;
	bool (*applies)(int verified, const struct kexec_sig_query *q);
} kexec_sig_rules[] = {
	{ KEXEC_SIG_SIGNED, rule_signed },
	{ KEXEC_SIG_ENFORCED, rule_enforced },
	{ KEXEC_SIG_IMA, rule_ima },
	{ KEXEC_SIG_LOCKDOWN, rule_lockdown },
	{ KEXEC_SIG_UNSIGNED, rule_unsigned },
};

static int verdict_errno(enum kexec_sig_verdict verdict, int verified)
{
	switch (verdict) {
	case KEXEC_SIG_ENFORCED:
		return verified;
	case KEXEC_SIG_LOCKDOWN:
		return -EPERM;
	default:
		return 0;
	}
}

/**
 * kexec_sig_judge() - decide what a signature check means for a load
 * @verified:	0 if the kernel's signature is valid, else why not
 * @q:		the questions the rules may ask
 * @verdict:	set to the rule that decided
 *
 * Context: Process context; may sleep if @q's questions do.
 * Return: 0 if the kernel may be loaded; @verified (a negative errno) if
 * a signature is required; -EPERM if the kernel is locked down.
 */
int kexec_sig_judge(int verified, const struct kexec_sig_query *q,
		    enum kexec_sig_verdict *verdict)
{
	const struct kexec_sig_rule *rule = kexec_sig_rules;

	while (!rule->applies(verified, q))
		rule++;
	*verdict = rule->verdict;
	return verdict_errno(rule->verdict, verified);
}

static bool sig_enforced(const struct kexec_sig_query *q)
{
	return kexec_file_sig_enforced();
}

static bool sig_ima_appraises(const struct kexec_sig_query *q)
{
	return ima_appraise_signature(READING_KEXEC_IMAGE);
}

static int sig_locked_down(const struct kexec_sig_query *q)
{
	return security_locked_down(LOCKDOWN_KEXEC);
}

static const struct kexec_sig_query kexec_sig_system = {
	.enforced = sig_enforced,
	.ima_appraises = sig_ima_appraises,
	.locked_down = sig_locked_down,
};

/**
 * kexec_file_check_sig() - may this kernel be loaded, signed or not?
 * @ops:	the loader that recognised the kernel
 * @buf:	the kernel file
 * @len:	its length
 *
 * Checks the signature through @ops and applies the rules of the DOC
 * block above; a refusal is logged in one line.
 *
 * Context: Process context, without the kexec lock; sleeps.
 * Return: 0 if the kernel may be loaded; the verifier's error (-ENODATA,
 * -ENOKEY, -EKEYREJECTED, -ELIBBAD, -EBADMSG, ...) if a valid signature
 * is required; -EPERM if the kernel is locked down.
 */
int kexec_file_check_sig(const struct kexec_file_ops *ops, const void *buf,
			 unsigned long len)
{
	int verified = kexec_file_verify_sig(ops, buf, len);
	enum kexec_sig_verdict verdict;
	int ret = kexec_sig_judge(verified, &kexec_sig_system, &verdict);

	if (verdict == KEXEC_SIG_ENFORCED)
		pr_warn_ratelimited("refused: kernel signature required, %pe\n",
				    ERR_PTR(verified));
	else if (verdict == KEXEC_SIG_LOCKDOWN)
		pr_warn_ratelimited("refused: no valid kernel signature (%pe) while locked down\n",
				    ERR_PTR(verified));
	else if (verdict == KEXEC_SIG_UNSIGNED && IS_ENABLED(CONFIG_KEXEC_SIG))
		pr_debug("loading a kernel without a valid signature, %pe\n",
			 ERR_PTR(verified));
	return ret;
}
