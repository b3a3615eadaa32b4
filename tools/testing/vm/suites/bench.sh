#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.sh - measure what vmfence costs: exec with a large policy, the first
# exec of a large program, a policy replace, detection.
#
# Every measurement is printed as a "# bench NAME ROUND VALUE..." line for
# tools/testing/bench/report.py, which takes medians and ratios. Wherever
# two things are compared they run in the same round, alternating which
# goes first (A B, B A, ...), so that a load on the host that comes and goes
# (other QEMU runs on the same CPUs) hits both sides alike. The TAP checks
# only say that each measurement was taken and measured what it claims
# (counters moved, the digest is the file's); the targets are judged on the
# host, from the numbers.
#
# vmfence.bench=quick on the kernel command line (make check) takes small
# sizes; the default is the full run of make bench.
. /suites/tap.inc

S=/sys/kernel/vmfence
B=/tmp/bench
mkdir -p $B

size=full
for arg in $(cat /proc/cmdline); do
	case $arg in vmfence.bench=*) size=${arg#vmfence.bench=} ;; esac
done
sections="exec digest policy detect"
if [ "$size" = quick ]; then
	ROUNDS=3 EXECS=100 PAIRS=6 BATCH=20 RULES=10000 PRULES=20000 BIG_MIB=8
	DETECTS=5 OROUNDS=3
elif [ "$size" = icount ]; then
	# The guest's clock counts its instructions: the exec and digest
	# comparisons, which are deterministic there, so fewer rounds do.
	ROUNDS=5 EXECS=100 PAIRS=10 BATCH=25 RULES=10000 PRULES=0 BIG_MIB=16
	DETECTS=0 OROUNDS=3 sections="exec digest"
else
	ROUNDS=11 EXECS=300 PAIRS=40 BATCH=25 RULES=10000 PRULES=100000 BIG_MIB=64
	DETECTS=10 OROUNDS=5
fi
# ROUNDS for the exec comparison, OROUNDS for the others.
echo "# bench size $size rounds=$ROUNDS other_rounds=$OROUNDS execs=$EXECS pairs=$PAIRS batch=$BATCH rules=$RULES policy_rules=$PRULES big_mib=$BIG_MIB detects=$DETECTS"
echo "# bench kernel $(uname -r)"
echo "# bench cpu $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1) x$(grep -c ^processor /proc/cpuinfo)"

# One counter of stats/ (read by the shell: a cat would be an exec, and
# counted), or a meminfo field in kB.
stat() {
	read -r v <$S/stats/"$1"
	echo "$v"
}
meminfo() { sed -n "s/^$1: *\([0-9]*\) kB/\1/p" /proc/meminfo; }
# The last line a command printed: benchtool's time, after the command's own.
ns_of() { tail -n1 "$1"; }

# vmfence in, with the 10,000 rules, enforcing on a virtualized verdict;
# benchtool has run once, so that its own first exec is out of the counts.
load_vmfence() {
	insmod /lib/vmfence/vmfence.ko &&
		vmfencectl policy load $B/rules >/dev/null &&
		test "$(cat $S/virtualized)" = 1 &&
		test "$(cat $S/mode)" = enforce &&
		benchtool time /bin/nop >/dev/null
}

# The sha256 driver the crypto API gives to a new user now.
sha256_driver() {
	awk '/^name/ { n = $3 } /^driver/ { d = $3 }
		/^priority/ && n == "sha256" && $3 > best { best = $3; bd = d }
		END { print bd }' /proc/crypto
}

benchtool policy $RULES >$B/rules
if [ $PRULES -gt 0 ]; then
	benchtool policy $PRULES >$B/rules-big
	# The same rules, the first digest changed: a replace that changes rules.
	sed '1s/sha256=./sha256=f/' $B/rules-big >$B/rules-big2
fi

want() { case " $sections " in *" $1 "*) return 0 ;; esac; return 1; }

if want exec; then
# --- exec: fork+exec of a static no-libc program, module out and in ----
tap_begin bench-exec 5
bad=0 checks=0 misses=0 hits=0
exec_a() {
	benchtool exec 20 /bin/nop >/dev/null &&
		echo "# bench exec-a $1 $(benchtool exec $EXECS /bin/nop)"
}
exec_b() {
	load_vmfence || return 1
	# The first exec reads the digest; the rest find the decision cached.
	benchtool exec 20 /bin/nop >/dev/null || return 1
	c0=$(stat exec_checks) m0=$(stat digest_misses) h0=$(stat digest_hits)
	echo "# bench exec-b $1 $(benchtool exec $EXECS /bin/nop)" || return 1
	checks=$((checks + $(stat exec_checks) - c0))
	misses=$((misses + $(stat digest_misses) - m0))
	hits=$((hits + $(stat digest_hits) - h0))
	echo "# bench scan-load $1 $(dmesg | sed -n 's/.*vmfence: .* in \([0-9]*\) us$/\1/p' | tail -n1)"
	rmmod vmfence
}
r=1
while [ $r -le $ROUNDS ]; do
	if [ $((r % 2)) = 1 ]; then
		exec_a $r && exec_b $r || bad=1
	else
		exec_b $r && exec_a $r || bad=1
	fi
	r=$((r + 1))
