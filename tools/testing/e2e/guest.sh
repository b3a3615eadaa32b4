#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# guest.sh - the end-to-end checks inside the booted Debian system.
#
# Run by vmfence-e2e.service after multi-user.target; TAP goes to the second
# serial port (ttyS1), which run.sh reads. run.sh names the boot on the
# kernel command line (vmfence_e2e.phase=):
#   installed  the packages vmfence-dkms and vmfencectl were installed,
#              then upgraded, with a policy that denies ledgerd and locks:
#              check that it is in force; then "apt-get remove" them while
#              the policy is locked: check what they say and that the
#              policy stays in force and on disk; power off.
#   removed    the boot after: check that vmfence is gone; power off.
# Not -e: a failing check is reported and the next one runs.
set -u

sensitive=/usr/local/bin/ledgerd
exec >/dev/ttyS1 2>&1

n=0
failed=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	failed=1
	echo "not ok $n - $1"
}
# check NAME COMMAND...: a test that passes when COMMAND succeeds; its
# output is shown as TAP comments when it fails.
check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		not_ok "$name"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
}
# earlier UNIT1 UNIT2: UNIT1 became active (for a oneshot: finished) before
# UNIT2 started; both monotonic times in us, 0 when it never happened.
earlier() {
	a=$(systemctl show -P ActiveEnterTimestampMonotonic "$1")
	b=$(systemctl show -P InactiveExitTimestampMonotonic "$2")
	echo "$1 active at ${a:-?} us, $2 started at ${b:-?} us"
	[ "${a:-0}" -gt 0 ] && [ "${b:-0}" -gt 0 ] && [ "$a" -lt "$b" ]
}
sysfs() { cat "/sys/kernel/vmfence/$1" 2>&1; }
# The packaged TPM EK CA certificates this kernel can take as anchors: all
# of them but, where the kernel has no ECDSA verifier (Debian's 6.1), the
# self-signed ECDSA roots, whose self-signature it cannot check (ENOPKG;
# contrib/tpm-ca/PROVENANCE.md). Computed with openssl, not by vmfence.
bundle_anchors() {
	ecdsa=$(grep -c '^CONFIG_CRYPTO_ECDSA=[ym]' "/boot/config-$(uname -r)")
	total=0 usable=0
	for f in /usr/share/vmfence/tpm-ca/*.pem; do
		total=$((total + 1))
		if [ "$ecdsa" = 0 ] &&
			openssl x509 -in "$f" -noout -text | grep -q 'Signature Algorithm: ecdsa' &&
			[ "$(openssl x509 -in "$f" -noout -subject -nameopt RFC2253 | cut -d= -f2-)" = \
				"$(openssl x509 -in "$f" -noout -issuer -nameopt RFC2253 | cut -d= -f2-)" ]; then
			continue
		fi
		usable=$((usable + 1))
	done
	echo "$usable of $total"
}
is() { [ "$1" = "$2" ] || { echo "'$1', expected '$2'"; return 1; }; }
refused() {
	# The program must not run: exec fails with EACCES, shell status 126.
	out=$("$@" 2>&1)
	rc=$?
	echo "$out"
	[ $rc -eq 126 ] && echo "$out" | grep -q 'Permission denied'
}
finish() {
	echo "# vmfence-e2e-$1 rc=$failed"
	sync
	# Not "systemctl poweroff": without D-Bus it cannot ask logind.
	systemctl start --no-block --job-mode=replace-irreversibly poweroff.target
	exit 0
}

phase=$(sed -n 's/.*vmfence_e2e\.phase=\([a-z]*\).*/\1/p' /proc/cmdline)
case $phase in
installed | removed) ;;
*)
	echo "Bail out! no vmfence_e2e.phase=installed|removed on the kernel command line"
	finish unknown
	;;
esac
echo "# test: $phase"
echo "TAP version 13"

