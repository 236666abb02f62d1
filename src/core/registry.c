/*
 * registry.c
 *		Every built-in rule table, in the order the engine runs them.
 */
#include "registry.h"

PC_RULE_TABLE_DECL(rfc5280);
PC_RULE_TABLE_DECL(rfc5280_names);
PC_RULE_TABLE_DECL(rfc5891);
PC_RULE_TABLE_DECL(community);
PC_RULE_TABLE_DECL(rfc3279);
PC_RULE_TABLE_DECL(rfc5480);
PC_RULE_TABLE_DECL(rfc8813);
PC_RULE_TABLE_DECL(rfc6962);
PC_RULE_TABLE_DECL(cabf_br);
PC_RULE_TABLE_DECL(cabf_br_profile);
PC_RULE_TABLE_DECL(cabf_br_names);
PC_RULE_TABLE_DECL(cabf_ev);
PC_RULE_TABLE_DECL(mozilla);
PC_RULE_TABLE_DECL(chrome);
PC_RULE_TABLE_DECL(apple);
PC_RULE_TABLE_DECL(rfc5280_path);
PC_RULE_TABLE_DECL(cabf_br_chain);
PC_RULE_TABLE_DECL(mozilla_chain);

const pc_rule_table pc_rule_tables[] = {
	{"RFC 5280", pc_rules_rfc5280, &pc_rules_rfc5280_count},
	{"RFC 5280 (names)", pc_rules_rfc5280_names, &pc_rules_rfc5280_names_count},
	{"RFC 5891 (IDNA)", pc_rules_rfc5891, &pc_rules_rfc5891_count},
	{"Community", pc_rules_community, &pc_rules_community_count},
	{"RFC 3279", pc_rules_rfc3279, &pc_rules_rfc3279_count},
	{"RFC 5480", pc_rules_rfc5480, &pc_rules_rfc5480_count},
	{"RFC 8813", pc_rules_rfc8813, &pc_rules_rfc8813_count},
	{"RFC 6962", pc_rules_rfc6962, &pc_rules_rfc6962_count},
	{"CA/B Forum TLS Baseline Requirements", pc_rules_cabf_br, &pc_rules_cabf_br_count},
	{"CA/B Forum TLS Baseline Requirements (profiles, keys, algorithms)", pc_rules_cabf_br_profile, &pc_rules_cabf_br_profile_count},
	{"CA/B Forum TLS Baseline Requirements (names)", pc_rules_cabf_br_names, &pc_rules_cabf_br_names_count},
	{"CA/B Forum EV Guidelines", pc_rules_cabf_ev, &pc_rules_cabf_ev_count},
	{"Mozilla Root Store Policy", pc_rules_mozilla, &pc_rules_mozilla_count},
	{"Chrome Root Program Policy", pc_rules_chrome, &pc_rules_chrome_count},
	{"Apple Root Certificate Program", pc_rules_apple, &pc_rules_apple_count},
	{"RFC 5280 section 6 (issuer given)", pc_rules_rfc5280_path, &pc_rules_rfc5280_path_count},
	{"CA/B Forum TLS BR (issuer given)", pc_rules_cabf_br_chain, &pc_rules_cabf_br_chain_count},
	{"Mozilla Root Store Policy (issuer given)", pc_rules_mozilla_chain, &pc_rules_mozilla_chain_count},
};

const size_t pc_rule_table_count = sizeof(pc_rule_tables) / sizeof(pc_rule_tables[0]);
