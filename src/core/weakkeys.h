/*
 * weakkeys.h
 *		Known weak RSA keys: the fingerprint the openssl-blacklist lists use,
 *		a parser for their text format, and a sorted set to look keys up in.
 *
 * Baseline Requirements 6.1.1.3(5) (ballot SC-073) make the CA reject keys
 * it knows to be weak, among them the Debian OpenSSL keys of 2008
 * (CVE-2008-0166).  The lists are far too large to compile in, so the CA
 * loads them and passes a lookup in pc_options.weak_key; this file is what
 * the command-line linter and the PostgreSQL layer share to do that.
 *
 * The format, as openssl-vulnkey(1) (package openssl-blacklist) defines it:
 * a key of a given modulus size (the file's name says it: blacklist.RSA-2048)
 * is named by the last 20 hexadecimal digits, i.e. the last 80 bits, of
 * SHA-1 over the text "Modulus=" + the modulus in upper-case hex without
 * leading zeros + "\n", which is what `openssl x509 -noout -modulus | sha1sum`
 * hashes.  A list holds one such 20-digit line per key; lines starting with
 * '#' are comments.  The manual says lower-case hex and comments only at the
 * top; we also accept upper case, blank lines and comments anywhere, as the
 * lists people keep by hand have them.
 *
 * Like the rest of the core, nothing here includes PostgreSQL headers.  The
 * set allocates through a caller-supplied function, so the extension can
 * keep it in a memory context and the CLI in malloc'd memory.
 */
#ifndef PC_WEAKKEYS_H
#define PC_WEAKKEYS_H

#include "pc.h"

#define PC_WK_FP_LEN 10			/* octets of a fingerprint (80 bits) */
#define PC_WK_HEX_LEN (2 * PC_WK_FP_LEN)

/*
 * The fingerprint of an RSA modulus given as big-endian octets (an INTEGER's
 * content; leading zero octets are allowed and skipped).  Uses OpenSSL's EVP
 * SHA-1; false when OpenSSL fails (out of memory, SHA-1 unavailable).
 */
bool		pc_wk_fingerprint(const uint8_t *n, size_t len, uint8_t fp[PC_WK_FP_LEN]);

/* Where a list is malformed: 1-based line number and what is wrong. */
typedef struct pc_wk_error
{
	unsigned long line;
	char		msg[128];
} pc_wk_error;

/* Called once per key line; returning false stops the parse (out of memory). */
typedef bool (*pc_wk_key_fn) (void *arg, const uint8_t fp[PC_WK_FP_LEN]);

/*
 * Parse a list in openssl-blacklist format, calling fn for each key line in
 * order.  Returns the number of keys, or -1 with err filled for the first
 * malformed line (or when fn refused a key).  Nothing is called for lines
 * after an error, but keys before it have been passed to fn: callers that
 * want all or nothing collect first and store after a successful parse.
 */
long		pc_wk_parse(const char *text, size_t len, pc_wk_key_fn fn, void *arg, pc_wk_error *err);

/*
 * Allocator for a set: like realloc(p, size), with size 0 freeing p (and
 * returning NULL), and NULL on failure.  It may also not return (the
 * extension's raises an ERROR); the set stays consistent either way.
 */
typedef void *(*pc_wk_resize_fn) (void *arg, void *p, size_t size);

/* The keys of one modulus size: fingerprints, sorted once pc_wk_sort ran. */
typedef struct pc_wk_list
{
	unsigned	bits;
	size_t		n;
	size_t		cap;
	uint8_t		(*fp)[PC_WK_FP_LEN];
} pc_wk_list;

typedef struct pc_weak_keys
{
	pc_wk_list *list;			/* one per modulus size, in order of first use */
	size_t		nlist;
	size_t		caplist;
	bool		sorted;			/* every list sorted and free of duplicates */
	pc_wk_resize_fn resize;
	void	   *resize_arg;
} pc_weak_keys;

/* An empty set; resize NULL means realloc and free. */
void		pc_wk_init(pc_weak_keys *s, pc_wk_resize_fn resize, void *resize_arg);

/* Add one key, or n keys stored back to back; false when out of memory. */
bool		pc_wk_add(pc_weak_keys *s, unsigned bits, const uint8_t fp[PC_WK_FP_LEN]);
bool		pc_wk_add_many(pc_weak_keys *s, unsigned bits, const uint8_t *fps, size_t n);

/* Parse a list of keys of 'bits' into the set (pc_wk_parse's result). */
long		pc_wk_add_text(pc_weak_keys *s, unsigned bits, const char *text, size_t len,
						   pc_wk_error *err);

/*
 * Sort every list and drop duplicates, for binary search.  Call after the
 * last add; a lookup in a set with unsorted lists scans them instead.
 */
void		pc_wk_sort(pc_weak_keys *s);

/* Is the key in the set?  Distinct keys after pc_wk_sort, and all of them. */
bool		pc_wk_contains(const pc_weak_keys *s, unsigned bits, const uint8_t fp[PC_WK_FP_LEN]);
size_t		pc_wk_count(const pc_weak_keys *s);

/* pc_wk_contains in the shape of pc_options.weak_key (arg: the set). */
bool		pc_wk_lookup(void *arg, unsigned bits, const uint8_t fp[PC_WK_FP_LEN]);

/* Release the set's memory; it is empty (and usable) afterwards. */
void		pc_wk_free(pc_weak_keys *s);

#endif							/* PC_WEAKKEYS_H */
