"""The handbook as a whole: every list of the source, page shape, checklists in place."""

from __future__ import annotations

import re

import pytest
import yaml

from support import PAGES, PLAYBOOK_SECTIONS, ROOT, built_html
from handbook.loading import load_checklists

CHECKLISTS = load_checklists(ROOT / "checklists", ROOT / "docs")
PLAYBOOKS = [page for page in PAGES if page.split("/")[0] in PLAYBOOK_SECTIONS]
# The 19 steps are the source's own list of three phases (5, 10, 4); the other lists follow the 5–9 rule.
FIXED_BY_SOURCE = {"meeting"}

# Every list of seed-outline.md: where it stands and its exact items.
SOURCE_LISTS = {
    "nengli/index.md": [
        "文字处理能力", "业务工作能力", "常用技能技巧",
        "党建", "党风廉政建设", "意识形态", "文明创建", "综治", "档案", "财务", "人事",
    ],
    "banwen/index.md": [
        "方案", "计划", "总结", "通知", "述职报告", "经验材料", "对照检查材料", "整改落实报告", "领导讲话",
        "讲话稿", "致辞", "主持词", "理论文章", "序", "贺信", "唁电", "消息", "通讯",
    ],
    "banwen/office-skills.md": ["排版", "打印机", "传真机", "网络"],
    "xietiao/index.md": ["上传下达", "左右沟通", "化解矛盾"],
    "pinxing/index.md": [
        "绝对忠诚的政治品格", "高度自觉的大局意识", "极端负责的工作作风", "无怨无悔的奉献精神", "廉洁自律的道德操守",
    ],
    "pinxing/conduct.md": ["负责", "奉献", "自律", "案无积卷", "事不过夜", "守口如瓶", "决不"],
    "nengli/learning.md": [
        "本领恐慌", "1939", "博学富脑", "多思活脑", "正思", "反思", "勤积累丰脑", "真正本领高强",
        "判断形势把握大局", "分析问题和解决问题", "驾驭机关各种文字材料", "协调上下左右",
    ],
    "banwen/drafting.md": ["上情", "下情", "外情", "关起门来当领导", "平实", "简洁", "准确"],
    "banwen/review.md": ["政治关", "政策关", "事实关", "格式关", "语言关"],
    "banwen/document-types.md": [
        "决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要",
        "15 种", "中办发〔2012〕14 号", "指示", "条例", "规定", "会议纪要",
    ],
    "banhui/kinds.md": [
        "调查会", "汇报会", "党代会", "人代会", "政协会", "全委会", "常委会", "党组会", "报告会", "动员会",
        "督查会", "促进会", "现场会", "总结会", "表彰会", "开工", "发行", "竣工",
    ],
    "banhui/index.md": [
        "制定会议方案", "下发会议通知", "起草会议文件", "做好会务准备", "搞好生活安排",
        "组织人员报到", "开好预备会议", "写好会议主持词", "组织大会发言", "作好会议记录", "安排分组讨论",
        "组织现场参观", "编好会议简报", "回收会议材料", "做好与会人员返程服务",
        "财务结算", "会务总结", "材料合订存留", "会务用品归还和整理",
    ],
    "banhui/no-mistakes.md": ["方案", "细节", "议程", "衔接", "通知", "音响"],
    "banhui/records.md": ["会议记录", "纪要", "出席", "请假", "列席"],
    "banshi/index.md": [
        "明明白白", "稀里糊涂", "雷厉风行", "拖拖拉拉", "严谨细致", "粗枝大叶", "有始有终", "虎头蛇尾", "严格有序", "杂乱无章",
        "按法规办事", "按程序办事", "按规则办事", "按职责办事",
    ],
    "banshi/eight-ways.md": ["急事稳办", "大事细办", "轻事重办", "熟事生办", "生事慎办", "特事特办", "有事快办", "私事兼办"],
    "banshi/saying-no.md": ["拒绝"],
    "xietiao/relay.md": ["会议通知", "提醒", "登记"],
    "xietiao/lateral.md": ["培训", "基层"],
    "xietiao/conflicts.md": ["律师", "法定代表人", "班子会"],
    "nengli/workload.md": ["加班", "50", "20", "年终考核", "健康", "家"],
    "pinxing/payments.md": ["备用金", "借支", "报销"],
    "nengli/resilience.md": ["批评"],
}


