"""Ingest: every input format and encoding → the source text the record's spans index."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fixtures.ingest.make import BODY, PAGE, TITLE, make_docx, make_pdf
from yxnlp import ingest
from yxnlp.ingest.pdf import reflow

REPORT = "\n".join([TITLE, *BODY]) + "\n"

# -- plain text: the decoded file is the source text, unchanged ------------------------------
ENCODINGS = [
    pytest.param(REPORT.encode("utf-8"), REPORT, id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + REPORT.encode("utf-8"), REPORT, id="utf-8-bom-removed"),
    pytest.param(REPORT.encode("gb18030"), REPORT, id="gb18030"),
    pytest.param(REPORT.encode("gbk"), REPORT, id="gbk"),
    pytest.param("镕基、珺、堃、喆、昇等生僻字\n".encode("gb18030"), "镕基、珺、堃、喆、昇等生僻字\n",
                 id="gb18030-rare-characters"),
    pytest.param(REPORT.replace("\n", "\r\n").encode("gbk"), REPORT.replace("\n", "\r\n"),
                 id="gbk-crlf-kept"),
    pytest.param(REPORT.encode("utf-16"), REPORT, id="utf-16-with-bom"),
    pytest.param(REPORT.encode("utf-16-le"), REPORT, id="utf-16le-without-bom"),
    pytest.param(REPORT.encode("utf-16-be"), REPORT, id="utf-16be-without-bom"),
    pytest.param(b"\xff\xfe\x00\x00" + REPORT.encode("utf-32-le"), REPORT, id="utf-32le-with-bom"),
    pytest.param(b"\x00\x00\xfe\xff" + REPORT.encode("utf-32-be"), REPORT, id="utf-32be-with-bom"),
    pytest.param(REPORT.encode("utf-32-le"), REPORT, id="utf-32le-without-bom"),
    pytest.param(REPORT.encode("utf-8")[:-3], REPORT[:-2] + "\ufffd", id="utf-8-cut-mid-character"),
    pytest.param(("臺北市政府工作報告，經濟發展穩定成長。\n" * 20).encode("big5"),
                 "臺北市政府工作報告，經濟發展穩定成長。\n" * 20, id="big5-via-charset-normalizer"),
]


@pytest.mark.parametrize(("raw", "expected"), ENCODINGS)
def test_text_encodings(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(raw)
    src = ingest.read(path)
    assert src.text == expected
    assert src.format == "txt"
    assert src.id == hashlib.sha256(raw).hexdigest()
    assert src.name == str(path)


DETECTED = [
    (REPORT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + REPORT.encode("utf-8"), "utf-8-sig"),
    (REPORT.encode("gbk"), "gb18030"),
    (REPORT.encode("utf-8")[:-3], "utf-8 (1 undecodable byte sequence(s) replaced by U+FFFD)"),
    (("臺北市政府工作報告，經濟發展穩定成長。\n" * 20).encode("big5"), "big5"),
    (b"\xff\xfe\x00\x00" + REPORT.encode("utf-32-le"), "utf-32"),
    (REPORT.encode("utf-16-le"), "utf_16_le"),
]


@pytest.mark.parametrize(("raw", "encoding"), DETECTED, ids=[d[1][:9] for d in DETECTED])
def test_detected_encoding_is_a_hint(tmp_path: Path, raw: bytes, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(raw)
    assert ingest.read(path).hints["encoding"] == encoding


def test_txt_that_is_html_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert ingest.read(path).text == PAGE


def test_file_without_extension_is_text(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text(REPORT, encoding="gbk")
    assert ingest.read(path).text == REPORT


# -- html: main text, no navigation -----------------------------------------------------------
NAVIGATION = ["首页", "政务公开", "当前位置", "热点专题", "便民服务", "主办单位", "var nav", "color"]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_html_main_text(tmp_path: Path, encoding: str) -> None:
    page = PAGE.replace('charset="utf-8"', f'charset="{encoding}"')
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    src = ingest.read(path)
    assert src.format == "html"
    assert src.hints["title"] == TITLE
    lines = src.text.splitlines()
    assert lines[0] == TITLE
    assert lines[-4:] == BODY  # inline <span> stays inside its paragraph
    for word in NAVIGATION:
        assert word not in src.text


def test_htm_without_main_block_falls_back_to_title_tag(tmp_path: Path) -> None:
    page = (
        "<html><head><title>嘉善县2024年工作要点 - 嘉善县人民政府</title></head><body>"
        "<ul class='menu'><li>网站首页</li></ul>一、总体要求<br>坚持稳中求进。<br>"
        "二、重点任务<br>推进产业升级。</body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    src = ingest.read(path)
    assert src.hints["title"] == "嘉善县2024年工作要点"
    assert src.text.splitlines() == ["一、总体要求", "坚持稳中求进。", "二、重点任务", "推进产业升级。"]


# -- docx and pdf -------------------------------------------------------------------------------
ROWS = [["指标", "2023年", "2023年"], ["规上工业增加值", "215亿元", "215亿元"]]


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    src = ingest.read(make_docx(tmp_path / "report.docx", TITLE, BODY, ROWS))
    assert src.format == "docx"
    assert src.hints["title"] == TITLE
    # merged (repeated) cells appear once; the table follows the paragraphs
    assert src.text.splitlines() == [TITLE, *BODY, "指标\t2023年", "规上工业增加值\t215亿元"]


def test_pdf_text_layer(tmp_path: Path) -> None:
    src = ingest.read(make_pdf(tmp_path / "report.pdf", [TITLE, *BODY]))
    assert src.format == "pdf"
    lines = [ln for ln in src.text.splitlines() if ln.strip()]
    assert lines == [TITLE, *BODY]


WRAPPED = [
    "一、2023年工作回顾",
    "全年实现规上工业增加值215亿元，同比增长7.5%，固定资",  # a paragraph cut at the page width
    "产投资增长6.1%，新增高新技术企业32家，完成年度目标。",
    "二、2024年工作计划",
    "力争规上工业增加值增长8%以上，固定资产投资增长6%，城镇",
    "新增就业1.1万人。",
]


def test_pdf_lines_of_one_paragraph_are_joined(tmp_path: Path) -> None:
    src = ingest.read(make_pdf(tmp_path / "wrapped.pdf", [TITLE, *WRAPPED], leading=16))
    lines = [ln for ln in src.text.splitlines() if ln.strip()]
    assert lines == [TITLE, WRAPPED[0], WRAPPED[1] + WRAPPED[2], WRAPPED[3], WRAPPED[4] + WRAPPED[5]]


FULL = "全年实现规上工业增加值215亿元，同比增长7.5%，固定资产投资增"  # a full line, mid-sentence
REFLOW_CASES = [
    ("a wrapped line", [FULL, "长6.1%。"], [FULL + "长6.1%。"]),
    ("across a page break", [FULL, "", "\x0c长6.1%。"], [FULL + "长6.1%。"]),
    ("a blank line between boxes", [FULL, "", "长6.1%。"], [FULL, "", "长6.1%。"]),
    ("a sentence ends the line", [FULL[:-1] + "。", "城镇新增就业1.1万人。"], None),
    ("a short last line", ["新增就业1.1万人，", "二、工作计划"], None),
    ("an indented next paragraph", [FULL, "\u3000\u3000城镇新增就业1.1万人。"], None),
    ("a heading number next", [FULL, "（三）城镇新增就业1.1万人。"], None),
]


@pytest.mark.parametrize(("case", "lines", "joined"), REFLOW_CASES, ids=[c[0] for c in REFLOW_CASES])
def test_reflow(case: str, lines: list[str], joined: list[str] | None) -> None:
    page = [FULL[:-1] + "。"] * 8  # full lines, each ending a sentence, set the width
    assert reflow("\n".join([*page, *lines])).split("\n")[8:] == (joined or lines)


BUILDERS: list[tuple[str, Callable[[Path], Path]]] = [
    ("report.docx", lambda p: make_docx(p, TITLE, BODY, ROWS)),
    ("report.pdf", lambda p: make_pdf(p, [TITLE, *BODY])),
]


@pytest.mark.parametrize(("name", "build"), BUILDERS, ids=[b[0] for b in BUILDERS])
def test_id_is_sha256_of_the_file(tmp_path: Path, name: str,
                                  build: Callable[[Path], Path]) -> None:
    path = build(tmp_path / name)
    assert ingest.read(path).id == hashlib.sha256(path.read_bytes()).hexdigest()


def test_binary_sniffing() -> None:
    assert ingest.is_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert ingest.is_binary(bytes(range(1, 32)) * 10)
    assert not ingest.is_binary(REPORT.encode("gb18030"))
    assert not ingest.is_binary(REPORT.encode("utf-16"))


def test_html_div_paragraphs_in_a_table_layout(tmp_path: Path) -> None:
    rows = "".join(f"<div>{line}</div>" for line in BODY)
    page = (
        "<html><body><table><tr><td class='left'><div>部门概况</div><div>机构职能</div></td>"
        f"<td><div class='title'>{TITLE}</div><div class='wz'>{rows}</div></td></tr></table>"
        "<div class='bottom'><div>联系我们</div><div>网站地图</div></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert ingest.read(path).text.splitlines() == [TITLE, *BODY]


# -- end to end: the extracted text is the record's source text -------------------------------
@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_record_spans_index_extracted_text(tmp_path: Path, fmt: str) -> None:
    from yxnlp.pipeline import process

    if fmt == "html":
        path = tmp_path / "page.html"
        path.write_text(PAGE, encoding="utf-8")
    elif fmt == "docx":
        path = make_docx(tmp_path / "report.docx", TITLE, BODY, ROWS)
    else:
        path = make_pdf(tmp_path / "report.pdf", [TITLE, *BODY])
    record = process(path, ner=False)
    doc = record.document
    assert doc.format == fmt and doc.text is not None and doc.length == len(doc.text)
    assert doc.title == TITLE
    assert (doc.summary_year, doc.plan_year) == (2023, 2024)
    assert doc.region is not None and doc.region.code == "330483"
    spans = [s.span for s in record.sections] + [s.span for s in record.sentences]
    spans += [i.span for i in record.indicators]
    assert spans and all(0 <= a <= b <= len(doc.text) for a, b in spans)
    assert [s.heading for s in record.sections if s.level == 1] == [
        "2023年工作总结", "2024年工作计划"]
    if fmt == "html":  # the page's date line is furniture, and the published date
        assert doc.published == "2024-01-15"
        assert [doc.text[a:b] for a, b in doc.furniture] == ["发布时间：2024-01-15\u3000来源：市经信局"]


def test_doctests() -> None:
    import doctest

    from yxnlp import ingest as module

    assert doctest.testmod(module).failed == 0
