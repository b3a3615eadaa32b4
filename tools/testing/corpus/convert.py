#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""convert.py - the real-hardware corpus from public hardware-probe collections.

    convert.py OUT.jsonl.gz DMI_GITDIR LSCPU_GITDIR [INSTLATX64_GITDIR]

Reads snapshots of two of the linuxhw organisation's collections and,
when given, of the InstLatx64 CPUID dump archive (git directories;
nothing is checked out):

  linuxhw/DMI    dmidecode output of probed machines, one file a machine,
                 at FORM FACTOR/VENDOR/MODEL FAMILY/MODEL/PROBE ID
  linuxhw/LsCPU  lscpu output, one file a machine, at
                 VENDOR/FAMILY/MODEL NAME/FAMILY-MODEL-STEPPING/PROBE ID
  InstLatx64/InstLatx64
                 raw CPUID dumps of real CPUs (AIDA64 and older dumpers),
                 at VENDOR/VENDORSIGNATURE_NAME_CPUID*.txt: every one is
                 kept, with the leaves vmfence reads of its first logical
                 CPU, as written (CPUID_LEAVES)

and keeps, for a sample of machines, only the facts vmfence reads: DMI
strings, the SMBIOS type 0 "virtual machine" characteristic, the BIOS date
(for the decade), the CPU's vendor, signature, brand and flags, and what
lscpu said of a hypervisor. One JSON object a line, each with its
provenance (repository, path, commit). score.py turns each record into a
snapshot directory and scores it with vmfencectl.

The sample: every Server, Firewall, Stick PC, System On Chip and Tablet
machine, every machine whose firmware sets the "virtual machine" bit, every
virtual machine's DMI, every machine lscpu saw under a hypervisor, and otherwise one machine per model
(DMI) or per CPU family-model-stepping and brand (LsCPU), capped per form
factor, so that breadth of vendors and generations beats count.
"""
import gzip
import json
import random
import re
import subprocess
import sys

CAP = {'Desktop': 2200, 'Notebook': 2200, 'Convertible': 300,
       'All In One': 300, 'Mini Pc': 400}
LSCPU_CAP = 3200

# SMBIOS 3.x chassis types, as dmidecode names them (sysfs has the number).
CHASSIS = ['', 'Other', 'Unknown', 'Desktop', 'Low Profile Desktop',
           'Pizza Box', 'Mini Tower', 'Tower', 'Portable', 'Laptop',
           'Notebook', 'Hand Held', 'Docking Station', 'All In One',
           'Sub Notebook', 'Space-saving', 'Lunch Box', 'Main Server Chassis',
           'Expansion Chassis', 'Sub Chassis', 'Bus Expansion Chassis',
           'Peripheral Chassis', 'RAID Chassis', 'Rack Mount Chassis',
           'Sealed-case PC', 'Multi-system', 'CompactPCI', 'AdvancedTCA',
           'Blade', 'Blade Enclosing', 'Tablet', 'Convertible', 'Detachable',
           'IoT Gateway', 'Embedded PC', 'Mini PC', 'Stick PC']


def git(gitdir, *args):
    return subprocess.run(['git', '--git-dir', gitdir] + list(args),
                          check=True, capture_output=True).stdout


def blobs(gitdir, paths):
    """(path, text) for each path at HEAD, through one cat-file process."""
    p = subprocess.Popen(['git', '--git-dir', gitdir, 'cat-file', '--batch'],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for path in paths:
        p.stdin.write(f'HEAD:{path}\n'.encode())
        p.stdin.flush()
        head = p.stdout.readline().split()
        if len(head) < 3 or head[1] != b'blob':
            continue
        data = p.stdout.read(int(head[2]))
        p.stdout.read(1)
        yield path, data.decode('utf-8', 'replace')
    p.stdin.close()
    p.wait()


def sections(text):
    """dmidecode output -> list of (type, {key: value}, [flag lines])."""
    out, cur = [], None
    for line in text.splitlines():
        m = re.match(r'Handle 0x[0-9A-Fa-f]+, DMI type (\d+), (\d+) bytes', line)
        if m:
            cur = (int(m.group(1)), {'_len': int(m.group(2))}, [])
            out.append(cur)
            continue
        if cur is None or not line.startswith('\t'):
            continue
        if line.startswith('\t\t'):
            cur[2].append(line.strip())
        elif ':' in line:
            k, _, v = line.strip().partition(':')
            cur[1].setdefault(k.strip(), v.strip())
    return out


def dmi_record(path, text, commit):
    secs = sections(text)

    def first(t):
        return next((s for s in secs if s[0] == t), None)
    b, s, bb, c, p = (first(t) for t in (0, 1, 2, 3, 4))
    if not s:
        return None
    rec = {'src': 'linuxhw/DMI', 'path': path, 'commit': commit,
           'form': path.split('/')[0], 'dmi': {}}
    d = rec['dmi']
    if b:
        d['bios_vendor'] = b[1].get('Vendor', '')
        d['bios_version'] = b[1].get('Version', '')
        rec['bios_date'] = b[1].get('Release Date', '')
        rec['type0_len'] = b[1]['_len']
        rec['vm_bit'] = 'System is a virtual machine' in b[2]
    d['sys_vendor'] = s[1].get('Manufacturer', '')
    d['product_name'] = s[1].get('Product Name', '')
    d['product_version'] = s[1].get('Version', '')
    if bb:
        d['board_vendor'] = bb[1].get('Manufacturer', '')
        d['board_name'] = bb[1].get('Product Name', '')
    if c:
        d['chassis_vendor'] = c[1].get('Manufacturer', '')
        t = c[1].get('Type', '')
        if t in CHASSIS:
            d['chassis_type'] = str(CHASSIS.index(t))
    if p:
        ident = p[1].get('ID', '').split()
        if len(ident) == 8:
            rec['cpu_sig'] = '0x' + ''.join(reversed(ident[:4]))
            rec['cpu_edx'] = '0x' + ''.join(reversed(ident[4:]))
        rec['cpu_mfr'] = p[1].get('Manufacturer', '')
        rec['cpu_brand'] = p[1].get('Version', '')
    return rec


def is_vm(rec):
    """A virtual machine's DMI: every one is kept, outside the caps."""
    d = rec['dmi']
    return (d.get('sys_vendor') in ('QEMU', 'Bochs', 'innotek GmbH', 'VMware, Inc.', 'Xen') or
            d.get('product_name') in ('KVM', 'VirtualBox', 'HVM domU') or
            (d.get('sys_vendor') == 'Microsoft Corporation' and
             d.get('product_name') == 'Virtual Machine'))


