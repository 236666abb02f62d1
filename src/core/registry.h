/*
 * registry.h
 *		The rule tables, one per document that imposes rules.
 *
 * Each file in src/rules/ defines one table and its length; registry.c
 * lists them.  Adding a document means adding a line there.
 */
#ifndef PC_REGISTRY_H
#define PC_REGISTRY_H

#include "pc.h"

typedef struct pc_rule_table
{
	const char *document;
	const pc_rule *rules;
	const size_t *count;
} pc_rule_table;

extern const pc_rule_table pc_rule_tables[];
extern const size_t pc_rule_table_count;

/* Declares a document's table; used by registry.c. */
#define PC_RULE_TABLE_DECL(sym) \
	extern const pc_rule pc_rules_##sym[]; \
	extern const size_t pc_rules_##sym##_count

/* Defines the count of a table; used at the end of each rules file. */
#define PC_RULE_TABLE_END(sym) \
	const size_t pc_rules_##sym##_count = sizeof(pc_rules_##sym) / sizeof(pc_rules_##sym[0])

#endif							/* PC_REGISTRY_H */
