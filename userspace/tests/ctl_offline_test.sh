#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ctl_offline_test.sh - what vmfencectl refuses before it reaches the module:
# misuse, malformed rules and policies (at their exact position), and a
# clear message when the module is not loaded (as on the build host).
cd "$(dirname "$0")" || exit 1
CTL=${VMFENCECTL:-../vmfencectl}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# As if no module were loaded, for status; netlink is another matter.
export VMFENCE_SYSFS=$tmp/none
n=0
failed=0

# check NAME RC STDOUT STDERR_FIRST_LINE ARGS...
check() {
	name=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 4
	"$CTL" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(head -n1 "$tmp/err")
	n=$((n + 1))
	if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ] && [ "$err" = "$want_err" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "#   exit $rc, expected $want_rc"
		echo "#   stdout: $out"
		echo "#   expected: $want_out"
		echo "#   stderr: $err"
		echo "#   expected: $want_err"
		failed=$((failed + 1))
	fi
}

printf 'mode enforce\n\ndeny exec path=/a\ndeny exce path=/b\n' >"$tmp/bad.policy"
printf 'deny exec path=/a\n' >"$tmp/good.policy"
bad=$tmp/bad.policy
msg="unknown target 'exce'; expected exec or module"
nomod="vmfencectl: the vmfence module is not loaded (no generic netlink family 'vmfence')"

check "policy load: a mistake at its line and column, module untouched" 1 "" \
	"$bad:4:6: $msg" policy load "$bad"
check "policy load -j: the mistake as JSON" 1 \
	"{\"file\":\"$bad\",\"loaded\":false,\"error\":{\"line\":4,\"column\":6,\"message\":\"$msg\"}}" \
	"$bad:4:6: $msg" -j policy load "$bad"
check "policy load: a missing file" 1 "" \
	"vmfencectl: $tmp/none.policy: No such file or directory" policy load "$tmp/none.policy"
check "rule add: a mistake at its column" 1 "" "vmfencectl: rule add: 1:6: $msg" \
	rule add deny exce path=/x
check "rule add -j: the mistake as JSON" 1 \
	"{\"error\":{\"command\":\"rule add\",\"line\":1,\"column\":6,\"message\":\"$msg\"}}" \
	"vmfencectl: rule add: 1:6: $msg" -j rule add deny exce path=/x
check "rule add: a setting is no rule" 1 "" \
	"vmfencectl: rule add: 1:1: 'mode' is a setting, not a rule" rule add mode off
check "rule del: not an id" 1 "" \
	"vmfencectl: rule del: 'x1' is not a rule id (see rule list)" rule del x1
check "rule del: 0 is no id" 1 "" \
	"vmfencectl: rule del: '0' is not a rule id (see rule list)" rule del 0
check "rule: no subcommand" 1 "" "usage: vmfencectl [-j] rule COMMAND [ARGS]" rule
check "rule: unknown subcommand" 1 "" "vmfencectl: unknown rule command 'show'" rule show
check "threshold 101" 1 "" \
	"vmfencectl: threshold: '101' is not a confidence from 0 to 100" threshold 101
check "mode sometimes" 1 "" \
	"vmfencectl: mode: 'sometimes' is none of off, audit, enforce" mode sometimes
check "signals --all" 1 "" "vmfencectl: usage: vmfencectl [-j] signals [--hits]" signals --all
check "monitor -n 0" 1 "" "vmfencectl: monitor: the count must be a positive number" \
	monitor -n 0
check "status without the module" 0 "module:    not loaded" "" status
check "status -j without the module" 0 '{"loaded":false}' "" -j status
# Where the module is loaded (it cannot be on a build host), these would reach it.
if [ ! -d /sys/kernel/vmfence ]; then
	check "policy load: a good file needs the module" 1 "" "$nomod" \
		policy load "$tmp/good.policy"
	check "rule list needs the module" 1 "" "$nomod" rule list
	check "metrics needs the module" 1 "" "$nomod" metrics
fi
check "tpm trust: no file" 1 "" "vmfencectl: usage: vmfencectl [-j] tpm trust FILE..." tpm trust
check "tpm trust: a missing file, nothing sent" 1 "" \
	"vmfencectl: /nonexistent: No such file or directory" tpm trust /nonexistent
printf -- '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' >"$tmp/key.pem"
check "tpm trust: a key is no certificate" 1 "" \
	"vmfencectl: $tmp/key.pem: PEM block 1 is a 'PRIVATE KEY', not a CERTIFICATE" \
	tpm trust "$tmp/key.pem"
printf 'not a certificate\n' >"$tmp/text"
check "tpm trust: text that is neither PEM nor DER" 1 "" \
	"vmfencectl: $tmp/text: neither PEM certificates nor one DER certificate" \
	tpm trust "$tmp/text"
check "tpm trust -j: the refused file as JSON" 1 \
	"{\"error\":{\"command\":\"tpm trust\",\"file\":\"$tmp/text\",\"message\":\"$tmp/text: neither PEM certificates nor one DER certificate\"}}" \
	"vmfencectl: $tmp/text: neither PEM certificates nor one DER certificate" \
	-j tpm trust "$tmp/text"
check "tpm trust: the first of two refused files" 1 "" \
	"vmfencectl: $tmp/text: neither PEM certificates nor one DER certificate" \
	tpm trust "$tmp/text" "$tmp/key.pem"
n=$((n + 1))
if [ "$(sed -n '2p;3p' "$tmp/err")" = "vmfencectl: $tmp/key.pem: PEM block 1 is a 'PRIVATE KEY', not a CERTIFICATE
vmfencectl: tpm trust: nothing was sent to the module" ]; then
	echo "ok $n - tpm trust: every refused file is named, and nothing is sent"
else
	echo "not ok $n - tpm trust: every refused file is named, and nothing is sent"
	sed 's/^/#   /' "$tmp/err"
	failed=$((failed + 1))
fi
check "tpm: unknown subcommand" 1 "" "vmfencectl: unknown tpm command 'show'" tpm show
if [ ! -d /sys/kernel/vmfence ]; then
	check "tpm needs the module" 1 "" "$nomod" tpm
	# A good certificate passes the local checks and only then needs the module.
	if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$tmp/ca.key" -out "$tmp/ca.pem" -subj /CN=ca -days 1 2>/dev/null; then
		check "tpm trust: a good certificate needs the module" 1 "" "$nomod" \
			tpm trust "$tmp/ca.pem"
	fi
fi
check "an unknown command" 1 "" "vmfencectl: unknown command 'unlock'" unlock

echo "1..$n"
[ "$failed" = 0 ]
