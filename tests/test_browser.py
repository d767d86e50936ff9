"""The ``yxnlp show`` page in headless Chromium: clicking a row marks its span and scrolls to it.

Uses Debian's ``chromium`` (installed by ``tasks.sh test``) through Playwright; skips when it is
missing. Screenshots go to ``artifacts/browser/`` (gitignored) as test artifacts.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from yxnlp import show
from yxnlp.record import Document, Entity, Indicator, Mention, Record

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# An invented county report (浙江 style), long enough that late spans start out of view.
FILLER = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动经济社会高质量发展。\n"
TEXT = (
    "一、2025年工作回顾\n"
    "全县实现地区生产总值486.3亿元，同比增长6.4%。\n" + FILLER * 60 + "二、2026年主要目标\n"
    "地区生产总值增长6%左右；支持浙江东海智能装备有限公司建设年产20万台电机项目。\n" + FILLER * 20
)


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _record() -> Record:
    def ind(iid: str, part: str, kind: str) -> Indicator:
        return Indicator(
            id=iid, text=part, span=_span(part), sentence_span=(0, 1), kind=kind, source="test"
        )  # type: ignore[arg-type]

    company = "浙江东海智能装备有限公司"
    return Record(
        document=Document(
            id=hashlib.sha256(TEXT.encode()).hexdigest(),
            source="浙江某县2026年政府工作报告.txt",
            title="浙江某县2026年政府工作报告",
        ),
        indicators=[
            ind("i1", "486.3亿元", "amount"),
            ind("i2", "6.4%", "growth"),
            ind("i3", "6%左右", "growth"),
            ind("i4", "20万台", "quantity"),
        ],
        entities=[
            Entity(
                id="e1",
                label="COMPANY",
                name=company,
                canonical=company,
                mentions=[Mention(text=company, span=_span(company), source="test")],
            )
        ],
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (Debian package chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    html = tmp_path / "show.html"
    html.write_text(show.render_html(_record(), TEXT), encoding="utf-8")
    p = browser.new_page(viewport={"width": 1280, "height": 800})
    p.goto(html.as_uri())
    yield p
    p.close()


IN_VIEW = """el => {
  const r = el.getBoundingClientRect();
  const pane = document.getElementById('text').getBoundingClientRect();
  return r.height > 0 && r.top >= pane.top && r.bottom <= pane.bottom
      && r.top >= 0 && r.bottom <= window.innerHeight;
}"""


def test_click_indicator_row_marks_and_scrolls_to_its_span(page: Any) -> None:
    target = page.locator('#text mark[data-ref="i3"]')
    assert target.evaluate(IN_VIEW) is False  # far down the text before the click
    assert page.locator(".marked").count() == 0

    page.locator('#indicators tr[data-ref="i3"]').click()

    assert "marked" in (target.get_attribute("class") or "").split()
    assert target.get_attribute("data-span") == "{}-{}".format(*_span("6%左右"))
    assert target.inner_text() == "6%左右"
    assert target.evaluate(IN_VIEW) is True
    assert page.locator(".marked").count() == 1
    assert "selected" in (page.locator('#indicators tr[data-ref="i3"]').get_attribute("class"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "show_indicator_marked.png"))


def test_highlights_have_their_colour(page: Any) -> None:
    for ref, tag in [("i1", "amount"), ("i4", "quantity"), ("e1-m0", "COMPANY")]:
        colour = page.locator(f'#text mark[data-ref="{ref}"]').evaluate(
            "el => getComputedStyle(el).backgroundColor"
        )
        hexa = show.COLORS[tag]
        assert colour == "rgb({}, {}, {})".format(*(int(hexa[i : i + 2], 16) for i in (1, 3, 5)))


def test_next_click_moves_the_mark(page: Any) -> None:
    page.locator('#indicators tr[data-ref="i3"]').click()
    page.locator('#indicators tr[data-ref="i1"]').click()
    first = page.locator('#text mark[data-ref="i1"]')
    assert "marked" in (first.get_attribute("class") or "")
    assert first.evaluate(IN_VIEW) is True
    assert page.locator(".marked").count() == 1


def test_click_entity_mention_marks_it(page: Any) -> None:
    page.locator('#entities a.jump[data-ref="e1-m0"]').click()
    mark = page.locator('#text mark[data-ref="e1-m0"]')
    assert "marked" in (mark.get_attribute("class") or "")
    assert mark.inner_text() == "浙江东海智能装备有限公司"
    assert mark.evaluate(IN_VIEW) is True
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "show_entity_marked.png"))


OPENINGS = [
    pytest.param("i3", "", "i3", id="focus-indicator"),  # yxnlp show --ref …:i3
    pytest.param(None, "#i4", "i4", id="fragment"),  # any page: show.html#i4
    pytest.param("i1", "#e1", "e1-m0", id="fragment-over-focus-entity"),  # an entity: its first mention
]


@pytest.mark.parametrize(("focus", "fragment", "marked"), OPENINGS)
def test_the_page_opens_at_an_item(browser: Any, tmp_path: Path, focus: str | None, fragment: str, marked: str) -> None:  # fmt: skip
    html = tmp_path / "show.html"
    html.write_text(show.render_html(_record(), TEXT, focus=focus), encoding="utf-8")
    p = browser.new_page(viewport={"width": 1280, "height": 800})
    p.goto(html.as_uri() + fragment)
    target = p.locator(f'#text mark[data-ref="{marked}"]')
    assert "marked" in (target.get_attribute("class") or "").split()
    assert target.evaluate(IN_VIEW) is True
    assert p.locator(".marked").count() == 1
    assert p.locator("tr.selected").get_attribute("data-ref") == marked
    p.close()
