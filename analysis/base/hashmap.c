/*
 * Two hash tables for the hot paths of counting: a string interner (each
 * distinct string gets a dense index) and a map from 64-bit keys to 32-bit
 * values. Open addressing with linear probing, grown at 1/2 load.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/base/base.h"

struct strmap_entry {
	uint64_t	 hash;
	uint32_t	 off;		/* into the arena (< 4 GiB) */
	uint32_t	 len;
};

struct strmap {
	char			*arena;
	size_t			 arena_len, arena_cap;
	struct strmap_entry	*entries;
	uint32_t		 n, cap_entries;
	uint32_t		*slots;		/* entry index + 1, 0 = empty */
	size_t			 mask;
};

struct u64map {
	uint64_t	*keys;
	uint32_t	*values;
	uint8_t		*used;
	size_t		 n, mask;
};

/* Mix 64 bits (splitmix64's finalizer). */
static uint64_t
hash_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/*
 * Hash a byte string eight bytes at a time (little-endian words). The
 * store keeps these hashes (phrase_once): never change the function
 * without a migration.
 */
uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t	 h = 0x9e3779b97f4a7c15ULL ^ len, w;
	uint32_t	 lo, hi;
	size_t		 i = 0, r;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = hash_mix(h ^ w);
	}
	if ((r = len - i) > 0) {
		/*
		 * The last r (1-7) bytes as a little-endian word, read in two
		 * overlapping loads rather than byte by byte.
		 */
		if (r >= 4) {
			memcpy(&lo, s + i, 4);
			memcpy(&hi, s + len - 4, 4);
			w = lo | (uint64_t)hi << (8 * (r - 4));
		} else
			w = (uint64_t)(unsigned char)s[i] |
			    (uint64_t)(unsigned char)s[i + r / 2] << (8 * (r / 2)) |
			    (uint64_t)(unsigned char)s[len - 1] << (8 * (r - 1));
		h = hash_mix(h ^ w ^ 0xff);
	}
	return h;
}

/*
 * A string of 1 to 16 bytes as two words that together hold every byte:
 * two overlapping loads (8 or 4 bytes from each end), or for 1 to 3 bytes
 * its first, middle and last byte in one word. Two strings of one length
 * are the same exactly when their words are.
 */
static void
short_words(const char *s, size_t len, uint64_t *a, uint64_t *b)
{
	uint32_t	 x, y;

	if (len >= 8) {
		memcpy(a, s, 8);
		memcpy(b, s + len - 8, 8);
	} else if (len >= 4) {
		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		*a = x;
		*b = y;
	} else {
		*a = (uint64_t)(unsigned char)s[0] |
		    (uint64_t)(unsigned char)s[len / 2] << 8 |
		    (uint64_t)(unsigned char)s[len - 1] << 16;
		*b = 0;
	}
}

/*
 * The interner's own hash (kept in memory only, never stored): a short
 * string, nearly every word, is its two short_words, whose 128-bit
 * product folds to 64 bits (wyhash's mix); longer ones go through
 * hash_bytes.
 */
static uint64_t
strmap_hash(const char *s, size_t len)
{
	uint64_t		 a = 0, b = 0;
	unsigned __int128	 p;

	if (len > 16)
		return hash_bytes(s, len);
	if (len > 0)
		short_words(s, len, &a, &b);
	p = (unsigned __int128)(a ^ 0xa0761d6478bd642fULL ^ len) *
	    (b ^ 0xe7037ed1a0b428dbULL);
	return (uint64_t)p ^ (uint64_t)(p >> 64);
}

/* Whether the len bytes at x and y are the same (short ones inline). */
static int
same_bytes(const char *x, const char *y, size_t len)
{
	uint64_t	 xa, xb, ya, yb;

	if (len == 0 || len > 16)
		return memcmp(x, y, len) == 0;
	short_words(x, len, &xa, &xb);
	short_words(y, len, &ya, &yb);
	return ((xa ^ ya) | (xb ^ yb)) == 0;
}

/* A new, empty string interner. */
struct strmap *
strmap_new(void)
{
	struct strmap	*m = xcalloc(1, sizeof *m);

	m->mask = 1023;
	m->slots = xcalloc(m->mask + 1, sizeof *m->slots);
	m->arena_cap = 16384;
	m->arena = xmalloc(m->arena_cap);
	return m;
}

/* Free an interner; NULL is fine. */
void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->arena);
	free(m->entries);
	free(m->slots);
	free(m);
}

/* The slot where s is, or the empty slot where it would go. */
static size_t
strmap_probe(const struct strmap *m, const char *s, size_t len, uint64_t h)
{
	size_t			 i = h & m->mask;
	struct strmap_entry	*e;

	while (m->slots[i] != 0) {
		e = &m->entries[m->slots[i] - 1];
		if (e->hash == h && e->len == len &&
		    same_bytes(m->arena + e->off, s, len))
			return i;
		i = (i + 1) & m->mask;
	}
	return i;
}

/* Double the slot table. */
static void
strmap_grow(struct strmap *m)
{
	uint32_t	 k;
	size_t		 i;

	free(m->slots);
	m->mask = m->mask * 2 + 1;
	m->slots = xcalloc(m->mask + 1, sizeof *m->slots);
	for (k = 0; k < m->n; k++) {
		i = m->entries[k].hash & m->mask;
		while (m->slots[i] != 0)
			i = (i + 1) & m->mask;
		m->slots[i] = k + 1;
	}
}

/* The index of s, or -1 if it was never interned. */
int64_t
strmap_find(const struct strmap *m, const char *s, size_t len)
{
	size_t	 i = strmap_probe(m, s, len, strmap_hash(s, len));

	return m->slots[i] == 0 ? -1 : (int64_t)m->slots[i] - 1;
}

