// SPDX-License-Identifier: GPL-2.0
/* sig_firmware.c - signals from firmware: SMBIOS/DMI, ACPI, device tree */

#include "sigeval.h"

static void eval_dmi(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	const struct vmfence_dmi_id *d;

	if (!vmfence_known(f->dmi.state))
		return;
	if (f->dmi.state == VMFENCE_FACT_ABSENT) {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail), "no SMBIOS");
		return;
	}
	d = vmfence_id_dmi(f);
	if (!d) {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail), "%s \"%.40s\", %s \"%.40s\"",
			 vmfence_dmi_field_name(VMFENCE_DMI_SYS_VENDOR),
			 f->dmi.str[VMFENCE_DMI_SYS_VENDOR],
			 vmfence_dmi_field_name(VMFENCE_DMI_PRODUCT_NAME),
			 f->dmi.str[VMFENCE_DMI_PRODUCT_NAME]);
		return;
	}
	vmfence_sig_hit_attr(s, &d->id.attr);
	snprintf(s->detail, sizeof(s->detail), "%s \"%s\"%s",
		 vmfence_dmi_field_name(d->field), f->dmi.str[d->field],
		 d->id.attr.weight ? "" : " (also on bare metal)");
}

static void eval_smbios(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	if (f->smbios.state != VMFENCE_FACT_PRESENT)
		return;
	snprintf(s->detail, sizeof(s->detail),
		 "SMBIOS type 0 \"virtual machine\" characteristic %s",
		 f->smbios.vm_bit ? "set" : "clear");
	if (f->smbios.vm_bit)
		vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	else
		vmfence_sig_miss(s);
}

/* Every x86 machine built this century has SMBIOS and ACPI tables. */
static void eval_firmware_missing(const struct vmfence_facts *f,
				  struct vmfence_signal *s)
{
	bool no_dmi = f->dmi.state == VMFENCE_FACT_ABSENT;
	bool no_acpi = f->acpi.state == VMFENCE_FACT_ABSENT;

	if (!vmfence_known(f->cpuid.state) ||
	    (!vmfence_known(f->dmi.state) && !vmfence_known(f->acpi.state)))
		return;
	if (!no_dmi && !no_acpi) {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail), "SMBIOS and ACPI %s",
			 f->dmi.state == VMFENCE_FACT_UNKNOWN ||
			 f->acpi.state == VMFENCE_FACT_UNKNOWN ?
			 "not known missing" : "present");
		return;
	}
	snprintf(s->detail, sizeof(s->detail), "x86 without %s",
		 no_dmi && no_acpi ? "SMBIOS or ACPI" : no_dmi ? "SMBIOS" : "ACPI");
	vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
}

static void eval_acpi(const struct vmfence_facts *f, struct vmfence_signal *oem,
		      struct vmfence_signal *waet)
{
	const struct vmfence_acpi_id *id, *best = NULL;
	const struct vmfence_acpi_table *t, *where = NULL;
	u32 i;

	if (!vmfence_known(f->acpi.state))
		return;
	vmfence_sig_miss(oem);
	vmfence_sig_miss(waet);
	snprintf(oem->detail, sizeof(oem->detail),
		 "%u tables, no hypervisor's OEM id", f->acpi.n);
	snprintf(waet->detail, sizeof(waet->detail), "no WAET table");
	for (i = 0; i < f->acpi.n; i++) {
		t = &f->acpi.tables[i];
		if (!strcmp(t->signature, "WAET")) {
			vmfence_sig_hit(waet, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
			snprintf(waet->detail, sizeof(waet->detail),
				 "WAET table from \"%s\"", t->oem_id);
		}
		id = vmfence_id_acpi(t);
		if (id && vmfence_id_attr_better(&id->id.attr,
						 best ? &best->id.attr : NULL)) {
			best = id;
			where = t;
		}
	}
	if (!best)
		return;
	vmfence_sig_hit_attr(oem, &best->id.attr);
	snprintf(oem->detail, sizeof(oem->detail),
		 "%s oem_id \"%s\" oem_table_id \"%s\" creator \"%s\"",
		 where->signature, where->oem_id, where->oem_table_id,
		 where->creator_id);
}

static void eval_acpi_device(const struct vmfence_facts *f,
			     struct vmfence_signal *s)
{
	const struct vmfence_str_id *id, *best = NULL;
	u32 i;

	if (!vmfence_known(f->acpi_dev.state))
		return;
	vmfence_sig_miss(s);
	snprintf(s->detail, sizeof(s->detail),
		 "no virtual platform's ACPI device");
	for (i = 0; i < f->acpi_dev.n; i++) {
		id = vmfence_id_acpi_hid(f->acpi_dev.hid[i]);
		if (!id || !vmfence_id_attr_better(&id->attr,
						   best ? &best->attr : NULL))
			continue;
		best = id;
		snprintf(s->detail, sizeof(s->detail), "ACPI device %s",
			 f->acpi_dev.hid[i]);
	}
	if (best)
		vmfence_sig_hit_attr(s, &best->attr);
}

static void eval_devtree(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	if (!vmfence_known(f->devtree.state))
		return;
	if (!f->devtree.hypervisor_node) {
		vmfence_sig_miss(s);
		snprintf(s->detail, sizeof(s->detail), "%s",
			 f->devtree.state == VMFENCE_FACT_PRESENT ?
			 "no /hypervisor node" : "no device tree");
		return;
	}
	snprintf(s->detail, sizeof(s->detail), "/hypervisor compatible \"%s\"",
		 f->devtree.compatible);
	if (!strncmp(f->devtree.compatible, "xen,", 4))
		vmfence_sig_hit(s, VMFENCE_HV_XEN, VMFENCE_RANK_PRODUCT);
	else
		vmfence_sig_hit(s, VMFENCE_HV_OTHER, VMFENCE_RANK_HINT);
}

/**
 * vmfence_eval_firmware() - evaluate the firmware signals
 * @f: the facts
 * @sigs: all signals; fills DMI, SMBIOS, ACPI and device-tree ones
 */
void vmfence_eval_firmware(const struct vmfence_facts *f,
			   struct vmfence_signal *sigs)
{
	eval_dmi(f, &sigs[VMFENCE_SIG_DMI]);
	eval_smbios(f, &sigs[VMFENCE_SIG_SMBIOS_VM]);
	eval_firmware_missing(f, &sigs[VMFENCE_SIG_FIRMWARE_MISSING]);
	eval_acpi(f, &sigs[VMFENCE_SIG_ACPI_OEM], &sigs[VMFENCE_SIG_ACPI_WAET]);
	eval_acpi_device(f, &sigs[VMFENCE_SIG_ACPI_DEVICE]);
	eval_devtree(f, &sigs[VMFENCE_SIG_DEVTREE]);
}
