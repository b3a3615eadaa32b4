#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""score.py - vmfence against the real-hardware corpus, and beside it
systemd-detect-virt's and virt-what's decision logic on the same facts.

    score.py [--ctl userspace/tests/corpus_detect] [--before CTL] [-v]

Each record of corpus.jsonl.gz (convert.py) becomes a snapshot directory
holding only the facts the record has (README.md says which), and the
recorded environments of tools/testing/fixtures/env/ are scored beside
them. Every snapshot is judged by corpus_detect, the batch form of
`vmfencectl detect --root` (same reader, same core). Prints false
positives, VM detection, right hypervisor ids, host partitions and the
margin; exits 1 on any physical false positive, any VM not detected or
named wrongly, or any host partition not recognised.
"""
import argparse
import collections
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
FIXTURES = os.path.join(TOP, 'tools/testing/fixtures/env')

VENDOR_IDS = {'GenuineIntel': 'GenuineIntel', 'AuthenticAMD': 'AuthenticAMD',
              'HygonGenuine': 'HygonGenuine', 'CentaurHauls': 'CentaurHauls',
              '  Shanghai  ': '  Shanghai  '}
# SMBIOS type 4 manufacturers -> CPUID vendor strings.
MFR = [('intel', 'GenuineIntel'), ('amd', 'AuthenticAMD'),
       ('advanced micro', 'AuthenticAMD'), ('hygon', 'HygonGenuine'),
       ('centaur', 'CentaurHauls'), ('via', 'CentaurHauls'),
       ('zhaoxin', '  Shanghai  ')]
# lscpu's "Hypervisor vendor" -> the CPUID signature it read.
HV_SIGS = {'Xen': 'XenVMMXenVMM', 'KVM': 'KVMKVMKVM\0\0\0',
           'VMware': 'VMwareVMware', 'Microsoft': 'Microsoft Hv'}
HV_IDS = {'Xen': 'xen', 'KVM': 'kvm', 'VMware': 'vmware', 'Microsoft': 'microsoft'}
# CPUID 0x40000000 signatures -> vmfence's (and systemd's) hypervisor ids.
CPUID_HV = {'Microsoft Hv': 'microsoft', 'KVMKVMKVM': 'kvm', 'VMwareVMware': 'vmware',
            'XenVMMXenVMM': 'xen', 'VBoxVBoxVBox': 'oracle', ' lrpepyh  vr': 'parallels',
            'bhyve bhyve ': 'bhyve', 'TCGTCGTCGTCG': 'qemu', 'ACRNACRNACRN': 'acrn',
            'QNXQVMBSQG': 'qnx'}
CPUID_SRC = 'InstLatx64/InstLatx64'
# DMI system vendors of virtual machines -> systemd-detect-virt's id.
DMI_VMS = {'QEMU': 'qemu', 'Bochs': 'qemu', 'innotek GmbH': 'oracle',
           'VMware, Inc.': 'vmware', 'Xen': 'xen', 'Parallels Software International Inc.': 'parallels'}


def regs(s):
    s = s.encode('latin-1').ljust(12, b'\0')
    return [int.from_bytes(s[i:i + 4], 'little') for i in (0, 4, 8)]


def leaf(n, a, b, c, d):
    return f'   0x{n:08x} 0x00: eax=0x{a:08x} ebx=0x{b:08x} ecx=0x{c:08x} edx=0x{d:08x}\n'


def cpuid_regs(rec, n):
    v = rec.get('cpuid', {}).get(f'{n:08X}')
    return [int(x, 16) for x in v.split('-')] if v else None


def chars(*words):
    return b''.join(w.to_bytes(4, 'little') for w in words).decode('latin-1')


def cpuid_sig(rec):
    """The hypervisor signature of CPUID 0x40000000 (EBX ECX EDX), if any."""
    hv = cpuid_regs(rec, 0x40000000)
    return chars(*hv[1:]).rstrip('\0') if hv else None


def cpu_vendor(rec):
    if rec['src'] == CPUID_SRC:
        r = cpuid_regs(rec, 0)
        return chars(r[1], r[3], r[2])
    if rec['src'] == 'linuxhw/LsCPU':
        return VENDOR_IDS.get(rec['cpu_vendor'])
    m = rec.get('cpu_mfr', '').lower()
    return next((v for k, v in MFR if k in m), None)


def fms_eax(fam, model, step):
    base = min(fam, 0xf)
    ext = fam - 0xf if fam > 0xf else 0
    return (ext << 20) | ((model >> 4) << 16) | (base << 8) | ((model & 0xf) << 4) | step


def decode_sig(eax):
    fam = (eax >> 8) & 0xf
    if fam == 0xf:
        fam += (eax >> 20) & 0xff
    model = (eax >> 4) & 0xf
    if fam >= 6:
        model |= ((eax >> 16) & 0xf) << 4
    return fam, model, eax & 0xf


def label(rec):
    """('physical'|'vm'|'host'|None, expected hypervisor id)."""
    if rec['src'] == CPUID_SRC:
        if rec['path'].startswith('Virtual_CPU_/'):
            return None, None   # x86 emulation on ARM: neither hypervisor nor x86 hardware
        sig = cpuid_sig(rec)
        if sig in CPUID_HV:
            caps = cpuid_regs(rec, 0x40000003)
            if sig == 'Microsoft Hv' and caps and caps[1] & 1:
                return 'host', 'microsoft'   # CreatePartitions: the root partition
            return 'vm', CPUID_HV[sig]
        if sig or cpuid_regs(rec, 1)[2] >> 31:
            return 'vm', 'vm-other'   # a hypervisor the dump does not name
        return 'physical', 'none'
    if rec['src'] == 'linuxhw/DMI':
        sv = rec['dmi'].get('sys_vendor', '')
        if sv in DMI_VMS:
            return 'vm', DMI_VMS[sv]
        if sv == 'Microsoft Corporation' and rec['dmi'].get('product_name') == 'Virtual Machine':
            return 'vm', 'microsoft'
        if rec['dmi'].get('product_name') == 'KVM':
            return 'vm', 'kvm'
        return 'physical', 'none'
    hv = rec.get('hv_vendor')
    flags = rec.get('flags')
    if not hv or (hv in ('(null)', 'vertical') and flags is not None and
                  'hypervisor' not in flags.split()):
        return 'physical', 'none'
    if hv in HV_IDS and rec.get('virt_type') in ('full', 'para'):
        return 'vm', HV_IDS[hv]
    if hv == 'Xen' and rec.get('virt_type') == 'none':
        return 'host', 'xen'
    return None, None   # a container, or lscpu's garbage without flags


def write(path, text, mode='w'):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


def materialise(rec, d):
    """The record as a snapshot directory: only what it knows."""
    facts = {}
    vendor = cpu_vendor(rec)
    cpuid = 'CPU:\n'
    cpuinfo = None
    flags = None
    if rec['src'] == CPUID_SRC:
        # The dump's leaves, and nothing else: no DMI, no /proc.
        for k, v in rec['cpuid'].items():
            cpuid += leaf(int(k, 16), *cpuid_regs(rec, int(k, 16)))
        facts['hv_bit'] = bool(cpuid_regs(rec, 1)[2] >> 31)
    elif rec['src'] == 'linuxhw/DMI':
        for k, v in rec['dmi'].items():
            write(f'{d}/sys/class/dmi/id/{k}', v + '\n')
        if 'type0_len' in rec:
            raw = bytearray(max(rec['type0_len'], 2))
            raw[1] = rec['type0_len']
            if rec['type0_len'] >= 0x14 and rec.get('vm_bit'):
                raw[0x13] |= 0x10
            write(f'{d}/sys/firmware/dmi/entries/0-0/raw', bytes(raw), 'wb')
        if vendor and rec.get('cpu_sig'):
            eax = int(rec['cpu_sig'], 16)
            edx = int(rec.get('cpu_edx', '0x0'), 16)
            fam, model, step = decode_sig(eax)
            b, dd, c = regs(vendor)
            cpuid += leaf(0, 1, b, c, dd) + leaf(1, eax, 0, 0, edx)
            cpuinfo = (fam, model, step, rec.get('cpu_brand', ''))
        facts['hv_bit'] = False
    else:
        if not vendor:
            return False
        try:
            fam, model, step = int(rec['family']), int(rec['model']), int(rec['stepping'] or 0)
        except ValueError:
            return False
        flags = rec.get('flags')
        fl = flags.split() if flags is not None else []
        hvbit = 'hypervisor' in fl
        b, dd, c = regs(vendor)
        maxleaf = 1
        extra = ''
        if flags is not None and vendor == 'GenuineIntel':
            maxleaf = 0xa if 'arch_perfmon' in fl else 6
            extra += leaf(6, 1 if 'dtherm' in fl else 0, 0, 0, 0)
            if 'arch_perfmon' in fl:
                extra += leaf(0xa, 0x07300402, 0, 0, 0)
        if flags is not None and vendor == 'AuthenticAMD':
            extra += leaf(0x80000000, 0x80000001, 0, 0, 0)
            extra += leaf(0x80000001, 0, 0, (1 << 23 if 'perfctr_core' in fl else 0) |
                          (1 << 2 if 'svm' in fl else 0), 1 << 29 if 'lm' in fl else 0)
        cpuid += leaf(0, maxleaf, b, c, dd)
        cpuid += leaf(1, fms_eax(fam, model, step), 0, 1 << 31 if hvbit else 0, 0)
        cpuid += extra
        sig = HV_SIGS.get(rec.get('hv_vendor', ''))
        if sig:
            s = regs(sig)
            cpuid += leaf(0x40000000, 0x40000002, s[0], s[1], s[2])
            write(f'{d}/proc/xen/capabilities',
                  'control_d\n' if rec.get('virt_type') == 'none' else '')
        cpuinfo = (fam, model, step, rec.get('cpu_brand', ''))
        facts['hv_bit'] = hvbit
    if cpuid != 'CPU:\n':
        write(f'{d}/cpuid.txt', cpuid)
    if cpuinfo:
        fam, model, step, brand = cpuinfo
        text = (f'processor\t: 0\nvendor_id\t: {vendor}\ncpu family\t: {fam}\n'
                f'model\t\t: {model}\nmodel name\t: {brand}\nstepping\t: {step}\n')
        if flags is not None:
            text += f'flags\t\t: {flags}\n'
        write(f'{d}/proc/cpuinfo', text + '\n')
    return True


def sdv(rec):
    """systemd-detect-virt --vm (v252 detect_vm()) on the record's facts."""
    dmi = 'none'
    vals = [rec.get('dmi', {}).get(k, '') for k in
            ('product_name', 'sys_vendor', 'board_vendor', 'bios_vendor', 'product_version')]
    table = [('KVM', 'kvm'), ('OpenStack', 'kvm'), ('KubeVirt', 'kvm'), ('Amazon EC2', 'amazon'),
             ('QEMU', 'qemu'), ('VMware', 'vmware'), ('VMW', 'vmware'), ('innotek GmbH', 'oracle'),
             ('VirtualBox', 'oracle'), ('Xen', 'xen'), ('Bochs', 'qemu'), ('Parallels', 'parallels'),
             ('BHYVE', 'bhyve'), ('Hyper-V', 'microsoft'), ('Apple Virtualization', 'apple'),
             ('Google Compute Engine', 'google')]
    for v in vals:
        hit = next((i for p, i in table if v.startswith(p)), None)
        if hit:
            dmi = hit
            break
    if dmi == 'none' and rec.get('vm_bit'):
        dmi = 'vm-other'
    if dmi in ('oracle', 'xen', 'amazon', 'parallels'):
        return dmi
    if rec['src'] == CPUID_SRC:
        # detect_vm_cpuid(): the hypervisor bit, then the signature.
        if not cpuid_regs(rec, 1)[2] >> 31:
            return dmi
        return CPUID_HV.get(cpuid_sig(rec), 'vm-other')
    if rec['src'] == 'linuxhw/LsCPU' and rec.get('hv_vendor') == 'Xen':
        # /proc/xen exists: xen, then the dom0 check says none.
        return 'none' if rec.get('virt_type') == 'none' else 'xen'
    if rec['src'] == 'linuxhw/LsCPU' and 'hypervisor' in (rec.get('flags') or '').split():
        return HV_IDS.get(rec.get('hv_vendor'), 'vm-other')
    return dmi


