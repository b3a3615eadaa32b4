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
#   make deb             the Debian packages vmfence-dkms and vmfencectl, in
#                        build/deb/, checked by lintian: install them with
#                        apt-get install ./build/deb/*.deb
#
# Hardening (Documentation/hardening.rst); make check runs each briefly, and
# LONG=1 gives the long runs whose figures the document records:
#   make fuzz            libFuzzer: rule parser, snapshot reader (FUZZ_SECONDS)
#   make fuzz-netlink    the netlink fuzzer on the debug kernel, root and nobody
#   make stress          exec storms against policy swaps, rescans, mode flips
#   make fault           fail-nth through policy writes, rescans, module load
#   make cycles          load/unload cycles with rules, then kmemleak
#   make hardening       all of the above
#
# KDIR selects the kernel build tree: by default the running kernel's, else
# the newest installed linux-headers-*.

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n1))

# The release, written once (kmod/version.h).
VERSION := $(shell cat VERSION)

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

# LONG=1: the long runs; FUZZ_SECONDS: each libFuzzer target's run.
FUZZ_SECONDS ?= $(if $(LONG),3600,60)
HARDEN_ENV := $(if $(LONG),VMFENCE_LONG=1 VMFENCE_TIMEOUT=$(or $(VMFENCE_TIMEOUT),43200))

fuzz:
	$(MAKE) -C userspace fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz-netlink stress fault cycles: deps
	@$(HARDEN_ENV) python3 tools/testing/check.py --kernel debug61 \
		--suite $(subst fuzz-netlink,nlfuzz,$@)

hardening: deps
	$(MAKE) fuzz
	@$(HARDEN_ENV) python3 tools/testing/check.py --kernel debug61 --group hardening

# The Debian packages, into build/deb/: vmfence-dkms and vmfencectl, built
# from a copy of the tree as it is (tracked and new files, not build
# products), then checked by lintian (errors and warnings fail; the
# overrides in debian/*.lintian-overrides give their reasons).
DEB_DIR := build/deb
deb:
	@command -v dpkg-buildpackage >/dev/null || { echo "deb: run make deps" >&2; exit 1; }
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_DIR)/src/vmfence-$(VERSION)
	git ls-files -z --cached --others --exclude-standard | \
		xargs -0 sh -c 'for f; do [ -e "$$f" ] && printf "%s\0" "$$f"; done' sh | \
		tar --null -T - -cf - | tar -xf - -C $(DEB_DIR)/src/vmfence-$(VERSION)
	cd $(DEB_DIR)/src/vmfence-$(VERSION) && dpkg-buildpackage -b -us -uc -j2 \
		>../build.log 2>&1 || { tail -n 40 ../build.log >&2; exit 1; }
	mv $(DEB_DIR)/src/*.deb $(DEB_DIR)/
	lintian --fail-on error,warning --tag-display-limit 0 $(DEB_DIR)/*.deb
	@ls $(DEB_DIR)/*.deb

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C userspace clean
	$(MAKE) -C tools/testing clean
	rm -rf build

.PHONY: all module vmfencectl deps check lint demo bench clean
.PHONY: fuzz fuzz-netlink stress fault cycles hardening
.PHONY: deb
