/*
 * cert_general.c
 *		The certificate decoder built a second time with its shortcuts
 *		compiled out, as pc_decode_general, for the tests to compare with
 *		pc_decode: on every input both must accept or refuse alike, with the
 *		same error, offset and decoded model.
 *
 * The other functions cert.c defines get names of their own here, so that
 * this copy can be linked beside the real one.
 */
#define PC_DECODE_SHORTCUTS 0
#define pc_decode pc_decode_general
#define pc_name_count pc_name_count_general
#define pc_name_find pc_name_find_general
#define pc_kind_text pc_kind_text_general

#include "../../src/core/cert.c"
