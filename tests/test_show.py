"""``yxnlp show``: the inspection page keeps the text intact and every span exact."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import defaultdict
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy import displacy

from yxnlp import show
from yxnlp.cli import main
from yxnlp.errors import InputError
from yxnlp.record import Document, Entity, Indicator, Mention, Record
from yxnlp.store import Store

# Invented sentences in the style of county reports from other provinces (not the seed).
HENAN = (
    "一、2025年工作回顾\n"
    "全县地区生产总值完成312.6亿元，同比增长6.1%；引进河南豫东新材料有限公司等企业12家，"
    "年产5万吨高端铝箔项目建成投产。\n"
    "二、2026年主要目标\n"
    "地区生产总值增长6%左右，城镇新增就业1.2万人以上。"
)


def _find(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _ind(iid: str, text: str, part: str, kind: str, **kw: object) -> Indicator:
    return Indicator.model_validate(
        {
            "id": iid,
            "text": part,
            "span": _find(text, part),
            "sentence_span": (0, len(text)),
            "kind": kind,
            "source": "test",
            **kw,
        }
    )


def _ent(eid: str, label: str, name: str, text: str, *parts: str) -> Entity:
    mentions = [Mention(text=p, span=_find(text, p), source="test") for p in parts]
    return Entity(id=eid, label=label, name=name, canonical=name, mentions=mentions)  # type: ignore[arg-type]


def _record(text: str, **kw: object) -> Record:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), source="县.txt", length=len(text))
    return Record.model_validate({"document": doc, **kw})


HENAN_RECORD = _record(
    HENAN,
    indicators=[
        _ind("i1", HENAN, "312.6亿元", "amount", subject="地区生产总值", value=312.6, unit="亿元"),
        _ind("i2", HENAN, "6.1%", "growth", status="actual"),
        _ind("i3", HENAN, "12家", "count"),
        _ind("i4", HENAN, "5万吨", "quantity"),  # nested inside the project mention
        _ind(
            "i5", HENAN, "6%左右", "growth", qualifier="approx", status="target", key="gdp_growth"
        ),
        _ind("i6", HENAN, "1.2万人以上", "count", qualifier="at_least", status="target"),
    ],
    entities=[
        _ent("e1", "COMPANY", "河南豫东新材料有限公司", HENAN, "河南豫东新材料有限公司"),
        _ent("e2", "PROJECT", "年产5万吨高端铝箔项目", HENAN, "年产5万吨高端铝箔项目"),
        _ent("e3", "PLACE", "河南", HENAN, "河南"),  # nested inside the company mention
    ],
)


def _page(record: Record, text: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(show.render_html(record, text))


def _marks_by_ref(page: lxml.html.HtmlElement) -> dict[str, list[lxml.html.HtmlElement]]:
    out: dict[str, list[lxml.html.HtmlElement]] = defaultdict(list)
    for el in page.xpath('//div[@id="text"]//mark'):
        out[el.get("data-ref")].append(el)
    return out


def _check_exact(page: lxml.html.HtmlElement, text: str) -> dict[str, str]:
    """The text pane reproduces ``text``; each ref's parts join to its source slice."""
    assert page.xpath('//div[@id="text"]')[0].text_content() == text
    joined = {}
    for ref, els in _marks_by_ref(page).items():
        spans = {el.get("data-span") for el in els}
        assert len(spans) == 1, ref
        start, end = map(int, spans.pop().split("-"))
        parts = sorted(els, key=lambda el: int(el.get("data-part")))
        joined[ref] = "".join(el.text_content() for el in parts)
        assert joined[ref] == text[start:end], ref
    return joined


# --- structure ---------------------------------------------------------------------------


def test_every_indicator_and_mention_highlighted_exactly() -> None:
    page = _page(HENAN_RECORD, HENAN)
    joined = _check_exact(page, HENAN)
    assert joined == {
        "i1": "312.6亿元",
        "i2": "6.1%",
        "i3": "12家",
        "i4": "5万吨",
        "i5": "6%左右",
        "i6": "1.2万人以上",
        "e1-m0": "河南豫东新材料有限公司",
        "e2-m0": "年产5万吨高端铝箔项目",
        "e3-m0": "河南",
    }


NESTED_CASES = [
    ("indicator inside a project mention", "e2-m0", "i4"),
    ("place inside a company mention", "e1-m0", "e3-m0"),
]


