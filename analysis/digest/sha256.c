/*
 * SHA-256 (FIPS 180-4), for snapshot content hashes: two digests with the
 * same bytes are one snapshot. Pure; pinned by the standard's test
 * vectors. On x86-64 processors with the SHA extensions the blocks go
 * through those instructions (a 5 MB archive in a few milliseconds
 * instead of a tenth of a second); elsewhere through the portable code.
 */
#include <stdio.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

#include "analysis/digest/digest.h"

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

/* Mix one 64-byte block into the state (portable). */
static void
sha256_block_c(uint32_t h[8], const unsigned char *p)
{
	uint32_t	 w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int		 i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3)) + w[i - 7] + (ROR(w[i - 2], 17) ^
		    ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		    ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

#if defined(__x86_64__)
/*
 * Mix n 64-byte blocks into the state with the SHA extensions. The state
 * is kept as the instructions want it (ABEF and CDGH); each step does four
 * rounds, the message schedule four words at a time (msg1, msg2).
 */
__attribute__((target("sha,sse4.1")))
static void
sha256_blocks_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i	 swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
	    0x0405060700010203ULL);
	__m128i		 s0, s1, t, msg, w[4], save0, save1;
	int		 i;

	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xb1);
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1b);
	s0 = _mm_alignr_epi8(t, s1, 8);		/* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xf0);	/* CDGH */
	for (; n > 0; n--, p += 64) {
		save0 = s0;
		save1 = s1;
		for (i = 0; i < 16; i++) {
			if (i < 4)
				w[i] = _mm_shuffle_epi8(_mm_loadu_si128(
				    (const __m128i *)(p + 16 * i)), swap);
			else
				w[i & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(
				    _mm_sha256msg1_epu32(w[i & 3],
				    w[(i + 1) & 3]), _mm_alignr_epi8(
				    w[(i + 3) & 3], w[(i + 2) & 3], 4)),
				    w[(i + 3) & 3]);
			msg = _mm_add_epi32(w[i & 3], _mm_loadu_si128(
			    (const __m128i *)&sha256_k[4 * i]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
			s0 = _mm_sha256rnds2_epu32(s0, s1,
			    _mm_shuffle_epi32(msg, 0x0e));
		}
		s0 = _mm_add_epi32(s0, save0);
		s1 = _mm_add_epi32(s1, save1);
	}
	t = _mm_shuffle_epi32(s0, 0x1b);	/* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xb1);	/* DCHG */
	_mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(t, s1, 0xf0));
	_mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(s1, t, 8));
}

/* Whether the processor has the SHA extensions (and SSSE3, SSE4.1). */
static int
sha256_has_ni(void)
{
	unsigned int	 a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) ||
	    !(c & bit_SSE4_1))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & (1U << 29)) != 0;
}
#endif

/* Mix n 64-byte blocks into c's state. */
static void
sha256_blocks(struct sha256 *c, const unsigned char *p, size_t n)
{
#if defined(__x86_64__)
	if (!c->portable) {
		sha256_blocks_ni(c->h, p, n);
		return;
	}
#endif
	for (; n > 0; n--, p += 64)
		sha256_block_c(c->h, p);
}

/* Start a hash. */
void
sha256_init(struct sha256 *c)
{
	static const uint32_t	 h0[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
	    0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

	memcpy(c->h, h0, sizeof c->h);
	c->nbuf = 0;
	c->len = 0;
#if defined(__x86_64__)
	c->portable = !sha256_has_ni();
#else
	c->portable = 1;
#endif
}

/* Start a hash that uses the portable code whatever the processor. */
void
sha256_init_portable(struct sha256 *c)
{
	sha256_init(c);
	c->portable = 1;
}

/* Add len bytes of data to the hash. */
void
sha256_update(struct sha256 *c, const void *data, size_t len)
{
	const unsigned char	*p = data;
	size_t			 take;

	c->len += len;
	if (c->nbuf > 0) {
		take = 64 - c->nbuf < len ? 64 - c->nbuf : len;
		memcpy(c->buf + c->nbuf, p, take);
		c->nbuf += take;
		p += take;
		len -= take;
		if (c->nbuf < 64)
			return;
		sha256_blocks(c, c->buf, 1);
		c->nbuf = 0;
	}
	sha256_blocks(c, p, len / 64);
	p += len / 64 * 64;
	len %= 64;
	memcpy(c->buf, p, len);
	c->nbuf = len;
}

/* End the hash: 64 lowercase hex digits. */
void
sha256_final_hex(struct sha256 *c, char out[65])
{
	unsigned char	 tail[128];
	size_t		 i, tlen;
	uint64_t	 bits = c->len * 8;

	memset(tail, 0, sizeof tail);
	memcpy(tail, c->buf, c->nbuf);
	tail[c->nbuf] = 0x80;
	tlen = c->nbuf + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
	sha256_blocks(c, tail, tlen / 64);
	for (i = 0; i < 8; i++)
		snprintf(out + 8 * i, 9, "%08x", c->h[i]);
}

/* The SHA-256 of data as 64 lowercase hex digits. */
void
sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256	 c;

	sha256_init(&c);
	sha256_update(&c, data, len);
	sha256_final_hex(&c, out);
}
