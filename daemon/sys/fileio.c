/*
 * Files: read a whole file (or standard input) with a size cap, undo gzip
 * or xz compression with a cap on the output, and write a file atomically
 * (temporary name, fsync, rename) so no reader sees half of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <lzma.h>
#include <zlib.h>

#include "daemon/sys/sys.h"

/* Read all of path ("-" is standard input), at most max bytes. */
int
file_read(const char *path, size_t max, char **out, size_t *outlen,
    char **cause)
{
	int		 fd, stdin_fd = strcmp(path, "-") == 0;
	size_t		 len = 0, cap = 65536;
	ssize_t		 n;
	char		*buf;
	struct stat	 st;

	fd = stdin_fd ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			xasprintf(cause, "%s: is a directory", path);
			close(fd);
			return -1;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			cap = (size_t)st.st_size + 1;
	}
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			xasprintf(cause, "%s: larger than %zu MiB", path,
			    max >> 20);
			goto fail;
		}
	}
	if (!stdin_fd)
		close(fd);
	*out = buf;
	*outlen = len;
	return 0;
fail:
	if (!stdin_fd)
		close(fd);
	free(buf);
	return -1;
}

/* A regular file read a piece at a time. */
struct file_stream {
	int		 fd;
	char		*path;
	size_t		 size;
	struct timespec	 mtime;
};

/*
 * Open path to be read in pieces. 0 with *fs set; 0 with *fs NULL when
 * path is not a regular file (standard input, a pipe, a directory: read
 * those whole with file_read); -1 with *cause when it cannot be opened or
 * is larger than max.
 */
int
file_stream_open(const char *path, size_t max, struct file_stream **fs,
    char **cause)
{
	struct stat	 st;
	int		 fd;

	*fs = NULL;
	if (strcmp(path, "-") == 0)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	if ((size_t)st.st_size > max) {
		xasprintf(cause, "%s: larger than %zu MiB", path, max >> 20);
		close(fd);
		return -1;
	}
	*fs = xcalloc(1, sizeof **fs);
	(*fs)->fd = fd;
	(*fs)->path = xstrdup(path);
	(*fs)->size = (size_t)st.st_size;
	(*fs)->mtime = st.st_mtim;
	return 0;
}

/* Whether the file's size or modification time changed since it opened. */
int
file_stream_changed(const struct file_stream *fs)
{
	struct stat	 st;

	if (fstat(fs->fd, &st) != 0)
		return 1;
	return (size_t)st.st_size != fs->size ||
	    st.st_mtim.tv_sec != fs->mtime.tv_sec ||
	    st.st_mtim.tv_nsec != fs->mtime.tv_nsec;
}

/* The file's size when it was opened. */
size_t
file_stream_size(const struct file_stream *fs)
{
	return fs->size;
}

/*
 * Up to cap bytes of the file from offset off into buf, *n of them (0 at
 * its end); or -1. Two readers may share the file, each at its offset.
 */
int
file_stream_read_at(struct file_stream *fs, size_t off, char *buf,
    size_t cap, size_t *n, char **cause)
{
	ssize_t	 r;

	while ((r = pread(fs->fd, buf, cap, (off_t)off)) < 0 &&
	    errno == EINTR)
		;
	if (r < 0) {
		xasprintf(cause, "%s: %s", fs->path, strerror(errno));
		return -1;
	}
	*n = (size_t)r;
	return 0;
}

/* Close the file; NULL is fine. */
void
file_stream_close(struct file_stream *fs)
{
	if (fs == NULL)
		return;
	close(fs->fd);
	free(fs->path);
	free(fs);
}

/* Whether data starts as gzip does. */
static int
file_is_gzip(const char *in, size_t len)
{
	return len >= 2 && (unsigned char)in[0] == 0x1f &&
	    (unsigned char)in[1] == 0x8b;
}

