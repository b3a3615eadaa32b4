/* SPDX-License-Identifier: GPL-2.0 */
/*
 * facts.h - everything detection reads, as plain bounded data
 *
 * A struct vmfence_facts is filled by one of three readers: the live kernel
 * (kmod/probe/), live userspace, or a snapshot directory (userspace/envread.c),
 * and then judged by vmfence_detect(). It holds no pointers and no host
 * types, so that it can be kzalloc'd in the kernel, filled in userspace, and
 * written out as a C initialiser for the KUnit tables.
 *
 * Every group starts with a state. Zero is VMFENCE_FACT_UNKNOWN, so a zeroed
 * struct knows nothing: a group that a reader could not read (a probe that
 * cannot run on this kernel, a file missing from a snapshot) stays unknown
 * and its signals are reported as unknown, never as "not hit".
 */
#ifndef VMFENCE_CORE_FACTS_H
#define VMFENCE_CORE_FACTS_H

#include "port.h"

#define VMFENCE_CPUID_MAX	64
#define VMFENCE_STR_LEN		64
#define VMFENCE_ACPI_MAX	32
#define VMFENCE_PCI_MAX		48
#define VMFENCE_MAC_MAX		16
#define VMFENCE_ACPI_DEV_MAX	24
#define VMFENCE_HID_LEN		9
#define VMFENCE_ACPI_HEADER_LEN	36

/**
 * enum vmfence_fact_state - what a reader learnt about one group of facts
 * @VMFENCE_FACT_UNKNOWN: not read; the values are meaningless
 * @VMFENCE_FACT_ABSENT: read, and the machine has none (no SMBIOS, no TPM...)
 * @VMFENCE_FACT_PRESENT: read; the values are valid
 */
enum vmfence_fact_state {
	VMFENCE_FACT_UNKNOWN,
	VMFENCE_FACT_ABSENT,
	VMFENCE_FACT_PRESENT,
};

#define VMFENCE_TPM_NAME_LEN	128
#define VMFENCE_TPM_DETAIL_LEN	96
#define VMFENCE_SHA256_LEN	32

/**
 * struct vmfence_tpm_identity - who the TPM says it is, and what it proved
 * @state: UNKNOWN until a live module established it (no snapshot has it),
 *	PRESENT once it did; the other fields are valid only then
 * @class: enum vmfence_tpm_class: who issued the EK certificate
 * @possession: enum vmfence_tpm_possession: whether the TPM holds its key
 * @eventlog: enum vmfence_tpm_eventlog: the boot log replayed on the PCRs
 * @have_ek: an EK certificate was read; @ek_sha256, @issuer, @subject valid
 * @ek_sha256: SHA-256 of the EK certificate's SubjectPublicKeyInfo (DER)
 * @issuer: the EK certificate's issuer, "CN=...,O=..." (RFC 4514 order)
 * @subject: its subject, likewise ("" for the TCG profile's empty subject)
 * @class_detail: the chain's result, for humans
 * @possession_detail: why possession was or was not proven, for humans
 * @eventlog_detail: the first PCR that differed, or why the log was not read
 */
struct vmfence_tpm_identity {
	u8 state;
	u8 class;
	u8 possession;
	u8 eventlog;
	bool have_ek;
	u8 ek_sha256[VMFENCE_SHA256_LEN];
	char issuer[VMFENCE_TPM_NAME_LEN];
	char subject[VMFENCE_TPM_NAME_LEN];
	char class_detail[VMFENCE_TPM_DETAIL_LEN];
	char possession_detail[VMFENCE_TPM_DETAIL_LEN];
	char eventlog_detail[VMFENCE_TPM_DETAIL_LEN];
};

/* One CPUID result. */
struct vmfence_cpuid_leaf {
	u32 leaf;
	u32 subleaf;
	u32 eax;
	u32 ebx;
	u32 ecx;
	u32 edx;
};

enum vmfence_dmi_field {
	VMFENCE_DMI_SYS_VENDOR,
	VMFENCE_DMI_PRODUCT_NAME,
	VMFENCE_DMI_PRODUCT_VERSION,
	VMFENCE_DMI_BOARD_VENDOR,
	VMFENCE_DMI_BOARD_NAME,
	VMFENCE_DMI_BIOS_VENDOR,
	VMFENCE_DMI_BIOS_VERSION,
	VMFENCE_DMI_CHASSIS_VENDOR,
	VMFENCE_DMI_CHASSIS_TYPE,
	VMFENCE_DMI_COUNT
};

