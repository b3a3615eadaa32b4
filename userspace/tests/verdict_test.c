// SPDX-License-Identifier: GPL-2.0
/* verdict_test.c - signals and the verdict on hand-built facts */

#include <stdlib.h>
#include <string.h>

#include "core/cpuid.h"
#include "core/decide.h"
#include "core/detect.h"
#include "tap.h"

static struct vmfence_facts *f;
static struct vmfence_verdict *v;
/* The verdict judged against a threshold, as every reader reports it. */
static struct vmfence_conclusion c;

static void reset(void)
{
	memset(f, 0, sizeof(*f));
}

static void leaf(u32 leaf, u32 eax, u32 ebx, u32 ecx, u32 edx)
{
	struct vmfence_cpuid_leaf l = { leaf, 0, eax, ebx, ecx, edx };

	vmfence_facts_add_cpuid(f, &l);
}

/* A hypervisor range base leaf carrying @sig. */
static void hv_leaf(u32 base, u32 max, const char *sig)
{
	u32 r[3] = { 0 };

	memcpy(r, sig, strnlen(sig, VMFENCE_SIG_LEN));
	leaf(base, max, r[0], r[1], r[2]);
}

static const struct vmfence_signal *sig(enum vmfence_signal_id id)
{
	return &v->signals[id];
}

static void detect_at(unsigned int threshold)
{
	struct vmfence_situation s;

	vmfence_detect(f, v);
	s = (struct vmfence_situation){
		.threshold = threshold, .confidence = v->confidence,
		.hv = v->hv, .cc = v->cc, .host = v->host,
	};
	vmfence_conclude(&s, &c);
}

static void detect(void)
{
	detect_at(VMFENCE_THRESHOLD_DEFAULT);
}

static void scoring(void)
{
	reset();
	detect();
	tap_ok(!c.virtualized && !v->confidence && c.hv == VMFENCE_HV_NONE,
	       "no facts: confidence 0, not virtualized");

	f->steal.state = VMFENCE_FACT_PRESENT;
	f->steal.ticks = 5;
	f->microcode.state = VMFENCE_FACT_PRESENT;
	f->microcode.rev = 1;
	detect();
	tap_ok(v->confidence == 79, "hits combine as independent evidence: 70 and 30 give 79 (%u)",
	       v->confidence);
	tap_ok(c.virtualized && c.hv == VMFENCE_HV_OTHER,
	       "virtualized on a hypervisor no signal names is vm-other");

	f->microcode.rev = 0x5003604;
	f->thermal.state = VMFENCE_FACT_PRESENT;
	detect();
	tap_ok(v->confidence == 70 && sig(VMFENCE_SIG_MICROCODE)->state == VMFENCE_SIG_MISS &&
	       sig(VMFENCE_SIG_NO_THERMAL)->state == VMFENCE_SIG_MISS,
	       "misses neither add nor subtract");

	detect_at(71);
	tap_ok(!c.virtualized && c.hv == VMFENCE_HV_NONE,
	       "below the threshold: not virtualized, hypervisor none");
	detect_at(70);
	tap_ok(c.virtualized, "at the threshold: virtualized");
}

static void cpuid_signatures(void)
{
	reset();
	leaf(0, 0x16, 0x756e6547, 0x6c65746e, 0x49656e69);
	leaf(0x40000000, 0x9c4, 0xe74, 0x64, 0);
	detect();
	tap_ok(sig(VMFENCE_SIG_CPUID_VENDOR)->state == VMFENCE_SIG_MISS,
	       "bare Intel answering 0x40000000 with its last basic leaf is no signature");

	reset();
	hv_leaf(0x40000000, 0x4000000b, "Microsoft Hv");
	detect();
	tap_ok(c.hv == VMFENCE_HV_MICROSOFT, "'Microsoft Hv' alone: microsoft");
	hv_leaf(0x40000100, 0x40000101, "KVMKVMKVM");
	detect();
	tap_ok(c.hv == VMFENCE_HV_KVM && strstr(sig(VMFENCE_SIG_CPUID_VENDOR)->detail,
						 "0x40000100 \"KVMKVMKVM\\0\\0\\0\""),
	       "Hyper-V interface plus KVM's leaf: kvm, both listed (%s)",
	       sig(VMFENCE_SIG_CPUID_VENDOR)->detail);

	reset();
	hv_leaf(0x40000000, 0, "KVMKVMKVM");
	detect();
	tap_ok(c.hv == VMFENCE_HV_KVM, "old KVM reporting EAX 0 still counts");

	reset();
	hv_leaf(0x40000000, 0x40000001, "NewHvNewHvNe");
	detect();
	tap_ok(c.virtualized && c.hv == VMFENCE_HV_OTHER &&
	       sig(VMFENCE_SIG_CPUID_VENDOR)->weight == 70,
	       "an unknown readable signature: vm-other at a lower weight");

	reset();
	hv_leaf(0x40000000, 0x40000001, "TCGTCGTCGTCG");
	leaf(1, 0x663, 0x800, 0x2001, 0x078bfbfd);
	detect();
	tap_ok(c.hv == VMFENCE_HV_QEMU && sig(VMFENCE_SIG_CPUID_HV_BIT)->state == VMFENCE_SIG_MISS,
	       "TCG's signature is read with the hypervisor bit clear");
}

