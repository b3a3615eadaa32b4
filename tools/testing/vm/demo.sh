#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# demo.sh - `make demo`: build vmfence, boot Debian's stock kernel under QEMU
# with it, and tell what happens.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)

echo "Building vmfence and booting Debian's stock 6.1 kernel under QEMU"
echo "(software emulation: this takes a few seconds)..."
echo
mkdir -p "$top/build"
set +e
"$here/run.sh" stock61 demo >"$top/build/demo-verdict.txt" 2>&1
rc=$?
set -e
sed -n 's/^| \{0,1\}//p' "$top/build/vm/stock61-demo/results.log" 2>/dev/null
echo
if [ $rc -eq 0 ]; then
	echo "Demo complete: every step above checked out."
else
	cat "$top/build/demo-verdict.txt"
	echo "The demo did not run cleanly (logs in build/vm/stock61-demo/)." >&2
fi
exit $rc
