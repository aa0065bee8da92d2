/* enums.c - the tables of enums.h. Codes are what the database and the wire carry; never
 * rename one without a migration. Must not hold rules: a set with rules keeps its table with
 * them (see enums.h). */
#include "core/enums.h"

#include <string.h>

#define TABLE(name, ...)                                                                           \
	static const struct enum_entry name##_entries[] = {__VA_ARGS__};                           \
	const struct enum_table name = {name##_entries,                                            \
	                                sizeof(name##_entries) / sizeof(name##_entries[0])}

TABLE(enum_org_type, {"city_department", "市直部门"}, {"county", "县区"}, {"zone", "开发区"},
      {"platform_company", "平台公司"}, {"supervisory_body", "监督机构"});
TABLE(enum_zone_level, {"national", "国家级"}, {"provincial", "省级"}, {"municipal", "市级"});
TABLE(enum_role, {"admin", "系统管理员"}, {"office", "改革办"}, {"department", "市直部门"},
      {"zone", "开发区"}, {"county", "县区"}, {"supervisor", "监督部门"}, {"auditor", "审计员"},
      {"security", "安全管理员"});
TABLE(enum_data_scope, {"all", "全部数据"}, {"org", "本机构数据"},
      {"org_and_below", "本机构及以下数据"}, {"custom", "自定义机构"}, {"self", "仅本人数据"});
TABLE(enum_plan_status, {"draft", "草稿"}, {"submitted", "待审核"}, {"approved", "已批准"},
      {"returned", "已退回"});
TABLE(enum_revision_status, {"draft", "修订草稿"}, {"submitted", "修订待审核"},
      {"returned", "修订已退回"}, {"approved", "修订已批准"});
TABLE(enum_report_state, {"submitted", "待审核"}, {"accepted", "已通过"}, {"returned", "已退回"});
TABLE(enum_milestone_state, {"done", "按期完成"}, {"overdue", "已逾期"}, {"due_soon", "即将到期"},
      {"stale", "长期未更新"}, {"on_track", "正常"}, {"done_late", "逾期完成"},
      {"closed", "已关闭"});
TABLE(enum_role_change_status, {"pending", "待确认"}, {"confirmed", "已确认"},
      {"rejected", "已驳回"}, {"superseded", "已被替代"});
TABLE(enum_progress_status, {"not_started", "未开始"}, {"in_progress", "进行中"},
      {"done", "已完成"}, {"blocked", "受阻"});
/* in enum policy_unit_source's order (core/policy_parse.h) */
TABLE(enum_unit_source, {"none", "未写明"}, {"lines", "单独成行"}, {"labelled", "带标签的括号"},
      {"paren", "括号"}, {"paren_rule", "括号（排第一位者牵头）"}, {"prose", "正文语句"},
      {"mixed", "多种来源"});
TABLE(enum_enterprise_scale, {"above", "规上"}, {"below", "规下"});
TABLE(enum_arrangement_kind, {"park_in_park", "区中园"}, {"enclave", "飞地"},
      {"trusteeship", "托管"});
TABLE(enum_statement_status, {"draft", "草稿（未确认）"}, {"confirmed", "已确认"});
TABLE(enum_land_use, {"industrial", "工业用地"}, {"warehouse", "仓储用地"},
      {"commercial", "商服用地"}, {"residential", "住宅用地"}, {"public", "公共管理与公共服务用地"},
      {"other", "其他用地"});
TABLE(enum_idle_cause, {"government", "政府原因"}, {"enterprise", "企业原因"});
/* 53号令's handlings of idle land and art. 2's market exits of low-efficiency land */
TABLE(enum_land_handling, {"idle_fee", "征缴土地闲置费"}, {"reclaim", "无偿收回"},
      {"negotiate", "协商处置"}, {"agreement_transfer", "协议转让"},
      {"surplus_land_transfer", "节余土地转让"}, {"surplus_building_lease", "节余房屋转租"},
      {"rectify", "整改提升"});
TABLE(enum_land_case_status, {"open", "处置中"}, {"closed", "已办结"});

static const struct enum_entry *find(const struct enum_table *t, const char *code)
{
	for (size_t i = 0; code && i < t->n; i++)
		if (!strcmp(t->entries[i].code, code))
			return &t->entries[i];
	return NULL;
}

bool enum_valid(const struct enum_table *t, const char *code)
{
	return find(t, code) != NULL;
}

const char *enum_label(const struct enum_table *t, const char *code)
{
	const struct enum_entry *e = find(t, code);

	return e ? e->label : code;
}
