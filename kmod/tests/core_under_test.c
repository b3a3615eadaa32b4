// SPDX-License-Identifier: GPL-2.0
/*
 * core_under_test.c - the portable core, compiled into the KUnit module
 *
 * vmfence.ko and vmfence_kunit.ko each carry their own copy of the core, so
 * that the tests never share an object file with the module they test. Each
 * core source is included exactly once, here.
 */
#include "../core/ids.c"
#include "../core/rule.c"
#include "../core/rule_parse.c"
#include "../core/facts.c"
#include "../core/cpuid.c"
#include "../core/tables.c"
#include "../core/signals.c"
#include "../core/sig_cpu.c"
#include "../core/sig_realism.c"
#include "../core/sig_firmware.c"
#include "../core/sig_devices.c"
#include "../core/sig_kernel.c"
#include "../core/sig_cc.c"
#include "../core/brand.c"
#include "../core/detect.c"
#include "../core/decide.c"
#include "../core/elf.c"
#include "../core/x509.c"
#include "../core/tpm_issuers.c"
