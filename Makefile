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
#   make install         vmfencectl, man pages, completion, the systemd unit,
#                        the sample policy, modules-load.d and modprobe.d
#   make uninstall       all of that but /etc/vmfence/policy.conf
#   make dkms-install    the module through DKMS for every installed kernel
#   make dkms-remove     the module out of DKMS, for every kernel
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
# the newest installed linux-headers-*. Installation honours DESTDIR, PREFIX
# (default /usr/local) and the directories below; configuration goes under
# SYSCONFDIR (/etc), where systemd and kmod look for it. The unit goes to
# $(PREFIX)/lib/systemd/system, which systemd searches too.

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n1))

PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= /etc
INSTALL ?= install

# The release, as DKMS knows it (tools/testing/lint.sh: kmod/version.h agrees).
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' dkms.conf)
DKMS_SRC := /usr/src/vmfence-$(VERSION)
# What DKMS builds from: the module's sources, and its kernel check.
DKMS_FILES := Kbuild dkms.conf LICENSE kmod include scripts/dkms-kernel-check.sh

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

install: vmfencectl
	$(INSTALL) -D -m 0755 userspace/vmfencectl $(DESTDIR)$(SBINDIR)/vmfencectl
	$(INSTALL) -D -m 0644 Documentation/man/vmfencectl.8 $(DESTDIR)$(MANDIR)/man8/vmfencectl.8
	$(INSTALL) -D -m 0644 Documentation/man/vmfence.conf.5 $(DESTDIR)$(MANDIR)/man5/vmfence.conf.5
	$(INSTALL) -D -m 0644 contrib/bash-completion/vmfencectl $(DESTDIR)$(BASHCOMPDIR)/vmfencectl
	$(INSTALL) -d $(DESTDIR)$(UNITDIR)
	sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
		contrib/systemd/vmfence.service.in >$(DESTDIR)$(UNITDIR)/vmfence.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/vmfence.service
	$(INSTALL) -D -m 0644 contrib/modules-load.d/vmfence.conf \
		$(DESTDIR)$(SYSCONFDIR)/modules-load.d/vmfence.conf
	$(INSTALL) -D -m 0644 contrib/modprobe.d/vmfence.conf \
		$(DESTDIR)$(SYSCONFDIR)/modprobe.d/vmfence.conf
	@# The policy is the administrator's: never overwrite one.
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/vmfence/policy.conf ]; then \
		echo "install: keeping the existing $(DESTDIR)$(SYSCONFDIR)/vmfence/policy.conf"; \
	else \
		echo "$(INSTALL) -D -m 0600 contrib/etc/policy.conf $(DESTDIR)$(SYSCONFDIR)/vmfence/policy.conf"; \
		$(INSTALL) -D -m 0600 contrib/etc/policy.conf $(DESTDIR)$(SYSCONFDIR)/vmfence/policy.conf; \
	fi
	@# On the system itself (no DESTDIR), enable the unit for the next boot.
	@if [ -z "$(DESTDIR)" ] && command -v systemctl >/dev/null; then \
		if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
		echo "systemctl enable vmfence.service"; \
		systemctl enable vmfence.service; \
	fi

uninstall:
	@if [ -z "$(DESTDIR)" ] && command -v systemctl >/dev/null && \
	    [ -e $(UNITDIR)/vmfence.service ]; then \
		echo "systemctl disable vmfence.service"; \
		systemctl disable vmfence.service; \
	fi
	rm -f $(DESTDIR)$(SBINDIR)/vmfencectl $(DESTDIR)$(MANDIR)/man8/vmfencectl.8 \
		$(DESTDIR)$(MANDIR)/man5/vmfence.conf.5 $(DESTDIR)$(BASHCOMPDIR)/vmfencectl \
		$(DESTDIR)$(UNITDIR)/vmfence.service \
		$(DESTDIR)$(SYSCONFDIR)/modules-load.d/vmfence.conf \
		$(DESTDIR)$(SYSCONFDIR)/modprobe.d/vmfence.conf
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "uninstall: $(DESTDIR)$(SYSCONFDIR)/vmfence/policy.conf is kept; remove it by hand"

# Any vmfence already in DKMS goes first (an upgrade replaces the old
# release); then the sources go to /usr/src/vmfence-VERSION and DKMS builds
# and installs the module for every kernel whose headers are installed.
# AUTOINSTALL in dkms.conf covers the kernels installed later.
dkms-install: dkms-remove
	@test -n "$(VERSION)" || { echo "dkms-install: no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }
	@command -v dkms >/dev/null || { echo "dkms-install: dkms is not installed (apt-get install dkms)" >&2; exit 1; }
	mkdir -p $(DKMS_SRC)
	tar -cf - --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' --exclude='*.mod' \
		--exclude='*.mod.c' $(DKMS_FILES) | tar -xf - -C $(DKMS_SRC)
	dkms add vmfence/$(VERSION)
	@failed=; built=; \
	for build in /lib/modules/*/build; do \
		[ -e "$$build/Makefile" ] || continue; \
		k=$${build#/lib/modules/}; k=$${k%/build}; \
		echo "dkms install vmfence/$(VERSION) -k $$k"; \
		if dkms install vmfence/$(VERSION) -k "$$k"; then built="$$built $$k"; \
		else failed="$$failed $$k"; fi; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "dkms-install: vmfence did not build for:$$failed (see above)" >&2; exit 1; fi; \
	if [ -z "$$built" ]; then \
		echo "dkms-install: no kernel headers installed (apt-get install linux-headers-amd64)" >&2; \
		exit 1; fi; \
	echo "dkms-install: vmfence $(VERSION) installed for:$$built"

# Every release of vmfence, for every kernel, and its sources.
dkms-remove:
	@command -v dkms >/dev/null || { echo "dkms is not installed (apt-get install dkms)" >&2; exit 1; }
	@for v in $$(dkms status -m vmfence | sed -n 's|^vmfence/\([^,:]*\)[,:].*|\1|p' | sort -u); do \
		echo "dkms remove vmfence/$$v --all"; \
		dkms remove "vmfence/$$v" --all || exit 1; \
		rm -rf "/usr/src/vmfence-$$v"; \
	done
	rm -rf $(DKMS_SRC)

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C userspace clean
	$(MAKE) -C tools/testing clean
	rm -rf build

.PHONY: all module vmfencectl deps check lint demo bench clean
.PHONY: fuzz fuzz-netlink stress fault cycles hardening
.PHONY: install uninstall dkms-install dkms-remove