/* Whether data starts as xz does. */
static int
file_is_xz(const char *in, size_t len)
{
	return len >= 6 && memcmp(in, "\xfd" "7zXZ\0", 6) == 0;
}

/* Whether data starts as a compressed file file_decompress undoes. */
int
file_compressed(const char *in, size_t len)
{
	return file_is_gzip(in, len) || file_is_xz(in, len);
}

#define FILE_DECODED_PIECE	(64UL << 10)

enum file_codec {
	CODEC_PLAIN,
	CODEC_GZIP,
	CODEC_XZ
};

/*
 * A gzip or xz stream decoded a piece at a time (plain bytes pass
 * through): at most max bytes out, whatever the input (a bomb stops at
 * max).
 */
struct file_decoder {
	char		*name;
	enum file_codec	 codec;
	z_stream	 gz;
	lzma_stream	 xz;
	size_t		 max, total;
	int		 ended;		/* the compressed stream is over */
	char		*out;
};

/*
 * A decoder for the data whose first bytes are head[0..len) (gzip and xz
 * are told by their magic bytes), named name in messages; NULL with
 * *cause if it cannot start.
 */
struct file_decoder *
file_decoder_new(const char *name, const char *head, size_t len, size_t max,
    char **cause)
{
	struct file_decoder	*d = xcalloc(1, sizeof *d);
	lzma_stream		 init = LZMA_STREAM_INIT;

	d->name = xstrdup(name);
	d->max = max;
	d->xz = init;
	if (file_is_gzip(head, len)) {
		d->codec = CODEC_GZIP;
		if (inflateInit2(&d->gz, 15 + 32) != Z_OK) {
			xasprintf(cause, "%s: cannot start gzip decoder",
			    name);
			d->codec = CODEC_PLAIN;
			file_decoder_free(d);
			return NULL;
		}
	} else if (file_is_xz(head, len)) {
		d->codec = CODEC_XZ;
		if (lzma_stream_decoder(&d->xz, 256 << 20, 0) != LZMA_OK) {
			xasprintf(cause, "%s: cannot start xz decoder", name);
			d->codec = CODEC_PLAIN;
			file_decoder_free(d);
			return NULL;
		}
	}
	d->out = xmalloc(FILE_DECODED_PIECE);
	return d;
}

/* Free a decoder; NULL is fine. */
void
file_decoder_free(struct file_decoder *d)
{
	if (d == NULL)
		return;
	if (d->codec == CODEC_GZIP)
		inflateEnd(&d->gz);
	else if (d->codec == CODEC_XZ)
		lzma_end(&d->xz);
	free(d->out);
	free(d->name);
	free(d);
}

/* Hand n decoded bytes to fn, counting them against the limit. */
static int
file_decoder_out(struct file_decoder *d, size_t n, file_piece_fn fn,
    void *arg, char **cause)
{
	if (n == 0)
		return 0;
	d->total += n;
	if (d->total > d->max) {
		xasprintf(cause, "%s: more than %zu MiB once decompressed",
		    d->name, d->max >> 20);
		return -1;
	}
	return fn(arg, d->out, n, cause);
}

/* Inflate the next input; see file_decoder_feed. */
static int
file_decoder_gzip(struct file_decoder *d, const char *in, size_t len,
    int last, file_piece_fn fn, void *arg, char **cause)
{
	int	 rc = Z_OK;

	d->gz.next_in = (Bytef *)(uintptr_t)in;
	d->gz.avail_in = (uInt)len;
	while (!d->ended) {
		d->gz.next_out = (Bytef *)d->out;
		d->gz.avail_out = (uInt)FILE_DECODED_PIECE;
		rc = inflate(&d->gz, Z_NO_FLUSH);
		if (file_decoder_out(d, FILE_DECODED_PIECE - d->gz.avail_out,
		    fn, arg, cause) != 0)
			return -1;
		if (rc == Z_STREAM_END)
			d->ended = 1;
		else if (rc != Z_OK || d->gz.avail_out != 0)
			break;	/* an error, or it wants more input */
	}
	if ((rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END) ||
	    (last && !d->ended)) {
		xasprintf(cause, "%s: broken gzip data%s%s", d->name,
		    d->gz.msg ? ": " : "", d->gz.msg ? d->gz.msg : "");
		return -1;
	}
	return 0;
}

