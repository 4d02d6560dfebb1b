/*
 * analysis/base: the leaves every layer uses: allocation that never fails,
 * calendar days, durations and sizes, sorting, hash maps, and the files
 * built into the programs (schema, word lists, dashboard). Pure.
 */
#ifndef TOPIC_BASE_H
#define TOPIC_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* xmalloc.c: allocation wrappers that never return NULL (one line, exit). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
void	 xfatal(const char *) __attribute__((noreturn));
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* embedded.c (generated): the schema, the word lists and the dashboard. */
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

/* day.c */

/* A calendar day as days since 1970-01-01 (proleptic Gregorian, UTC). */
typedef int32_t day_t;
#define DAY_NONE	INT32_MIN

int	 day_from_ymd(int, int, int, day_t *);
void	 day_to_ymd(day_t, int *, int *, int *);
int	 day_parse(const char *, day_t *);
int	 day_parse_loose(const char *, day_t *);
void	 day_format(day_t, char [11]);
int	 day_month_from_name(const char *, size_t);
int	 day_weekday(day_t);
void	 day_iso_week(day_t, int *, int *);
day_t	 day_iso_week_start(int, int);
void	 day_format_month(day_t, char [8]);
void	 day_format_week(day_t, char [9]);

/* units.c */
int	 duration_parse(const char *, long long *);
int	 duration_days(const char *, int *);
int	 size_parse(const char *, long long *);
void	 size_format(double, char *, size_t);

/* sort.c */
void	 sort_u64(uint64_t *, size_t);

/* hashmap.c */
uint64_t	 hash_bytes(const char *, size_t);

/* Interns strings: each distinct byte string gets a dense index from 0. */
struct strmap;
struct strmap	*strmap_new(void);
void		 strmap_free(struct strmap *);
int64_t		 strmap_find(const struct strmap *, const char *, size_t);
uint32_t	 strmap_intern(struct strmap *, const char *, size_t, int *);
const char	*strmap_string(const struct strmap *, uint32_t, size_t *);
uint32_t	 strmap_count(const struct strmap *);

/* Maps 64-bit keys to 32-bit values (open addressing, key 0 allowed). */
struct u64map;
struct u64map	*u64map_new(void);
void		 u64map_free(struct u64map *);
uint32_t	*u64map_slot(struct u64map *, uint64_t, int *);
const uint32_t	*u64map_get(const struct u64map *, uint64_t);
uint32_t	*u64map_find(struct u64map *, uint64_t);
size_t		 u64map_count(const struct u64map *);
int		 u64map_next(const struct u64map *, size_t *, uint64_t *,
		     uint32_t *);

#endif