def lscpu_record(path, text, commit):
    kv = {}
    for line in text.splitlines():
        k, _, v = line.partition(':')
        kv.setdefault(k.strip(), v.strip())
    if 'Vendor ID' not in kv or 'CPU family' not in kv:
        return None
    rec = {'src': 'linuxhw/LsCPU', 'path': path, 'commit': commit,
           'cpu_vendor': kv['Vendor ID'], 'cpu_brand': kv.get('Model name', ''),
           'family': kv['CPU family'], 'model': kv.get('Model', ''),
           'stepping': kv.get('Stepping', '')}
    if 'Flags' in kv:
        keep = {'hypervisor', 'arch_perfmon', 'dtherm', 'perfctr_core', 'vmx',
                'svm', 'lm', 'constant_tsc', 'tsc_known_freq'}
        rec['flags'] = ' '.join(f for f in kv['Flags'].split() if f in keep)
    if kv.get('Hypervisor vendor'):
        rec['hv_vendor'] = kv['Hypervisor vendor']
        rec['virt_type'] = kv.get('Virtualization type', '')
    return rec


# The lines of a leaf in the dumps: "CPUID 00000001: EAX-EBX-ECX-EDX",
# also with a tab, spaces or " : " after the leaf, or spaces between the
# registers (older dumpers).
CPUID_LINE = re.compile(r'^CPUID ([0-9A-Fa-f]{8})[ \t]*:?[ \t]*([0-9A-Fa-f]{8})[- ]'
                        r'([0-9A-Fa-f]{8})[- ]([0-9A-Fa-f]{8})[- ]([0-9A-Fa-f]{8})', re.M)
# The leaves (subleaf 0) detection reads: vmfence_cpuid_wanted() in
# kmod/core/facts.c. Nothing else of a dump is kept.
CPUID_LEAVES = {0x0, 0x1, 0x4, 0x6, 0xa, 0x21, 0x80000000, 0x80000001,
                0x80000002, 0x80000003, 0x80000004, 0x80000007, 0x80000008,
                0x8000001d, 0x8000001f}


