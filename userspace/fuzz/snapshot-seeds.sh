#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# snapshot-seeds.sh - pack the snapshot fixtures into snapshot_fuzz's seeds
#
#   snapshot-seeds.sh [OUTDIR]    (default corpus/snapshot beside this script)
#
# One seed per directory of tools/testing/fixtures/env/, in the record
# format snapshot_fuzz.c reads; each file cut to its first 2048 bytes (what
# detection reads of firmware tables is their header).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/../../tools/testing/fixtures/env
out=${1:-$here/corpus/snapshot}
mkdir -p "$out"
for d in "$fixtures"/*/; do
	name=$(basename "$d")
	python3 - "$d" "$out/$name" <<'PY'
import os, struct, sys
root, dest = sys.argv[1], sys.argv[2]
recs = []
for dirpath, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        full = os.path.join(dirpath, f)
        rel = os.path.relpath(full, root).encode()
        if len(rel) > 255 or os.path.islink(full):
            continue
        with open(full, 'rb') as fh:
            data = fh.read(2048)
        recs.append(bytes([len(rel)]) + rel + struct.pack('<H', len(data)) + data)
with open(dest, 'wb') as fh:
    fh.write(b''.join(recs))
PY
done
ls "$out" | wc -l
