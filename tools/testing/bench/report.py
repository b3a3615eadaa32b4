#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""report.py - turn a bench run into the table of Documentation/benchmarks.rst.

    report.py [--doc FILE] [--host-json FILE] [--accel A] [--check] RESULTS_LOG

RESULTS_LOG is the guest's output (build/vm/stock61-bench/results.log): the
"# bench NAME ROUND VALUE..." lines of tools/testing/vm/suites/bench.sh.
--host-json adds the host's hyperfine rounds (bench.sh). Every comparison
is a ratio taken within one round, A and B interleaved, and the table gives
the median over the rounds, so that a load that comes and goes on the host
weighs on both sides alike. Prints the table; with --doc, replaces what lies
between the ".. bench-begin" and ".. bench-end" lines of FILE. With --check,
exits 1 when a measurement is missing or implausible (the targets are not
judged: TCG on a shared machine is too noisy for that in make check).
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

BEGIN, END = '.. bench-begin', '.. bench-end'


def median(xs):
    return statistics.median(xs) if xs else float('nan')


def quartiles(xs):
    if len(xs) < 2:
        return (xs[0], xs[0]) if xs else (float('nan'),) * 2
    q = statistics.quantiles(xs, n=4, method='inclusive')
    return q[0], q[2]


def parse(path):
    """{name: {round: [values]}} and the free-text lines (size, kernel...)."""
    data, info = {}, {}
    with open(path, errors='replace') as f:
        for line in f:
            m = re.match(r'^# bench (\S+) (\d+) (.*)$', line.rstrip('\r\n'))
            if m:
                data.setdefault(m.group(1), {})[int(m.group(2))] = m.group(3).split()
                continue
            m = re.match(r'^# bench (\S+) (.*)$', line.rstrip('\r\n'))
            if m:
                info[m.group(1)] = m.group(2)
    return data, info


def per_exec(data, name):
    """{round: ns per exec} from "N NS" values."""
    return {r: int(v[1]) / int(v[0]) for r, v in data.get(name, {}).items()
            if len(v) == 2}


def single(data, name):
    return {r: int(v[0]) for r, v in data.get(name, {}).items()
            if v and v[0].isdigit()}


def paired_ratios(a, b):
    """b/a for every round both sides have."""
    return [b[r] / a[r] for r in sorted(a) if r in b and a[r] > 0]


class Report:
    def __init__(self):
        self.rows, self.problems, self.targets = [], [], []

    def row(self, what, value, target='', verdict=''):
        self.rows.append((what, value, target, verdict))

    def need(self, ok, what):
        if not ok:
            self.problems.append(what)
        return ok

    def target(self, met, what):
        self.targets.append((what, met))
        return 'met' if met else '**missed**'


def pct(r):
    return f'{(r - 1) * 100:+.2f} %'


