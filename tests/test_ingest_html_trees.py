"""HTML pages of any depth and breadth: each node is visited once, the text is as before.

Pages written for these tests (a county portal's layout); no timing is asserted: a quadratic
walk shows as a test that does not finish (20,000 nested divs took minutes).
"""

from __future__ import annotations

import pytest

from yxnlp import ingest

REPORT = ["一、总体情况", "全县生产总值增长6.1%。", "二、2025年工作计划", "力争增长6.5%。"]


def text_of(page: str) -> list[str]:
    return ingest.html_text(page.encode("utf-8"))[0].splitlines()


def test_deeply_nested_divs() -> None:
    depth = 20_000
    body = "".join(f"<p>{line}</p>" for line in REPORT)
    page = "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    assert text_of(page) == REPORT


def test_deeply_nested_chrome_is_dropped_whole() -> None:
    depth = 5_000
    chrome = "<div class='share'>" + "<div>" * depth + "分享到微信" + "</div>" * depth + "</div>"
    page = "<html><body><div class='content'>" + chrome + "".join(
        f"<p>{line}</p>" for line in REPORT
    ) + "</div></body></html>"
    assert text_of(page) == REPORT


def test_many_paragraphs_side_by_side() -> None:
    lines = [f"（{i}）新增规上企业{i}家。" for i in range(1, 5_001)]
    page = "<html><body><div class='content'>" + "".join(f"<p>{x}</p>" for x in lines)
    assert text_of(page + "</div></body></html>") == lines


# (page body, expected lines): what the walk keeps and drops, and where it breaks lines
SHAPES = [
    ("<div><p>一、概况</p>全县增长6%。<br>力争增长7%。</div>", ["一、概况", "全县增长6%。", "力争增长7%。"]),
    ("<p>全县<b>生产总值</b>增长<span>6%</span>。</p>", ["全县生产总值增长6%。"]),  # inline stays
    ("<p>一、概况</p><script>var a = 1;</script><p>增长6%。</p>", ["一、概况", "增长6%。"]),
    ("<p>一、概况</p><!-- 注释 --><p>增长6%。</p>", ["一、概况", "增长6%。"]),
    ("<p>发展<ruby>壮大<rt>zhuàng dà</rt></ruby>产业。</p>", ["发展壮大产业。"]),  # ruby text is not read
    ("<div class='nav'><p>首页</p><div class='content'>正文</div></div><p>增长6%。</p>", ["增长6%。"]),
    ("<table><tr><td>指标</td><td>增速</td></tr></table>", ["指标", "增速"]),
]


@pytest.mark.parametrize(("body", "expected"), SHAPES)
def test_shapes(body: str, expected: list[str]) -> None:
    assert text_of(f"<html><body>{body}</body></html>") == expected


def test_main_block_in_a_deep_layout() -> None:
    """The block holding most paragraph text wins over side columns at any depth."""
    depth = 3_000
    side = "<ul class='left'>" + "".join(f"<li>栏目{i}</li>" for i in range(5)) + "</ul>"
    main = "<div>" * depth + "".join(f"<p>{line}</p>" for line in REPORT) + "</div>" * depth
    assert text_of(f"<html><body>{side}<div>{main}</div></body></html>") == REPORT