done
tap_check "$ROUNDS rounds of $EXECS execs, vmfence out and in" test $bad = 0
# Each batch is one exec more: benchtool's own.
tap_check "vmfence judged every timed exec ($checks)" \
	test $checks = $((ROUNDS * (EXECS + 1)))
tap_check "every judgement came from the cache (hits $hits, misses $misses)" \
	test $misses = 0 -a $hits = $((ROUNDS * (EXECS + 1)))

# The same, finer: vmfence stays in, and every batch of $BATCH execs
# switches between mode off (the handler returns at once) and enforce.
bad=0 checks=0
load_vmfence || bad=1
benchtool exec 20 /bin/nop >/dev/null
off() {
	echo off >$S/mode &&
		echo "# bench exec-off $1 $(benchtool exec $BATCH /bin/nop)"
}
on() {
	echo enforce >$S/mode || return 1
	c0=$(stat exec_checks)
	echo "# bench exec-on $1 $(benchtool exec $BATCH /bin/nop)" || return 1
	checks=$((checks + $(stat exec_checks) - c0))
}
r=1
while [ $r -le $PAIRS ]; do
	if [ $((r % 2)) = 1 ]; then
		off $r && on $r || bad=1
	else
		on $r && off $r || bad=1
	fi
	r=$((r + 1))
done
rmmod vmfence || bad=1
tap_check "$PAIRS pairs of $BATCH execs, mode off and enforce" test $bad = 0
tap_check "vmfence judged the enforce batches only ($checks)" \
	test $checks = $((PAIRS * (BATCH + 1)))

# --- the same for a dynamically linked program: ld.so judged twice -----
# Each exec judges the program, then its loader before the load and the
# loader the kernel mapped after it: three decisions from the cache.
tap_begin bench-exec-dyn 3
bad=0 checks=0 misses=0 hits=0
dyn_a() {
	benchtool exec 20 /bin/nop-dyn >/dev/null &&
		echo "# bench exec-dyn-a $1 $(benchtool exec $EXECS /bin/nop-dyn)"
}
dyn_b() {
	load_vmfence || return 1
	benchtool exec 20 /bin/nop-dyn >/dev/null || return 1
	c0=$(stat exec_checks) m0=$(stat digest_misses) h0=$(stat digest_hits)
	echo "# bench exec-dyn-b $1 $(benchtool exec $EXECS /bin/nop-dyn)" || return 1
	checks=$((checks + $(stat exec_checks) - c0))
	misses=$((misses + $(stat digest_misses) - m0))
	hits=$((hits + $(stat digest_hits) - h0))
	rmmod vmfence
}
r=1
while [ $r -le $ROUNDS ]; do
	if [ $((r % 2)) = 1 ]; then
		dyn_a $r && dyn_b $r || bad=1
	else
		dyn_b $r && dyn_a $r || bad=1
	fi
	r=$((r + 1))
done
tap_check "$ROUNDS rounds of $EXECS dynamic execs, vmfence out and in" test $bad = 0
tap_check "vmfence judged every timed exec ($checks)" \
	test $checks = $((ROUNDS * (EXECS + 1)))
# benchtool is static: its own exec makes one decision, each nop-dyn three.
tap_check "program and loader, before and after the load, from the cache (hits $hits, misses $misses)" \
	test $misses = 0 -a $hits = $((ROUNDS * (3 * EXECS + 1)))

fi

if want digest; then
# --- the first exec of a large program against sha256sum ---------------
# The file is on tmpfs (the guest has no disk), so both read it from the
# page cache: both warm. Once with the kernel's generic C sha256, as
# sha256sum's is, once with the fastest driver this CPU has.
benchtool bigfile /bin/nop $B/big $BIG_MIB
digest_bench() {
	drv=$(sha256_driver)
	tap_begin "bench-digest-$drv" 5
	echo "# bench sha256-driver $drv"
	load_vmfence
	bad=0 misses=0
	r=1
	while [ $r -le $OROUNDS ]; do
		if [ $((r % 2)) = 1 ]; then
			cold $drv $r && sum $drv $r || bad=1
		else
			sum $drv $r && cold $drv $r || bad=1
		fi
		r=$((r + 1))
	done
	tap_check "$OROUNDS rounds of a ${BIG_MIB} MiB program and sha256sum" test $bad = 0
	tap_check "each first exec computed the digest ($misses of $OROUNDS)" \
		test $misses = $OROUNDS
	digest=$(sha256sum $B/big | cut -d' ' -f1)
	tap_check "a rule on sha256sum's digest of it is accepted" \
		vmfencectl rule add deny exec sha256=$digest
	tap_check "and refuses it: vmfence hashed the whole file" sh -c "! $B/big"
	tap_check "the small program still runs" /bin/nop
	rmmod vmfence
}
cold() {
	# A new change time: the cached digest no longer describes the file.
	touch $B/big
	m0=$(stat digest_misses)
	benchtool time $B/big >$B/out || return 1
	echo "# bench digest-cold.$1 $2 $(ns_of $B/out)"
	misses=$((misses + $(stat digest_misses) - m0))
	benchtool time $B/big >$B/out || return 1
	echo "# bench digest-warm.$1 $2 $(ns_of $B/out)"
}
sum() {
	benchtool time sha256sum $B/big >$B/out || return 1
	echo "# bench sha256sum.$1 $2 $(ns_of $B/out)"
}
digest_bench
# What a full system's udev loads for the CPU: SSSE3, AVX2 or SHA-NI.
insmod /lib/vmfence/sha256-ssse3.ko 2>/dev/null
[ "$(sha256_driver)" != sha256-generic ] && digest_bench

