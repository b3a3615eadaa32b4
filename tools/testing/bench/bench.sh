#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh - what `make bench` runs: the bench suite under QEMU on Debian's
# 6.1 kernel, vmfencectl detect against systemd-detect-virt and virt-what on
# this machine, and the table in Documentation/benchmarks.rst.
#
#   tools/testing/bench/bench.sh [--reuse] [--no-doc]
#
# --reuse keeps a guest run that passed (build/vm/stock61-bench*/) instead
# of running it again: for redoing the host side and the table. --no-doc
# prints the table without writing it.
#
# KVM is used when it works here (VMFENCE_ACCEL=kvm or tcg forces either):
# a short boot of the kernel with it must get as far as the kernel's banner.
# Logs stay in build/vm/stock61-bench/ and build/bench/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
out=$top/build/bench
doc=$top/Documentation/benchmarks.rst
reuse=
for arg in "$@"; do
	case $arg in
	--reuse) reuse=1 ;;
	--no-doc) doc= ;;
	*) echo "usage: bench.sh [--reuse] [--no-doc]" >&2; exit 2 ;;
	esac
done
mkdir -p "$out"

# run.sh with the arguments given, unless --reuse and its run passed.
guest() {
	local dir=$1
	shift
	if [ -n "$reuse" ] && python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))
sys.exit(1 if s["failed"] or not s["passed"] else 0)' "$dir/summary.json" 2>/dev/null; then
		echo "bench: reusing $dir" >&2
		return 0
	fi
	"$top/tools/testing/vm/run.sh" "$@"
}

eval "$("$top/tools/testing/vm/kernel.sh" stock61)"

# Does KVM boot a kernel here? /dev/kvm can exist and still fail (nested
# virtualization without the MSRs QEMU's CPU models need).
kvm_works() {
	[ -w /dev/kvm ] || return 1
	rm -f "$out/kvm-probe.log"
	# In a subshell of its own: QEMU may abort, and bash would say so.
	(timeout 30 qemu-system-x86_64 -machine pc,accel=kvm -cpu max -m 256 \
		-display none -no-reboot -monitor none -kernel "$BZIMAGE" \
		-append "console=ttyS0 panic=-1" -serial "file:$out/kvm-probe.log" \
		</dev/null || true) >/dev/null 2>&1
	grep -q 'Linux version' "$out/kvm-probe.log" 2>/dev/null
}
if [ -z "${VMFENCE_ACCEL:-}" ]; then
	VMFENCE_ACCEL=tcg
	kvm_works && VMFENCE_ACCEL=kvm
fi
export VMFENCE_ACCEL
echo "bench: QEMU with $VMFENCE_ACCEL" >&2

# The guest: 15 minutes under TCG on an idle host, much more on a busy one.
VMFENCE_TIMEOUT=${VMFENCE_TIMEOUT:-3600} VMFENCE_APPEND=vmfence.bench=full \
	guest "$top/build/vm/stock61-bench" stock61 bench

# The exec comparison again, on a clock that counts the guest's instructions
# (one nanosecond each): what vmfence adds to an exec, whatever else the
# host is running. QEMU's icount needs one vCPU to be dependable.
icount=
if [ "$VMFENCE_ACCEL" = tcg ]; then
	VMFENCE_TIMEOUT=${VMFENCE_TIMEOUT:-1800} VMFENCE_APPEND=vmfence.bench=icount \
		guest "$top/build/vm/stock61-bench-icount" -t icount stock61 bench -- \
		-icount shift=0,sleep=off -smp 1
	icount=$top/build/vm/stock61-bench-icount/results.log
fi

# The host: the three detectors in rounds, the order turning each round.
make -s -C "$top/userspace" vmfencectl
cmds=("$top/userspace/vmfencectl detect" "systemd-detect-virt --vm" "virt-what")
rounds=5 runs=20
for r in $(seq 1 $rounds); do
	order=()
	for i in 0 1 2; do
		order+=("${cmds[$(((i + r) % 3))]}")
	done
	hyperfine -N -i --warmup 3 --runs $runs --style none \
		--export-json "$out/hyperfine-$r.json" "${order[@]}" \
		>/dev/null 2>>"$out/hyperfine.log"
done
python3 - "$out" $rounds $runs "${cmds[@]}" <<'EOF'
import json, statistics, sys
out, rounds, runs, cmds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
res = {'runs': runs, 'commands': [c.split('/')[-1] for c in cmds], 'rounds': []}
for r in range(1, rounds + 1):
    with open(f'{out}/hyperfine-{r}.json') as f:
        rd = {x['command']: x['median'] for x in json.load(f)['results']}
    res['rounds'].append({c.split('/')[-1]: rd[c] for c in cmds})
with open(f'{out}/host-detect.json', 'w') as f:
    json.dump(res, f, indent=1)
EOF

python3 "$here/report.py" --accel "$VMFENCE_ACCEL" --host-json "$out/host-detect.json" \
	${icount:+--icount "$icount"} ${doc:+--doc "$doc"} \
	"$top/build/vm/stock61-bench/results.log" | tee "$out/table.rst"