def analyse_exec(data, rep, icount):
    """Module out and in, one pair a round; then mode off and enforce."""
    a, b = per_exec(data, 'exec-a'), per_exec(data, 'exec-b')
    ratios = paired_ratios(a, b)
    clock = 'instruction clock (icount)' if icount else 'wall clock'
    unit = (lambda ns: f'{ns / 1e3:.1f} k instructions') if icount else \
        (lambda ns: f'{ns / 1e3:.0f} µs')
    if rep.need(len(ratios) >= 3, f'exec, {clock}: {len(ratios)} paired rounds, want 3 or more'):
        r = median(ratios)
        lo, hi = quartiles(ratios)
        rep.row(f'exec, {clock}: fork+exec of a static program, vmfence not loaded '
                f'(median of {len(a)})', unit(median(list(a.values()))))
        rep.row(f'exec, {clock}: vmfence loaded and enforcing, virtualized verdict, '
                '10,000 rules (sha256, path, label), decision cache hot',
                unit(median(list(b.values()))))
        what = (f'exec overhead, {clock}, median of {len(ratios)} paired rounds '
                f'(interquartile {pct(lo)} to {pct(hi)})')
        if icount:
            rep.row(what, pct(r), '≤ +1 %', rep.target(r <= 1.01, 'exec overhead'))
        else:
            rep.row(what, pct(r), '≤ +1 %', 'noise, see text')
        # On a loaded TCG host one round's ratio swings by 3x either way;
        # counted instructions are exact to a fraction of a percent.
        lo_ok, hi_ok = (0.99, 1.05) if icount else (0.25, 4)
        rep.need(lo_ok < r < hi_ok, f'exec ratio {r:.3f}, {clock}, implausible')
    da, db = per_exec(data, 'exec-dyn-a'), per_exec(data, 'exec-dyn-b')
    dyn = paired_ratios(da, db)
    if rep.need(len(dyn) >= 3, f'exec, dynamic, {clock}: {len(dyn)} paired rounds'):
        r = median(dyn)
        lo, hi = quartiles(dyn)
        rep.row(f'exec, {clock}: fork+exec of a dynamically linked program (ld.so '
                f'starts it), vmfence not loaded (median of {len(da)})',
                unit(median(list(da.values()))))
        rep.row(f'exec, {clock}: the same, vmfence loaded as above: the program, '
                'and ld.so before and after the load, judged', unit(median(list(db.values()))))
        what = (f'exec overhead, dynamic program, {clock}, median of {len(dyn)} paired '
                f'rounds (interquartile {pct(lo)} to {pct(hi)})')
        if icount:
            rep.row(what, pct(r), '≤ +1 %', rep.target(r <= 1.01, 'exec overhead, dynamic'))
        else:
            rep.row(what, pct(r), '≤ +1 %', 'noise, see text')
        lo_ok, hi_ok = (0.99, 1.10) if icount else (0.25, 4)
        rep.need(lo_ok < r < hi_ok, f'dynamic exec ratio {r:.3f}, {clock}, implausible')
    off, on = per_exec(data, 'exec-off'), per_exec(data, 'exec-on')
    fine = paired_ratios(off, on)
    if rep.need(len(fine) >= 3, f'exec fine, {clock}: {len(fine)} pairs'):
        lo, hi = quartiles(fine)
        rep.row(f'exec, {clock}: vmfence loaded, enforce against mode off, median of '
                f'{len(fine)} paired batches (interquartile {pct(lo)} to {pct(hi)})',
                pct(median(fine)))


def analyse_digest(data, info, rep, icount, judge):
    """The first exec of the large program against sha256sum."""
    clock = 'instruction clock' if icount else 'wall clock'
    unit = (lambda ns: f'{ns / 1e6:.0f} M instructions') if icount else \
        (lambda ns: f'{ns / 1e6:.0f} ms')
    small = (lambda ns: f'{ns / 1e3:.0f} k instructions') if icount else unit
    big = re.search(r'big_mib=(\d+)', info.get('size', ''))
    mib = big.group(1) if big else '?'
    drivers = sorted({n.split('.', 1)[1] for n in data if n.startswith('digest-cold.')},
                     key=lambda d: d != 'sha256-generic')
    rep.need(drivers, f'digest, {clock}: no measurement')
    for drv in drivers:
        cold, warm = single(data, f'digest-cold.{drv}'), single(data, f'digest-warm.{drv}')
        summ = single(data, f'sha256sum.{drv}')
        ratios = paired_ratios(summ, cold)
        if not rep.need(len(ratios) >= 2, f'digest {drv}: {len(ratios)} rounds'):
            continue
        r = median(ratios)
        rep.row(f'digest, {clock}: first exec of a {mib} MiB program, kernel {drv} '
                f'(median of {len(cold)}; a cached exec: {small(median(list(warm.values())))})',
                unit(median(list(cold.values()))))
        rep.row(f'digest, {clock}: sha256sum (GNU coreutils) of the same file, same rounds',
                unit(median(list(summ.values()))))
        lo, hi = quartiles(ratios)
        what = (f'digest, {clock}: first exec / sha256sum, {drv}, median of '
                f'{len(ratios)} paired rounds ({lo:.2f}x to {hi:.2f}x)')
        if drv != 'sha256-generic':
            rep.row(what, f'{r:.2f}x', '(see text)')
        elif judge:
            rep.row(what, f'{r:.2f}x', '≤ 1.2x', rep.target(r <= 1.2, 'cold digest'))
        else:
            rep.row(what, f'{r:.2f}x', '≤ 1.2x', 'noise, see text')
        rep.need(median(list(cold.values())) > 2 * median(list(warm.values())),
                 f'digest {drv}: the first exec is not slower than a cached one')


