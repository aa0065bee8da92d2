/* tax_type.c - the tax type catalogue. Must not hold any year's configured shares: those are
 * data the finance bureau sets (revenue sharing's yearly configuration). */
#include "core/tax_type.h"

#include <string.h>

/* One list: the catalogue and the import's table of codes and names are made from it. */
#define TAX_TYPES(X)                                                                               \
	X(TAX_VAT, "vat", "增值税", 5000)                                                          \
	X(TAX_CONSUMPTION, "consumption", "消费税", 0)                                             \
	X(TAX_CIT, "cit", "企业所得税", 4000)                                                      \
	X(TAX_IIT, "iit", "个人所得税", 4000)                                                      \
	X(TAX_RESOURCE, "resource", "资源税", 10000)                                               \
	X(TAX_CITY_MAINT, "city_maint", "城市维护建设税", 10000)                                   \
	X(TAX_PROPERTY, "property", "房产税", 10000)                                               \
	X(TAX_LAND_USE, "land_use", "城镇土地使用税", 10000)                                       \
	X(TAX_LAND_VAT, "land_vat", "土地增值税", 10000)                                           \
	X(TAX_STAMP, "stamp", "印花税", 10000)                                                     \
	X(TAX_VEHICLE, "vehicle", "车船税", 10000)                                                 \
	X(TAX_FARMLAND, "farmland", "耕地占用税", 10000)                                           \
	X(TAX_DEED, "deed", "契税", 10000)                                                         \
	X(TAX_ENVIRONMENT, "environment", "环境保护税", 10000)

#define DEF(type, code, label, bp) {type, code, label, bp},
const struct tax_type_def tax_type_defs[TAX_TYPE_COUNT] = {TAX_TYPES(DEF)};

#define ENTRY(type, code, label, bp) {code, label},
static const struct enum_entry entries[TAX_TYPE_COUNT] = {TAX_TYPES(ENTRY)};
const struct enum_table enum_tax_type = {entries, TAX_TYPE_COUNT};

int tax_type_find(const char *code_or_label)
{
	if (!code_or_label)
		return -1;
	/* the first byte first: a statement's computation looks up a million records' types */
	for (int i = 0; i < TAX_TYPE_COUNT; i++) {
		const char *code = tax_type_defs[i].code, *label = tax_type_defs[i].label;
		if ((code[0] == code_or_label[0] && strcmp(code, code_or_label) == 0) ||
		    (label[0] == code_or_label[0] && strcmp(label, code_or_label) == 0))
			return i;
	}
	return -1;
}
