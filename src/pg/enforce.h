/*
 * enforce.h
 *		The arguments of a profcheck.enforce() trigger, read once by the
 *		plain trigger (profcheck.c) and shared with its profile and audit
 *		variant (profile.c).
 *
 * TG_ARGV: the column name first; then, positionally, an optional threshold
 * (or audit[:severity]) and an optional profile name.  An argument of the
 * form at=... anywhere after the column is an option, not a positional
 * argument: it says at which instant the rule windows (and the profile
 * version) are judged.
 */
#ifndef PC_ENFORCE_H
#define PC_ENFORCE_H

#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/timestamp.h"

typedef enum pc_enforce_at
{
	PC_AT_NOW,					/* the transaction's start, now(): the default */
	PC_AT_NOTBEFORE,			/* each certificate's notBefore (historic loads) */
	PC_AT_FIXED					/* a fixed instant, at=<timestamptz literal> */
} pc_enforce_at;

typedef struct pc_enforce_args
{
	const char *column;			/* TG_ARGV[0] */
	const char *mode;			/* threshold or audit[:severity]; NULL: default */
	const char *profile;		/* profile name; NULL: none */
	pc_enforce_at at;
	TimestampTz at_fixed;		/* PC_AT_FIXED: the instant */
	const char *at_arg;			/* the at=... argument as written, or NULL */
	Oid			tgoid;			/* the trigger these were read for */
	int			attnum;			/* the column's number in the table */
} pc_enforce_args;

/*
 * TG_ARGV read and checked, and the column found, once per statement: the
 * answer is kept in the trigger function's fn_extra, so a bulk load does not
 * parse its arguments (an at= instant included) and look its column up by
 * name for every row.  A mistake is an ERROR naming the trigger.
 */
extern const pc_enforce_args *pc_enforce_args_get(FunctionCallInfo fcinfo);

/*
 * The instant the rules are judged at: true with *ts set for at=now and
 * at=<instant>, false for at=notbefore.
 */
extern bool pc_enforce_instant(const pc_enforce_args *args, TimestampTz *ts);

/* A HINT saying what instant the rules were judged at, or NULL for notBefore. */
extern char *pc_enforce_judged_hint(const pc_enforce_args *args);

/* profcheck.enforce() with a profile and/or in audit mode (profile.c). */
extern Datum pc_profile_enforce(FunctionCallInfo fcinfo, const pc_enforce_args *args);

#endif							/* PC_ENFORCE_H */