def virt_what(rec):
    """virt-what 1.25's facts that the record has: dmidecode, /proc/xen, CPUID."""
    dmi = rec.get('dmi', {})
    if rec['src'] == CPUID_SRC:
        # virt-what-cpuid-helper: the signature, when the hypervisor bit is set.
        if not cpuid_regs(rec, 1)[2] >> 31:
            return ''
        return {'microsoft': 'hyperv', 'oracle': 'virtualbox'}.get(
            CPUID_HV.get(cpuid_sig(rec)), CPUID_HV.get(cpuid_sig(rec), ''))
    if rec['src'] == 'linuxhw/LsCPU':
        hv = rec.get('hv_vendor')
        if hv == 'Xen':
            return 'xen-dom0' if rec.get('virt_type') == 'none' else 'xen'
        if hv in ('KVM', 'VMware', 'Microsoft') and 'hypervisor' in (rec.get('flags') or ''):
            return {'KVM': 'kvm', 'VMware': 'vmware', 'Microsoft': 'hyperv'}[hv]
        return ''
    sv, pn, bv = dmi.get('sys_vendor', ''), dmi.get('product_name', ''), dmi.get('bios_vendor', '')
    if sv == 'QEMU' or bv == 'SeaBIOS' or sv == 'Bochs':
        return 'qemu'
    if sv.startswith('VMware'):
        return 'vmware'
    if sv == 'innotek GmbH' or pn == 'VirtualBox':
        return 'virtualbox'
    if sv == 'Microsoft Corporation' and pn == 'Virtual Machine':
        return 'hyperv'
    if sv == 'Amazon EC2':
        return 'aws'
    if pn == 'Google Compute Engine':
        return 'google_cloud'
    if sv.startswith('Parallels'):
        return 'parallels'
    return ''