def front_matter(page: str) -> dict:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert match, f"{page} has no front matter"
    return yaml.safe_load(match.group(1))


def text_of(html: str) -> str:
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", article)).replace("&amp;", "&")


@pytest.mark.parametrize("page", sorted(SOURCE_LISTS))
def test_every_list_of_the_source_is_on_its_page(site_build, page):
    text = text_of(built_html(site_build.site, page))
    missing = [item for item in SOURCE_LISTS[page] if re.sub(r"\s+", "", item) not in text]
    assert missing == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_a_description_and_shows_it(site_build, page):
    description = front_matter(page).get("description")
    assert description and len(description) <= 100
    assert f'<meta name="description" content="{description}">' in built_html(site_build.site, page)


@pytest.mark.parametrize("page", PLAYBOOKS)
def test_playbook_pages_start_with_when_and_end_with_related(page):
    headings = re.findall(r"^## (.+)$", (ROOT / "docs" / page).read_text(encoding="utf-8"), re.M)
    assert headings[0] == "什么时候用"
    assert "相关" in headings and "易错点" in headings and "例子" in headings
    assert front_matter(page).get("tags"), "a playbook page needs tags"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_its_update_date_and_whom_to_tell(site_build, page):
    html = built_html(site_build.site, page)
    assert re.search(r'class="git-revision-date-localized-plugin git-revision-date-localized-plugin-date"[^>]*>\d{4}年\d{1,2}月\d{1,2}日<', html)
    assert "发现错误、过时或说不清的地方？请告诉办公室手册维护人" in html


@pytest.mark.parametrize("checklist_id", sorted(CHECKLISTS))
def test_each_checklist_is_on_its_page_and_linked_from_a_playbook(site_build, checklist_id):
    checklist = CHECKLISTS[checklist_id]
    assert f'data-checklist="{checklist_id}"' in built_html(site_build.site, checklist.page)
    linking = [page for page in PLAYBOOKS if f"checklists/{checklist_id}/#cl-{checklist_id}" in built_html(site_build.site, page)]
    assert linking, f"no playbook page links to the {checklist_id} checklist"


@pytest.mark.parametrize("checklist_id", sorted(set(CHECKLISTS) - FIXED_BY_SOURCE))
def test_checklists_follow_the_design_rules(checklist_id):
    checklist = CHECKLISTS[checklist_id]
    for phase in checklist.phases:
        assert 5 <= len(phase.items) <= 9, f"{phase.id}: {len(phase.items)} items"
        assert phase.checkpoint, f"{phase.id} has no checkpoint"
    assert all(len(item.text) <= 20 for item in checklist.items), "item text is an action, not a paragraph"


def test_the_handbook_has_the_checklists_it_promises():
    assert set(CHECKLISTS) >= {
        "meeting", "eight-ways", "five-checks", "doc-format", "qingshi", "meeting-notice", "deadline-log", "year-end", "onboarding",
        "fawen", "yongyin", "guidang", "zhiban", "jiedai", "jianyi-tian",
    }
    assert CHECKLISTS["five-checks"].type.value == "事后核对型"
    five_checks = "".join(item.text for item in CHECKLISTS["five-checks"].items) + "".join(p.title for p in CHECKLISTS["five-checks"].phases)
    for gate in ("政治", "政策", "事实", "格式", "语言"):
        assert gate in five_checks


