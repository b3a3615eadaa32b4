// SPDX-License-Identifier: GPL-2.0
/*
 * sig_kernel.c - signals from what the kernel found at boot: its hypervisor
 * type, paravirt clock and steal time, /sys/hypervisor, xenfs
 */

#include "sigeval.h"

static void eval_hyper_type(const struct vmfence_facts *f,
			    struct vmfence_signal *hyper, struct vmfence_signal *pv)
{
	const struct vmfence_str_id *id;

	if (f->kernel.state != VMFENCE_FACT_PRESENT)
		return;
	snprintf(hyper->detail, sizeof(hyper->detail), "x86_hyper_type %s",
		 f->kernel.hyper_type);
	id = vmfence_id_hyper_type(f->kernel.hyper_type);
	if (id)
		vmfence_sig_hit_attr(hyper, &id->attr);
	else
		vmfence_sig_miss(hyper);

	snprintf(pv->detail, sizeof(pv->detail), "pv_info \"%s\"",
		 f->kernel.pv_name);
	if (f->kernel.pv_name[0] && strcmp(f->kernel.pv_name, "bare hardware"))
		vmfence_sig_hit(pv, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	else
		vmfence_sig_miss(pv);
}

/* The first paravirtual clock among the space-separated clocksources. */
static void eval_clock(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	const char *p = f->clock.available;
	const struct vmfence_str_id *id;
	char name[32];
	size_t len;

	if (!vmfence_known(f->clock.state))
		return;
	vmfence_sig_miss(s);
	snprintf(s->detail, sizeof(s->detail), "clocksources \"%.100s\"",
		 f->clock.available);
	while (*p) {
		len = strcspn(p, " ");
		if (len && len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = '\0';
			id = vmfence_id_clocksource(name);
			if (id) {
				vmfence_sig_hit_attr(s, &id->attr);
				snprintf(s->detail, sizeof(s->detail),
					 "clocksource %s", name);
				return;
			}
		}
		p += len;
		p += strspn(p, " ");
	}
}

static void eval_steal(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	if (f->steal.state != VMFENCE_FACT_PRESENT)
		return;
	snprintf(s->detail, sizeof(s->detail), "%llu ticks of steal time",
		 (unsigned long long)f->steal.ticks);
	if (f->steal.ticks)
		vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	else
		vmfence_sig_miss(s);
}

static void eval_sys_hypervisor(const struct vmfence_facts *f,
				struct vmfence_signal *s)
{
	if (!vmfence_known(f->sys_hypervisor.state))
		return;
	if (f->sys_hypervisor.state == VMFENCE_FACT_ABSENT ||
	    !f->sys_hypervisor.type[0]) {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail), "no /sys/hypervisor/type");
		return;
	}
	snprintf(s->detail, sizeof(s->detail), "/sys/hypervisor/type \"%s\"",
		 f->sys_hypervisor.type);
	if (!strcmp(f->sys_hypervisor.type, "xen"))
		vmfence_sig_hit(s, VMFENCE_HV_XEN, VMFENCE_RANK_PRODUCT);
	else
		vmfence_sig_hit(s, VMFENCE_HV_OTHER, VMFENCE_RANK_HINT);
}

/*
 * Xen's control domain (dom0) is the host partition of the Xen hypervisor
 * that runs on this hardware: the hit names Xen as the host, and
 * vmfence_weigh() discounts what the hypervisor's presence explains (see
 * Documentation/detection.rst, Host partitions).
 */
static void eval_xen_dom0(const struct vmfence_facts *f,
			  struct vmfence_signal *s)
{
	if (!vmfence_known(f->xen.state))
		return;
	if (f->xen.state == VMFENCE_FACT_ABSENT || !f->xen.control_domain) {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail), "%s",
			 f->xen.state == VMFENCE_FACT_PRESENT ?
			 "Xen guest domain" : "no /proc/xen");
		return;
	}
	vmfence_sig_hit(s, VMFENCE_HV_XEN, VMFENCE_RANK_PRODUCT);
	snprintf(s->detail, sizeof(s->detail),
		 "Xen control domain (dom0): the host partition");
}

/**
 * vmfence_eval_kernel() - evaluate the signals of the kernel's own view
 * @f: the facts
 * @sigs: all signals; fills hypervisor type, paravirt, clock, steal time,
 *	/sys/hypervisor and Xen domain ones
 */
void vmfence_eval_kernel(const struct vmfence_facts *f,
			 struct vmfence_signal *sigs)
{
	eval_hyper_type(f, &sigs[VMFENCE_SIG_KERNEL_HYPER],
			&sigs[VMFENCE_SIG_KERNEL_PV]);
	eval_clock(f, &sigs[VMFENCE_SIG_PV_CLOCK]);
	eval_steal(f, &sigs[VMFENCE_SIG_STEAL_TIME]);
	eval_sys_hypervisor(f, &sigs[VMFENCE_SIG_SYS_HYPERVISOR]);
	eval_xen_dom0(f, &sigs[VMFENCE_SIG_XEN_DOM0]);
}
