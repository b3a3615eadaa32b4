#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""results.py - judge one QEMU test run from its serial logs.

    results.py --name NAME --ksrc KSRC --qemu-rc RC DIR

DIR holds console.log (the kernel console, ttyS0) and results.log (the
suite's output, ttyS1). The run passes only when the suite reported its end,
every TAP plan was met, every test passed, and the console shows no kernel
splat. Every TAP and KTAP document (KUnit's between "# ktap-begin" and
"# ktap-end", the kselftests', the suites' own) is parsed by the kernel's
KTAP parser, tools/testing/kunit/kunit_parser.py from KSRC (what
`kunit.py parse` runs), in this process; a count of our own checks it.
Writes DIR/summary.json and prints one line per failure and a closing
"NAME: N passed, N failed".
"""
import argparse
import io
import json
import os
import re
import sys

# Anything the kernel prints when it found a bug in itself or in a module.
SPLATS = [
    r'BUG:', r'WARNING:', r'Oops', r'Kernel panic', r'kernel BUG at',
    r'general protection fault', r'Call Trace:', r'UBSAN:', r'KASAN:',
    r'possible (circular|recursive) locking', r'suspicious RCU usage',
    r'unreferenced object 0x', r'kmemleak: \d+ new suspected',
    r'INFO: task .* blocked', r'stack-protector',
]
SPLAT_RE = re.compile('|'.join(SPLATS))
RESULT_RE = re.compile(r'^(not )?ok (\d+)\b(?: -)? ?([^#]*)(#.*)?$')
DONE_RE = re.compile(r'^# vmfence-done rc=(\d+)')
# A suite whose last test stops the machine on purpose announces the panic
# it expects; that panic, and only that one, is then its last test passed.
EXPECT_PANIC_RE = re.compile(r'^#\s*vmfence-expect-panic: (.+)$')
PANIC_RE = re.compile(r'Kernel panic - not syncing: (.+)$', re.M)


def splats(console, expected_panic=None):
    """Lines of the console that report a kernel bug, with some context;
    the report of the panic a suite announced is not one."""
    lines = console.splitlines()
    found, quiet_until = [], -1
    for i, line in enumerate(lines):
        # One report spans many matching lines (WARNING, Call Trace, panic).
        if SPLAT_RE.search(line) and i > quiet_until:
            quiet_until = i + 40
            if expected_panic and \
                    f'Kernel panic - not syncing: {expected_panic}' in line:
                continue
            found.append('\n'.join(lines[i:i + 3]))
    return found


RUN_RE = re.compile(r'^#\s+RUN\s+(\S+) \.\.\.$')


def named_skips(lines):
    """kselftest_harness.h of 6.1 prints a skipped test as "ok N # SKIP
    why", without its name, which the kernel's parser then misses: give it
    the name of the test its "RUN" line announced (or "skipped")."""
    out, running = [], None
    for line in lines:
        m = RUN_RE.match(line)
        if m:
            running = m.group(1)
        m = re.match(r'^(ok \d+) (# SKIP.*)$', line)
        if m:
            line = f'{m.group(1)} {running or "skipped"} {m.group(2)}'
        out.append(line)
    return out


def own_tap(lines, prefix):
    """Our own count of a TAP document: its top-level results and plan."""
    cases, problems, plan = [], [], None
    for line in lines:
        if line.startswith('Bail out!'):
            problems.append(f'{prefix}: {line}')
        m = re.match(r'^1\.\.(\d+)', line)
        if m:
            plan = int(m.group(1))
            continue
        m = RESULT_RE.match(line)
        if not m:
            continue
        directive = (m.group(4) or '').upper()
        cases.append({'name': f'{prefix}: {m.group(3).strip()}',
                      'ok': not m.group(1) or 'TODO' in directive,
                      'skip': 'SKIP' in directive})
    if plan is None:
        problems.append(f'{prefix}: no TAP plan')
    elif plan != len(cases):
        problems.append(f'{prefix}: planned {plan} tests, {len(cases)} ran')
    return cases, problems


def ktap_leaves(lines):
    """Results in raw KTAP that have no subtests of their own."""
    results = []
    for line in lines:
        stripped = line.lstrip(' ')
        if RESULT_RE.match(stripped):
            results.append(len(line) - len(stripped))
    return sum(1 for i, depth in enumerate(results)
               if i == 0 or results[i - 1] <= depth)


_PARSERS = {}


def kernel_parser(ksrc):
    """The kernel's kunit_parser module from ksrc, printing into a buffer of
    ours (its [ERROR] lines are the problems it found), or None."""
    if ksrc not in _PARSERS:
        path = os.path.join(ksrc, 'tools/testing/kunit')
        parser = None
        if ksrc and os.path.exists(os.path.join(path, 'kunit_parser.py')):
            sys.path.insert(0, path)
            import kunit_parser as parser
            import kunit_printer
            parser.stdout = kunit_printer.Printer(io.StringIO())
        _PARSERS[ksrc] = parser
    return _PARSERS[ksrc]


def leaf_cases(test, prefix):
    """The kernel parser's Test tree as our cases, leaves only."""
    if not test.subtests:
        status = test.status.name
        return [{'name': f'{prefix}{test.name}',
                 'ok': status in ('SUCCESS', 'SKIPPED'),
                 'skip': status == 'SKIPPED'}]
    cases = []
    for sub in test.subtests:
        cases += leaf_cases(sub, f'{prefix}{test.name}.' if test.name else prefix)
    return cases


def parse_doc(lines, ksrc, prefix, ktap):
    """One TAP or KTAP document through the kernel's parser; our own count
    of it (its plan, or for KTAP its leaves) must agree."""
    parser = kernel_parser(ksrc)
    if ktap:
        own, problems = None, []
        expected = ktap_leaves(lines)
    else:
        lines = named_skips(lines)
        own, problems = own_tap(lines, prefix)
        expected = len(own)
    if parser is None:
        if own is None:
            return [], [f'{prefix}: no kernel source to parse KTAP with']
        return own, problems
    buf = parser.stdout._output
    buf.seek(0)
    buf.truncate()
    if not ktap:
        header = ['TAP version 13']
    elif any(line.startswith('KTAP version') for line in lines):
        header = []
    else:
        # A KUnit module loaded after boot prints its suites as subtests
        # with no document around them (the kernel printed that header at
        # boot): give them one, with a plan of their top-level results.
        top = sum(1 for line in lines if RESULT_RE.match(line))
        header = ['KTAP version 1', f'1..{top}']
    test = parser.parse_run_tests(line + '\n' for line in header + lines)
    # The root is the document itself ("main"): its subtests are the cases.
    cases = [dict(c, name=f'{prefix}: {c["name"]}')
             for sub in test.subtests for c in leaf_cases(sub, '')]
    problems += [f'{prefix}: kunit_parser: {line.split("[ERROR]", 1)[1].strip()}'
                 for line in buf.getvalue().splitlines() if '[ERROR]' in line]
    if not cases:
        problems.append(f'{prefix}: the kernel\'s parser found no test cases')
    elif expected != len(cases):
        problems.append(f'{prefix}: {expected} results, the kernel\'s parser '
                        f'counted {len(cases)}')
    return cases, problems


def parse_results(text, ksrc, panic=None):
    """Cases, problems, the suite's exit status (None when it never said),
    and the panic it announced if the console shows that panic."""
    cases, problems, rc, expected = [], [], None, None
    doc, ktap, in_ktap, docs, name = None, [], False, 0, None
    for line in text.splitlines():
        line = line.rstrip('\r')
        m = EXPECT_PANIC_RE.match(line)
        if m and doc is not None:
            expected = m.group(1).strip()
            if panic == expected:
                # The test under way ends here, passed: the machine stopped.
                ran = sum(1 for x in doc[1] if RESULT_RE.match(x))
                doc[1].append(f'ok {ran + 1} - the machine stopped: {expected}')
            continue
        if line == '# ktap-begin':
            in_ktap, ktap = True, []
            continue
        if line == '# ktap-end':
            in_ktap = False
            c, p = parse_doc(ktap, ksrc, 'kunit', ktap=True)
            cases, problems = cases + c, problems + p
            continue
        if in_ktap:
            ktap.append(line)
            continue
        m = DONE_RE.match(line)
        if m:
            rc = int(m.group(1))
            continue
        if line.startswith('TAP version'):
            if doc is not None:
                c, p = parse_doc(doc[1], ksrc, doc[0], ktap=False)
                cases, problems = cases + c, problems + p
            docs += 1
            doc, name = (name or f'tap{docs}', []), None
            continue
        m = re.match(r'^# test: (\S+)$', line)
        if m:
            name = m.group(1)
            continue
        if doc is not None:
            doc[1].append(line)
    if doc is not None:
        c, p = parse_doc(doc[1], ksrc, doc[0], ktap=False)
        cases, problems = cases + c, problems + p
    if in_ktap:
        problems.append('KTAP output did not end')
    if expected and panic != expected:
        problems.append(f'expected the panic "{expected}", '
                        f'the console shows {panic and repr(panic) or "none"}')
    return cases, problems, rc, expected if panic == expected else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', required=True)
    ap.add_argument('--ksrc', required=True)
    ap.add_argument('--qemu-rc', type=int, default=0)
    ap.add_argument('dir')
    args = ap.parse_args()

    def read(name):
        try:
            with open(os.path.join(args.dir, name), errors='replace') as f:
                return f.read()
        except OSError:
            return ''

    console = read('console.log')
    m = PANIC_RE.search(console)
    cases, problems, rc, panicked = parse_results(
        read('results.log'), args.ksrc, m.group(1).strip() if m else None)
    if rc is None and not panicked:
        why = 'timed out' if args.qemu_rc == 124 else f'qemu exit {args.qemu_rc}'
        problems.append(f'the suite never finished ({why})')
    elif rc is not None and rc != 0 and all(c['ok'] for c in cases):
        problems.append(f'the suite exited {rc} with no failing test')
    if not cases:
        problems.append('no test results')
    problems += [f'kernel splat:\n{s}' for s in splats(console, panicked)]

    passed = sum(1 for c in cases if c['ok'] and not c['skip'])
    skipped = sum(1 for c in cases if c['skip'])
    failed = sum(1 for c in cases if not c['ok']) + len(problems)
    notes = dict(re.findall(r'^# (verdict|the kernel itself|vmfencectl): (.*)$',
                            read('results.log'), re.M))
    summary = {'name': args.name, 'passed': passed, 'failed': failed,
               'notes': notes,
               'skipped': skipped, 'seconds': read('seconds').strip(),
               'problems': problems,
               'failures': [c['name'] for c in cases if not c['ok']]}
    with open(os.path.join(args.dir, 'summary.json'), 'w') as f:
        json.dump(summary, f, indent=1)
    for c in summary['failures']:
        print(f'{args.name}: FAIL {c}')
    for p in problems:
        print(f'{args.name}: PROBLEM {p}')
    print(f'{args.name}: {passed} passed, {failed} failed' +
          (f', {skipped} skipped' if skipped else '') +
          f' ({summary["seconds"]}s, logs in {args.dir})')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