# The office's everyday procedures (issue 16): each is a full playbook, names the rules it rests on,
# and marks where the unit's own rule applies.
PROCEDURE_PAGES = [
    "banwen/fawen.md", "banwen/shouwen.md", "banwen/yinzhang.md", "banwen/guidang.md", "banwen/gongkai.md",
    "banwen/xinxi.md", "banshi/zhiban.md", "banshi/ducha.md", "banshi/baomi.md", "banshi/jiedai.md",
    "banshi/jianyi-tian.md", "banshi/huiyifei.md", "banshi/houqin.md",
]
PLAYBOOK_PARTS = ("什么时候用", "步骤", "易错点", "例子", "相关")
# A named rule: a title in 《》, a standard number, or an article of a regulation.
SOURCE = re.compile(r"《[^》]+》|\b(?:GB/T|DA/T) \d+|第[一二三四五六七八九十百]+条")


@pytest.mark.parametrize("page", PROCEDURE_PAGES)
def test_procedure_pages_are_playbooks_that_cite_their_sources(page):
    assert page in PLAYBOOKS, f"{page} is missing or not in a playbook section"
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    missing = [part for part in PLAYBOOK_PARTS if not any(heading.startswith(part) for heading in headings)]
    assert missing == [], f"{page} lacks the sections {missing}"
    assert headings[0].startswith("什么时候用") and headings[-1].startswith("相关")
    assert SOURCE.search(text), f"{page} names no law, regulation or standard"
    assert '!!! note "本地做法"' in text, f"{page} does not say where the unit's own rule applies"
    assert "checklist_link(" in text.split("## 相关", 1)[1] or page == "banshi/houqin.md"


def test_procedure_checklists_are_linked_from_their_own_playbook():
    own = {
        "fawen": "banwen/fawen.md", "yongyin": "banwen/yinzhang.md", "guidang": "banwen/guidang.md",
        "zhiban": "banshi/zhiban.md", "jiedai": "banshi/jiedai.md", "jianyi-tian": "banshi/jianyi-tian.md",
    }
    for checklist_id, page in own.items():
        assert f'checklist_link("{checklist_id}")' in (ROOT / "docs" / page).read_text(encoding="utf-8"), page
    # 归档 runs to its hand-over deadline, 建议提案 to its answer limit.
    assert CHECKLISTS["guidang"].anchor and CHECKLISTS["jianyi-tian"].anchor
    assert max(item.due_days or 0 for item in CHECKLISTS["jianyi-tian"].phases[1].items) == 90
    for checklist_id in own:
        for phase in CHECKLISTS[checklist_id].phases:
            offsets = [item.due_days for item in phase.items if item.due_days is not None]
            assert offsets == sorted(offsets), f"{checklist_id} › {phase.id}: due offsets out of order"


def test_tags_page_lists_pages_by_tag(site_build):
    html = built_html(site_build.site, "tags.md")
    for tag in ("会议", "公文", "清单"):
        assert f">{tag}<" in html or f"{tag}</" in html


# ---- One thing, one name; the office's own words; exact specimens; checklists in time order ----

COPY_FILES = sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "checklists").glob("*.yml")])
# The deadline ledger has one name: the checklist's own (报送截止日台账). These were its other names.
OLD_LEDGER_NAMES = ("时限台账", "时限登记清单", "督办台账", "时限登记")
# Words from English design notes and off-register phrases the review named, and what replaced them.
NOT_OUR_WORDS = {
    "READ-DO": "逐项执行型",
    "DO-CONFIRM": "事后核对型",
    "暂停点": "核对节点",
    "非核心业务": "八项综合事务",
    "勾选写实际值": "勾选时注明结果",
    "会后产出": "会议成果",
    "办真实的事": "跟班办理实际业务",
    "卡脖子": "（删去）",
    "报到、提醒到、确认到": "报告到位、提醒到位、确认到位",
    "这不怪你": "（删去）",
    "GitLab": "（删去）",
    "比写得慢更伤信任": "（改写）",
}


def occurrences(words) -> dict[str, list[str]]:
    found = {}
    for path in COPY_FILES:
        text = path.read_text(encoding="utf-8")
        hits = [word for word in words if word.lower() in text.lower()]
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    return found


