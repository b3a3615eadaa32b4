#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check.py - everything `make check` runs, with one table and one count.

    check.py [--kernel K]... [--suite S]...

Runs the userspace unit tests, builds the module for every test kernel, lints
the sources, builds the Debian packages (make deb, lintian), checks the
Prometheus alerting rules (promtool), runs KUnit on the debug kernel and the
QEMU suites on every kernel, then the end-to-end suite
(tools/testing/e2e/run.sh: the packages installed, upgraded, removed and
purged on a booted Debian 12), prints a
table per suite and kernel, and ends with exactly one line "N passed, N
failed". Exit status 1 when anything failed.

--kernel and --suite narrow the run for a fast inner loop, e.g.
`check.py --kernel stock61 --suite kselftest`. VMFENCE_LONG=1 makes the
hardening suites (nlfuzz, stress, fault, cycles) their long runs.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, 'tools/testing/vm'))
import results  # noqa: E402

KERNELS = ['stock61', 'stock612', 'debug61']
HOST_STEPS = ['userspace', 'compare', 'corpus', 'build', 'lint', 'deb', 'prometheus']
# Host steps that come after the VM suites: the end-to-end test boots its own
# Debian system (its image is cached in ~/.cache/vmfence/).
LATE_STEPS = ['e2e']

# A physical vendor's SMBIOS, for QEMU to pretend with.
SMBIOS_DELL = ['-smbios', 'type=0,vendor=Dell Inc.,version=2.19.1',
               '-smbios', 'type=1,manufacturer=Dell Inc.,product=PowerEdge R750',
               '-smbios', 'type=2,manufacturer=Dell Inc.,product=0PJ7YJ',
               '-smbios', 'type=3,manufacturer=Dell Inc.']
# The machines the verdict suite boots: (tag, machine, cpu, kernel arguments,
# QEMU arguments). Each is a virtual machine whatever it hides or spoofs, so
# the verdict must be virtualized, on QEMU. microvm has no PIT-calibrated
# TSC under TCG, so it is told the TSC's rate.
MATRIX = [
    ('pc', 'pc', 'qemu64', '', []),
    ('q35-max', 'q35', 'max', '', []),
    ('microvm', 'microvm,pit=on,pic=on,rtc=on', 'max', 'tsc_early_khz=2000000', []),
    ('hidden-hv-bit', 'pc', 'max,-hypervisor', '', []),
    ('smbios-dell', 'q35', 'max', '', SMBIOS_DELL),
    ('no-virtio', 'pc', 'max', '', ['-nodefaults']),
    ('virtio', 'q35', 'max', '',
     ['-device', 'virtio-rng-pci', '-nic', 'user,model=virtio-net-pci']),
    ('stealth', 'q35', 'max,-hypervisor', '', ['-nodefaults'] + SMBIOS_DELL),
]
# QEMU hiding all it can: no hypervisor bit, no TCG signature leaf, no
# ACPI, no PCI. Its confidence is below 100, so that a threshold can be
# set above it (suite threshold).
STEALTHIEST = ('microvm,acpi=off,pit=on,pic=on,rtc=on', 'max,-hypervisor,tcg-cpuid=off',
               'tsc_early_khz=2000000')
# The TPM states the tpm suite boots with (tools/testing/vm/tpm.sh makes
# them): two chips of a test manufacturer, swtpm as it comes, a TPM
# replaying mfr-a's EK certificate, and the same two without an RSA EK
# certificate (their ECC P-384 one is read and proved).
TPM_STATES = ['mfr-a', 'mfr-b', 'swtpm', 'copy', 'ecc', 'ecc-copy']


class Suite:
    """A QEMU suite: the guest runs tools/testing/vm/suites/NAME.sh.

    kernels: the test kernels it boots (the hardening suites and KUnit need
        the debug kernel's KASAN, lockdep and kmemleak; the benchmark's
        figures come from one stock kernel)
    boot: (machine, cpu, kernel arguments) when not QEMU's default PC
    append, long: kernel arguments of the run in make check, and of the long
        run with VMFENCE_LONG=1
    smp: CPUs
    ksft: the kselftest program that needs a boot of its own (locking lasts
        until reboot; the threshold test needs another machine): the suite
        runs it, and the kselftest suite leaves it out (initramfs.sh writes
        the list into the guest)
    group: 'hardening' for the suites of `make hardening`
    check: whether make check runs it (the demo is make demo's)
    """

    def __init__(self, kernels=None, boot=None, append='', long=None, smp=None,
                 ksft=None, group=None, check=True):
        self.kernels, self.boot, self.smp = kernels, boot, smp
        self.append, self.long = append, long if long is not None else append
        self.ksft, self.group, self.check = ksft, group, check