def fixture_label(d):
    e = {}
    for line in open(os.path.join(d, 'expect')):
        if '=' in line and not line.startswith('#'):
            k, _, v = line.strip().partition('=')
            e[k] = v
    if e.get('role') == 'host':
        return 'host', 'none'
    return ('vm' if e['virtualized'] == '1' else 'physical'), e['hypervisor']


# Decades of CPU models (first release, approximate), for the composition
# of the CPUID dumps: (vendor, family) -> [(first model of a later decade,
# decade)], or a decade for the whole family.
INTEL6_2020S = {0x6a, 0x6c, 0x86, 0x8a, 0x8c, 0x8d, 0x8f, 0x96, 0x97, 0x9a, 0x9c, 0xa5,
                0xa6, 0xa7}


def cpu_decade(rec):
    v = cpu_vendor(rec)
    fam, model, _ = decode_sig(cpuid_regs(rec, 1)[0])
    if v in ('GenuineIntel', 'GenuineIotel'):
        if fam == 6:
            if model in INTEL6_2020S or model > 0xa7:
                return '2020s'
            return '2010s' if model >= 0x25 else '2000s' if model >= 0x9 else '1990s'
        if fam == 5:
            return '2010s' if model >= 9 else '1990s'   # Quark
        return {4: '1990s', 0xb: '2010s', 0xf: '2000s'}.get(fam, '2020s')
    if v in ('AuthenticAMD', 'HygonGenuine'):
        if fam == 5:
            return '2000s' if model >= 0xa else '1990s'   # Geode LX / K5, K6
        if fam == 6:
            return '1990s' if model <= 2 else '2000s'
        if fam == 0x10:
            return '2010s' if model >= 9 else '2000s'
        if fam == 0x17:
            return '2020s' if model >= 0x60 and model != 0x71 else '2010s'
        return ('1990s' if fam == 4 else '2000s' if fam <= 0x11 else
                '2010s' if fam <= 0x18 else '2020s')
    if v == 'CentaurHauls':
        return '1990s' if fam == 5 else '2000s' if fam == 6 else '2010s'
    if v == '  Shanghai  ':
        return '2010s'
    if v in ('CyrixInstead', 'RiseRiseRise'):
        return '1990s'
    if v == 'Geode by NSC':
        return '1990s' if fam == 5 and model == 4 else '2000s'
    return '2000s'   # Transmeta, SiS, RDC, Vortex86


