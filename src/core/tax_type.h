/* tax_type.h - the tax types an enterprise's yearly tax records are kept by, as a fixed
 * catalogue: a stable code (stored and imported), the Chinese name (shown, and accepted on
 * import), and the starting value offered for its local retained share when a year's
 * revenue-sharing configuration is first set. The starting values are the local part under the
 * national central/local split (增值税 50 %, 企业所得税 and 个人所得税 40 %, 消费税 0, the
 * local taxes 100 %); the city's retained part is lower and is the finance bureau's to set.
 * Pure data. */
#ifndef KFQ_CORE_TAX_TYPE_H
#define KFQ_CORE_TAX_TYPE_H

#include "core/enums.h"

#include <stddef.h>
#include <stdint.h>

enum tax_type {
	TAX_VAT,         /* 增值税 */
	TAX_CONSUMPTION, /* 消费税 */
	TAX_CIT,         /* 企业所得税 */
	TAX_IIT,         /* 个人所得税 */
	TAX_RESOURCE,    /* 资源税 */
	TAX_CITY_MAINT,  /* 城市维护建设税 */
	TAX_PROPERTY,    /* 房产税 */
	TAX_LAND_USE,    /* 城镇土地使用税 */
	TAX_LAND_VAT,    /* 土地增值税 */
	TAX_STAMP,       /* 印花税 */
	TAX_VEHICLE,     /* 车船税 */
	TAX_FARMLAND,    /* 耕地占用税 */
	TAX_DEED,        /* 契税 */
	TAX_ENVIRONMENT, /* 环境保护税 */
	TAX_TYPE_COUNT
};

struct tax_type_def {
	enum tax_type type;
	const char *code;  /* stable snake_case */
	const char *label; /* 增值税 ... */
	int64_t default_local_bp;
};

/* The catalogue in display order (the order of the enum). */
extern const struct tax_type_def tax_type_defs[TAX_TYPE_COUNT];

/* The same codes and names as a core/enums.h table (what an import's 税种 column accepts). */
extern const struct enum_table enum_tax_type;

/* The type a code or a Chinese name names; -1 if none. */
int tax_type_find(const char *code_or_label);

#endif