def analyse(data, info, host, rep, judge_digest=True):
    analyse_exec(data, rep, False)
    analyse_digest(data, info, rep, False, judge_digest)

    # policy: replace, and memory per rule.
    rep_t, chk_t = single(data, 'policy-replace'), single(data, 'policy-check')
    mem = data.get('policy-mem', {}).get(0, [])
    mem = dict(kv.split('=', 1) for kv in mem if '=' in kv)
    nrules = int(mem.get('rules', 0) or 0)
    if rep.need(rep_t and nrules, 'policy: no measurement'):
        # An absolute time, not a ratio: other tenants only ever add to it,
        # so the fastest round is the estimate of the cost itself.
        t, tm = min(rep_t.values()) / 1e9, median(list(rep_t.values())) / 1e9
        c = min(chk_t.values()) / 1e9 if chk_t else float('nan')
        cm = median(list(chk_t.values())) / 1e9 if chk_t else float('nan')
        rep.row(f'policy load replacing {nrules:,} rules with {nrules:,}: fastest of '
                f'{len(rep_t)} (median)', f'{t:.2f} s ({tm:.2f} s)', '< 2 s',
                rep.target(t < 2, 'policy replace'))
        rep.row('  vmfencectl policy check of the same file (offline, duplicates '
                'included): fastest (median)', f'{c:.2f} s ({cm:.2f} s)')
        slab = int(mem.get('slab_kb', 0)) * 1024 / nrules
        own = int(mem.get('policy_bytes', 0)) / nrules
        worst = max(slab, own)
        rep.row('kernel memory per rule: slab growth (/proc/meminfo Slab, '
                'which counts kvmalloc\'s large kmallocs too)', f'{slab:.0f} bytes',
                '≤ 128 bytes', rep.target(worst <= 128, 'memory per rule'))
        rep.row('  the module\'s own account (policy_bytes / rules)', f'{own:.0f} bytes')
        rep.need(16 < own < 4096, f'policy: {own:.0f} bytes a rule is implausible')

    # detection.
    load, rescan = single(data, 'scan-load'), single(data, 'scan-rescan')
    if rep.need(rescan, 'scan: no measurement'):
        if load:
            rep.row(f'the module\'s full scan at load (median of {len(load)} loads)',
                    f'{median(list(load.values())) / 1e3:.1f} ms')
        rep.row(f'the module\'s rescan (median of {len(rescan)})',
                f'{median(list(rescan.values())) / 1e6:.1f} ms')
    ctl, sdv = per_exec(data, 'detect-ctl'), per_exec(data, 'detect-sdv')
    ratios = paired_ratios(sdv, ctl)
    nsig = data.get('detect-signals', {}).get(0, ['?'])[0]
    if rep.need(len(ratios) >= 2, f'detect: {len(ratios)} rounds'):
        r = median(ratios)
        rep.row(f'guest: vmfencectl detect ({nsig} signals; median of {len(ctl)} rounds)',
                f'{median(list(ctl.values())) / 1e6:.1f} ms')
        rep.row('guest: systemd-detect-virt --vm, same rounds',
                f'{median(list(sdv.values())) / 1e6:.1f} ms')
        rep.row(f'guest: vmfencectl detect / systemd-detect-virt, median of '
                f'{len(ratios)} paired rounds', f'{r:.2f}x', '≤ 1.0x',
                rep.target(r <= 1.0, 'detect, guest'))
    if host:
        cmds = host['commands']
        med = {c: median([rd[c] for rd in host['rounds']]) for c in cmds}
        for c in cmds:
            rep.row(f'host: {c} (hyperfine, median over {len(host["rounds"])} rounds '
                    f'of {host["runs"]} runs)', f'{med[c] * 1e3:.2f} ms')
        ctl_c = next(c for c in cmds if 'vmfencectl' in c)
        sdv_c = next(c for c in cmds if 'systemd-detect-virt' in c)
        r = median([rd[ctl_c] / rd[sdv_c] for rd in host['rounds']])
        rep.row('host: vmfencectl detect / systemd-detect-virt, median of '
                f'{len(host["rounds"])} rounds', f'{r:.2f}x', '≤ 1.0x',
                rep.target(r <= 1.0, 'detect, host'))