# Dumps left out, with the reason (README.md lists them too).
CPUID_EXCLUDED = {
    'CentaurHauls/CentaurHauls0000660_C5A_Samuel_CPUID.txt':
        'leaf 1 ECX and EBX are the dumper\'s leftover registers (the same values '
        'in leaves 1, 0x80000000 and 0x80000001: this CPU does not write them), '
        'with bit 31 set; Linux zeroes ECX before CPUID, so this is not what '
        'vmfence reads on that machine',
}


def cpuid_wanted(leaf):
    if 0x40000000 <= leaf <= 0x4000ffff:
        return (leaf & 0xff) <= 0xc
    return leaf in CPUID_LEAVES


def cpuid_record(path, text, commit):
    """The first logical CPU's leaves: the first line of each leaf (subleaf
    0 where a dump lists subleaves), until leaf 0 comes again (the next
    CPU). Registers as the dump wrote them, EAX-EBX-ECX-EDX."""
    leaves = {}
    for m in CPUID_LINE.finditer(text):
        n = int(m.group(1), 16)
        if n == 0 and leaves:
            break
        if n in leaves or not cpuid_wanted(n):
            continue
        leaves[n] = '-'.join(g.upper() for g in m.groups()[1:])
    if 0 not in leaves or 1 not in leaves:
        return None
    return {'src': 'InstLatx64/InstLatx64', 'path': path, 'commit': commit,
            'cpuid': {f'{n:08X}': v for n, v in sorted(leaves.items())}}


def main():
    out, dmi_git, lscpu_git = sys.argv[1:4]
    cpuid_git = sys.argv[4] if len(sys.argv) > 4 else None
    rnd = random.Random(13)
    recs = []

    commit = git(dmi_git, 'rev-parse', 'HEAD').decode().strip()
    paths = git(dmi_git, 'ls-tree', '-r', '--name-only', '-z', 'HEAD').decode().split('\0')
    paths = [p for p in paths if p.count('/') == 4]
    rnd.shuffle(paths)
    seen, per_form = set(), {}
    for path, text in blobs(dmi_git, paths):
        r = dmi_record(path, text, commit)
        if not r:
            continue
        model = path.rsplit('/', 1)[0]
        if is_vm(r):
            recs.append(r)
            continue
        special = r.get('vm_bit') or r['form'] not in CAP
        if not special:
            if model in seen or per_form.get(r['form'], 0) >= CAP[r['form']]:
                continue
        seen.add(model)
        per_form[r['form']] = per_form.get(r['form'], 0) + 1
        recs.append(r)

    commit = git(lscpu_git, 'rev-parse', 'HEAD').decode().strip()
    paths = git(lscpu_git, 'ls-tree', '-r', '--name-only', '-z', 'HEAD').decode().split('\0')
    paths = [p for p in paths if p.count('/') == 4]
    rnd.shuffle(paths)
    seen, n = set(), 0
    for path, text in blobs(lscpu_git, paths):
        r = lscpu_record(path, text, commit)
        if not r:
            continue
        key = path.rsplit('/', 1)[0]
        if 'hv_vendor' not in r:
            if key in seen or n >= LSCPU_CAP:
                continue
            n += 1
        seen.add(key)
        recs.append(r)

    if cpuid_git:
        commit = git(cpuid_git, 'rev-parse', 'HEAD').decode().strip()
        paths = git(cpuid_git, 'ls-tree', '-r', '--name-only', '-z', 'HEAD').decode().split('\0')
        paths = sorted(p for p in paths if p.count('/') == 1 and p.endswith('.txt') and
                       'CPUID' in p.rsplit('/', 1)[1].upper())
        for path, text in blobs(cpuid_git, paths):
            r = cpuid_record(path, text, commit)
            if r and path not in CPUID_EXCLUDED:
                recs.append(r)

    recs.sort(key=lambda r: (r['src'], r['path']))
    with gzip.open(out, 'wt', compresslevel=9) as f:
        for r in recs:
            f.write(json.dumps(r, sort_keys=True, separators=(',', ':')) + '\n')
    print(f'{len(recs)} records -> {out}', file=sys.stderr)


if __name__ == '__main__':
    main()