# Every QEMU suite, declared here and nowhere else; lint.sh checks that this
# table and tools/testing/vm/suites/*.sh name the same suites. Order is run
# order. The hardening suites' short runs are what make check runs
# (Documentation/hardening.rst).
SUITES = {
    'kunit': Suite(kernels=['debug61']),
    'kselftest': Suite(),
    'ctl': Suite(),
    'lock': Suite(ksft='lock_test'),
    'enforce_lock': Suite(ksft='enforce_lock_test'),
    'unload_lock': Suite(ksft='unload_lock_test'),
    'threshold': Suite(boot=STEALTHIEST, ksft='threshold_test'),
    'verdict': Suite(),		# one boot per machine of MATRIX
    'tpm': Suite(),		# one boot per TPM state of TPM_STATES
    # Small sizes: the measurements are taken and plausible; the targets
    # are make bench's to judge.
    'bench': Suite(kernels=['stock61'], append='vmfence.bench=quick'),
    'nlfuzz': Suite(kernels=['debug61'], append='vmfence.nlfuzz=1500',
                    long='vmfence.nlfuzz=1000000', smp=2, group='hardening'),
    'stress': Suite(kernels=['debug61'], append='vmfence.stress=20',
                    long='vmfence.stress=60', smp=2, group='hardening'),
    'fault': Suite(kernels=['debug61'], append='vmfence.maxnth=400 vmfence.modnth=60',
                   long='vmfence.maxnth=2000 vmfence.modnth=1000', smp=2,
                   group='hardening'),
    'cycles': Suite(kernels=['debug61'], append='vmfence.cycles=15',
                    long='vmfence.cycles=200', smp=2, group='hardening'),
    'demo': Suite(kernels=['stock61'], check=False),
}
VM_SUITES = [name for name, suite in SUITES.items() if suite.check]


class Job:
    """One QEMU boot: a suite on a kernel, maybe on a particular machine."""

    def __init__(self, suite, kernel, tag='', machine=None, cpu=None,
                 append='', qemu=(), smp=None):
        self.suite, self.kernel, self.tag = suite, kernel, tag
        self.env = {'VMFENCE_APPEND': append}
        if smp:
            self.env['VMFENCE_SMP'] = str(smp)
        if machine:
            self.env['VMFENCE_MACHINE'] = machine
        if cpu:
            self.env['VMFENCE_CPU'] = cpu
        self.qemu = list(qemu)


def vm_jobs(name, kernels):
    suite = SUITES[name]
    kernels = [k for k in kernels if not suite.kernels or k in suite.kernels]
    if name == 'verdict':
        # Under KVM, QEMU's CPUID names KVM; under TCG, QEMU itself.
        expect = 'kvm' if os.environ.get('VMFENCE_ACCEL') == 'kvm' else 'qemu'
        return [Job('verdict', k, tag, machine, cpu,
                    f'vmfence.expect={expect} {append}'.strip(), qemu)
                for tag, machine, cpu, append, qemu in MATRIX for k in kernels]
    if name == 'tpm':
        return tpm_jobs(kernels)
    append = suite.long if os.environ.get('VMFENCE_LONG') == '1' else suite.append
    machine, cpu, boot_args = suite.boot or (None, None, '')
    append = f'{boot_args} {append}'.strip()
    tag = 'quick' if name == 'bench' else ''
    return [Job(name, k, tag, machine, cpu, append, smp=suite.smp) for k in kernels]


