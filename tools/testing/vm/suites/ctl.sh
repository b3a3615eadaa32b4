#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ctl.sh - vmfencectl against the loaded module: every command but lock,
# human and JSON, as root, as nobody and as root in a user namespace.
. /suites/tap.inc

C=vmfencectl
S=/sys/kernel/vmfence
T=/tmp/ctl
mkdir -p $T
ADMIN="needs CAP_MAC_ADMIN or CAP_SYS_ADMIN in the initial user namespace"
SHA=deny\ exec\ sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

# Run a command as nobody (uid 65534); no argument holds a single quote.
nobody() {
	_cmd=
	for _a; do _cmd="$_cmd '$_a'"; done
	su -s /bin/sh nobody -c "$_cmd"
}

# Run a command, keeping its output in $T/out and $T/err.
run() {
	"$@" >$T/out 2>$T/err
}

# out_has TEXT / err_has TEXT: the last run printed TEXT (fixed string).
out_has() { grep -qF -- "$1" $T/out || { cat $T/out $T/err; return 1; }; }
err_has() { grep -qF -- "$1" $T/err || { cat $T/out $T/err; return 1; }; }
out_is() { [ "$(cat $T/out)" = "$1" ] || { cat $T/out $T/err; return 1; }; }

gen() { $C -j status | sed 's/.*"generation":\([0-9]*\).*/\1/'; }

cat >$T/good.policy <<'EOF'
# sensitive programs
mode audit
threshold 70
deny exec sha256=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
deny exec path=/opt/ledger/bin/ledgerd   # the core ledger
audit module name=vmfence_ctl_test on=kvm,qemu
EOF
printf 'mode enforce\n\ndeny exec path=/a\ndeny exce path=/b\n' >$T/bad.policy

tap_begin vmfencectl 54
tap_check "insmod vmfence.ko" insmod /lib/vmfence/vmfence.ko
hv=$(cat $S/hypervisor)

# status
tap_check "status: the verdict, as sysfs has it" sh -c \
	"$C status >$T/out && grep -q '^verdict:   virtualized, confidence $(cat $S/confidence) .*hypervisor $hv' $T/out"
tap_check "status: mode, lock and rules" sh -c \
	"$C status | grep -q '^policy:    mode enforce, unlocked, generation [0-9]*, 0 rules'"
tap_check "status -j: one object, module and policy" sh -c \
	"$C -j status >$T/out && grep -q '^{\"loaded\":true,\"version\":\"' $T/out && grep -q '\"hypervisor\":\"$hv\"' $T/out && grep -q '\"stats\":{\"exec_checks\":' $T/out"

# signals
tap_check "signals: a table whose hits come first" sh -c \
	"$C signals >$T/out && head -n1 $T/out | grep -q 'STATE  *WT  SIGNAL' && sed -n 2p $T/out | grep -q '^  hit '"
tap_check "signals --hits: only hits" sh -c \
	"$C signals --hits | tail -n +2 | grep -v '^  hit ' | grep -q . && exit 1 || exit 0"
tap_check "signals -j: every signal of sysfs" sh -c \
	"[ \$($C -j signals | grep -o '\"name\"' | wc -l) = \$(ls $S/signals | wc -l) ]"

# rule add, list, del
run $C rule add $SHA
id=$(sed -n 's/^rule \([0-9]*\) added: .*/\1/p' $T/out)
tap_check "rule add: the id and the canonical rule" out_has "added: $SHA (generation"
tap_check "rule list: the rule under its id" sh -c \
	"$C rule list | grep -qE '^ +$id  $SHA\$'"
tap_check "rule list -j: the rule's fields" sh -c \
	"$C -j rule list | grep -qF '{\"id\":$id,\"rule\":\"$SHA\",\"action\":\"deny\",\"target\":\"exec\",\"match\":\"sha256\",\"value\":\"0123456789abcdef'"
run $C rule add "$SHA"
tap_check "rule add: a duplicate is refused with the kernel's reason" err_has \
	"vmfencectl: rule add: a rule with the same target and match exists (File exists)"
run $C rule add deny exce path=/x
tap_check "rule add: a mistake at its column, before the kernel" err_has \
	"vmfencectl: rule add: 1:6: unknown target 'exce'; expected exec or module"
tap_check "rule del: deleted" sh -c "$C rule del $id | grep -qx 'rule $id deleted'"
run $C rule del "$id"
tap_check "rule del: again, the kernel says why" err_has "no rule has this id"
run $C -j rule del "$id"
tap_check "rule del -j: the error as JSON" out_has \
	'{"error":{"command":"rule del","errno":2,"message":"No such file or directory","extack":"no rule has this id"}}'

