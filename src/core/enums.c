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
TABLE(enum_power_kind, {"licensing", "行政许可"}, {"penalty", "行政处罚"}, {"coercion", "行政强制"},
      {"levy", "行政征收"}, {"payment", "行政给付"}, {"inspection", "行政检查"},
      {"confirmation", "行政确认"}, {"reward", "行政奖励"}, {"adjudication", "行政裁决"},
      {"other", "其他行政权力"}, {"public_service", "公共服务"}, {"filing", "行政备案"});
TABLE(enum_power_mode, {"direct", "直接下放"}, {"entrust", "委托"}, {"stationed", "派驻人员"},
      {"signboard", "加挂牌子"}, {"lead", "领办"}, {"agency", "代办"});
TABLE(enum_power_result, {"good", "良好"}, {"improve", "需改进"}, {"revoke", "建议收回"});
TABLE(enum_guidance_kind, {"training", "业务培训"}, {"guidance", "业务指导"},
      {"supervision", "监督检查"});
TABLE(enum_duty_holder, {"zone", "开发区"}, {"county", "县区"}, {"shared", "共同承担"});
TABLE(enum_social_category, {"community", "社区管理"}, {"education", "教育"}, {"health", "卫生"},
      {"civil_affairs", "民政"}, {"public_security", "社会治安"}, {"other", "其他"});
TABLE(enum_social_status, {"carrying", "仍由开发区承担"}, {"planned", "已制定移交计划"},
      {"handing_over", "移交中"}, {"handed_over", "已移交"});
TABLE(enum_problem_source, {"hotline", "热线"}, {"visit", "走访"}, {"other", "其他渠道"});
TABLE(enum_problem_status, {"open", "办理中"}, {"answered", "已答复"}, {"closed", "已办结"});
TABLE(enum_rule_kind, {"own_normative", "本部门规范性文件"}, {"local_regulation", "地方性法规"},
      {"gov_rule", "政府规章"}, {"city_document", "市级文件"});
TABLE(enum_rule_status, {"planned", "待启动"}, {"in_progress", "办理中"}, {"done", "已完成"});
TABLE(enum_consult_state, {"draft", "草稿"}, {"upcoming", "未开始"}, {"open", "征求中"},
      {"closed", "已截止"}, {"published", "已公布"});
TABLE(enum_consult_channel, {"web", "网页"}, {"email", "电子邮件"}, {"phone", "电话"},
      {"letter", "信函"}, {"meeting", "座谈会"}, {"department", "部门书面意见"});
TABLE(enum_disposition, {"adopted", "采纳"}, {"partly", "部分采纳"}, {"rejected", "不采纳"},
      {"explained", "已说明"});
TABLE(enum_budget_mode, {"independent", "独立核算"}, {"listed", "单独列示"});
TABLE(enum_budget_kind, {"budget", "预算"}, {"final", "决算"});
TABLE(enum_budget_grade, {"excellent", "优"}, {"good", "良"}, {"fair", "中"}, {"poor", "差"});
TABLE(enum_person_identity, {"civil_servant", "公务员"}, {"civil_servant_ref", "参照公务员管理"},
      {"institution", "事业编制"}, {"enterprise", "企业人员"}, {"contract", "聘用人员"});
TABLE(enum_appointment, {"appointed", "委任制"}, {"hired", "聘任制"});
TABLE(enum_pay_grade, {"excellent", "优秀"}, {"good", "良好"}, {"fair", "一般"}, {"poor", "较差"});
TABLE(enum_fault_decision, {"exempt", "免责"}, {"reduced", "减责"}, {"refused", "不予免责"});
TABLE(enum_fault_effect, {"none", "无"}, {"waive_deduction", "考核不予扣分"},
      {"leader_kept", "领导干部不予调整"});
TABLE(enum_leader_action, {"promote", "优先提拔使用"}, {"adjust", "及时调整"},
      {"kept", "容错免责后不予调整"});
TABLE(enum_pay_plan_status, {"draft", "草稿"}, {"filed", "备案中"}, {"returned", "已退回"},
      {"effective", "已生效"});
TABLE(enum_person_end, {"returned", "退回原单位"}, {"secondment_over", "挂职期满返回"},
      {"left", "调离或离职"});
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
TABLE(enum_platform_type, {"industrial", "工业企业"}, {"non_industrial", "非工业企业"},
      {"research", "科研设计企业"});
TABLE(enum_platform_duty, {"policy", "政策制定"}, {"planning", "发展规划"},
      {"approval", "行政审批"}, {"development", "开发建设"}, {"attraction", "招商引资"},
      {"capital", "资本运作"});
TABLE(enum_platform_status, {"todo", "未开始"}, {"doing", "推进中"}, {"done", "已完成"});
TABLE(enum_platform_indicator, {"debt_ratio", "资产负债率"}, {"interest_share", "带息负债比率"},
      {"current_ratio", "流动比率"}, {"guarantee", "担保比率"});
TABLE(enum_platform_level, {"normal", "正常"}, {"warning", "超预警线"}, {"key", "超重点监管线"});
TABLE(enum_shareholder_kind, {"state", "国有资本"}, {"strategic", "战略投资者"},
      {"other", "其他股东"});
/* 未来产业的六个方向（工业和信息化部等七部门《关于推动未来产业创新发展的实施意见》，2024） */
TABLE(enum_future_direction, {"manufacturing", "未来制造"}, {"information", "未来信息"},
      {"materials", "未来材料"}, {"energy", "未来能源"}, {"space", "未来空间"},
      {"health", "未来健康"});
TABLE(enum_invest_stage, {"talks", "洽谈"}, {"signed", "签约"}, {"landed", "落地"},
      {"started", "开工"}, {"producing", "投产"}, {"full", "达产"});
TABLE(enum_plan_exception, {"none", "无需批准"}, {"pending", "待批准"}, {"approved", "已批准"});
/* 腾笼换鸟: idle buildings, their state and how a match with an enterprise ended */
TABLE(enum_building_kind, {"factory", "闲置厂房"}, {"office", "闲置商务楼宇"});
TABLE(enum_building_status, {"vacant", "闲置"}, {"reused", "已盘活"});
TABLE(enum_match_outcome, {"pending", "洽谈中"}, {"leased", "已租赁"}, {"sold", "已出售"},
      {"declined", "未达成"});

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
