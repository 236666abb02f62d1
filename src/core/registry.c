/*
 * registry.c
 *		Every built-in rule table, in the order the engine runs them.
 */
#include "registry.h"

PC_RULE_TABLE_DECL(rfc5280);
PC_RULE_TABLE_DECL(rfc6962);
PC_RULE_TABLE_DECL(cabf_br);
PC_RULE_TABLE_DECL(apple);

const pc_rule_table pc_rule_tables[] = {
	{"RFC 5280", pc_rules_rfc5280, &pc_rules_rfc5280_count},
	{"RFC 6962", pc_rules_rfc6962, &pc_rules_rfc6962_count},
	{"CA/B Forum TLS Baseline Requirements", pc_rules_cabf_br, &pc_rules_cabf_br_count},
	{"Apple Root Certificate Program", pc_rules_apple, &pc_rules_apple_count},
};

const size_t pc_rule_table_count = sizeof(pc_rule_tables) / sizeof(pc_rule_tables[0]);
