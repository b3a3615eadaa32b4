#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tpm.sh - the TPM identity (issue 15) on a swtpm TPM 2.0: its class, the
# proof of possession of its EK, the event log, and the bind-tpm setting.
#
# check.py boots one machine per TPM state of tools/testing/vm/tpm.sh and
# says which by the kernel command line: vmfence.tpmcase=mfr-a|mfr-b|swtpm|
# copy|ecc|ecc-copy, vmfence.ek_a= and vmfence.ek_b= (the SHA-256 of mfr-a's
# and mfr-b's RSA EK SubjectPublicKeyInfo, computed on the host by openssl),
# vmfence.ek_self= (the booted TPM's certificate's: for ecc and ecc-copy,
# mfr-a's ECC P-384 certificate's). The test CA's certificate is in
# /lib/vmfence/data. The verdict is forced to physical ("none none 0",
# /sys/kernel/debug/vmfence/force) for the bind-tpm tests: on QEMU the
# module would refuse the program whatever the TPM.
. /suites/tap.inc
. /suites/args.inc

S=/sys/kernel/vmfence
T=$S/tpm
D=/lib/vmfence/data
FORCE=/sys/kernel/debug/vmfence/force
LOG=/sys/kernel/security/tpm0/binary_bios_measurements
tcase=$(arg tpmcase '')
ek_a=$(arg ek_a '')
ek_b=$(arg ek_b '')
ek_self=$(arg ek_self '')

# "ok N - DESC # SKIP WHY": a check this machine cannot make.
tap_skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $1 # SKIP $2"
}

# The identity as vmfencectl gives it, into /tmp/tpm.json and the log.
tpm_json() {
	vmfencectl tpm -j >/tmp/tpm.json 2>&1
	echo "# vmfencectl tpm -j ($1):"
	sed 's/^/#   /' /tmp/tpm.json
}
# A field of /tmp/tpm.json: a string's contents, or a number or word.
jfield() {
	sed -n "s/.*\"$1\":\\(\"[^\"]*\"\\|[a-z0-9]*\\).*/\\1/p" /tmp/tpm.json | tr -d '"'
}
# FIELD VALUE: sysfs and vmfencectl both say VALUE.
is() {
	echo "sysfs $T/$1: '$(cat $T/$1)', vmfencectl: '$(jfield $1)', expected '$2'"
	test "$(cat $T/$1)" = "$2" && test "$(jfield $1)" = "$2"
}
# vmfencectl and sysfs agree on the identity's class, possession and EK
# (which are there: every case's TPM has an EK certificate).
agree() {
	for f in class possession ek_sha256; do
		echo "$f: sysfs '$(cat $T/$f)', vmfencectl '$(jfield $f)'"
		test -n "$(cat $T/$f)" && test "$(cat $T/$f)" = "$(jfield $f)" || return 1
	done
}

