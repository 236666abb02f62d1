/*
 * weakkeys.h
 *		The PostgreSQL side of e_debian_weak_key: the per-backend set of the
 *		keys in profcheck.weak_key (weakkeys.c).
 */
#ifndef PC_PG_WEAKKEYS_H
#define PC_PG_WEAKKEYS_H

#include "../core/pc.h"

/*
 * Point opt's weak-key lookup at this backend's copy of profcheck.weak_key,
 * reading the table first when the copy is missing or out of date.  With
 * an empty table the lookup stays NULL, so the rule costs nothing.
 */
extern void pc_weak_keys_options(pc_options *opt);

#endif							/* PC_PG_WEAKKEYS_H */
