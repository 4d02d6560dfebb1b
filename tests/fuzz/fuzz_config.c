/*
 * libFuzzer harness for topicd.conf (daemon/sys/config.c on libinih): any
 * bytes as a configuration file give a configuration or errors naming
 * file:line, never a crash or a leak. The bytes are handed over as a
 * memory file, so no disk is touched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "daemon/sys/sys.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Load one input as a configuration file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*c;
	char		 path[64], **errors = NULL;
	size_t		 nerrors = 0;
	int		 fd;

	if ((fd = memfd_create("topicd.conf", 0)) == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	c = config_load(path, &errors, &nerrors);
	config_free(c);
	config_errors_free(errors, nerrors);
	close(fd);
	return 0;
}
