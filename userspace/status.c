// SPDX-License-Identifier: GPL-2.0
/* status.c - vmfencectl status: the module's state */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"
#include "vmfencectl.h"

int cmd_status(struct ctl *ctl, int argc, char **argv)
{
	char version[64] = "";
	struct stat st;
	bool loaded;
	struct json j;

	if (argc != 1)
		return ctl_err("status takes no arguments");
	loaded = stat(ctl->sysfs, &st) == 0 && S_ISDIR(st.st_mode);
	if (loaded && ctl_read_line("/sys/module/vmfence", "version", version,
				    sizeof(version)))
		strcpy(version, "unknown");

	if (ctl->json) {
		json_init(&j, stdout);
		json_object_begin(&j, NULL);
		json_bool(&j, "loaded", loaded);
		if (loaded)
			json_string(&j, "version", version);
		json_object_end(&j);
		return json_finish(&j);
	}
	if (!loaded) {
		printf("module:  not loaded\n");
		return 0;
	}
	printf("module:  loaded, version %s\n", version);
	return 0;
}
