// SPDX-License-Identifier: GPL-2.0
/*
 * kernel_under_test.c - the module's kernel-side units that KUnit tests
 * without the rest of the module: each included exactly once, here
 */
#include "../ruleset.c"
#include "../policy.c"
#include "../stats.c"
#include "../digest.c"
#include "../tpm/identity.c"
#include "../tpm/anchors.c"
#include "../tpm/eventlog.c"
#include "../tpm/session.c"
