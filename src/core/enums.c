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
      {"closed", "已关闭"}, {"off_task", "已调出责任单位"});
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
TABLE(enum_appeal_status, {"open", "待处理"}, {"upheld", "申诉成立"}, {"rejected", "维持原结果"});
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

/* what the audit log records: its actions and the types of entity they change (names shown by
 * the audit page, GET /api/audit/names, and its exports) */
TABLE(enum_audit_action, {"create", "新增"}, {"update", "修改"}, {"delete", "删除"},
      {"login", "登录"}, {"login_failed", "登录失败"}, {"login_blocked", "登录受限"},
      {"account_locked", "账号锁定"}, {"logout", "退出登录"}, {"lock", "锁定"}, {"unlock", "解锁"},
      {"change_password", "修改密码"}, {"reset_password", "重置密码"}, {"import", "导入"},
      {"submit", "提交"}, {"approve", "批准"}, {"return", "退回"}, {"accept", "通过"},
      {"upload", "上传"}, {"reply", "反馈"}, {"issue", "下发"}, {"receive", "签收"},
      {"close", "办结"}, {"escalate", "升级督办"}, {"grant", "授权"}, {"revoke", "撤销授权"},
      {"revise", "申请修订"}, {"submit_revision", "提交修订"}, {"approve_revision", "批准修订"},
      {"return_revision", "退回修订"}, {"discard_revision", "撤销修订"}, {"verify", "校验日志链"},
      {"propose", "提交角色变更"}, {"confirm", "确认"}, {"reject", "驳回"},
      {"supersede", "被新变更替代"}, {"set", "设置"}, {"set_tax", "录入税收"}, {"reuse", "盘活"},
      {"compute", "计算"}, {"recompute", "重新计算"}, {"adopt_scenario", "采用测算方案"},
      {"decide", "作出决定"}, {"appeal", "申诉"}, {"score", "评分"}, {"release", "发布"},
      {"window", "调整征求时间"}, {"split", "拆分要点"}, {"link", "关联条目"},
      {"tasks", "根据终稿创建任务"}, {"dispose", "处理意见"}, {"publish", "公开"},
      {"unpublish", "取消公开"}, {"publish_report", "公布采纳情况"},
      {"report_summary", "保存采纳情况说明"}, {"approve_exception", "批准主导产业例外"},
      {"stage", "推进阶段"}, {"change", "调整"}, {"reseal", "重新加密身份证号"},
      {"file", "报送备案"}, {"acknowledge", "接收备案"}, {"take_effect", "生效"}, {"end", "离开"},
      {"retain", "提拔留任"}, {"plan", "列入下放计划"}, {"delegate", "下放"},
      {"not_ready", "暂不具备承接条件"}, {"act", "安排代办"}, {"decline", "不同意"},
      {"answer", "答复"});
TABLE(enum_audit_entity, {"org", "组织机构"}, {"user", "用户"}, {"session", "会话"},
      {"policy", "政策文件"}, {"task", "改革任务"}, {"plan", "一区一策计划"},
      {"report", "进展报告"}, {"evidence", "证明材料"}, {"notice", "督办单"},
      {"attachment", "附件"}, {"org_capability", "职能授权"}, {"audit_log", "审计日志"},
      {"login_limit", "登录失败限制"}, {"role_change", "角色变更"}, {"enterprise", "企业"},
      {"arrangement", "合作共建安排"}, {"revshare_year", "财力分成年度参数"},
      {"revshare_statement", "财力分成结算单"}, {"industry_catalog", "行业分类"},
      {"zone_boundary", "开发区边界"}, {"land_batch", "用地批次"}, {"land_parcel", "地块"},
      {"land_case", "低效用地处置"}, {"land_project", "项目位置"}, {"mujun_scheme", "亩均评价方案"},
      {"enterprise_figure", "企业亩均评价数据"}, {"mujun_exemption", "亩均不参评"},
      {"mujun_measure", "亩均分类措施"}, {"idle_building", "闲置楼宇"},
      {"space_match", "腾笼换鸟对接"}, {"fault_case", "容错免责案件"},
      {"leader_action", "班子成员奖惩"}, {"staffing_norm", "编制测算参数"},
      {"zone_indicator", "开发区指标"}, {"assess_scheme", "考核方案"},
      {"assess_values", "考核数据"}, {"assess_appeal", "考核申诉"},
      {"kpi_floor", "内部考核最低权重"}, {"kpi_scheme", "内部考核方案"},
      {"zone_budget", "开发区预决算"}, {"budget_lines", "预决算科目"},
      {"budget_project", "项目绩效"}, {"consultation", "征求意见"}, {"comment", "意见"},
      {"consultation_version", "征求意见版本"}, {"industry_plan", "产业规划"},
      {"enterprise_output", "企业产值"}, {"invest_project", "招商项目"},
      {"invest_setting", "招商停滞设置"}, {"staffing", "机构编制"}, {"post", "岗位"},
      {"person", "人员"}, {"pay_level", "绩效薪酬基数"}, {"pay_coefficient", "等级系数"},
      {"zone_grade", "年度等级"}, {"pay_plan", "薪酬分配方案"},
      {"personal_seal", "身份证号加密格式"}, {"platform_company", "平台公司"},
      {"platform_duty", "政企分离事项"}, {"platform_sheet", "平台公司年度财务"},
      {"platform_line", "债务风险预警线"}, {"power_item", "权力事项"},
      {"power_delegation", "赋权事项"}, {"power_case_month", "月度办件数据"},
      {"power_evaluation", "赋权评估"}, {"power_guidance", "培训指导"},
      {"power_list_publication", "一区一单公开"}, {"power_setting", "赋权评估设置"},
      {"duty_list", "权责清单"}, {"key_matter", "高效办成一件事"},
      {"matter_problem", "堵点卡点问题"}, {"rule_adjustment", "规则调整"},
      {"social_affair", "社会事务剥离"}, {"work_calendar_year", "工作日历"});

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