/* The index of s, interning a copy if new (*added tells which). */
uint32_t
strmap_intern(struct strmap *m, const char *s, size_t len, int *added)
{
	uint64_t		 h = strmap_hash(s, len);
	size_t			 i = strmap_probe(m, s, len, h);
	struct strmap_entry	*e;

	if (added != NULL)
		*added = m->slots[i] == 0;
	if (m->slots[i] != 0)
		return m->slots[i] - 1;
	if (m->n == m->cap_entries) {
		m->cap_entries = m->cap_entries ? m->cap_entries * 2 : 1024;
		m->entries = xreallocarray(m->entries, m->cap_entries,
		    sizeof *m->entries);
	}
	while (m->arena_len + len + 1 > m->arena_cap) {
		m->arena_cap *= 2;
		m->arena = xrealloc(m->arena, m->arena_cap);
	}
	/* Offsets are 32 bits: no vocabulary comes near 4 GiB of keys. */
	if (m->arena_len + len + 1 > UINT32_MAX)
		abort();
	e = &m->entries[m->n];
	e->hash = h;
	e->off = (uint32_t)m->arena_len;
	e->len = (uint32_t)len;
	memcpy(m->arena + m->arena_len, s, len);
	m->arena[m->arena_len + len] = '\0';
	m->arena_len += len + 1;
	m->slots[i] = ++m->n;
	if ((size_t)m->n * 2 > m->mask)
		strmap_grow(m);
	return m->n - 1;
}

/* The string with index k (NUL-terminated); its length in *len. */
const char *
strmap_string(const struct strmap *m, uint32_t k, size_t *len)
{
	if (len != NULL)
		*len = m->entries[k].len;
	return m->arena + m->entries[k].off;
}

/* How many distinct strings are interned. */
uint32_t
strmap_count(const struct strmap *m)
{
	return m->n;
}

/*
 * Where key's probe starts: the two halves of its 128-bit product with
 * an odd constant, folded (every key bit reaches the low bits the mask
 * keeps; three instructions where hash_mix takes nine).
 */
static size_t
u64map_home(const struct u64map *m, uint64_t key)
{
	unsigned __int128 p = (unsigned __int128)key * 0x9e3779b97f4a7c15ULL;

	return (size_t)((uint64_t)p ^ (uint64_t)(p >> 64)) & m->mask;
}

/*
 * Tables for mask + 1 slots: only the used flags are cleared, since a key
 * or value is read only where its flag is set.
 */
static void
u64map_alloc(struct u64map *m)
{
	m->keys = xreallocarray(NULL, m->mask + 1, sizeof *m->keys);
	m->values = xreallocarray(NULL, m->mask + 1, sizeof *m->values);
	m->used = xcalloc(m->mask + 1, 1);
}

/* A new, empty 64-bit map. */
struct u64map *
u64map_new(void)
{
	struct u64map	*m = xcalloc(1, sizeof *m);

	m->mask = 1023;
	u64map_alloc(m);
	return m;
}

/* Free a 64-bit map; NULL is fine. */
void
u64map_free(struct u64map *m)
{
	if (m == NULL)
		return;
	free(m->keys);
	free(m->values);
	free(m->used);
	free(m);
}

/* Double the table, re-placing every key. */
static void
u64map_grow(struct u64map *m)
{
	uint64_t	*keys = m->keys;
	uint32_t	*values = m->values;
	uint8_t		*used = m->used;
	size_t		 old = m->mask + 1, i, j;

	m->mask = m->mask * 2 + 1;
	u64map_alloc(m);
	for (i = 0; i < old; i++) {
		if (!used[i])
			continue;
		j = u64map_home(m, keys[i]);
		while (m->used[j])
			j = (j + 1) & m->mask;
		m->used[j] = 1;
		m->keys[j] = keys[i];
		m->values[j] = values[i];
	}
	free(keys);
	free(values);
	free(used);
}

/* The value cell of key, created as 0 if absent (*added tells which). */
uint32_t *
u64map_slot(struct u64map *m, uint64_t key, int *added)
{
	size_t	 i;

	if ((m->n + 1) * 2 > m->mask)
		u64map_grow(m);
	i = u64map_home(m, key);
	while (m->used[i]) {
		if (m->keys[i] == key) {
			if (added != NULL)
				*added = 0;
			return &m->values[i];
		}
		i = (i + 1) & m->mask;
	}
	m->used[i] = 1;
	m->keys[i] = key;
	m->values[i] = 0;
	m->n++;
	if (added != NULL)
		*added = 1;
	return &m->values[i];
}

/* The value of key, or NULL if absent. */
const uint32_t *
u64map_get(const struct u64map *m, uint64_t key)
{
	return u64map_find((struct u64map *)m, key);
}

/* The value of key to change, or NULL if absent; never adds or moves one. */
uint32_t *
u64map_find(struct u64map *m, uint64_t key)
{
	size_t	 i = u64map_home(m, key);

	while (m->used[i]) {
		if (m->keys[i] == key)
			return &m->values[i];
		i = (i + 1) & m->mask;
	}
	return NULL;
}

/* How many keys the map holds. */
size_t
u64map_count(const struct u64map *m)
{
	return m->n;
}

/* Walk the map: start with *pos = 0; returns 0 when done. */
int
u64map_next(const struct u64map *m, size_t *pos, uint64_t *key,
    uint32_t *value)
{
	for (; *pos <= m->mask; (*pos)++) {
		if (m->used[*pos]) {
			*key = m->keys[*pos];
			*value = m->values[*pos];
			(*pos)++;
			return 1;
		}
	}
	return 0;
}