/* Decode the next xz input; see file_decoder_feed. */
static int
file_decoder_xz(struct file_decoder *d, const char *in, size_t len,
    int last, file_piece_fn fn, void *arg, char **cause)
{
	lzma_ret	 rc;

	d->xz.next_in = (const uint8_t *)in;
	d->xz.avail_in = len;
	while (!d->ended) {
		d->xz.next_out = (uint8_t *)d->out;
		d->xz.avail_out = FILE_DECODED_PIECE;
		rc = lzma_code(&d->xz, last ? LZMA_FINISH : LZMA_RUN);
		if (file_decoder_out(d, FILE_DECODED_PIECE - d->xz.avail_out,
		    fn, arg, cause) != 0)
			return -1;
		if (rc == LZMA_STREAM_END)
			d->ended = 1;
		else if (rc != LZMA_OK) {
			xasprintf(cause, "%s: broken xz data (error %d)",
			    d->name, (int)rc);
			return -1;
		} else if (!last && d->xz.avail_in == 0 &&
		    d->xz.avail_out != 0)
			break;	/* it wants more input */
	}
	return 0;
}

/*
 * Decode in[0..len), the next bytes of the data (last: the final ones)
 * and hand each decoded piece to fn(arg, p, n, cause), in order. 0, or -1
 * with *cause: broken data, more than max bytes out, or fn's error (fn
 * may fail without a cause: the caller stops). What follows the end of a
 * compressed stream is ignored.
 */
int
file_decoder_feed(struct file_decoder *d, const char *in, size_t len,
    int last, file_piece_fn fn, void *arg, char **cause)
{
	if (d->codec == CODEC_GZIP)
		return file_decoder_gzip(d, in, len, last, fn, arg, cause);
	if (d->codec == CODEC_XZ)
		return file_decoder_xz(d, in, len, last, fn, arg, cause);
	return len > 0 ? fn(arg, in, len, cause) : 0;
}

/* A growing buffer of decoded bytes (file_decompress). */
struct file_decoded {
	char	*p;
	size_t	 len, cap;
};

/* Append a decoded piece to the buffer. */
static int
file_decoded_add(void *arg, const char *p, size_t n, char **cause)
{
	struct file_decoded	*b = arg;

	(void)cause;
	if (b->len + n > b->cap) {
		while (b->len + n > b->cap)
			b->cap = b->cap ? b->cap * 2 : 65536;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

/*
 * Undo gzip or xz compression (told by the magic bytes), at most max
 * bytes out. *out is NULL when the data was not compressed.
 */
int
file_decompress(const char *name, const char *in, size_t len, size_t max,
    char **out, size_t *outlen, char **cause)
{
	struct file_decoder	*d;
	struct file_decoded	 b;

	*out = NULL;
	*outlen = 0;
	if (!file_compressed(in, len))
		return 0;
	if ((d = file_decoder_new(name, in, len, max, cause)) == NULL)
		return -1;
	memset(&b, 0, sizeof b);
	if (file_decoder_feed(d, in, len, 1, file_decoded_add, &b,
	    cause) != 0) {
		file_decoder_free(d);
		free(b.p);
		return -1;
	}
	file_decoder_free(d);
	*out = b.p != NULL ? b.p : xstrdup("");
	*outlen = b.len;
	return 0;
}

/* Write data to path through a temporary file and a rename. */
int
file_write_atomic(const char *path, const char *data, size_t len,
    char **cause)
{
	char	*tmp;
	int	 fd;
	size_t	 off = 0;
	ssize_t	 n;

	xasprintf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		off += (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		fd = -1;
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	xasprintf(cause, "%s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}