/* The identifying part of an ACPI table header, NUL-terminated. */
struct vmfence_acpi_table {
	char signature[5];
	char oem_id[7];
	char oem_table_id[9];
	char creator_id[5];
};

struct vmfence_pci_dev {
	u16 vendor;
	u16 device;
	u16 subvendor;
	u16 subdevice;
	u32 class;
};

/* Flags of interest from the boot CPU's capabilities (/proc/cpuinfo). */
#define VMFENCE_CPU_HYPERVISOR	0x1u
#define VMFENCE_CPU_VMX		0x2u
#define VMFENCE_CPU_SVM		0x4u
#define VMFENCE_CPU_TDX_GUEST	0x8u

/* Confidential-computing evidence, beyond what CPUID says. */
#define VMFENCE_CCF_SEV_STATUS	0x1u	/* @sev_status is valid */
#define VMFENCE_CCF_SEV_GUEST	0x2u	/* SEV-SNP guest device exists */
#define VMFENCE_CCF_TDX_GUEST	0x4u	/* the kernel runs as a TDX guest */
#define VMFENCE_CCF_MEM_ENCRYPT	0x8u	/* guest memory encryption active */

/* sev_status (MSR 0xc0010131) bits. */
#define VMFENCE_SEV_ENABLED	0x1ull
#define VMFENCE_SEV_ES_ENABLED	0x2ull
#define VMFENCE_SEV_SNP_ENABLED	0x4ull

/**
 * struct vmfence_facts - the machine as detection sees it
 * @cpuid: CPUID now, the leaves vmfence_cpuid_wanted() keeps
 * @cpuid.state: PRESENT once read (there is no ABSENT on x86)
 * @cpuid.n: entries used in @cpuid.leaves
 * @cpuid.leaves: the results, in the order read
 * @cpu: the kernel's view of the boot CPU (boot_cpu_data, /proc/cpuinfo)
 * @cpu.state: PRESENT once read
 * @cpu.family: x86 family as the kernel decoded it at boot
 * @cpu.model: x86 model, likewise
 * @cpu.stepping: x86 stepping, likewise
 * @cpu.flags: VMFENCE_CPU_* flags the kernel set at boot
 * @cpu.model_name: the brand string the kernel saw at boot
 * @microcode: the microcode revision; ABSENT when the kernel has none
 * @microcode.rev: the revision
 * @thermal: thermal sensors: PRESENT when a thermal MSR reads or a CPU
 *	thermal driver is bound, ABSENT when the read faults or no sensor exists
 * @dmi: DMI strings; ABSENT on a machine without SMBIOS
 * @dmi.str: one string per enum vmfence_dmi_field, "" when the field is unset
 * @smbios: SMBIOS type 0 (BIOS information); PRESENT when it was read
 * @smbios.vm_bit: BIOS characteristics extension byte 2, bit 4: "virtual
 *	machine"
 * @acpi: ACPI tables; ABSENT on a machine without ACPI
 * @acpi_dev: hardware ids (_HID) of ACPI namespace devices, each once;
 *	the standard PNP*, LNX* and ACPI* ids are not kept
 * @pci: PCI functions; ABSENT when there is no PCI bus
 * @net: MAC addresses of NICs backed by a device (bridges, taps and other
 *	software interfaces are not listed)
 * @tpm: the TPM; ABSENT when there is none, PRESENT with @tpm.manufacturer
 *	(the TPM_PT_MANUFACTURER value, four ASCII bytes, big-endian) when it
 *	could be read
 * @tpm.id: its identity (EK certificate, possession, event log); only the
 *	live module fills it, a zeroed one says "no EK certificate read"
 * @sys_hypervisor: /sys/hypervisor/type
 * @xen: /proc/xen (xenfs); @xen.control_domain when its capabilities say
 *	control_d
 * @kernel: the kernel's own conclusion (x86_hyper_type, pv_info); only the
 *	live module can fill it
 * @kernel.hyper_type: "native", "vmware", "ms_hyperv", "xen_pv", "xen_hvm",
 *	"kvm", "jailhouse" or "acrn"
 * @kernel.pv_name: pv_info.name, "bare hardware" when native
 * @clock: the registered clocksources, space-separated
 * @steal: steal time accounted since boot, in clock ticks
 * @virtio: devices on the virtio bus (PCI, MMIO and vDPA transports alike)
 * @virtio_mmio: virtio-mmio transports (platform devices)
 * @vmbus: devices on Hyper-V's VMBus
 * @xenbus: devices on the Xen bus
 * @timing: medians of the cycles taken by CPUID and by a non-exiting
 *	instruction sequence of similar length, in TSC cycles
 * @cc: confidential-computing evidence beyond CPUID (VMFENCE_CCF_*)
 * @cc.sev_status: MSR_AMD64_SEV, valid with VMFENCE_CCF_SEV_STATUS
 * @devtree: the device tree; @devtree.hypervisor_node when it has a
 *	/hypervisor node, whose compatible string is @devtree.compatible
 *
 * Sizes are bounded; a reader that finds more than fits keeps the first.
 */