# policy load, save, check
run $C policy load $T/good.policy
tap_check "policy load: rules, settings and the new generation" sh -c \
	"grep -qE '^$T/good.policy: loaded, 3 rules; mode audit, threshold 70; generation [0-9]+\$' $T/out || { cat $T/out $T/err; exit 1; }"
tap_check "policy load: in force" sh -c \
	"$C status | grep -q 'mode audit, unlocked, generation [0-9]*, 3 rules'"
g=$(gen)
run $C policy load $T/bad.policy
tap_check "policy load: a bad file refused at its line and column" err_has \
	"$T/bad.policy:4:6: unknown target 'exce'; expected exec or module"
tap_check "policy load: the bad file changed nothing" test "$(gen)" = "$g"
run $C -j policy load $T/bad.policy
tap_check "policy load -j: the position as JSON" out_is \
	"{\"file\":\"$T/bad.policy\",\"loaded\":false,\"error\":{\"line\":4,\"column\":6,\"message\":\"unknown target 'exce'; expected exec or module\"}}"
# Duplicates are the kernel's to find on load; the reason is worded as
# the local parser words it, with the earlier rule's line.
printf 'deny exec path=/opt/a\n# the same again\naudit exec path=/opt/a on=kvm\n' >$T/dup.policy
run $C policy load $T/dup.policy
tap_check "policy load: a duplicate refused by the kernel, at its place" err_has \
	"$T/dup.policy:3:12: duplicate match: an earlier rule has the same exec path="
tap_check "policy load: the duplicate's earlier rule named" err_has \
	"$T/dup.policy:1: note: the earlier rule is here"
tap_check "policy load: the duplicate changed nothing" test "$(gen)" = "$g"
run $C policy save
tap_check "policy save: canonical settings and rules" out_is "mode audit
threshold 70
deny exec sha256=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
deny exec path=/opt/ledger/bin/ledgerd
audit module name=vmfence_ctl_test on=kvm,qemu"
tap_check "policy save FILE; load it back; the same policy" sh -c \
	"$C policy save $T/saved.policy >/dev/null && $C policy load $T/saved.policy >/dev/null && $C policy save | cmp - $T/saved.policy"
tap_check "policy save | policy load -" sh -c \
	"$C policy save | $C policy load - | grep -q '^-: loaded, 3 rules'"
tap_check "report: the policy digest is sha256sum of policy save" sh -c \
	"[ \"\$($C -j report | sed 's/.*\"policy\":{[^}]*\"sha256\":\"\([0-9a-f]*\)\".*/\1/')\" = \"\$($C policy save | sha256sum | cut -d' ' -f1)\" ]"
tap_check "policy check: offline, same parser" sh -c \
	"$C policy check $T/good.policy | grep -qx '$T/good.policy: OK, 3 rules; mode audit, threshold 70'"

# settings, rescan
tap_check "mode enforce" sh -c "$C mode enforce | grep -q '^mode enforce, threshold 70, unlocked; generation'"
tap_check "threshold 60 -j" sh -c "$C -j threshold 60 | grep -q '^{\"mode\":\"enforce\",\"threshold\":60,\"locked\":false,\"generation\":'"
tap_check "sysfs agrees" sh -c "[ \$(cat $S/mode) = enforce ] && [ \$(cat $S/threshold) = 60 ]"
run $C threshold 101
tap_check "threshold 101: refused before the kernel" err_has "is not a confidence from 0 to 100"
run $C mode sometimes
tap_check "mode sometimes: refused" err_has "is none of off, audit, enforce"
tap_check "rescan: a new scan, the same verdict" sh -c \
	"s=\$($C -j status | sed 's/.*\"count\":\([0-9]*\).*/\1/'); $C rescan | grep -q \"^virtualized, .*hypervisor $hv.*; scan \$((s + 1)) took\""

# metrics, report
tap_check "metrics: Prometheus text" sh -c \
	"$C metrics >$T/out && grep -q '^# TYPE vmfence_virtualized gauge' $T/out && grep -q '^vmfence_virtualized{hypervisor=\"$hv\",confidential=\"none\"} 1\$' $T/out && grep -q '^vmfence_policy_rules 3\$' $T/out && grep -q '^vmfence_mode{mode=\"enforce\"} 1\$' $T/out && grep -q '^vmfence_exec_checks_total [0-9]' $T/out"
tap_check "metrics FILE: written whole" sh -c \
	"$C metrics $T/vmfence.prom && grep -q '^vmfence_info{version=' $T/vmfence.prom && ! ls $T | grep -q tmp"