def test_the_deadline_ledger_has_one_name():
    assert "报送截止日台账" in CHECKLISTS["deadline-log"].title
    assert occurrences(OLD_LEDGER_NAMES) == {}


def test_no_jargon_from_outside_the_field_in_pages_or_checklists():
    assert occurrences(NOT_OUR_WORDS) == {}


def test_county_bureaus_say_gushi_for_their_sections():
    # format.md and doc-format.yml are reworked on another branch; they hold no section names today.
    assert occurrences(["科室"]) == {}


LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(([^)#\s]+\.md)(#[^)\s]*)?\)")


def page_title(text: str) -> str:
    front = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if front and (title := (yaml.safe_load(front.group(1)) or {}).get("title")):
        return str(title)
    body = text[front.end():] if front else text
    return re.search(r"^# (.+)$", body, re.M).group(1).strip()


def test_link_texts_name_the_page_they_point_to():
    """A link to a page reads as its title, or the short title before the colon; a link to a section may read as the heading."""
    wrong = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for text, href, anchor in LINK.findall(line):
                target = (path.parent / href).resolve().read_text(encoding="utf-8")
                title = page_title(target)
                allowed = {title, title.split("：")[0]}
                if anchor:
                    allowed |= {heading.strip() for heading in re.findall(r"^#{2,6} (.+)$", target, re.M)}
                if text not in allowed:
                    wrong.append(f"{path.relative_to(ROOT)}:{number}: [{text}] → {title}")
    assert wrong == []


# Strings shown exactly as they stand in a 公文: no space between the characters and the digits.
SPECIMENS = ["×农发〔2024〕5号", "2024年3月5日", "附件：1.××", "中办发〔2012〕14号", "抄送：××市农业农村局，××县人民政府办公室。"]


def test_specimens_appear_exactly_on_the_built_pages(site_build):
    pages = [built_html(site_build.site, page) for page in PAGES]
    missing = [specimen for specimen in SPECIMENS if not any(f"<code>{specimen}" in html for html in pages)]
    assert missing == []


def test_no_specimen_is_spaced_out_in_the_sources():
    spaced = re.compile(r"〔\d{4}〕\s*\d+ 号|附件：\d\. |`[^`\n]*\d [年月日号][^`\n]*`|「[^」\n]*\d [年月日号][^」\n]*」")
    # format.md and doc-format.yml are reworked on another branch (review finding 5); drop this exclusion once that lands.
    others = {"docs/banwen/format.md", "checklists/doc-format.yml"}
    found = {
        str(path.relative_to(ROOT)): spaced.findall(path.read_text(encoding="utf-8"))
        for path in COPY_FILES
        if str(path.relative_to(ROOT)) not in others
    }
    assert {name: hits for name, hits in found.items() if hits} == {}


@pytest.mark.parametrize("checklist_id", sorted(CHECKLISTS))
def test_items_with_due_offsets_are_in_time_order_within_each_phase(checklist_id):
    for phase in CHECKLISTS[checklist_id].phases:
        offsets = [item.due_days for item in phase.items if item.due is not None]
        assert offsets == sorted(offsets), f"{phase.id}: {offsets}"


def test_meeting_checklist_holds_the_meetings_outputs():
    details = "".join(f"{item.text}{item.detail}" for item in CHECKLISTS["meeting"].items)
    for output in ("纪要", "报送截止日台账", "走", "桌签", "最终参会名单", "会议费", "手机"):
        assert output in details, output


def test_five_checks_sends_a_change_after_signing_back_to_the_signer():
    assert any("签发后" in item.text and "复审" in item.text for item in CHECKLISTS["five-checks"].items)


def test_the_1939_quotation_is_exact_and_sourced():
    text = (ROOT / "docs/nengli/learning.md").read_text(encoding="utf-8")
    assert "“我们队伍里边有一种恐慌，不是经济恐慌，也不是政治恐慌，而是本领恐慌。”" in text
    assert "1939 年 5 月 20 日在延安在职干部教育动员大会上的讲话" in text