def tpm_jobs(kernels):
    """One boot per TPM state, told its case and the EKs' SHA-256 (of the
    DER SubjectPublicKeyInfo, by openssl on the host) on the command line."""
    out = subprocess.run(['tools/testing/vm/tpm.sh'], cwd=TOP, check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    tpm_dir = re.search(r'^TPM_DIR=(.*)$', out, re.M).group(1)

    def ek(state):
        with open(os.path.join(tpm_dir, state, 'ek_sha256')) as f:
            return f.read().strip()
    jobs = []
    for k in kernels:
        for state in TPM_STATES:
            job = Job('tpm', k, state, append=f'vmfence.tpmcase={state} '
                      f'vmfence.ek_a={ek("mfr-a")} vmfence.ek_b={ek("mfr-b")} '
                      f'vmfence.ek_self={ek(state)}')
            job.env['VMFENCE_TPM'] = os.path.join(tpm_dir, state, 'state')
            job.env['VMFENCE_DATA'] = os.path.join(tpm_dir, 'guest')
            jobs.append(job)
    return jobs


class Row:
    def __init__(self, suite, kernel):
        self.suite, self.kernel = suite, kernel
        self.passed = self.failed = self.skipped = 0
        self.seconds = 0.0
        self.details = []
        self.notes = {}


def run(cmd, log, env=None):
    """Run cmd with its output into log; return (exit status, output)."""
    proc = subprocess.run(cmd, cwd=TOP, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors='replace',
                          env=dict(os.environ, **(env or {})))
    with open(log, 'w') as f:
        f.write(proc.stdout)
    return proc.returncode, proc.stdout


def kernel_source():
    """The kernel tree whose KTAP parser reads the host steps' TAP too
    (KSRC of kernel.sh; '' when there is none: results.py then counts on
    its own)."""
    proc = subprocess.run(['tools/testing/vm/kernel.sh', 'stock61'], cwd=TOP,
                          capture_output=True, text=True)
    return dict(re.findall(r'^(\w+)=(.*)$', proc.stdout, re.M)).get('KSRC', '')


def tap_row(row, cmd, log):
    """A host step whose output is TAP: one result a case."""
    rc, out = run(cmd, log)
    cases, problems, _, _ = results.parse_results(out, kernel_source())
    row.passed = sum(1 for c in cases if c['ok'] and not c['skip'])
    row.skipped = sum(1 for c in cases if c['skip'])
    row.details = [f'FAIL {c["name"]}' for c in cases if not c['ok']] + problems
    if rc and not row.details:
        row.details.append(f'exit status {rc}')
    if not cases and not row.details:
        row.details.append('no test results')
    row.failed = len(row.details)
    if row.failed:
        row.details.append(f'log: {log}')


def status_row(suite, kernel, cmd, log, failure, show=False):
    """A host step that passes or fails as one, by its exit status."""
    row = Row(suite, kernel)
    rc, out = run(cmd, log)
    if show:
        print(out, end='')
    if rc:
        row.failed = 1
        row.details = [f'{failure} (exit {rc}), log: {log}'] + \
            ([] if show else [out[-1500:]])
    else:
        row.passed = 1
    return row


def host_step(step, kernels, logdir):
    rows = []
    if step == 'userspace':
        row = Row('userspace', 'host')
        tap_row(row, ['make', '-s', '-C', 'userspace', 'check'],
                os.path.join(logdir, 'userspace.log'))
        rows.append(row)
    elif step == 'compare':
        # vmfencectl beside systemd-detect-virt and virt-what, shown in full.
        rows.append(status_row('compare', 'host', ['tools/testing/compare-detect.sh'],
                               os.path.join(logdir, 'compare.log'),
                               'compare-detect.sh failed', show=True))
    elif step == 'corpus':
        # The real-hardware corpus: no false positive, every VM named right.
        rows.append(status_row('corpus', 'host',
                               ['sh', '-c', 'make -s -C userspace tests/corpus_detect && '
                                'tools/testing/corpus/score.py'],
                               os.path.join(logdir, 'corpus.log'),
                               'score.py failed', show=True))
    elif step == 'lint':
        row = Row('lint', 'stock61')
        tap_row(row, ['tools/testing/lint.sh'], os.path.join(logdir, 'lint.log'))
        rows.append(row)
    elif step == 'deb':
        # make deb: both packages built from the tree, lintian clean.
        rows.append(status_row('deb', 'host', ['make', '-s', 'deb'],
                               os.path.join(logdir, 'deb.log'),
                               'make deb or lintian failed'))
    elif step == 'prometheus':
        # The alerting rules: valid, and each alert fires when and only
        # when its unit test says.
        rules = 'contrib/prometheus'
        for verb, f in (('check', 'vmfence.rules.yml'), ('test', 'vmfence.rules.test.yml')):
            rows.append(status_row(f'promtool {verb} rules', 'host',
                                   ['promtool', verb, 'rules', f'{rules}/{f}'],
                                   os.path.join(logdir, f'promtool-{verb}.log'),
                                   f'promtool {verb} rules failed'))
    elif step == 'e2e':
        row = Row('e2e', 'debian12')
        tap_row(row, ['tools/testing/e2e/run.sh'], os.path.join(logdir, 'e2e.log'))
        rows.append(row)
    elif step == 'build':
        for k in kernels:
            rows.append(status_row('build W=1', k, ['tools/testing/vm/module.sh', k],
                                   os.path.join(logdir, f'build-{k}.log'), 'build failed'))
    return rows


def vm_suite(job, logdir):
    name = job.suite + (f'-{job.tag}' if job.tag else '')
    row = Row(name, job.kernel)
    log = os.path.join(logdir, f'{job.kernel}-{name}.log')
    cmd = ['tools/testing/vm/run.sh'] + (['-t', job.tag] if job.tag else [])
    rc, out = run(cmd + [job.kernel, job.suite, '--'] + job.qemu, log, job.env)
    summary = os.path.join(TOP, 'build/vm', f'{job.kernel}-{name}', 'summary.json')
    try:
        with open(summary) as f:
            s = json.load(f)
    except (OSError, ValueError):
        row.failed = 1
        row.details = [f'the run did not complete, log: {log}', out[-1500:]]
        return row
    row.passed, row.failed, row.skipped = s['passed'], s['failed'], s['skipped']
    row.notes = s.get('notes', {})
    row.details = [f'FAIL {c}' for c in s['failures']] + \
        [f'PROBLEM {p}' for p in s['problems']]
    if job.suite == 'bench':
        # The numbers themselves: every one there, every ratio plausible.
        rc, out = run([sys.executable, 'tools/testing/bench/report.py', '--check',
                       os.path.join(os.path.dirname(summary), 'results.log')],
                      os.path.join(logdir, f'{job.kernel}-{name}-report.log'))
        if rc:
            row.failed += 1
            row.details += [f'PROBLEM {line}' for line in out.splitlines()
                            if line.startswith('report: ')] or [f'report.py exit {rc}']
        else:
            row.passed += 1
    if row.failed:
        row.details.append(f'logs: {os.path.dirname(summary)}')
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--kernel', action='append', choices=KERNELS)
    ap.add_argument('--suite', action='append',
                    choices=HOST_STEPS + list(SUITES) + LATE_STEPS)
    ap.add_argument('--group', choices=['hardening'],
                    help='the QEMU suites of this group')
    ap.add_argument('--list-suites', action='store_true',
                    help='print the QEMU suites, one a line, and exit')
    ap.add_argument('--ksft-own-boot', action='store_true',
                    help='print the kselftest programs that need a boot of '
                    'their own, one a line, and exit')
    args = ap.parse_args()
    if args.list_suites or args.ksft_own_boot:
        print('\n'.join(n if args.list_suites else s.ksft
                        for n, s in SUITES.items()
                        if args.list_suites or s.ksft))
        return 0
    kernels = args.kernel or KERNELS
    wanted = (args.suite or []) + [n for n, s in SUITES.items()
                                   if args.group and s.group == args.group]
    wanted = wanted or HOST_STEPS + VM_SUITES + LATE_STEPS
    logdir = os.path.join(TOP, 'build/check')
    os.makedirs(logdir, exist_ok=True)

    rows, started = [], time.time()
    jobs = [s for s in HOST_STEPS if s in wanted]
    jobs += [j for s in SUITES if s in wanted for j in vm_jobs(s, kernels)]
    jobs += [s for s in LATE_STEPS if s in wanted]
    for job in jobs:
        t0 = time.time()
        if isinstance(job, Job):
            print(f'check: {job.suite} {job.tag} on {job.kernel} ...', flush=True)
            new = [vm_suite(job, logdir)]
        else:
            print(f'check: {job} ...', flush=True)
            new = host_step(job, kernels, logdir)
        for row in new:
            row.seconds = (time.time() - t0) / len(new)
            for d in row.details:
                print(f'  {row.suite}/{row.kernel}: {d}', flush=True)
        rows += new

    print()
    print(f'{"suite":<22} {"kernel":<10} {"passed":>7} {"failed":>7} {"skipped":>8} {"time":>7}')
    for r in rows:
        print(f'{r.suite:<22} {r.kernel:<10} {r.passed:>7} {r.failed:>7} '
              f'{r.skipped:>8} {r.seconds:>6.0f}s')
    matrix = [r for r in rows if 'verdict' in r.notes]
    if matrix:
        print()
        print(f'{"machine":<22} {"kernel":<9} {"vmfence.ko":<52} '
              f'{"vmfencectl detect":<48} the kernel itself')
        for r in matrix:
            print(f'{r.suite:<22} {r.kernel:<9} {r.notes["verdict"]:<52} '
                  f'{r.notes.get("vmfencectl", "?"):<48} '
                  f'{r.notes.get("the kernel itself", "?")}')
    # The failures once more, last: a CI log is often read from its tail.
    failures = [(r, d) for r in rows if r.failed for d in r.details]
    if failures:
        print()
        print('failed:')
        for r, d in failures:
            print(f'  {r.suite}/{r.kernel}: {d}')
    passed = sum(r.passed for r in rows)
    failed = sum(r.failed for r in rows)
    skipped = sum(r.skipped for r in rows)
    print(f'total time {time.time() - started:.0f}s')
    print(f'{passed} passed, {failed} failed' + (f', {skipped} skipped' if skipped else ''))
    return 1 if failed or not rows else 0


if __name__ == '__main__':
    sys.exit(main())