static void attribution(void)
{
	reset();
	vmfence_facts_set_dmi(f, VMFENCE_DMI_SYS_VENDOR, "Amazon EC2");
	vmfence_facts_set_dmi(f, VMFENCE_DMI_PRODUCT_NAME, "m5.metal");
	detect();
	tap_ok(!c.virtualized && !v->confidence && sig(VMFENCE_SIG_DMI)->state == VMFENCE_SIG_HIT,
	       "a cloud's DMI strings alone prove nothing (.metal)");
	hv_leaf(0x40000000, 0x40000001, "KVMKVMKVM");
	detect();
	tap_ok(c.virtualized && c.hv == VMFENCE_HV_AMAZON,
	       "but name the platform of a proven VM: amazon");

	reset();
	vmfence_facts_set_dmi(f, VMFENCE_DMI_SYS_VENDOR, "Microsoft Corporation");
	vmfence_facts_set_dmi(f, VMFENCE_DMI_PRODUCT_NAME, "Surface Laptop 5");
	detect();
	tap_ok(sig(VMFENCE_SIG_DMI)->state == VMFENCE_SIG_MISS,
	       "Microsoft's vendor string without 'Virtual Machine' is no hit");
	vmfence_facts_set_dmi(f, VMFENCE_DMI_PRODUCT_NAME, "Virtual Machine");
	detect();
	tap_ok(c.hv == VMFENCE_HV_MICROSOFT, "with it: microsoft");

	reset();
	vmfence_facts_set_dmi(f, VMFENCE_DMI_SYS_VENDOR, "innotek GmbH");
	hv_leaf(0x40000000, 0x40000001, "KVMKVMKVM");
	detect();
	tap_ok(c.hv == VMFENCE_HV_ORACLE, "VirtualBox speaking KVM's interface: oracle");
}

static void devices(void)
{
	struct vmfence_pci_dev hw = { 0x1af4, 0x1041, 0x15b3, 0x0001, 0x020000 };
	struct vmfence_pci_dev emu = { 0x1af4, 0x1041, 0x1af4, 0x1100, 0x020000 };
	struct vmfence_pci_dev q35 = { 0x8086, 0x29c0, 0x1af4, 0x1100, 0x060000 };
	struct vmfence_pci_dev ena = { 0x1d0f, 0xec20, 0x1d0f, 0xec20, 0x020000 };

	reset();
	vmfence_facts_add_pci(f, &hw);
	f->virtio.state = VMFENCE_FACT_PRESENT;
	f->virtio.n = 1;
	detect();
	tap_ok(!v->confidence && sig(VMFENCE_SIG_PCI_HW_VIRTIO)->state == VMFENCE_SIG_HIT &&
	       sig(VMFENCE_SIG_VIRTIO_BUS)->state == VMFENCE_SIG_MISS,
	       "virtio in hardware (vDPA) explains the virtio bus: no evidence");
	vmfence_facts_add_pci(f, &emu);
	detect();
	tap_ok(sig(VMFENCE_SIG_PCI_VIRTIO)->state == VMFENCE_SIG_HIT &&
	       sig(VMFENCE_SIG_VIRTIO_BUS)->state == VMFENCE_SIG_HIT,
	       "emulated virtio beside it counts");

	reset();
	vmfence_facts_add_pci(f, &ena);
	vmfence_facts_add_pci(f, &q35);
	detect();
	tap_ok(sig(VMFENCE_SIG_PCI_QEMU_SUBSYS)->state == VMFENCE_SIG_HIT && c.hv == VMFENCE_HV_QEMU &&
	       sig(VMFENCE_SIG_PCI_DEVICE)->weight == 0,
	       "QEMU's chipset subsystem id hits; a Nitro device weighs nothing");

	reset();
	f->timing.state = VMFENCE_FACT_PRESENT;
	f->timing.cpuid_cycles = 640;
	f->timing.base_cycles = 40;
	detect();
	tap_ok(sig(VMFENCE_SIG_TIMING)->state == VMFENCE_SIG_MISS,
	       "CPUID 600 cycles above the baseline is still bare metal");
	f->timing.cpuid_cycles = 641;
	detect();
	tap_ok(sig(VMFENCE_SIG_TIMING)->state == VMFENCE_SIG_HIT, "601 above is an exit");
}