def rst_table(rows):
    head = ('measurement', 'result', 'target', '')
    rows = [head] + [tuple(str(c) for c in r) for r in rows]
    w = [max(len(r[i]) for r in rows) for i in range(4)]
    line = '  '.join('=' * n for n in w)
    out = [line, '  '.join(h.ljust(n) for h, n in zip(head, w)).rstrip(), line]
    out += ['  '.join(c.ljust(n) for c, n in zip(r, w)).rstrip() for r in rows[1:]]
    return out + [line]


def machine():
    cpu = '?'
    try:
        with open('/proc/cpuinfo') as f:
            m = re.search(r'^model name\s*:\s*(.*)$', f.read(), re.M)
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    qemu = subprocess.run(['qemu-system-x86_64', '--version'], capture_output=True,
                          text=True).stdout.splitlines()
    return cpu, os.cpu_count(), platform.release(), qemu[0] if qemu else '?'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('results')
    ap.add_argument('--doc')
    ap.add_argument('--host-json')
    ap.add_argument('--icount', help='results.log of the exec comparison under -icount')
    ap.add_argument('--accel', default=os.environ.get('VMFENCE_ACCEL', 'tcg'))
    ap.add_argument('--check', action='store_true')
    args = ap.parse_args()

    data, info = parse(args.results)
    host = None
    if args.host_json and os.path.exists(args.host_json):
        with open(args.host_json) as f:
            host = json.load(f)
    rep = Report()
    icount = None
    if args.icount:
        icount, iinfo = parse(args.icount)
        analyse_exec(icount, rep, True)
        analyse_digest(icount, iinfo, rep, True, True)
    analyse(data, info, host, rep, judge_digest=icount is None)

    cpu, ncpu, hkernel, qemu = machine()
    now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    def when(path):
        t = datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc)
        return t.strftime('%Y-%m-%d %H:%M UTC')

    runs = f'guest run finished {when(args.results)}'
    if args.icount:
        runs += f', instruction-clock run {when(args.icount)}'
    out = [f'Table of {now} (``make bench``; {runs}).', '',
           f'- Host: {cpu}, {ncpu} CPUs, Linux {hkernel}, shared with other '
           'QEMU runs while measured.',
           f'- Guest: Debian kernel {info.get("kernel", "?")} under {qemu}, '
           f'accelerator {args.accel}, ``-smp 2 -m 1G``, CPU '
           f'"{info.get("cpu", "?")}"; vmfence with its test hooks built in.',
           f'- Sizes: {info.get("size", "?")}.']
    if icount is not None:
        out += [f'- Instruction clock: the same kernel, ``-icount shift=0,sleep=off '
                f'-smp 1``; sizes: {iinfo.get("size", "?")}.']
    out += ['']
    out += rst_table(rep.rows)
    met = sum(1 for _, m in rep.targets if m)
    out += ['', f'Targets: {met} of {len(rep.targets)} met' +
            (' (missed: ' + ', '.join(w for w, m in rep.targets if not m) + ').'
             if met < len(rep.targets) else '.')]
    text = '\n'.join(out) + '\n'
    print(text, end='')
    for p in rep.problems:
        print(f'report: PROBLEM {p}', file=sys.stderr)

    if args.doc:
        with open(args.doc) as f:
            doc = f.read()
        i, j = doc.find(BEGIN), doc.find(END)
        if i < 0 or j < i:
            print(f'report: {args.doc} has no {BEGIN} ... {END} lines', file=sys.stderr)
            return 1
        doc = doc[:i] + BEGIN + '\n\n' + text + '\n' + doc[j:]
        with open(args.doc, 'w') as f:
            f.write(doc)
    if args.check and rep.problems:
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
