#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run.sh - boot one test kernel under QEMU and run one suite inside it.
#
#   run.sh [-t TAG] KNAME SUITE [-- QEMU_ARGS...]
#
# Builds the module for KNAME and an initramfs, boots it with the suite
# named on the command line, and judges the run with results.py: the suite's
# own results, its completion, and a console free of kernel splats. The logs
# stay in build/vm/KNAME-SUITE[-TAG]/. Exit status 0 only for a clean pass.
#
# Environment: VMFENCE_ACCEL (tcg, or kvm where it works), VMFENCE_TIMEOUT
# (seconds, default 300, 900 on debug61), VMFENCE_MACHINE (default pc), VMFENCE_CPU (default
# max), VMFENCE_SMP (CPUs, default 2), VMFENCE_APPEND (extra kernel arguments),
# VMFENCE_TPM (a swtpm state directory of tpm.sh: the guest gets a TPM 2.0
# on tpm-tis, run by swtpm on a copy of it), VMFENCE_DATA (a directory the
# suite reads, into the initramfs's /lib/vmfence/data).
# The guest programs of tools/testing/Makefile go into the initramfs's /bin.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
tag=
if [ "${1:-}" = -t ]; then
	tag=-$2
	shift 2
fi
kname=${1:?usage: run.sh [-t TAG] KNAME SUITE [-- QEMU_ARGS]}
suite=${2:?usage: run.sh [-t TAG] KNAME SUITE [-- QEMU_ARGS]}
shift 2
[ "${1:-}" = -- ] && shift

eval "$("$here/kernel.sh" "$kname")"
# The demo shows the module users install: no test hooks.
moddir=$top/build/$kname/mod
if [ "$suite" = demo ]; then
	export VMFENCE_TEST_HOOKS=n
	moddir=$top/build/$kname/mod-release
fi
"$here/module.sh" "$kname" >/dev/null
make -s -C "$top/userspace" vmfencectl
make -s -C "$top/tools/testing" guest >/dev/null
"$here/selftests.sh" "$KSRC" >/dev/null

dir=$top/build/vm/$kname-$suite$tag
rm -rf "$dir"
mkdir -p "$dir"
# The benchmarks' programs, and what they are compared with.
extra=()
if [ "$suite" = bench ]; then
	make -s -C "$top/tools/testing/bench"
	extra=("$top/build/bench/benchtool" "$top/build/bench/nop" "$top/build/bench/nop-dyn"
		/usr/bin/sha256sum /usr/bin/systemd-detect-virt)