@pytest.mark.parametrize(
    ("outer", "inner"), [c[1:] for c in NESTED_CASES], ids=[c[0] for c in NESTED_CASES]
)
def test_nested_spans_are_nested_elements(outer: str, inner: str) -> None:
    marks = _marks_by_ref(_page(HENAN_RECORD, HENAN))
    (inner_el,) = marks[inner]
    assert inner_el.getparent() is marks[outer][0]


def test_one_colour_class_per_kind_and_label() -> None:
    marks = _marks_by_ref(_page(HENAN_RECORD, HENAN))
    assert "k-amount" in marks["i1"][0].get("class")
    assert "k-quantity" in marks["i4"][0].get("class")
    assert "l-COMPANY" in marks["e1-m0"][0].get("class")
    assert "l-PROJECT" in marks["e2-m0"][0].get("class")
    page = show.render_html(HENAN_RECORD, HENAN)
    for tag, colour in show.COLORS.items():
        assert colour in page, tag


def test_tables_rows_point_at_their_spans() -> None:
    page = _page(HENAN_RECORD, HENAN)
    rows = page.xpath('//table[@id="indicators"]/tbody/tr')
    assert [r.get("data-ref") for r in rows] == [f"i{n}" for n in range(1, 7)]
    for row, ind in zip(rows, HENAN_RECORD.indicators, strict=True):
        assert row.get("data-span") == f"{ind.span[0]}-{ind.span[1]}"
        assert "mismatch" not in row.get("class")
    ent_rows = page.xpath('//table[@id="entities"]/tbody/tr')
    assert [r.get("data-ref") for r in ent_rows] == ["e1-m0", "e2-m0", "e3-m0"]
    assert page.xpath('//a[@class="jump"]')[0].text == "河南豫东新材料有限公司"


def test_page_is_standalone() -> None:
    page = show.render_html(HENAN_RECORD, HENAN)
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script[@src] | //link | //img | //iframe")
    assert "http://" not in page and "https://" not in page
    assert tree.xpath("//style") and tree.xpath("//script")


# --- text that HTML would otherwise eat ----------------------------------------------------

ESCAPE_CASES = [
    ("angle brackets", "《关于<加快>发展的意见》提出增长8%。", "8%"),
    ("ampersand", "R&D经费投入增长12%。", "12%"),
    ("quotes", '"十四五"期间年均增长5.5%。', "5.5%"),
    ("newlines and spaces", "一、概况\n\n  全年完成投资  40亿元。", "40亿元"),
]


@pytest.mark.parametrize(
    ("text", "part"), [c[1:] for c in ESCAPE_CASES], ids=[c[0] for c in ESCAPE_CASES]
)
def test_special_characters_survive(text: str, part: str) -> None:
    rec = _record(text, indicators=[_ind("i1", text, part, "growth")])
    assert _check_exact(_page(rec, text), text) == {"i1": part}


# --- spans that do not fit -----------------------------------------------------------------


def test_crossing_spans_are_cut_into_parts() -> None:
    text = "广东省佛山市顺德区"
    rec = _record(
        text,
        entities=[
            _ent("e1", "PLACE", "广东省佛山市", text, "广东省佛山市"),
            _ent("e2", "PLACE", "佛山市顺德区", text, "佛山市顺德区"),
        ],
    )
    page = _page(rec, text)
    assert _check_exact(page, text) == {"e1-m0": "广东省佛山市", "e2-m0": "佛山市顺德区"}
    assert len(_marks_by_ref(page)["e2-m0"]) == 2


def test_offsets_that_do_not_match_are_flagged_not_drawn() -> None:
    text = "浙江省某县新增市场主体3000户。"
    bad_range = Indicator(
        id="i1", text="3000户", span=(11, 99), sentence_span=(0, 16), kind="count", source="test"
    )
    bad_text = Indicator(
        id="i2", text="3000户", span=(10, 15), sentence_span=(0, 16), kind="count", source="test"
    )
    rec = _record(text, indicators=[bad_range, bad_text])
    page = _page(rec, text)
    assert "i1" not in _marks_by_ref(page)
    rows = page.xpath('//table[@id="indicators"]/tbody/tr')
    assert all("mismatch" in r.get("class") for r in rows)
    assert [show.is_exact(h, text) for h in show.highlights(rec, text)] == [False, False]


