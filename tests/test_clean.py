"""Clean: page furniture found line by line and masked without moving any offset."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yxnlp.clean import find_furniture, mask


def furniture(text: str) -> list[str]:
    return [text[s:e] for s, e in find_furniture(text)]


# -- the seed ---------------------------------------------------------------------------------
def test_seed_furniture(seed_text: str) -> None:
    assert furniture(seed_text) == [
        "2022-11-02 11:13文章来源: 工业和信息化局",
        "字体:【\u00a0\u00a0\u00a0\u00a0】 打印",
        "浏览次数:",
    ]


def test_seed_mask_keeps_offsets(seed_text: str) -> None:
    spans = find_furniture(seed_text)
    masked = mask(seed_text, spans)
    assert len(masked) == len(seed_text)
    assert [i for i, c in enumerate(seed_text) if c == "\n"] == [
        i for i, c in enumerate(masked) if c == "\n"
    ]
    for start, end in spans:
        assert masked[start:end].strip() == ""
    outside = [i for i in range(len(seed_text)) if not any(s <= i < e for s, e in spans)]
    assert all(masked[i] == seed_text[i] for i in outside)
    assert masked.splitlines()[0] == "绵阳市游仙区工业和信息化局2021年工作总结和2022年工作计划"


# -- a provincial page of our own (the shape of the 2026 pages, invented content) --------------
PROVINCE_PAGE = """下载
打印
全屏
收藏
【字号：
加大
还原
减小
】
2025年浙江省政府工作报告
——2025年1月14日在浙江省第十四届人民代表大会第三次会议上
来源：浙江日报
时间：2025-01-20
省长 李明
李明作政府工作报告。本报记者 张华 摄
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议。
一、2024年工作回顾
全省生产总值增长5.5%，一般公共预算收入增长3.1%。
各位代表！让我们团结奋斗，奋力谱写新篇章！
相关报道：
"""

PROVINCE_FURNITURE = [
    "下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】",
    "来源：浙江日报", "时间：2025-01-20", "李明作政府工作报告。本报记者 张华 摄", "相关报道：",
]


def test_province_page_furniture() -> None:
    assert furniture(PROVINCE_PAGE) == PROVINCE_FURNITURE
    kept = [ln for ln in mask(PROVINCE_PAGE, find_furniture(PROVINCE_PAGE)).splitlines()
            if ln.strip()]
    assert kept[0] == "2025年浙江省政府工作报告"
    assert "省长 李明" in kept and "相关报道：" not in kept


# -- other shapes, by phenomenon -----------------------------------------------------------------
BODY = "一、2023年工作回顾\n全年完成固定资产投资125亿元，同比增长9.2%。\n二、2024年工作安排\n"

SHAPES = [
    ("toolbar_one_line", "【打印】【关闭】", True),
    ("toolbar_brackets", "[ 打印本页 ]  [ 关闭窗口 ]", True),
    ("font_size_small_medium_large", "【字体：\n大\n中\n小\n】", True),
    ("share_buttons", "分享到：\n微信\n微博\nQQ空间", True),
    ("breadcrumb_inline", "当前位置：首页 > 政务公开 > 计划总结", True),
    ("breadcrumb_lines", "您现在的位置：\n首页\n>\n信息公开\n>\n计划总结", True),
    ("breadcrumb_from_home", "首页\n>\n政务动态\n>\n部门动态", True),
    ("posting_line", "2023-12-28 10:20:31 来源：区发改局", True),
    ("posting_slashes", "2024/01/05", True),
    ("labelled_meta", "发布日期：2024-01-05　　来源：县统计局　　浏览次数：128", True),
    ("label_then_value", "发布时间：\n2024-01-05 09:30", True),
    ("source_in_brackets", "（来源：嘉兴日报）", True),
    ("photo_credit", "会议现场。通讯员 陈晨 摄", True),
    ("scan_qr", "扫一扫在手机打开当前页", True),
]

TAIL_SHAPES = [
    ("prev_next", "上一篇：关于开展安全生产大检查的通知\n下一篇：2023年民生实事项目完成情况", True),
    ("site_footer", "主办单位：某某县人民政府办公室\n网站标识码：3304210001\n浙ICP备05001234号", True),
    ("editor", "责任编辑：王芳", True),
    ("view_count", "浏览次数：2031", True),
]

NOT_FURNITURE = [
    ("body_with_toolbar_words", "打印机产业园一期建成投产，收藏品交易市场开业。", False),
    ("heading_with_year", "一、2023年工作回顾", False),
    ("enumeration", "（三）下载量和访问量大幅提升", False),
    ("lone_weak_toolbar_word", "大", False),
    ("sentence_with_date", "2024年1月5日，全县召开经济工作会议，部署全年任务。", False),
    ("salutation", "各位代表：", False),
]


@pytest.mark.parametrize(("snippet", "expected"), [c[1:] for c in SHAPES + NOT_FURNITURE],
                         ids=[c[0] for c in SHAPES + NOT_FURNITURE])
def test_head_shapes(snippet: str, expected: bool) -> None:
    text = f"某县2024年工作要点\n{snippet}\n{BODY}"
    found = furniture(text)
    lines = [ln.strip() for ln in snippet.splitlines() if ln.strip()]
    assert (found == lines) if expected else (found == [])


@pytest.mark.parametrize(("snippet", "expected"), [c[1:] for c in TAIL_SHAPES],
                         ids=[c[0] for c in TAIL_SHAPES])
def test_tail_shapes(snippet: str, expected: bool) -> None:
    text = f"某县2024年工作要点\n{BODY}{'全面推进各项工作。' * 3}\n{snippet}\n"
    assert furniture(text) == [ln.strip() for ln in snippet.splitlines() if ln.strip()]


def test_labels_in_the_middle_are_body() -> None:
    body = "\n".join(f"（{i}）推进第{i}项重点任务，完成投资{i}亿元。" for i in range(1, 40))
    text = f"某县2024年工作要点\n{body}\n时间：2024年3月\n{body}\n"
    assert furniture(text) == []


def test_mask_blanks_everything_but_newlines() -> None:
    text = "打印\r\n正文"
    assert mask(text, [(0, 4)]) == "  \r\n正文"


# -- the shipped provincial pages and the national reports (../shared) -------------------------
def _province_pages(shared: Path) -> list[tuple[str, str]]:
    csv.field_size_limit(1 << 26)
    out = []
    for path in sorted((shared / "corpus" / "provinces-2026").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            row = next(csv.DictReader(fh))
        out.append((path.stem, row["full_text"]))
    return out


TOOLBAR_WORDS = {"下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "大", "中", "小", "】", "首页", ">"}


@pytest.mark.shared
def test_provincial_toolbars_masked(shared_dir: Path) -> None:
    pages = _province_pages(shared_dir)
    assert len(pages) == 25
    for name, text in pages:
        masked = mask(text, find_furniture(text))
        head = [ln.strip() for ln in masked.splitlines()[:25]]
        for line in head:
            assert line not in TOOLBAR_WORDS, (name, line)
            assert not line.startswith(("【字", "来源：", "时间：", "当前位置", "您的位置")), name
        assert "各位代表" in masked, name


@pytest.mark.shared
def test_national_reports_have_no_furniture(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "national" / "government_work_reports.jsonl"
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        assert find_furniture(row["content"]) == [], row["title"]


# -- any text -------------------------------------------------------------------------------------
FURNITURE_ALPHABET = st.sampled_from(
    ["\n", "\r\n", " ", "\u00a0", "\u3000", "打印", "字号", "【", "】", "大", "来源：", "时间：",
     "首页", ">", "2024-01-05", "摄", "记者", "一、", "。", "增长6%"]
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), st.lists(FURNITURE_ALPHABET).map("".join)))
def test_spans_inside_text_and_mask_keeps_length(text: str) -> None:
    spans = find_furniture(text)
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    masked = mask(text, spans)
    assert len(masked) == len(text)
    assert [c for c in masked if c in "\r\n"] == [c for c in text if c in "\r\n"]


def _mask_by_character(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="页首正文\r\n 甲乙", max_size=40).flatmap(
    lambda t: st.tuples(st.just(t), st.lists(st.tuples(st.integers(0, len(t)), st.integers(0, len(t)))
                                             .map(sorted).map(tuple), max_size=5))))  # fmt: skip
def test_mask_blanks_exactly_the_characters_of_its_spans(case: tuple[str, list[tuple[int, int]]]) -> None:
    """Overlapping, nested, empty and unsorted spans: each character is blanked once, breaks kept."""
    text, spans = case
    assert mask(text, spans) == _mask_by_character(text, spans)


def test_doctests() -> None:
    import doctest

    from yxnlp import clean as module

    assert doctest.testmod(module).failed == 0
