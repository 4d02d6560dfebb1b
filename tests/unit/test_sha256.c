/* SHA-256 against the FIPS 180-4 test vectors. */
#include "unit.h"

static void
sha256_matches_the_standard_vectors(void **state)
{
	char	 hex[65], *million;

	(void)state;
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	million = malloc(1000000);
	memset(million, 'a', 1000000);
	sha256_hex(million, 1000000, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

static void
sha256_in_pieces_of_any_size_is_the_same(void **state)
{
	struct sha256	 c;
	char		 whole[65], pieces[65], *data;
	size_t		 len = 100003, at, step;

	(void)state;
	data = malloc(len);
	for (at = 0; at < len; at++)
		data[at] = (char)(at * 131 + 7);
	sha256_hex(data, len, whole);
	for (step = 1; step < 200; step += 13) {
		sha256_init(&c);
		for (at = 0; at < len; at += step)
			sha256_update(&c, data + at, len - at < step ?
			    len - at : step);
		sha256_final_hex(&c, pieces);
		assert_string_equal(whole, pieces);
	}
	free(data);
}

UNIT_MAIN(NULL, NULL,
    cmocka_unit_test(sha256_matches_the_standard_vectors),
    cmocka_unit_test(sha256_in_pieces_of_any_size_is_the_same))