def test_furniture_greyed_out() -> None:
    text = "首页 > 政务公开\n全年粮食产量12.5亿斤。"
    rec = _record(text, indicators=[_ind("i1", text, "12.5亿斤", "quantity")])
    rec.document.furniture = [(0, 9)]
    page = _page(rec, text)
    assert page.xpath('//span[@class="furniture"]')[0].text_content() == "首页 > 政务公开"
    _check_exact(page, text)


def test_empty_record_is_just_the_text() -> None:
    text = "二、下一步工作打算\n坚持稳中求进工作总基调。"
    page = _page(_record(text), text)
    assert not page.xpath("//mark")
    assert page.xpath('//div[@id="text"]')[0].text_content() == text


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="增长亿元<>&\"'\n 0123456789%。，", min_size=1, max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=8),
)
def test_any_spans_any_overlap_stay_exact(text: str, spans: list[tuple[int, int]]) -> None:
    inds = []
    for n, (start, width) in enumerate(spans):
        end = min(start + width, len(text))
        if start < end:
            inds.append(
                Indicator(
                    id=f"i{n}",
                    text=text[start:end],
                    span=(start, end),
                    sentence_span=(0, len(text)),
                    kind="count",
                    source="test",
                )
            )
    rec = _record(text, indicators=inds)
    joined = _check_exact(_page(rec, text), text)
    assert set(joined) == {i.id for i in inds}


# --- displaCy ------------------------------------------------------------------------------


def test_displacy_manual_rendering_one_colour_per_label() -> None:
    data = show.displacy_data(HENAN_RECORD, HENAN)
    starts = [(e["start"], e["end"]) for e in data["ents"]]
    assert starts == sorted(starts)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(starts))  # no overlap
    labels = {e["label"] for e in data["ents"]}
    assert {"COMPANY", "PROJECT", "amount", "growth"} <= labels
    assert "quantity" not in labels  # 5万吨 lies inside the project: displaCy cannot nest
    html = displacy.render(data, style="ent", manual=True, options={"colors": show.COLORS})
    assert "河南豫东新材料有限公司" in html and show.COLORS["COMPANY"] in html
    only_ents = show.displacy_data(HENAN_RECORD, HENAN, layers=("ent",))
    assert {e["label"] for e in only_ents["ents"]} == {"COMPANY", "PROJECT"}


# --- loading records and the CLI -----------------------------------------------------------


@pytest.fixture
def record_beside_text(tmp_path: Path) -> Path:
    src = tmp_path / "县.txt"
    src.write_text(HENAN, encoding="utf-8")
    rec = HENAN_RECORD.model_copy(deep=True)
    rec.document.source = str(src)
    out = tmp_path / "records" / "县.json"
    out.parent.mkdir()
    out.write_text(rec.to_json(), encoding="utf-8")
    return out


def test_load_record_json_reads_its_source(record_beside_text: Path) -> None:
    rec, text = show.load(record_beside_text)
    assert text == HENAN and len(rec.indicators) == 6


def test_load_record_json_with_embedded_text(tmp_path: Path) -> None:
    rec = HENAN_RECORD.model_copy(deep=True)
    rec.document.text = HENAN
    rec.document.source = "gone.html"
    path = tmp_path / "r.json"
    path.write_text(rec.to_json(), encoding="utf-8")
    assert show.load(path)[1] == HENAN


BAD_INPUTS = [
    ("not json", "这不是记录", "not a yxnlp record"),
    ("json but not a record", json.dumps({"a": 1}), "not a yxnlp record"),
    ("source missing", HENAN_RECORD.model_copy(update={}).to_json(), "not found"),
]


