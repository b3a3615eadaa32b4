#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""include_loops.py - no two files of kmod/ include each other in a loop.

    include_loops.py [DIR]      (default: kmod)

A file and its header are one unit (scan.c and scan.h are "scan"). Unit A
depends on unit B when A's .c file includes B's header with #include
"...": a function one unit calls of another is declared in that unit's
header, so a loop of calls shows as a loop of such includes. A header that
includes another for its types (sigeval.h, signals.h) makes no edge. Prints every loop found, one a
line, and exits 1 when there is one; else prints the count of units.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def units(top):
    deps = {}
    for root, _, files in os.walk(top):
        for f in files:
            if not f.endswith(('.c', '.h')):
                continue
            path = os.path.join(root, f)
            unit = os.path.relpath(path, top)[:-2]
            deps.setdefault(unit, set())
            if not f.endswith('.c'):
                continue
            with open(path, errors='replace') as fh:
                text = fh.read()
            for inc in INCLUDE.findall(text):
                target = os.path.normpath(os.path.join(os.path.dirname(path), inc))
                if not target.endswith('.h') or not os.path.exists(target):
                    continue
                dep = os.path.relpath(target, top)[:-2]
                if dep != unit:
                    deps[unit].add(dep)
    return deps


def loops(deps):
    """Strongly connected components of more than one unit (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(deps.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(deps):
        if v not in index:
            visit(v)
    return out


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else 'kmod'
    deps = units(top)
    found = loops(deps)
    for comp in found:
        print('loop: ' + ' <-> '.join(comp))
    if not found:
        print(f'{len(deps)} units, no include loop')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