fi
VMFENCE_DATA=${VMFENCE_DATA:-} "$here/initramfs.sh" "$dir/initramfs.cpio" "$moddir" "$KVER" "$MODROOT" \
	"$top"/build/guest-bin/* "${extra[@]}"

# Results go to the second serial port; microvm has one only, so it gets a
# second ISA UART at the standard ttyS1 address.
machine=${VMFENCE_MACHINE:-pc}
results_port=(-serial "file:$dir/results.log")
case $machine in
microvm*)
	results_port=(-chardev "file,id=results,path=$dir/results.log"
		-device isa-serial,chardev=results,iobase=0x2f8,irq=3)
	;;
esac

# A TPM: swtpm on a copy of the state (it writes to it), until QEMU closes
# its control channel (--terminate), or this script ends, whichever first.
tpm=()
swtpm_pid=
stop_swtpm() {
	[ -n "$swtpm_pid" ] || return 0
	kill "$swtpm_pid" 2>/dev/null || :
	wait "$swtpm_pid" 2>/dev/null || :
	swtpm_pid=
}
start_swtpm() {
	rm -rf "$dir/tpm"
	cp -r "$VMFENCE_TPM" "$dir/tpm"
	sock=$dir/tpm/ctrl.sock
	swtpm socket --tpm2 --tpmstate "dir=$dir/tpm" --ctrl "type=unixio,path=$sock" \
		--terminate --log "file=$dir/swtpm.log,level=1" &
	swtpm_pid=$!
	for _ in $(seq 50); do
		[ -S "$sock" ] && break
		kill -0 "$swtpm_pid" 2>/dev/null || { echo "run.sh: swtpm failed, see $dir/swtpm.log" >&2; exit 1; }
		sleep 0.1
	done
	[ -S "$sock" ] || { echo "run.sh: swtpm made no socket" >&2; exit 1; }
	tpm=(-chardev "socket,id=chrtpm,path=$sock" -tpmdev emulator,id=tpm0,chardev=chrtpm
		-device tpm-tis,tpmdev=tpm0)
}
if [ -n "${VMFENCE_TPM:-}" ]; then
	[ -d "$VMFENCE_TPM" ] || { echo "run.sh: no TPM state $VMFENCE_TPM" >&2; exit 1; }
	trap stop_swtpm EXIT
	trap 'stop_swtpm; exit 1' HUP INT TERM
fi

accel=${VMFENCE_ACCEL:-tcg}
# Under TCG a vCPU is a host thread that a busy host can starve for tens of
# seconds: the kernel would take that for an RCU stall or a soft lockup.
# Its longest stall and lockup limits keep that noise out of the splat
# check, while a real hang still ends the run by the timeout below.
# The same starvation makes the clocksource watchdog find the TSC skewed
# and mark it unstable at any point of a run, and that flips sched_clock's
# static key: code patching across running vCPUs, where TCG has tripped
# over its own int3 (an Oops in sched_clock_cpu(), no vmfence code near).
# tsc=reliable spares the TSC that watchdog: TCG derives every vCPU's TSC
# from one host clock, and sched_clock's one flip then happens at boot.
slow=
[ "$accel" = tcg ] && slow="rcupdate.rcu_cpu_stall_timeout=300 watchdog_thresh=60 tsc=reliable"
# The debug kernel (KASAN, lockdep) runs several times slower under TCG.
timeout=${VMFENCE_TIMEOUT:-$([ "$kname" = debug61 ] && echo 900 || echo 300)}
boot() {
	[ -z "${VMFENCE_TPM:-}" ] || start_swtpm
	set +e
	timeout --foreground "$timeout" qemu-system-x86_64 \
		-machine "$machine,accel=$accel" -cpu "${VMFENCE_CPU:-max}" \
		-smp "${VMFENCE_SMP:-2}" -m 1G -nographic -no-reboot -monitor none \
		-kernel "$BZIMAGE" -initrd "$dir/initramfs.cpio" \
		-append "console=ttyS0 reboot=t panic=-1 oops=panic panic_on_warn=1 vmfence.suite=$suite $slow ${VMFENCE_APPEND:-}" \
		-serial "file:$dir/console.log" "${results_port[@]}" "${tpm[@]}" \
		"$@" >>"$dir/qemu.log" 2>&1 </dev/null
	qrc=$?
	set -e
	stop_swtpm
}
start=$(date +%s)
: >"$dir/qemu.log"
boot "$@"
# Under TCG, a stock kernel can trip over its own boot-time code patching
# (an int3 on another vCPU while a static key flips, before any user space
# runs): a QEMU artefact, not vmfence's. Only when the kernel panicked
# before the guest wrote a single result is the boot tried once more; the
# first console stays beside the second, and the judge is told.
if [ ! -s "$dir/results.log" ] && grep -q 'Kernel panic' "$dir/console.log"; then
	mv "$dir/console.log" "$dir/console.first.log"
	echo "run.sh: the kernel panicked before user space (console.first.log); booted once more" |
		tee -a "$dir/qemu.log" >&2
	boot "$@"
fi
echo "$(($(date +%s) - start))" >"$dir/seconds"
[ $qrc -eq 124 ] && echo "run.sh: $kname/$suite timed out after ${timeout}s" >>"$dir/qemu.log"
exec python3 "$here/results.py" --name "$kname/$suite$tag" --ksrc "$KSRC" \
	--qemu-rc $qrc "$dir"
