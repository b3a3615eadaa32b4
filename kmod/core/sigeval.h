/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sigeval.h - what the signal evaluators share (internal to the core)
 *
 * vmfence_signals_eval() sets every signal to unknown with its listed
 * weight, then each group evaluator fills the signals of its kind of fact.
 */
#ifndef VMFENCE_CORE_SIGEVAL_H
#define VMFENCE_CORE_SIGEVAL_H

#include "signals.h"
#include "tables.h"

static inline bool vmfence_known(enum vmfence_fact_state st)
{
	return st != VMFENCE_FACT_UNKNOWN;
}

static inline void vmfence_sig_miss(struct vmfence_signal *s)
{
	s->state = VMFENCE_SIG_MISS;
}

/* A hit that names @hv with @rank, at the signal's listed weight. */
static inline void vmfence_sig_hit(struct vmfence_signal *s,
				   enum vmfence_hv hv, enum vmfence_rank rank)
{
	s->state = VMFENCE_SIG_HIT;
	s->hv = hv;
	s->rank = rank;
}

/* A hit on an identifier, which may weigh less than the signal's listing. */
static inline void vmfence_sig_hit_attr(struct vmfence_signal *s,
					const struct vmfence_id_attr *a)
{
	vmfence_sig_hit(s, a->hv, a->rank);
	if (a->weight < s->weight)
		s->weight = a->weight;
}

void vmfence_eval_cpu(const struct vmfence_facts *f, struct vmfence_signal *sigs);
void vmfence_eval_realism(const struct vmfence_facts *f,
			  struct vmfence_signal *sigs);
void vmfence_eval_firmware(const struct vmfence_facts *f,
			   struct vmfence_signal *sigs);
void vmfence_eval_devices(const struct vmfence_facts *f,
			  struct vmfence_signal *sigs);
void vmfence_eval_kernel(const struct vmfence_facts *f,
			 struct vmfence_signal *sigs);
void vmfence_eval_cc(const struct vmfence_facts *f, struct vmfence_signal *sigs);

#endif /* VMFENCE_CORE_SIGEVAL_H */
