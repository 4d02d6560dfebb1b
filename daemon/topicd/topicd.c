/*
 * topicd: the daemon. Reads topicd.conf, takes the locks, detaches (unless
 * -d or -1) and runs the loop of server.c. -n checks the configuration
 * and prints every error at once; -h or --help prints the usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/topicd/topicd.h"
#include "daemon/sys/sys.h"

static const char topicd_usage[] =
    "usage: topicd [-dhnv1] [-f FILE]\n"
    "  -f FILE  the configuration file (default /etc/topicd.conf)\n"
    "  -d       stay in the foreground and log to standard error\n"
    "  -n       check the configuration, print every error, exit\n"
    "  -1       one pass: fetch every source once, then exit\n"
    "  -v       more logging\n"
    "  -h       print this usage and exit (also --help)\n";

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct config	*c;
	const char	*path = "/etc/topicd.conf";
	char		**errors, *cause = NULL;
	size_t		 nerrors, i;
	int		 ch, foreground = 0, check = 0, once = 0, verbose = 0;
	int		 dbfd = -1, pidfd = -1, rc;

	while ((ch = getopt_long(argc, argv, "df:hnv1", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			foreground = 1;
			break;
		case 'f':
			path = optarg;
			break;
		case 'h':
			fputs(topicd_usage, stdout);
			return 0;
		case 'n':
			check = 1;
			break;
		case 'v':
			verbose++;
			break;
		case '1':
			once = 1;
			break;
		default:
			fputs(topicd_usage, stderr);
			return 1;
		}
	}
	if (optind != argc) {
		fputs(topicd_usage, stderr);
		return 1;
	}
	proc_heap_setup();
	log_init("topicd", 1, verbose);
	if ((c = config_load(path, &errors, &nerrors)) == NULL) {
		for (i = 0; i < nerrors; i++)
			fprintf(stderr, "%s\n", errors[i]);
		config_errors_free(errors, nerrors);
		return 1;
	}
	if (check) {
		printf("configuration OK\n");
		config_free(c);
		return 0;
	}
	if (pidfile_lock(c->database, c->pidfile, &dbfd, &pidfd, &cause) != 0) {
		log_cause(cause);
		config_free(c);
		return 1;
	}
	if (!foreground && !once) {
		if (daemon(0, 0) != 0)
			fatal("daemon");
		if (strcmp(c->log, "syslog") == 0)
			log_init("topicd", 0, verbose);
		else if (log_open_file(c->log) != 0)
			log_init("topicd", 0, verbose);
	}
	if (pidfile_write(pidfd, &cause) != 0) {
		log_warnx("%s: %s", c->pidfile, cause);
		free(cause);
	}
	rc = server_run(path, c, once, verbose);
	close(pidfd);
	close(dbfd);
	return rc;
}
