#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# lint.sh - checkpatch.pl --strict and sparse (C=2) over the module sources,
# the release number in both places, and the Ansible playbook's syntax.
#
# Prints TAP: one result per source file for checkpatch, one for sparse over
# the whole module on the stock 6.1 kernel. Both tools come from Debian:
# checkpatch.pl from linux-source-6.1, sparse from its own package.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
eval "$("$here/vm/kernel.sh" stock61)" || exit 1
cd "$top" || exit 1

mapfile -t files < <(git ls-files --cached --others --exclude-standard \
	'kmod/*.c' 'kmod/*.h' 'include/*.h' | sort)
echo "TAP version 13"
echo "1..$((${#files[@]} + 6))"
n=0 rc=0
for f in "${files[@]}"; do
	n=$((n + 1))
	# Out-of-tree, so the kernel-tree-only checks cannot apply.
	out=$(perl "$KSRC/scripts/checkpatch.pl" --no-tree --strict --terse \
		--show-types --ignore FILE_PATH_CHANGES -f "$f" 2>&1)
	if echo "$out" | grep -qE '(ERROR|WARNING|CHECK):'; then
		echo "not ok $n - checkpatch $f"
		echo "$out" | grep -E '(ERROR|WARNING|CHECK):' | sed 's/^/# /'
		rc=1
	else
		echo "ok $n - checkpatch $f"
	fi
done

n=$((n + 1))
dir=$top/build/sparse
mkdir -p "$dir"
rsync -a --delete "$top/Kbuild" "$top/VERSION" "$top/kmod" "$top/include" "$dir/"
out=$(make -C "$KDIR" M="$dir" C=2 VMFENCE_TEST_HOOKS=y modules 2>&1)
if echo "$out" | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' |
	grep -v "^$KDIR\|^/usr/" >"$dir/warnings"; [ -s "$dir/warnings" ]; then
	echo "not ok $n - sparse C=2 on $KVER"
	sed 's/^/# /' "$dir/warnings"
	rc=1
else
	echo "ok $n - sparse C=2 on $KVER"
fi

# One release number, in VERSION: debian/changelog's newest entry names it,
# and dkms.conf leaves it to dh_dkms.
n=$((n + 1))
ver=$(cat VERSION)
cver=$(dpkg-parsechangelog -l debian/changelog -S Version)
dver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' dkms.conf)
if [ -n "$ver" ] && [ "$ver" = "$cver" ] && [ "$dver" = "#MODULE_VERSION#" ]; then
	echo "ok $n - version $ver in VERSION and debian/changelog; dkms.conf from dh_dkms"
else
	echo "not ok $n - version: VERSION '$ver', debian/changelog '$cver', dkms.conf '$dver'"
	rc=1
fi

# No two files of kmod/ include (and so call) each other in a loop.
n=$((n + 1))
if out=$(python3 "$here/include_loops.py" kmod 2>&1); then
	echo "ok $n - $out"
else
	echo "not ok $n - include loops in kmod/"
	echo "$out" | sed 's/^/# /'
	rc=1
fi

# "Virtualized" is decided in one function: no other file of kmod/ or
# userspace/ compares a confidence with a threshold.
n=$((n + 1))
if out=$(grep -rnE 'confidence[^;]* (>=|<) [a-z_>.-]*threshold|threshold[^;]* (<=|>) [a-z_>.-]*confidence' \
	kmod userspace --include='*.c' --include='*.h' | grep -v '^kmod/core/decide.c:' | grep -v '^kmod/tests/'); then
	echo "not ok $n - the threshold is applied outside vmfence_conclude()"
	echo "$out" | sed 's/^/# /'
	rc=1
else
	echo "ok $n - the threshold is applied in vmfence_conclude() only"
fi

# Each QEMU suite is declared once, in check.py's SUITES, and has its guest
# script in tools/testing/vm/suites/.
n=$((n + 1))
if out=$(diff <(python3 "$here/check.py" --list-suites | sort) \
	<(cd "$here/vm/suites" && ls -- *.sh | sed 's/\.sh$//' | sort) 2>&1); then
	echo "ok $n - check.py's SUITES and vm/suites/*.sh name the same suites"
else
	echo "not ok $n - check.py's SUITES and vm/suites/*.sh differ (< table, > scripts)"
	echo "$out" | sed 's/^/# /'
	rc=1
fi

# The fleet playbook in contrib/ansible/ is valid for ansible-core.
n=$((n + 1))
if out=$(ansible-playbook -i localhost, --syntax-check \
	contrib/ansible/vmfence.yml 2>&1); then
	echo "ok $n - ansible-playbook --syntax-check contrib/ansible/vmfence.yml"
else
	echo "not ok $n - ansible-playbook --syntax-check contrib/ansible/vmfence.yml"
	echo "$out" | sed 's/^/# /'
	rc=1
fi
exit $rc
