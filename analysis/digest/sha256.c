/*
 * SHA-256 of a snapshot's bytes (two digests with the same bytes are one
 * snapshot) and of a paper's folded title, through libcrypto's EVP
 * interface, which picks the processor's SHA instructions itself. Pure:
 * it only computes.
 */
#include <openssl/evp.h>

#include "analysis/digest/digest.h"

/* The 32 bytes of a digest as 64 lowercase hex digits and a NUL. */
static void
sha256_to_hex(const unsigned char md[32], char out[65])
{
	static const char	 hex[] = "0123456789abcdef";
	int			 i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[64] = '\0';
}

/* Start a hash; sha256_final_hex ends it (and frees what this holds). */
void
sha256_init(struct sha256 *c)
{
	if ((c->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(c->ctx, EVP_sha256(), NULL) != 1)
		xfatal("SHA-256: libcrypto could not start a digest");
}

/* Add len bytes to the hash. */
void
sha256_update(struct sha256 *c, const void *data, size_t len)
{
	if (EVP_DigestUpdate(c->ctx, data, len) != 1)
		xfatal("SHA-256: libcrypto could not update a digest");
}

/* The hash of everything added, as hex; the context is freed. */
void
sha256_final_hex(struct sha256 *c, char out[65])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];

	if (EVP_DigestFinal_ex(c->ctx, md, NULL) != 1)
		xfatal("SHA-256: libcrypto could not finish a digest");
	EVP_MD_CTX_free(c->ctx);
	c->ctx = NULL;
	sha256_to_hex(md, out);
}

/* The SHA-256 of data[0..len) as hex. */
void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];

	if (EVP_Digest(data, len, md, NULL, EVP_sha256(), NULL) != 1)
		xfatal("SHA-256: libcrypto could not compute a digest");
	sha256_to_hex(md, out);
}