# The policy of the bind tests: /bin/sensitive refused on a VM, with the
# bind-tpm line given (none for "").
policy() {
	{
		echo "mode enforce"
		echo "deny exec path=/bin/sensitive"
		[ -z "$1" ] || echo "bind-tpm ek-sha256=$1"
	} >/tmp/tpm.policy
	vmfencectl policy load /tmp/tpm.policy
}
physical() { echo "none none 0" >$FORCE; }
# The program runs (the payload exits 7) or the exec is refused.
runs() {
	/bin/sensitive
	rc=$?
	echo "/bin/sensitive exit status $rc"
	test $rc = 7
}
refused() {
	sh -c /bin/sensitive >/tmp/sensitive.err 2>&1
	rc=$?
	echo "/bin/sensitive exit status $rc: $(cat /tmp/sensitive.err)"
	test $rc = 126 && grep -q 'Permission denied\|Operation not permitted' /tmp/sensitive.err
}
# bind-tpm EK, the verdict physical: the program runs or not as EXPECT
# (runs, refused) and the identity is bound (yes, no, unset) as BOUND.
bind_check() {
	policy "$1" && physical && $2 && tpm_json "bind $1" >/dev/null && is bound "$3"
}
is_ek_b() {
	test "$ek_b" != "$ek_a" && is ek_sha256 "$ek_b"
}
# A TPM signal hit whose detail names the EK (not the manufacturer
# signal's), in sysfs and in vmfencectl signals.
tpm_ek_signal() {
	grep -H '' $S/signals/*tpm*
	for f in $S/signals/*tpm*; do
		grep -q '^1 [0-9]* .*\(EK\|swtpm-localca\)' "$f" &&
			vmfencectl signals | grep -q "$(basename "$f")" && return 0
	done
	return 1
}
trust() {
	vmfencectl tpm trust "$@"
}
# With the test hook tpm_trusting (the TPM's word taken for its public
# key), a rescan: possession still fails, on the salted session. The hook
# is off again, and rescanned, whatever the outcome.
trusting_salt_fails() {
	echo Y >/sys/kernel/debug/vmfence/tpm_trusting && echo 1 >$S/rescan &&
		grep -qx failed $T/possession && cat $T/possession_detail &&
		grep -q 'salt' $T/possession_detail
	r=$?
	echo N >/sys/kernel/debug/vmfence/tpm_trusting
	echo 1 >$S/rescan
	return $r
}

mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
cp /lib/vmfence/payloads/static-harmless /bin/sensitive
log=present
[ -r $LOG ] || log=absent
echo "# tpm case $tcase on $(uname -r): /dev/tpm0 $([ -c /dev/tpm0 ] && echo present || echo absent), event log $log"
[ $log = present ] && echo "# event log: $(wc -c <$LOG) bytes"

case $tcase in
mfr-a) n=27 ;;
mfr-b) n=12 ;;
swtpm) n=10 ;;
copy) n=13 ;;
ecc) n=15 ;;
ecc-copy) n=13 ;;
*)
	echo "Bail out! vmfence.tpmcase='$tcase': not mfr-a, mfr-b, swtpm, copy, ecc or ecc-copy"
	exit 1
	;;
esac
# The kernel's ECDH, as request_module() would load it on a full system,
# after the default RNG its self-test and its keys draw on and SHA-384
# (each only where it is a module: 6.12 builds in all but ecdh_generic,
# the debug kernel all of them; initramfs.sh says why each).
for m in sha3_generic jitterentropy_rng sha512_generic ctr drbg ecc ecdh_generic; do
	[ -e /lib/vmfence/$m.ko ] && insmod /lib/vmfence/$m.ko
done
grep -q 'ecdh-nist-p384' /proc/crypto && ecdh=yes || ecdh=no
echo "# ECDH P-384 in /proc/crypto: $ecdh"
tap_begin "tpm-$tcase" $n
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko
tap_check "the kernel sees a TPM 2.0" sh -c \
	"test -c /dev/tpm0 && test \"\$(cat /sys/class/tpm/tpm0/tpm_version_major)\" = 2"
tap_check "the firmware's event log is in securityfs" test $log = present
tpm_json "at load"
tap_check "the module reports a TPM" sh -c \
	"test \"\$(cat $T/present)\" = 1 && grep -q '\"present\":true' /tmp/tpm.json"
tap_check "a file that is no certificate is refused with a message" sh -c \
	"echo 'not a certificate' >/tmp/junk.pem; ! vmfencectl tpm trust /tmp/junk.pem 2>/tmp/junk.err && test -s /tmp/junk.err"

case $tcase in
mfr-a)
	tap_check "no anchor: the test manufacturer's EK is of unknown class" is class unknown
	tap_check "tpm trust loads the test CA" trust $D/test-ca.pem
	tpm_json "trusted"
	tap_check "one anchor" is anchors 1
	tap_check "the EK chains to the anchor: class hardware" is class hardware
	tap_check "the TPM proves it holds the EK" is possession proven
	tap_check "ek_sha256 is the host's (openssl)" is ek_sha256 "$ek_a"
	tap_check "the EK issuer is the test CA" sh -c \
		"grep -q 'CN=vmfence test TPM manufacturer root CA' $T/ek_issuer"
	if [ $log = present ]; then
		tap_check "the event log replays to the PCRs" is eventlog match
	else
		tap_check "no event log: eventlog absent" is eventlog absent
	fi
	tap_check "vmfencectl and sysfs agree" agree
	tap_check "a hardware EK does not make QEMU physical" test "$(cat $S/virtualized)" = 1
	tap_check "bound to this EK, physical: the program runs, bound yes" \
		bind_check "$ek_a" runs yes
	tap_check "bound to mfr-b's EK, physical: refused, bound no" \
		bind_check "$ek_b" refused no
	tap_check "no bind-tpm, physical: the program runs, bound unset" \
		bind_check "" runs unset
	tap_check "bound to two EKs, this one among them: runs" \
		bind_check "$ek_b,$ek_a" runs yes
	tap_check "policy save gives the bind-tpm list back, sorted" sh -c \
		"vmfencectl policy save /tmp/saved.conf && cat /tmp/saved.conf && \
		 grep -qx \"bind-tpm ek-sha256=\$(printf '%s\n' $ek_a $ek_b | sort | paste -sd,)\" /tmp/saved.conf"
	if [ $log = present ]; then
		tap_check "tpm_extend 7 behind the log's back, rescan: eventlog mismatch" sh -c \
			"tpm_extend 7 && echo 1 >$S/rescan && vmfencectl tpm -j >/tmp/tpm.json && \
			test \"\$(cat $T/eventlog)\" = mismatch && grep -q '\"eventlog\":\"mismatch\"' /tmp/tpm.json"
	else
		tap_skip "tpm_extend 7, rescan: eventlog mismatch" "no event log on this machine"
	fi
	tpm_json "after tpm_extend"
	tap_check "vmfencectl lock" vmfencectl lock
	tap_check "locked: tpm trust fails with a message" sh -c \
		"vmfencectl tpm trust $D/test-ca.der 2>/tmp/trust.err; rc=\$?; cat /tmp/trust.err; test \$rc = 1 && test -s /tmp/trust.err"
	tpm_json "locked"
	tap_check "locked: still one anchor" is anchors 1
	tap_check "locked: anchors_locked" sh -c \
		"test \"\$(cat $T/anchors_locked)\" = 1 && grep -q '\"anchors_locked\":true' /tmp/tpm.json"
	tap_check "locked: the identity stands" is class hardware
	tap_check "locked: the policy bound at enrollment holds this EK: bound yes" is bound yes
	;;
mfr-b)
	tap_check "tpm trust loads the test CA (DER)" trust $D/test-ca.der
	tpm_json "trusted"
	tap_check "class hardware" is class hardware
	tap_check "the TPM proves it holds the EK" is possession proven
	tap_check "ek_sha256 is the host's, not mfr-a's" is_ek_b
	tap_check "vmfencectl and sysfs agree" agree
	tap_check "bound to mfr-a's EK, physical: refused, bound no" \
		bind_check "$ek_a" refused no
	tap_check "bound to this EK, physical: the program runs, bound yes" \
		bind_check "$ek_b" runs yes
	;;
swtpm)
	tap_check "swtpm's own CA: class virtual, with no anchor" is class virtual
	tap_check "ek_sha256 is the host's (openssl)" is ek_sha256 "$ek_self"
	tap_check "vmfencectl and sysfs agree" agree
	tap_check "a TPM signal hit on the EK certificate" tpm_ek_signal
	tap_check "the verdict is virtualized" test "$(cat $S/virtualized)" = 1
	;;
copy)
	tap_check "tpm trust loads the test CA" trust $D/test-ca.pem
	tpm_json "trusted"
	tap_check "the replayed certificate chains: class hardware" is class hardware
	tap_check "but the TPM cannot prove it holds that EK" is possession failed
	tap_check "and says why" test -n "$(cat $T/possession_detail)"
	tap_check "ek_sha256 is the certificate's, mfr-a's" is ek_sha256 "$ek_a"
	tap_check "vmfencectl and sysfs agree" agree
	tap_check "bound to mfr-a's EK, physical: refused, bound no" \
		bind_check "$ek_a" refused no
	# As if the TPM had answered with mfr-a's public key: the salted
	# session alone must refuse it.
	tap_check "taken at its word for its key (tpm_trusting), the salted session fails" \
		trusting_salt_fails
	;;
ecc)
	tap_check "no RSA EK certificate: the P-384 one is read (ek_sha256 is openssl's)" \
		is ek_sha256 "$ek_self"
	tap_check "not mfr-a's RSA EK" test "$ek_self" != "$ek_a"
	tap_check "no anchor: class unknown" is class unknown
	tap_check "tpm trust loads the test CA" trust $D/test-ca.pem
	tpm_json "trusted"
	tap_check "the P-384 EK chains to the anchor: class hardware" is class hardware
	tap_check "the TPM proves it holds the ECC EK" is possession proven
	tap_check "by a session salted to it (ECDH)" grep -q 'right HMAC' $T/possession_detail
	tap_check "vmfencectl and sysfs agree" agree
	tap_check "bound to this ECC EK, physical: the program runs, bound yes" \
		bind_check "$ek_self" runs yes
	tap_check "bound to mfr-a's RSA EK, physical: refused, bound no" \
		bind_check "$ek_a" refused no
	;;
ecc-copy)
	tap_check "tpm trust loads the test CA" trust $D/test-ca.pem
	tpm_json "trusted"
	tap_check "the replayed P-384 certificate chains: class hardware" is class hardware
	tap_check "but the TPM cannot prove it holds that ECC EK" is possession failed
	tap_check "because its own P-384 EK is another key" grep -q \
		"the TPM's EK is not the key in its EK certificate" $T/possession_detail
	tap_check "ek_sha256 is the certificate's, mfr-a's P-384" is ek_sha256 "$ek_self"
	tap_check "vmfencectl and sysfs agree" agree
	tap_check "bound to mfr-a's P-384 EK, physical: refused, bound no" \
		bind_check "$ek_self" refused no
	# As if the TPM had answered with mfr-a's point: the ECDH-salted
	# session alone must refuse it.
	tap_check "taken at its word for its key (tpm_trusting), the ECDH-salted session fails" \
		trusting_salt_fails
	;;
esac
for s in $S/signals/*tpm*; do
	[ -e "$s" ] && echo "#   $(basename $s): $(cat $s)"
done
tap_status
