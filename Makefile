# SPDX-License-Identifier: GPL-2.0
# Makefile - build vmfence.ko and vmfencectl; run the checks and the demo.
#
#   make                 the module (for KDIR) and vmfencectl
#   make deps            install the Debian packages everything below needs
#   make check           every test on every kernel; ends "N passed, N failed"
#   make demo            boot a kernel under QEMU and show vmfence at work
#   make bench           measure vmfence's costs under QEMU (about 15 minutes)
#                        and write the table in Documentation/benchmarks.rst
#                        (BENCH_FLAGS=--reuse keeps guest runs that passed)
#   make lint            checkpatch --strict and sparse over the sources
#
# KDIR selects the kernel build tree: by default the running kernel's, else
# the newest installed linux-headers-*.

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n1))

all: module vmfencectl

module:
	@test -n "$(KDIR)" || { echo "no kernel headers: run make deps or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

vmfencectl:
	$(MAKE) -C userspace

deps:
	@scripts/deps.sh

check: deps
	@python3 tools/testing/check.py

lint: deps
	@tools/testing/lint.sh

demo: deps
	@tools/testing/vm/demo.sh

bench: deps
	@tools/testing/bench/bench.sh $(BENCH_FLAGS)

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C userspace clean
	rm -rf build

.PHONY: all module vmfencectl deps check lint demo bench clean
