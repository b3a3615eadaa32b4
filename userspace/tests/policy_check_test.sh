#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# policy_check_test.sh - vmfencectl policy check: exact results and positions
#
# Each file in policies/ starts with "# expect: RESULT": for good-*.policy
# the text after "FILE: " on stdout, for bad-*.policy the text after "FILE:"
# of the first line on stderr. Texts that hold bytes a fixture should not
# (NUL, CR, very long lines) are written here.
cd "$(dirname "$0")" || exit 1
CTL=${VMFENCECTL:-../vmfencectl}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

result() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# check NAME FILE RC STDOUT STDERR_FIRST_LINE [ARGS...]
check() {
	name=$1 file=$2 want_rc=$3 want_out=$4 want_err=$5
	shift 5
	"$CTL" "$@" policy check "$file" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(head -n1 "$tmp/err")
	if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ] && [ "$err" = "$want_err" ]; then
		result ok "$name"
	else
		result fail "$name"
		echo "#   exit $rc, expected $want_rc"
		echo "#   stdout: $out"
		echo "#   expected: $want_out"
		echo "#   stderr: $err"
		echo "#   expected: $want_err"
	fi
}

expect() {
	sed -n '1s/^# expect: //p' "$1"
}

for f in policies/good-*.policy; do
	check "accepts $f" "$f" 0 "$f: $(expect "$f")" ""
done
for f in policies/bad-*.policy; do
	check "refuses $f" "$f" 1 "" "$f:$(expect "$f")"
done

printf 'deny exec path=/bin/a\0b\n' >"$tmp/nul.policy"
check "refuses an embedded NUL" "$tmp/nul.policy" 1 "" \
	"$tmp/nul.policy:1:22: embedded NUL byte"

printf 'mode audit\r\nlock\r\n' >"$tmp/crlf.policy"
check "refuses DOS line endings" "$tmp/crlf.policy" 1 "" \
	"$tmp/crlf.policy:1:11: carriage return at end of line; use Unix line endings"

long=$(head -c 4095 /dev/zero | tr '\0' a)
printf 'lock\ndeny exec path=/%s\n' "$long" >"$tmp/long.policy"
check "refuses a path of 4096 bytes" "$tmp/long.policy" 1 "" \
	"$tmp/long.policy:2:16: path longer than 4095 bytes"

printf 'deny exec path=/%s\n' "${long#a}" >"$tmp/max.policy"
check "accepts a path of 4095 bytes" "$tmp/max.policy" 0 "$tmp/max.policy: OK, 1 rule" ""

printf 'mode enforce\nthreshold 60\nlock\ndeny exec path=/x\n' >"$tmp/stdin.policy"
check "reads standard input" - 0 "-: OK, 1 rule; mode enforce, threshold 60, lock" "" \
	<"$tmp/stdin.policy"

f=policies/good-full.policy
check "JSON for a valid policy" "$f" 0 \
	"{\"file\":\"$f\",\"valid\":true,\"rules\":6,\"settings\":{\"mode\":\"enforce\",\"threshold\":60,\"lock\":true,\"bind_tpm\":[]}}" \
	"" -j
f=policies/good-comments-only.policy
check "JSON for a policy without settings" "$f" 0 \
	"{\"file\":\"$f\",\"valid\":true,\"rules\":0,\"settings\":{\"mode\":null,\"threshold\":null,\"lock\":false,\"bind_tpm\":[]}}" \
	"" -j
f=policies/good-bind-tpm.policy
check "JSON lists the bound EKs sorted, in lower case" "$f" 0 \
	"{\"file\":\"$f\",\"valid\":true,\"rules\":1,\"settings\":{\"mode\":\"enforce\",\"threshold\":null,\"lock\":true,\"bind_tpm\":[\"0b23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"aa0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd\",\"ff0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd\"]}}" \
	"" -j
f=policies/bad-bind-tpm-duplicate.policy
check "JSON for an EK listed twice" "$f" 1 \
	"{\"file\":\"$f\",\"valid\":false,\"error\":{\"line\":4,\"column\":20,\"message\":\"bind-tpm: ek-sha256 listed twice\"}}" \
	"$f:4:20: bind-tpm: ek-sha256 listed twice" -j

# The longest list (1024 EKs) over lines, then one EK more.
i=0
while [ $i -lt 1025 ]; do
	printf '%064x\n' $i
	i=$((i + 1))
done >"$tmp/eks"
head -n 1024 "$tmp/eks" | paste -sd, | sed 's/^/bind-tpm ek-sha256=/' >"$tmp/one-line.policy"
check "refuses 1024 EKs on one line" "$tmp/one-line.policy" 1 "" \
	"$tmp/one-line.policy:1:32769: line longer than 32768 bytes"
head -n 1024 "$tmp/eks" | paste -d, - - - - - - - - | sed 's/^/bind-tpm ek-sha256=/' >"$tmp/max.policy"
check "accepts 1024 EKs over lines" "$tmp/max.policy" 0 "$tmp/max.policy: OK, 0 rules; bind-tpm 1024 EKs" ""
tail -n 1 "$tmp/eks" | sed 's/^/bind-tpm ek-sha256=/' >>"$tmp/max.policy"
check "refuses the 1025th EK" "$tmp/max.policy" 1 "" \
	"$tmp/max.policy:129:20: bind-tpm: more than 1024 EKs"

f=policies/bad-duplicate-match.policy
check "JSON for a duplicate" "$f" 1 \
	"{\"file\":\"$f\",\"valid\":false,\"error\":{\"line\":5,\"column\":13,\"message\":\"duplicate match: an earlier rule has the same exec sha256=\",\"first_line\":2}}" \
	"$f:5:13: duplicate match: an earlier rule has the same exec sha256=" -j

"$CTL" policy check "$f" 2>&1 | sed -n 2p >"$tmp/note"
if [ "$(cat "$tmp/note")" = "$f:2: note: the earlier rule is here" ]; then
	result ok "a duplicate points to the earlier rule"
else
	result fail "a duplicate points to the earlier rule"
	echo "#   got: $(cat "$tmp/note")"
fi

check "refuses a missing file" policies/none.policy 1 "" \
	"vmfencectl: policies/none.policy: No such file or directory"
"$CTL" policy check >/dev/null 2>&1
[ $? = 1 ] && result ok "usage error without FILE" || result fail "usage error without FILE"

echo "1..$n"
[ "$failed" = 0 ]