tap_check "metrics -j" sh -c "$C -j metrics | grep -q '^{\"metrics\":\[{\"name\":\"vmfence_info\"'"
tap_check "report: verdict, evidence, policy" sh -c \
	"$C report >$T/out && grep -q '^VERDICT         VIRTUALIZED' $T/out && grep -q '^POLICY          mode enforce, threshold 60, NOT locked' $T/out && grep -q '^sha256          [0-9a-f]\{64\}' $T/out"
tap_check "report -j: host and evidence" sh -c \
	"$C -j report | grep -q '\"host\":{\"hostname\":' && $C -j report | grep -q '\"evidence\":\[{\"name\":'"

# refused writes: nobody, root in a user namespace
g=$(gen)
run nobody $C mode off
tap_check "nobody: mode off refused with the kernel's reason" err_has \
	"vmfencectl: mode: $ADMIN (Operation not permitted)"
run nobody $C -j rule add $SHA
tap_check "nobody: rule add -j, the refusal as JSON" out_is \
	"{\"error\":{\"command\":\"rule add\",\"errno\":1,\"message\":\"Operation not permitted\",\"extack\":\"$ADMIN\"}}"
run nobody $C policy load $T/good.policy
tap_check "nobody: policy load refused" err_has "vmfencectl: policy load: $ADMIN"
run nobody $C rule list
tap_check "nobody: rule list refused" err_has "vmfencectl: rule list: $ADMIN"
run unshare -U -r $C lock
tap_check "root in a user namespace: lock refused" err_has "vmfencectl: lock: $ADMIN"
run nobody $C monitor
tap_check "nobody: monitor refused" err_has "joining the events group needs CAP_SYS_ADMIN"
tap_check "nobody: status and signals allowed" sh -c \
	"su -s /bin/sh nobody -c '$C status && $C signals' >/dev/null"
tap_check "nothing changed" sh -c "[ $(gen) = $g ] && [ \$(cat $S/locked) = 0 ]"

# monitor, as root: it subscribes and waits, then shows a refusal
$C monitor >$T/mon.out 2>$T/mon.err &
pid=$!
sleep 1
tap_check "monitor: subscribed and waiting" sh -c \
	"kill -0 $pid && grep -q 'listening for vmfence events' $T/mon.err"
kill $pid 2>/dev/null
wait $pid 2>/dev/null

printf '#!/bin/sh\necho ran\n' >$T/sensitive.sh
chmod +x $T/sensitive.sh
sha=$(sha256sum $T/sensitive.sh | cut -d' ' -f1)
$C rule add deny exec sha256=$sha >/dev/null
$C -j monitor -n 1 >$T/mon.json 2>&1 &
jpid=$!
$C monitor -n 1 >$T/mon.txt 2>/dev/null &
hpid=$!
sleep 1
$T/sensitive.sh >/dev/null 2>&1
wait $jpid $hpid
tap_check "monitor -j: the refusal, one JSON object" sh -c \
	"grep -q '\"op\":\"exec\",\"result\":\"denied\",\"rule\":[0-9]*,\"path\":\"$T/sensitive.sh\",\"name\":null,\"sha256\":\"$sha\",\"hypervisor\":\"$hv\".*,\"as\":\"program\"}' $T/mon.json || { cat $T/mon.json; exit 1; }"
tap_check "monitor: the refusal, one line" sh -c \
	"grep -q ' denied exec $T/sensitive.sh as program rule [0-9]* sha256=$sha pid [0-9]* uid 0 comm ' $T/mon.txt || { cat $T/mon.txt; exit 1; }"

# A path that is not ASCII: JSON carries its UTF-8 as it is, not \u00XX.
U="$T/régie-λ-帳簿.sh"
printf '#!/bin/sh\necho ran\n' >"$U"
chmod +x "$U"
run $C rule add deny exec "path=$U"
tap_check "rule list -j: a UTF-8 path as it is" sh -c \
	"$C -j rule list | grep -qF '\"match\":\"path\",\"value\":\"$U\"' || { $C -j rule list; exit 1; }"
$C -j monitor -n 1 >$T/mon8.json 2>&1 &
jpid=$!
sleep 1
"$U" >/dev/null 2>&1
wait $jpid
tap_check "monitor -j: the refusal of a UTF-8 path, as it is" sh -c \
	"grep -qF '\"result\":\"denied\",\"rule\":' $T/mon8.json && grep -qF '\"path\":\"$U\"' $T/mon8.json || { cat $T/mon8.json; exit 1; }"
tap_check "monitor -j: no \\u00XX escape in it" sh -c "! grep -q 'u00[89a-f]' $T/mon8.json"

tap_check "rmmod vmfence" rmmod vmfence
tap_status