struct vmfence_facts {
	struct {
		enum vmfence_fact_state state;
		u32 n;
		struct vmfence_cpuid_leaf leaves[VMFENCE_CPUID_MAX];
	} cpuid;
	struct {
		enum vmfence_fact_state state;
		u32 family;
		u32 model;
		u32 stepping;
		u32 flags;
		char model_name[VMFENCE_STR_LEN];
	} cpu;
	struct {
		enum vmfence_fact_state state;
		u32 rev;
	} microcode;
	struct {
		enum vmfence_fact_state state;
	} thermal;
	struct {
		enum vmfence_fact_state state;
		char str[VMFENCE_DMI_COUNT][VMFENCE_STR_LEN];
	} dmi;
	struct {
		enum vmfence_fact_state state;
		bool vm_bit;
	} smbios;
	struct {
		enum vmfence_fact_state state;
		u32 n;
		struct vmfence_acpi_table tables[VMFENCE_ACPI_MAX];
	} acpi;
	struct {
		enum vmfence_fact_state state;
		u32 n;
		char hid[VMFENCE_ACPI_DEV_MAX][VMFENCE_HID_LEN];
	} acpi_dev;
	struct {
		enum vmfence_fact_state state;
		u32 n;
		struct vmfence_pci_dev devs[VMFENCE_PCI_MAX];
	} pci;
	struct {
		enum vmfence_fact_state state;
		u32 n;
		u8 mac[VMFENCE_MAC_MAX][6];
	} net;
	struct {
		enum vmfence_fact_state state;
		u32 manufacturer;
		struct vmfence_tpm_identity id;
	} tpm;
	struct {
		enum vmfence_fact_state state;
		char type[16];
	} sys_hypervisor;
	struct {
		enum vmfence_fact_state state;
		bool control_domain;
	} xen;
	struct {
		enum vmfence_fact_state state;
		char hyper_type[16];
		char pv_name[32];
	} kernel;
	struct {
		enum vmfence_fact_state state;
		char available[128];
	} clock;
	struct {
		enum vmfence_fact_state state;
		u64 ticks;
	} steal;
	struct {
		enum vmfence_fact_state state;
		u32 n;
	} virtio, virtio_mmio, vmbus, xenbus;
	struct {
		enum vmfence_fact_state state;
		u32 cpuid_cycles;
		u32 base_cycles;
	} timing;
	struct {
		enum vmfence_fact_state state;
		u32 flags;
		u64 sev_status;
	} cc;
	struct {
		enum vmfence_fact_state state;
		bool hypervisor_node;
		char compatible[32];
	} devtree;
};

bool vmfence_cpuid_wanted(u32 leaf, u32 subleaf);
int vmfence_facts_add_cpuid(struct vmfence_facts *f,
			    const struct vmfence_cpuid_leaf *l);
const struct vmfence_cpuid_leaf *
vmfence_facts_cpuid(const struct vmfence_facts *f, u32 leaf, u32 subleaf);
void vmfence_facts_set_dmi(struct vmfence_facts *f, enum vmfence_dmi_field field,
			   const char *s);
int vmfence_facts_add_acpi(struct vmfence_facts *f, const u8 *hdr, size_t len);
int vmfence_facts_add_acpi_dev(struct vmfence_facts *f, const char *hid);
int vmfence_facts_add_pci(struct vmfence_facts *f,
			  const struct vmfence_pci_dev *dev);
int vmfence_facts_add_mac(struct vmfence_facts *f, const u8 *mac);
void vmfence_strlcpy(char *dst, const char *src, size_t size);

#endif /* VMFENCE_CORE_FACTS_H */