fi

if want policy; then
# --- policy: replace a large policy with another; memory per rule --------
tap_begin bench-policy 4
bad=0
insmod /lib/vmfence/vmfence.ko
sleep 1
slab0=$(meminfo Slab)
benchtool time vmfencectl policy load $B/rules-big >$B/out || bad=1
echo "# bench policy-first 0 $(ns_of $B/out)"
# Freed generations go after an RCU grace period.
sleep 2
slab1=$(meminfo Slab)
vmfencectl -j status >$B/status
pbytes=$(sed -n 's/.*"policy_bytes": *\([0-9]*\).*/\1/p' $B/status)
nrules=$(sed -n 's/.*"rules": *\([0-9]*\).*/\1/p' $B/status)
echo "# bench policy-mem 0 rules=$nrules slab_kb=$((slab1 - slab0)) policy_bytes=$pbytes"
r=1
while [ $r -le $OROUNDS ]; do
	f=$B/rules-big
	[ $((r % 2)) = 1 ] && f=$B/rules-big2
	# What of it is vmfencectl's own parsing and checking, without the module.
	benchtool time vmfencectl policy check $f >$B/out || bad=1
	echo "# bench policy-check $r $(ns_of $B/out)"
	benchtool time vmfencectl policy load $f >$B/out || bad=1
	echo "# bench policy-replace $r $(ns_of $B/out)"
	r=$((r + 1))
done
tap_check "$OROUNDS replaces of $PRULES rules" test $bad = 0
tap_check "the module holds $PRULES rules ($nrules)" test "$nrules" = $PRULES
tap_check "it accounts for their memory ($pbytes bytes)" \
	test "${pbytes:-0}" -gt $((PRULES * 32))
tap_check "the slab grew by about that ($((slab1 - slab0)) kB)" \
	test $(((slab1 - slab0) * 2048)) -ge "${pbytes:-0}"
rmmod vmfence

fi

if want detect; then
# --- detection: the module's scan, vmfencectl detect, systemd-detect-virt
tap_begin bench-detect 4
insmod /lib/vmfence/vmfence.ko
bad=0 scans=0
r=1
while [ $r -le $OROUNDS ]; do
	echo 1 >$S/rescan
	vmfencectl -j status >$B/status
	ns=$(sed -n 's/.*"duration_ns": *\([0-9]*\).*/\1/p' $B/status)
	echo "# bench scan-rescan $r $ns"
	[ "${ns:-0}" -gt 0 ] && scans=$((scans + 1))
	r=$((r + 1))
done
vmfencectl -j detect >$B/detect || bad=1
nsig=$(grep -o '"name": *"' $B/detect | wc -l)
echo "# bench detect-signals 0 $nsig"
sdv=$(systemd-detect-virt --vm 2>&1)
echo "# bench detect-sdv-answer 0 $sdv"
ctl() { echo "# bench detect-ctl $1 $(benchtool exec $DETECTS vmfencectl detect)"; }
sdv() { echo "# bench detect-sdv $1 $(benchtool exec $DETECTS systemd-detect-virt --vm)"; }
r=1
while [ $r -le $OROUNDS ]; do
	if [ $((r % 2)) = 1 ]; then
		ctl $r && sdv $r || bad=1
	else
		sdv $r && ctl $r || bad=1
	fi
	r=$((r + 1))
done
tap_check "the module timed each of $OROUNDS rescans ($scans)" test $scans = $OROUNDS
tap_check "vmfencectl detect reports signals ($nsig)" test "$nsig" -gt 10
tap_check "systemd-detect-virt runs here and finds qemu ($sdv)" test "$sdv" = qemu
tap_check "$OROUNDS rounds of detect, vmfencectl and systemd-detect-virt" test $bad = 0
rmmod vmfence
fi
tap_status