def decade(rec):
    if rec['src'] == CPUID_SRC:
        return cpu_decade(rec)
    m = re.search(r'(19|20)\d\d', rec.get('bios_date', ''))
    if m:
        return m.group(0)[:3] + '0s'
    return None


def run(ctl, dirs):
    out = subprocess.run([ctl], input='\n'.join(dirs) + '\n', capture_output=True,
                         text=True, check=True).stdout
    res = {}
    for line in out.splitlines():
        p = line.split('\t')
        if len(p) >= 5:
            res[p[0]] = {'virt': p[1] == '1', 'conf': int(p[2]), 'hv': p[3],
                         'role': p[4], 'hits': p[5] if len(p) > 5 else ''}
    return res


def score(ctl, items, tmp):
    res = run(ctl, [d for d, _ in items])
    fig = collections.Counter()
    fps, misses, worst_phys, worst_vm = [], [], (-1, None), (101, None)
    for d, (kind, want, src) in items:
        r = res.get(d)
        if r is None:
            continue
        if kind == 'physical':
            fig['phys'] += 1
            if r['virt']:
                fig['fp'] += 1
                fps.append((src, r))
            if r['conf'] > worst_phys[0]:
                worst_phys = (r['conf'], src)
        elif kind == 'vm':
            fig['vm'] += 1
            if r['virt']:
                fig['vm_det'] += 1
            if r['virt'] and r['hv'] == want:
                fig['vm_id'] += 1
            else:
                misses.append((src, want, r))
            if r['conf'] < worst_vm[0]:
                worst_vm = (r['conf'], src)
        elif kind == 'host':
            fig['host'] += 1
            if not r['virt'] and r['role'] == 'host':
                fig['host_ok'] += 1
            else:
                misses.append((src, 'host', r))
    return fig, fps, misses, worst_phys, worst_vm


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ctl', default=os.path.join(TOP, 'userspace/tests/corpus_detect'))
    ap.add_argument('--before', help='another corpus_detect to compare with (e.g. main\'s)')
    ap.add_argument('--corpus', default=os.path.join(HERE, 'corpus.jsonl.gz'))
    ap.add_argument('-v', action='store_true', help='list every false positive and miss')
    args = ap.parse_args()

    recs = [json.loads(line) for line in gzip.open(args.corpus, 'rt')]
    tmp = tempfile.mkdtemp(prefix='vmfence-corpus.', dir='/dev/shm' if os.path.isdir('/dev/shm') else None)
    items, comp = [], collections.Counter()
    tools = collections.Counter()
    try:
        for i, rec in enumerate(recs):
            kind, want = label(rec)
            if kind is None:
                comp['unlabelled'] += 1
                continue
            d = f'{tmp}/{i}'
            if not materialise(rec, d):
                comp['unreadable'] += 1
                continue
            items.append((d, (kind, want, rec['src'] + ':' + rec['path'])))
            comp[f'{kind} from {rec["src"]}'] += 1
            if kind == 'physical':
                comp['vendor ' + (cpu_vendor(rec) or 'unknown').strip()] += 1
                if rec['src'] == 'linuxhw/DMI':
                    comp['form ' + rec['form']] += 1
                    comp['decade ' + (decade(rec) or 'unknown')] += 1
            else:
                comp[f'{kind} {want}'] += 1
            if rec['src'] == CPUID_SRC:
                comp[f'cpuid {kind} {(cpu_vendor(rec) or "unknown").strip()} {decade(rec)}'] += 1
            s, w = sdv(rec), virt_what(rec)
            if kind == 'physical':
                tools['sdv_fp'] += s != 'none'
                tools['vw_fp'] += w != ''
            elif kind == 'vm':
                tools['sdv_det'] += s != 'none'
                tools['sdv_id'] += s == want
                tools['vw_det'] += w != ''
            else:
                tools['sdv_host'] += s == 'none'
                tools['vw_host'] += w == 'xen-dom0'
        for name in sorted(os.listdir(FIXTURES)):
            d = os.path.join(FIXTURES, name)
            kind, want = fixture_label(d)
            items.append((d, (kind, want, 'fixture:' + name)))
            comp[f'{kind} from fixtures'] += 1
            if kind != 'physical':
                comp[f'{kind} {want if kind == "vm" else "host"}'] += 1

        runs = [('vmfence', args.ctl)] + ([('before', args.before)] if args.before else [])
        results = {name: score(ctl, items, tmp) for name, ctl in runs}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print('corpus: ' + ', '.join(f'{k} {v}' for k, v in sorted(comp.items())))
    fig = results['vmfence'][0]
    print(f'{"":24} {"physical FP":>14} {"VM detected":>12} {"right hv":>10} {"host role":>10} {"margin":>16}')
    for name in [n for n, _ in runs]:
        f, fps, misses, wp, wv = results[name]
        print(f'{name:24} {f["fp"]:>6} / {f["phys"]:<6} {f["vm_det"]:>5} / {f["vm"]:<4} '
              f'{f["vm_id"]:>4} / {f["vm"]:<3} {f["host_ok"]:>4} / {f["host"]:<3} '
              f'phys {wp[0]} < vm {wv[0]}')
    print(f'{"systemd-detect-virt":24} {tools["sdv_fp"]:>6} / {fig["phys"]:<6} '
          f'{tools["sdv_det"]:>5} / {fig["vm"] - comp["vm from fixtures"]:<4} '
          f'{tools["sdv_id"]:>4} / {fig["vm"] - comp["vm from fixtures"]:<3} '
          f'{tools["sdv_host"]:>4} / {fig["host"] - comp["host from fixtures"]:<3} (corpus records only)')
    print(f'{"virt-what":24} {tools["vw_fp"]:>6} / {fig["phys"]:<6} '
          f'{tools["vw_det"]:>5} / {fig["vm"] - comp["vm from fixtures"]:<4} {"-":>4}       '
          f'{tools["vw_host"]:>4} / {fig["host"] - comp["host from fixtures"]:<3} (corpus records only)')
    print('systemd-detect-virt and virt-what: their documented order over the recorded DMI, '
          'SMBIOS bit, CPUID signature and /proc/xen; not derivable: their PCI, device-tree, '
          'dmesg and container checks (the corpus has none of those facts).')
    if args.before and args.v:
        for src, r in results['before'][1]:
            print(f'  before, false positive: {src}: {r["conf"]} {r["hits"]}')
        for src, want, r in results['before'][2]:
            print(f'  before, wrong: {src}: want {want}, got {r["hv"]} {r["conf"]} {r["hits"]}')
    f, fps, misses, wp, wv = results['vmfence']
    print(f'highest physical confidence {wp[0]} ({wp[1]}); lowest VM confidence {wv[0]} ({wv[1]})')
    for src, r in fps[:50] if (args.v or fps) else []:
        print(f'  false positive: {src}: {r["conf"]} {r["hits"]}')
    for src, want, r in misses[:50] if (args.v or misses) else []:
        print(f'  wrong: {src}: want {want}, got {r["hv"]} {r["conf"]} role {r["role"]} {r["hits"]}')
    ok = not fps and not misses
    print(f'corpus: {"pass" if ok else "FAIL"}')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