static void confidential(void)
{
	reset();
	f->cc.state = VMFENCE_FACT_PRESENT;
	f->cc.flags = VMFENCE_CCF_SEV_STATUS;
	f->cc.sev_status = VMFENCE_SEV_ENABLED | VMFENCE_SEV_ES_ENABLED;
	detect();
	tap_ok(v->cc == VMFENCE_CC_SEV_ES && c.virtualized && v->confidence == 99,
	       "sev_status SEV|ES: sev-es, virtualized");
	f->cc.flags |= VMFENCE_CCF_SEV_GUEST;
	detect();
	tap_ok(v->cc == VMFENCE_CC_SEV_SNP, "an SNP guest device makes it sev-snp");

	reset();
	hv_leaf(0x40000000, 0x4000000c, "Microsoft Hv");
	leaf(0x4000000c, 1, 1, 0, 0);
	detect();
	tap_ok(v->cc == VMFENCE_CC_HYPERV && c.hv == VMFENCE_HV_MICROSOFT,
	       "Hyper-V VBS isolation: hyperv");

	reset();
	leaf(0, 0x21, 0x756e6547, 0x6c65746e, 0x49656e69);
	leaf(0x21, 0, 0x65746e49, 0x20202020, 0x5844546c);
	detect();
	tap_ok(v->cc == VMFENCE_CC_TDX, "CPUID 0x21 'IntelTDX    ': tdx");
}

static void kernel_view(void)
{
	reset();
	f->cpu.state = VMFENCE_FACT_PRESENT;
	f->cpu.flags = VMFENCE_CPU_HYPERVISOR;
	f->cpu.family = 6;
	f->cpu.model = 85;
	f->cpu.stepping = 7;
	leaf(1, 0x50657, 0x400800, 0x7ffefbff, 0xbfebfbff);
	detect();
	tap_ok(sig(VMFENCE_SIG_BOOT_MISMATCH)->state == VMFENCE_SIG_HIT,
	       "hypervisor bit at boot but not now: mismatch (%s)",
	       sig(VMFENCE_SIG_BOOT_MISMATCH)->detail);
	f->cpu.flags = 0;
	detect();
	tap_ok(sig(VMFENCE_SIG_BOOT_MISMATCH)->state == VMFENCE_SIG_MISS,
	       "boot and now agree: no mismatch");

	reset();
	f->sys_hypervisor.state = VMFENCE_FACT_PRESENT;
	strcpy(f->sys_hypervisor.type, "xen");
	f->xen.state = VMFENCE_FACT_PRESENT;
	f->xen.control_domain = true;
	detect();
	tap_ok(!c.virtualized && c.role == VMFENCE_ROLE_HOST &&
	       v->host == VMFENCE_HV_XEN &&
	       sig(VMFENCE_SIG_XEN_DOM0)->state == VMFENCE_SIG_HIT &&
	       !sig(VMFENCE_SIG_SYS_HYPERVISOR)->weight,
	       "Xen's control domain is Xen's host partition, not virtualized");
	f->dmi.state = VMFENCE_FACT_PRESENT;
	strcpy(f->dmi.str[VMFENCE_DMI_SYS_VENDOR], "QEMU");
	detect();
	tap_ok(c.virtualized && c.role == VMFENCE_ROLE_GUEST,
	       "a control domain on emulated firmware is still a guest");
}

int main(void)
{
	f = calloc(1, sizeof(*f));
	v = calloc(1, sizeof(*v));
	if (!f || !v)
		return 1;
	scoring();
	cpuid_signatures();
	attribution();
	devices();
	confidential();
	kernel_view();
	free(f);
	free(v);
	return tap_done();
}