@pytest.mark.parametrize(
    ("content", "reason"), [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_record_json_names_file_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as info:
        show.load(path)
    assert str(tmp_path) in str(info.value)


def test_changed_source_is_refused(record_beside_text: Path) -> None:
    (record_beside_text.parent.parent / "县.txt").write_text(HENAN + "补充。", encoding="utf-8")
    with pytest.raises(InputError, match="sha256 differs"):
        show.load(record_beside_text)


def test_cli_writes_page_from_record(
    record_beside_text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page" / "县.html"
    assert main(["show", str(record_beside_text), "--html", str(out)]) == 0
    _check_exact(lxml.html.fromstring(out.read_text(encoding="utf-8")), HENAN)
    assert "6 indicators, 3 entities, 9 highlights" in capsys.readouterr().out


def test_cli_processes_a_report(tmp_path: Path) -> None:
    report = tmp_path / "广东某县2026年政府工作报告.txt"
    report.write_text(HENAN, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["show", str(report), "--html", str(out), "--no-ner"]) == 0
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    joined = _check_exact(page, HENAN)
    # the real extractors find figures and names here; all their spans are exact
    assert any(ref.startswith("i") for ref in joined)
    assert any(ref.startswith("e") for ref in joined)
    assert not page.xpath('//*[contains(@class, "mismatch")]')


def test_cli_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(tmp_path / "无.json"), "--html", str(tmp_path / "x.html")]) == 1
    assert "no such file" in capsys.readouterr().err


# --- one source for the page's parts ------------------------------------------------------------


def test_indicator_table_columns_are_record_fields() -> None:
    assert set(show.INDICATOR_COLUMNS) <= set(Indicator.model_fields)
    page = show.render_html(Record(document=Document(id="x", source="a.txt")), "")
    head = lxml.html.fromstring(page).xpath('//table[@id="indicators"]//th/text()')
    assert head == list(show.INDICATOR_COLUMNS)


def test_style_and_script_come_from_the_data_files() -> None:
    from importlib import resources

    folder = resources.files("yxnlp.data").joinpath("show")
    page = show.render_html(Record(document=Document(id="x", source="a.txt")), "")
    for name in ("page.css", "page.js"):
        assert folder.joinpath(name).read_text(encoding="utf-8") in page, name
    assert "function markRef" in page and "mark.marked" in page


# --- opening at an item: --indicator, and --ref from the store ----------------------------------


@pytest.fixture
def stored_henan(tmp_path: Path) -> Path:
    """HENAN's record in a store, its text in a file the store found."""
    src = tmp_path / "县.txt"
    src.write_text(HENAN, encoding="utf-8")
    rec = HENAN_RECORD.model_copy(deep=True)
    rec.document.source = str(src)
    db = tmp_path / "s.duckdb"
    with Store(db, read_only=False) as st:
        st.upsert([rec])
    return db


def test_cli_opens_a_stored_record_at_a_ref(stored_henan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    ref = Store(stored_henan).indicators()["ref"].iloc[1]
    out = tmp_path / "ref.html"
    assert main(["show", "--ref", ref, "--db", str(stored_henan), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<body data-focus="i2">' in page
    _check_exact(lxml.html.fromstring(page), HENAN)
    assert capsys.readouterr().out.startswith(f"{out}#i2: 6 indicators")


def test_cli_ref_reads_yxnlp_db(stored_henan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("YXNLP_DB", str(stored_henan))
    ref = Store().indicators()["ref"].iloc[0]
    assert main(["show", "--ref", ref, "--html", str(tmp_path / "p.html")]) == 0


def test_cli_ref_whose_text_moved(stored_henan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    ref = Store(stored_henan).indicators()["ref"].iloc[0]
    moved = tmp_path / "moved.txt"
    (tmp_path / "县.txt").rename(moved)
    args = ["show", "--ref", ref, "--db", str(stored_henan), "--html", str(tmp_path / "p.html")]
    assert main(args) == 1
    assert "no such file" in capsys.readouterr().err
    assert main([*args, "--text", str(moved)]) == 0


SHOW_USAGE = [
    (["--ref", "xyz"], "not a ref"),
    ([], "show needs a FILE or --ref"),
]


@pytest.mark.parametrize(("args", "message"), SHOW_USAGE)
def test_cli_show_usage_errors(stored_henan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:  # fmt: skip
    assert main(["show", *args, "--db", str(stored_henan), "--html", str(tmp_path / "p.html")]) == 2
    assert message in capsys.readouterr().err


def test_cli_opens_a_record_at_an_indicator(record_beside_text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    out = tmp_path / "i.html"
    assert main(["show", str(record_beside_text), "--html", str(out), "--indicator", "i3"]) == 0
    assert '<body data-focus="i3">' in out.read_text(encoding="utf-8")
    assert main(["show", str(record_beside_text), "--html", str(out), "--indicator", "i33"]) == 2
    assert "unknown item of" in capsys.readouterr().err
