/*
 * Files built into the programs: the schema migrations (schema/NNN-*.sql),
 * the shipped stop-word list (words/stopwords.txt) and the dashboard page
 * of the HTTP interface (reports/dashboard.html).
 */
#ifndef EMBEDDED_H
#define EMBEDDED_H

#include <stddef.h>

struct embedded_migration {
	int		 version;	/* NNN of the file name */
	const char	*name;
	const char	*sql;
};

extern const struct embedded_migration embedded_migrations[];
extern const size_t embedded_migrations_count;
extern const char *const embedded_stopwords;
extern const char *const embedded_topics;	/* words/topics.txt */
extern const char *const embedded_dashboard;

#endif
