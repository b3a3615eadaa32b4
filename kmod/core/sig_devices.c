// SPDX-License-Identifier: GPL-2.0
/* sig_devices.c - signals from devices: PCI, virtio, VMBus, xenbus, NICs, TPM */

#include <linux/vmfence.h>

#include "sigeval.h"

#define PCI_VENDOR_VIRTIO	0x1af4
#define PCI_VENDOR_QEMU		0x1b36
#define PCI_SUBSYS_QEMU		0x1100

/*
 * Virtio in a VM carries the emulator's subsystem vendor; virtio functions
 * of hardware (vDPA NICs, DPUs) carry their maker's.
 */
static bool emulated_virtio(const struct vmfence_pci_dev *d)
{
	return d->subvendor == PCI_VENDOR_VIRTIO || d->subvendor == PCI_VENDOR_QEMU;
}

static void pci_detail(struct vmfence_signal *s, const struct vmfence_pci_dev *d,
		       const char *what)
{
	snprintf(s->detail, sizeof(s->detail),
		 "pci %04x:%04x subsystem %04x:%04x: %s", d->vendor, d->device,
		 d->subvendor, d->subdevice, what);
}

static void eval_pci(const struct vmfence_facts *f, struct vmfence_signal *sigs)
{
	struct vmfence_signal *dev = &sigs[VMFENCE_SIG_PCI_DEVICE];
	struct vmfence_signal *virtio = &sigs[VMFENCE_SIG_PCI_VIRTIO];
	struct vmfence_signal *qemu = &sigs[VMFENCE_SIG_PCI_QEMU_SUBSYS];
	struct vmfence_signal *hw = &sigs[VMFENCE_SIG_PCI_HW_VIRTIO];
	const struct vmfence_pci_id *id, *best = NULL;
	const struct vmfence_pci_dev *d, *best_dev = NULL;
	u32 i;

	if (!vmfence_known(f->pci.state))
		return;
	vmfence_sig_miss(dev);
	vmfence_sig_miss(virtio);
	vmfence_sig_miss(qemu);
	vmfence_sig_miss(hw);
	snprintf(dev->detail, sizeof(dev->detail),
		 "%u functions, none a virtual platform's", f->pci.n);
	snprintf(virtio->detail, sizeof(virtio->detail), "no emulated virtio");
	snprintf(qemu->detail, sizeof(qemu->detail), "no QEMU subsystem id");
	snprintf(hw->detail, sizeof(hw->detail), "no virtio in hardware");
	for (i = 0; i < f->pci.n; i++) {
		d = &f->pci.devs[i];
		id = vmfence_id_pci(d);
		if (id && vmfence_id_attr_better(&id->attr, best ? &best->attr : NULL)) {
			best = id;
			best_dev = d;
		}
		if (d->vendor == PCI_VENDOR_VIRTIO && emulated_virtio(d) &&
		    virtio->state != VMFENCE_SIG_HIT) {
			vmfence_sig_hit(virtio, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
			pci_detail(virtio, d, "emulated virtio");
		}
		if (d->vendor == PCI_VENDOR_VIRTIO && !emulated_virtio(d) &&
		    hw->state != VMFENCE_SIG_HIT) {
			vmfence_sig_hit(hw, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
			pci_detail(hw, d, "virtio in hardware, not evidence");
		}
		if (d->vendor != PCI_VENDOR_VIRTIO &&
		    d->subvendor == PCI_VENDOR_VIRTIO &&
		    d->subdevice == PCI_SUBSYS_QEMU && qemu->state != VMFENCE_SIG_HIT) {
			vmfence_sig_hit(qemu, VMFENCE_HV_QEMU, VMFENCE_RANK_EMULATOR);
			pci_detail(qemu, d, "QEMU's subsystem id");
		}
	}
	if (best) {
		vmfence_sig_hit_attr(dev, &best->attr);
		pci_detail(dev, best_dev, best->name);
	}
}

/*
 * Devices on the virtio bus, unless hardware virtio functions explain them
 * and nothing else (emulated PCI virtio, virtio-mmio) does.
 */
static void eval_virtio_bus(const struct vmfence_facts *f,
			    struct vmfence_signal *sigs)
{
	struct vmfence_signal *s = &sigs[VMFENCE_SIG_VIRTIO_BUS];

	if (!vmfence_known(f->virtio.state))
		return;
	vmfence_sig_miss(s);
	snprintf(s->detail, sizeof(s->detail), "no virtio devices");
	if (!f->virtio.n)
		return;
	snprintf(s->detail, sizeof(s->detail), "%u virtio devices", f->virtio.n);
	if (sigs[VMFENCE_SIG_PCI_HW_VIRTIO].state == VMFENCE_SIG_HIT &&
	    sigs[VMFENCE_SIG_PCI_VIRTIO].state != VMFENCE_SIG_HIT &&
	    !f->virtio_mmio.n) {
		snprintf(s->detail, sizeof(s->detail),
			 "%u virtio devices, all on hardware virtio", f->virtio.n);
		return;
	}
	vmfence_sig_hit(s, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
}

static void eval_bus(struct vmfence_signal *s, enum vmfence_fact_state state,
		     u32 n, const char *what,
		     enum vmfence_hv hv, enum vmfence_rank rank)
{
	if (!vmfence_known(state))
		return;
	snprintf(s->detail, sizeof(s->detail), "%u %s devices", n, what);
	if (!n) {
		vmfence_sig_miss(s);
		return;
	}
	vmfence_sig_hit(s, hv, rank);
}

static void eval_mac(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	const struct vmfence_id_attr *a;
	const u8 *m;
	u32 i;

	if (!vmfence_known(f->net.state))
		return;
	vmfence_sig_miss(s);
	snprintf(s->detail, sizeof(s->detail),
		 "%u NICs, no hypervisor's OUI", f->net.n);
	for (i = 0; i < f->net.n; i++) {
		m = f->net.mac[i];
		a = vmfence_id_mac(m);
		if (!a)
			continue;
		vmfence_sig_hit_attr(s, a);
		snprintf(s->detail, sizeof(s->detail),
			 "NIC %02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
			 m[3], m[4], m[5]);
		return;
	}
}

static void eval_tpm(const struct vmfence_facts *f, struct vmfence_signal *s)
{
	const struct vmfence_id_attr *a;
	u32 m = f->tpm.manufacturer;
	char name[5];

	if (!vmfence_known(f->tpm.state))
		return;
	vmfence_sig_miss(s);
	if (f->tpm.state == VMFENCE_FACT_ABSENT) {
		snprintf(s->detail, sizeof(s->detail), "no TPM");
		return;
	}
	snprintf(s->detail, sizeof(s->detail), "TPM manufacturer 0x%08x \"%s\"",
		 m, vmfence_tpm_manufacturer(m, name));
	a = vmfence_id_tpm(m);
	if (a)
		vmfence_sig_hit_attr(s, a);
}

/*
 * The TPM's identity (kmod/probe/tpm.c): a virtual TPM's EK certificate, a
 * TPM that cannot prove it holds its certified EK, PCRs the boot log does
 * not explain, and, as counter-evidence, a proven hardware EK.
 */
static void eval_tpm_identity(const struct vmfence_facts *f,
			      struct vmfence_signal *sigs)
{
	const struct vmfence_tpm_identity *id = &f->tpm.id;
	struct vmfence_signal *ek = &sigs[VMFENCE_SIG_TPM_EK];
	struct vmfence_signal *pos = &sigs[VMFENCE_SIG_TPM_POSSESSION];
	struct vmfence_signal *log = &sigs[VMFENCE_SIG_TPM_EVENTLOG];
	struct vmfence_signal *hw = &sigs[VMFENCE_SIG_TPM_HARDWARE];

	if (f->tpm.state == VMFENCE_FACT_ABSENT) {
		vmfence_sig_miss(ek);
		vmfence_sig_miss(pos);
		vmfence_sig_miss(log);
		vmfence_sig_miss(hw);
		return;
	}
	if (id->state != VMFENCE_FACT_PRESENT)
		return;
	vmfence_sig_miss(ek);
	vmfence_sig_miss(pos);
	vmfence_sig_miss(log);
	vmfence_sig_miss(hw);
	snprintf(ek->detail, sizeof(ek->detail), "%s", id->class_detail);
	snprintf(pos->detail, sizeof(pos->detail), "%s", id->possession_detail);
	snprintf(log->detail, sizeof(log->detail), "%s", id->eventlog_detail);
	if (id->class == VMFENCE_TPM_CLASS_VIRTUAL)
		vmfence_sig_hit(ek, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	if (id->possession == VMFENCE_TPM_POSSESSION_FAILED)
		vmfence_sig_hit(pos, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	if (id->eventlog == VMFENCE_TPM_EVENTLOG_MISMATCH)
		vmfence_sig_hit(log, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
	if (id->class == VMFENCE_TPM_CLASS_HARDWARE &&
	    id->possession == VMFENCE_TPM_POSSESSION_PROVEN &&
	    id->eventlog != VMFENCE_TPM_EVENTLOG_MISMATCH) {
		vmfence_sig_hit(hw, VMFENCE_HV_NONE, VMFENCE_RANK_NONE);
		snprintf(hw->detail, sizeof(hw->detail),
			 "hardware EK, possession proven: weak groups count at most %u",
			 VMFENCE_GROUP_CAP_HW_TPM);
	}
}

/**
 * vmfence_eval_devices() - evaluate the device signals
 * @f: the facts
 * @sigs: all signals; fills PCI, virtio, VMBus, xenbus, MAC and TPM ones
 *	(the manufacturer, and the identity's four)
 */
void vmfence_eval_devices(const struct vmfence_facts *f,
			  struct vmfence_signal *sigs)
{
	eval_pci(f, sigs);
	eval_virtio_bus(f, sigs);
	eval_bus(&sigs[VMFENCE_SIG_VIRTIO_MMIO], f->virtio_mmio.state,
		 f->virtio_mmio.n, "virtio-mmio", VMFENCE_HV_NONE,
		 VMFENCE_RANK_NONE);
	eval_bus(&sigs[VMFENCE_SIG_VMBUS], f->vmbus.state, f->vmbus.n,
		 "VMBus", VMFENCE_HV_MICROSOFT, VMFENCE_RANK_IFACE_HV);
	eval_bus(&sigs[VMFENCE_SIG_XENBUS], f->xenbus.state, f->xenbus.n,
		 "xenbus", VMFENCE_HV_XEN, VMFENCE_RANK_PRODUCT);
	eval_mac(f, &sigs[VMFENCE_SIG_MAC_OUI]);
	eval_tpm(f, &sigs[VMFENCE_SIG_TPM]);
	eval_tpm_identity(f, sigs);
}
