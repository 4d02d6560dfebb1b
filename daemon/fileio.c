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

#include "topicd.h"

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

/* Inflate gzip data into *out, at most max bytes. */
static int
file_gunzip(const char *name, const char *in, size_t len, size_t max,
    char **out, size_t *outlen, char **cause)
{
	z_stream	 z;
	size_t		 cap = len * 4 + 4096;
	char		*buf = xmalloc(cap);
	int		 rc;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 32) != Z_OK) {
		xasprintf(cause, "%s: cannot start gzip decoder", name);
		free(buf);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	do {
		if (z.total_out == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		z.next_out = (Bytef *)buf + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		rc = inflate(&z, Z_NO_FLUSH);
		if (z.total_out > max) {
			xasprintf(cause, "%s: more than %zu MiB once "
			    "decompressed", name, max >> 20);
			goto fail;
		}
		if (rc == Z_BUF_ERROR && z.avail_in == 0)
			break;
	} while (rc == Z_OK || rc == Z_BUF_ERROR);
	if (rc != Z_STREAM_END) {
		xasprintf(cause, "%s: broken gzip data%s%s", name,
		    z.msg ? ": " : "", z.msg ? z.msg : "");
		goto fail;
	}
	*outlen = z.total_out;
	*out = buf;
	inflateEnd(&z);
	return 0;
fail:
	inflateEnd(&z);
	free(buf);
	return -1;
}

/* Decode xz data into *out, at most max bytes. */
static int
file_unxz(const char *name, const char *in, size_t len, size_t max,
    char **out, size_t *outlen, char **cause)
{
	lzma_stream	 z = LZMA_STREAM_INIT;
	size_t		 cap = len * 6 + 4096;
	char		*buf = xmalloc(cap);
	lzma_ret	 rc;

	if (lzma_stream_decoder(&z, 256 << 20, 0) != LZMA_OK) {
		xasprintf(cause, "%s: cannot start xz decoder", name);
		free(buf);
		return -1;
	}
	z.next_in = (const uint8_t *)in;
	z.avail_in = len;
	do {
		if (z.total_out == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		z.next_out = (uint8_t *)buf + z.total_out;
		z.avail_out = cap - z.total_out;
		rc = lzma_code(&z, LZMA_FINISH);
		if (z.total_out > max) {
			xasprintf(cause, "%s: more than %zu MiB once "
			    "decompressed", name, max >> 20);
			goto fail;
		}
	} while (rc == LZMA_OK);
	if (rc != LZMA_STREAM_END) {
		xasprintf(cause, "%s: broken xz data (error %d)", name,
		    (int)rc);
		goto fail;
	}
	*outlen = z.total_out;
	*out = buf;
	lzma_end(&z);
	return 0;
fail:
	lzma_end(&z);
	free(buf);
	return -1;
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

/*
 * Undo gzip or xz compression (told by the magic bytes), at most max
 * bytes out. *out is NULL when the data was not compressed.
 */
int
file_decompress(const char *name, const char *in, size_t len, size_t max,
    char **out, size_t *outlen, char **cause)
{
	*out = NULL;
	*outlen = 0;
	if (file_is_gzip(in, len))
		return file_gunzip(name, in, len, max, out, outlen, cause);
	if (file_is_xz(in, len))
		return file_unxz(name, in, len, max, out, outlen, cause);
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
