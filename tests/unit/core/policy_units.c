/* Tests src/core/policy_units.c: how a unit list as written becomes units — group phrases kept
 * whole (各区、县级市, 各县（市、区）, 各县(区)党委、政府), a bare 等 dropped, 等和 split,
 * …等有关部门 and …等部门和单位 kept whole — on lists quoted from real documents. */
#include "core/policy_parse.h"
#include "policy_check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* 中共广州市委 广州市人民政府《关于推进人才集聚工程的实施意见》(2012), items 2, 19 and 37:
 * "各区、县级市" and "各有关区、县级市" name one group each. */
static void test_guangzhou_groups(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(
	    "关于推进人才集聚工程的实施意见\n"
	    "2.战略性主导产业紧缺人才开发项目。5年内市、区（县级市）两级在战略性主导产业领域重点"
	    "引进和培养1万名左右具有博士、硕士学位的企业紧缺人才。对战略性主导产业领域企业引进的紧"
	    "缺人才，分2年给予政府安家补助；对战略性主导产业领域企业现有的紧缺人才，5年内享受政府薪"
	    "酬补贴。研究制定战略性主导产业领域紧缺人才目录发布制度，定期向社会公布。（牵头单位：市"
	    "发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）\n"
	    "19."
	    "农村实用人才培养项目。加大新型农民科技培训力度，培养造就一批农业生产骨干、农民脱贫致"
	    "富带头人、农村实用技术推广人员、专业合作组织管理人员和农村经纪人，5年内培训新型农民达"
	    "到40000名。（牵头单位：市农业局，配合单位：市科协，各有关区、县级市）\n"
	    "37.人才资源服务产业园。大力发展人才服务业，重点扶持中国南方人才市场等在行业中起示范带"
	    "动作用的人才资源服务机构，鼓励国际著名人力资源企业在我市开展人才服务，引导各类人力资"
	    "源服务机构参与高层次人才和紧缺人才的引进和培养，加快建设中国南方人才资源服务产业园。"
	    "（牵头单位：市人力资源和社会保障局，配合单位：市委组织部、各有关单位，各区、县级市）"
	    "\n",
	    &a, &d);
	assert_int_equal(d.n_articles, 3);
	policy_check_units(d.articles[0].lead_units, d.articles[0].n_lead_units,
	                   UNITS("市发展改革委"));
	policy_check_units(d.articles[0].responsible_units, d.articles[0].n_responsible_units,
	                   UNITS("市委组织部", "市人力资源和社会保障局", "各区、县级市"));
	policy_check_units(d.articles[1].responsible_units, d.articles[1].n_responsible_units,
	                   UNITS("市科协", "各有关区、县级市"));
	policy_check_units(d.articles[2].responsible_units, d.articles[2].n_responsible_units,
	                   UNITS("市委组织部", "各有关单位", "各区、县级市"));
	assert_int_equal(d.articles[0].unit_source, POLICY_UNITS_LABELLED);
	arena_release(&a);
}

/* The group phrases issue 11 lists, in one responsible list; a bare level in front of a name
 * ("市、县人民政府") joins it too. */
static void test_group_phrases(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;

	arena_init(&a);
	policy_check_parse(
	    "标题\n1.甲。乙。\n"
	    "责任单位：各市、县级市，各有关县、市辖区，各县（市、区），各县(区)党委、政府，"
	    "各开发区党工委、管委会，市、县人民政府\n",
	    &a, &d);
	policy_check_units(d.articles[0].responsible_units, d.articles[0].n_responsible_units,
	                   UNITS("各市、县级市", "各有关县、市辖区", "各县(市、区)",
	                         "各县(区)党委、政府", "各开发区党工委、管委会", "市、县人民政府"));
	arena_release(&a);
}

/* 等: "A、B等和各有关省级人民政府负责" (国办发〔2018〕129号) splits at 等和; "…等部门"
 * (国发〔2018〕38号 （四十五）) stays whole. */
static void test_deng(void **state)
{
	(void)state;
	struct arena a;
	struct policy_doc d;
	char *text =
	    policy_check_excerpt("corpus/guobanfa_2018_129_xiaofei_fupin.txt", LINES(1, 9));

	arena_init(&a);
	policy_check_parse(text, &a, &d);
	free(text);
	policy_check_units(
	    d.articles[0].responsible_units, d.articles[0].n_responsible_units,
	    UNITS("扶贫办", "发展改革委", "人力资源社会保障部", "商务部", "各有关省级人民政府"));
	policy_check_parse_lines("corpus/guofa_2018_38_zimaoqu_gaige.txt", LINES(1, 52), &a, &d);
	policy_check_units(d.articles[0].responsible_units, d.articles[0].n_responsible_units,
	                   UNITS("人民银行等部门"));
	assert_string_equal(d.articles[0].scope, "浙江自贸试验区");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_guangzhou_groups),
	    cmocka_unit_test(test_group_phrases),
	    cmocka_unit_test(test_deng),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
