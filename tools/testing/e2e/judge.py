#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""judge.py - the end-to-end checks only the host can make, as TAP.

    judge.py --start N --boot1-rc RC --boot2-rc RC DIR

DIR is build/e2e: the serial logs of both boots. Checks that each boot's
guest.sh reported its end, that `vmfencectl metrics` is Prometheus text that
the reference parser (python3-prometheus-client) accepts, with the values the
policy implies, that `vmfencectl -j report` holds what an auditor needs, and
that neither console shows a kernel splat. Exit 1 when a check here, or a
test inside the guest, failed.
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'vm'))
import results  # noqa: E402


def read(path):
    try:
        with open(path, errors='replace') as f:
            return f.read().replace('\r', '')
    except OSError:
        return ''


def block(text, name):
    """The lines guest.sh put between '# NAME-begin' and '# NAME-end'."""
    m = re.search(rf'^# {name}-begin\n(.*?)^# {name}-end$', text, re.M | re.S)
    if not m:
        return None
    return ''.join(line[3:] + '\n' for line in m.group(1).splitlines()
                   if line.startswith('#| ') or line == '#|')


def check_metrics(text):
    from prometheus_client.parser import text_string_to_metric_families
    families = {f.name: f for f in text_string_to_metric_families(text)}
    value = {}
    for fam in families.values():
        for s in fam.samples:
            if not s.labels:
                value[s.name] = s.value
    problems = []
    for name, want in (('vmfence_locked', 1), ('vmfence_virtualized', None),
                       ('vmfence_policy_rules', 1), ('vmfence_policy_generation', None)):
        if name not in families:
            problems.append(f'no {name}')
        elif want is not None and value.get(name) != want:
            problems.append(f'{name} is {value.get(name)}, expected {want}')
    virt = families.get('vmfence_virtualized')
    if virt and [s.value for s in virt.samples] != [1]:
        problems.append('vmfence_virtualized is not 1 (QEMU is a hypervisor)')
    if value.get('vmfence_exec_denials_total', 0) < 2:
        problems.append('vmfence_exec_denials_total < 2')
    for line in text.splitlines():
        if line.startswith('#') or not line:
            continue
        if not re.match(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? \S+$', line):
            problems.append(f'malformed line: {line}')
    return problems


def check_report(text):
    r = json.loads(text)
    problems = []
    need = {
        'host identity': r['host']['hostname'] and r['host']['machine_id'],
        'verdict': r['verdict']['virtualized'] is True,
        'evidence': any(e for e in r['verdict']['evidence']),
        'policy digest': len(r['policy']['sha256']) == 64,
        'policy generation': r['policy']['generation'] >= 1,
        'lock state': r['policy']['locked'] is True,
        'counters': r['module']['stats']['exec_denials'] >= 2,
        'kernel release': bool(r['host'].get('kernel')),
        'boot id': len(r['host'].get('boot_id') or '') == 36,
    }
    problems += [f'no {k}' for k, good in need.items() if not good]
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--start', type=int, default=1)
    ap.add_argument('--boot1-rc', type=int, required=True)
    ap.add_argument('--boot2-rc', type=int, required=True)
    ap.add_argument('dir')
    args = ap.parse_args()
    n, bad = args.start - 1, 0

    def result(name, problems):
        nonlocal n, bad
        n += 1
        if problems:
            bad = 1
            print(f'not ok {n} - {name}')
            for p in problems:
                print('# ' + p.replace('\n', '\n# '))
        else:
            print(f'ok {n} - {name}')

    guest_rc = 0
    for phase, rc in (('installed', args.boot1_rc), ('removed', args.boot2_rc)):
        text = read(os.path.join(args.dir, f'results-{phase}.log'))
        m = re.search(rf'^# vmfence-e2e-{phase} rc=(\d+)', text, re.M)
        problems = []
        if not m:
            problems.append('guest.sh never reported its end'
                            + (' (timed out)' if rc == 124 else f' (qemu exit {rc})'))
        else:
            guest_rc |= int(m.group(1))
        if rc:
            problems.append(f'qemu exit {rc}' + (' (timed out)' if rc == 124 else ''))
        if problems:
            problems.append(f'console: {args.dir}/console-{phase}.log')
        result(f'boot "{phase}" ran guest.sh to its end and powered off', problems)

    text = read(os.path.join(args.dir, 'results-installed.log'))
    metrics = block(text, 'metrics')
    try:
        problems = ['no metrics'] if metrics is None else check_metrics(metrics)
    except Exception as e:  # the parser's own complaint
        problems = [f'prometheus_client: {e}']
    result('vmfencectl metrics: Prometheus text with the expected values', problems)

    report = block(text, 'report')
    try:
        problems = ['no report'] if report is None else check_report(report)
    except (ValueError, KeyError, TypeError) as e:
        problems = [f'report: {e!r}']
    result('vmfencectl -j report: identity, verdict, evidence, policy, lock, counters',
           problems)

    problems = []
    for phase in ('installed', 'removed'):
        problems += [f'{phase}: {s}' for s in
                     results.splats(read(os.path.join(args.dir, f'console-{phase}.log')))]
    result('no kernel splat on either console', problems)
    return 1 if bad or guest_rc else 0


if __name__ == '__main__':
    sys.exit(main())
