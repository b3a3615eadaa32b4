// SPDX-License-Identifier: GPL-2.0
/*
 * core_under_test.c - the portable core, compiled into the KUnit module
 *
 * vmfence.ko and vmfence_kunit.ko each carry their own copy of the core, so
 * that the tests never share an object file with the module they test. Each
 * core source is included exactly once, here.
 */
#include "../core/ids.c"