if [ "$phase" = installed ]; then
	kver=$(uname -r)
	pkgver=$(dpkg-query -W -f='${Version}' vmfence-dkms)
	echo "1..37"
	check "dkms status: vmfence installed for $kver" \
		sh -c "dkms status -m vmfence -k '$kver' | grep ': installed' >/dev/null"
	check "the module was loaded at boot" test -d /sys/module/vmfence
	check "the loaded module is the upgraded package's, $pkgver" \
		is "$(cat /sys/module/vmfence/version)" "$pkgver"
	check "vmfencectl is the same release" \
		is "$(vmfencectl --version)" "vmfencectl $pkgver"
	check "the loaded module is DKMS's" \
		sh -c 'modinfo -F filename vmfence | grep -q /updates/dkms/'
	check "the module is signed by DKMS's key" \
		sh -c 'modinfo -F signer vmfence | grep -q .'
	check "vmfence.service succeeded" is "$(systemctl is-active vmfence.service)" active
	check "vmfence.service finished before sysinit.target began" \
		earlier vmfence.service sysinit.target
	check "vmfence.service finished before basic.target began" \
		earlier vmfence.service basic.target
	check "vmfence.service finished before an ordinary service (serial-getty) started" \
		earlier vmfence.service serial-getty@ttyS0.service
	check "the journal has the policy load" \
		sh -c 'journalctl -b -u vmfence.service | grep "loaded, 1 rule"'
	check "verdict: virtualized (QEMU)" is "$(sysfs virtualized)" 1
	check "mode enforce from the policy" is "$(sysfs mode)" enforce
	check "the policy is locked" is "$(sysfs locked)" 1
	anchors=$(bundle_anchors)
	check "vmfence.service trusted the packaged TPM CAs: $anchors" \
		is "$(sysfs tpm/anchors) of ${anchors#* of }" "$anchors"
	check "the lock fixed the TPM anchors" is "$(sysfs tpm/anchors_locked)" 1
	check "a locked policy refuses a change" sh -c \
		'! vmfencectl mode audit && [ "$(cat /sys/kernel/vmfence/mode)" = enforce ]'
	check "a locked module cannot be unloaded" sh -c \
		'test -d /sys/module/vmfence && ! rmmod vmfence && test -d /sys/module/vmfence'
	check "an ordinary program runs" /bin/true
	check "the sensitive program is refused" refused "$sensitive"
	cp "$sensitive" /tmp/renamed
	check "a renamed copy of it is refused" refused /tmp/renamed
	check "ausearch -m KERNEL_OTHER finds the refusals" \
		sh -c 'ausearch --start boot -m KERNEL_OTHER -i | grep "op=exec" |
			grep "result=denied" | grep ledgerd'
	check "ausearch -m 1316 finds them too" \
		sh -c 'ausearch --start boot -m 1316 | grep "op=exec"'
	check "vmfencectl -j report" sh -c 'vmfencectl -j report >/tmp/report.json'
	check "the report is not empty" test -s /tmp/report.json
	check "the report is JSON with what an auditor needs" jq -e '
		.verdict.virtualized == true and .policy.locked == true and
		.policy.mode == "enforce" and .policy.rules == 1 and
		(.policy.sha256 | length) == 64 and .policy.generation >= 1 and
		.host.hostname == "vmfence-e2e" and (.host.machine_id | length) == 32 and
		(.verdict.evidence | length) > 0 and .module.stats.exec_denials >= 2' \
		/tmp/report.json
	check "vmfencectl metrics" sh -c 'vmfencectl metrics >/tmp/metrics.prom'

	# A policy that does not load fails the unit, loudly, and changes nothing.
	cp /etc/vmfence/policy.conf /tmp/policy.good
	echo "deny exec bogus=1" >>/etc/vmfence/policy.conf
	check "a policy that does not load fails vmfence.service" sh -c \
		'systemctl is-active vmfence.service && ! systemctl restart vmfence.service &&
			systemctl is-failed vmfence.service'
	check "the journal says where the policy is wrong" sh -c \
		'journalctl -b -u vmfence.service | grep "policy.conf:[0-9]*:[0-9]*: "'
	check "the locked policy stays in force" \
		is "$(sysfs locked) $(sysfs mode) $(vmfencectl -j status | jq .rules)" "1 enforce 1"
	cp /tmp/policy.good /etc/vmfence/policy.conf
	echo "# metrics-begin"
	sed 's/^/#| /' /tmp/metrics.prom
	echo "# metrics-end"
	echo "# report-begin"
	sed 's/^/#| /' /tmp/report.json
	echo "# report-end"

	# Remove the packages while the policy is locked.
	DEBIAN_FRONTEND=noninteractive apt-get remove -y vmfence-dkms vmfencectl \
		>/tmp/remove.log 2>&1
	check "apt-get remove vmfence-dkms vmfencectl, policy locked" test $? -eq 0
	check "the removal says the policy is locked and stays until reboot" \
		grep -q "LOCKED. The loaded vmfence.ko cannot be" /tmp/remove.log
	check "the removal says what the next boot does" sh -c \
		'grep -q "At the next boot vmfence is NOT" /tmp/remove.log &&
			grep -q "loaded and nothing is refused" /tmp/remove.log'
	check "the locked module is still loaded and enforcing" \
		is "$(sysfs locked) $(sysfs mode)" "1 enforce"
	check "the sensitive program is still refused" refused "$sensitive"
	check "apt-get remove keeps the policy" grep -q '^lock$' /etc/vmfence/policy.conf
	check "vmfence-dkms and vmfencectl: removed, configuration kept" sh -c \
		'[ "$(dpkg-query -W -f="\${db:Status-Abbrev}" vmfence-dkms vmfencectl)" = "rc rc " ]'
	echo "# remove-begin"
	sed 's/^/#| /' /tmp/remove.log
	echo "# remove-end"

	finish installed
fi

echo "1..10"
check "vmfence.ko is not loaded" test ! -e /sys/module/vmfence
check "no /sys/kernel/vmfence" test ! -e /sys/kernel/vmfence
check "modinfo finds no vmfence module" sh -c '! modinfo vmfence'
check "dkms status has no vmfence" sh -c '! dkms status | grep vmfence'
check "no vmfence.ko under /lib/modules" sh -c '[ -z "$(find /lib/modules -name "vmfence*")" ]'
check "no /usr/src/vmfence-*" sh -c '! ls -d /usr/src/vmfence-* 2>/dev/null'
check "no vmfence.service" sh -c '! systemctl cat vmfence.service'
check "no vmfencectl" sh -c '! command -v vmfencectl'
check "the administrator's policy is kept" test -e /etc/vmfence/policy.conf
check "the formerly sensitive program runs" "$sensitive"
finish removed
