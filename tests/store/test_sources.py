"""Every stored row leads back to its sentence and its file: the store keeps each figure's and
each mention's sentence, and each document's absolute path (checked by sha256)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import yxnlp
from yxnlp.record import Record
from yxnlp.store import Store
from yxnlp.store.sources import locate

# An invented county report in the style of a 福建 county (names made up).
REPORT = (
    "闽溪县2025年政府工作报告\n"
    "一、2024年工作回顾\n"
    "全县地区生产总值增长6.2%。支持青岚茶业有限公司扩大产能，青岚茶业新增产值1.5亿元。\n"
    "二、2025年主要目标\n"
    "全县地区生产总值增长6%左右，规模以上工业增加值增长7%以上。\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "reports" / "闽溪县2025.txt"
    path.parent.mkdir()
    path.write_text(REPORT, encoding="utf-8")
    return path


def stored(record: Record, db: Path, **options: object) -> Store:
    with Store(db, read_only=False) as st:
        st.upsert([record], **options)  # type: ignore[arg-type]
    return Store(db)


def test_each_figure_keeps_its_sentence_and_each_document_its_path(report: Path, tmp_path: Path) -> None:  # fmt: skip
    record = yxnlp.process(report, ner=False)
    store = stored(record, tmp_path / "s.duckdb")
    df = store.indicators(with_sentence=True)
    assert len(df) >= 3
    for (s, e), sentence in zip(df[["sentence_span_start", "sentence_span_end"]].values, df["sentence"], strict=True):  # fmt: skip
        assert sentence == REPORT[s:e]
    assert "全县地区生产总值增长6%左右，规模以上工业增加值增长7%以上。" in set(df["sentence"])
    docs = store.documents()
    assert docs["path"].tolist() == [str(report.resolve())]
    assert docs["id"].tolist() == [hashlib.sha256(report.read_bytes()).hexdigest()]
    assert set(df["document_path"]) == {str(report.resolve())}


def test_each_mention_keeps_its_sentence(report: Path, tmp_path: Path) -> None:
    store = stored(yxnlp.process(report, ner=False), tmp_path / "s.duckdb")
    mentions = store.mentions("COMPANY")
    assert len(mentions) >= 1
    for text, s, e, sentence in mentions[["text", "sentence_span_start", "sentence_span_end", "sentence"]].values:  # fmt: skip
        assert sentence == REPORT[s:e] and text in sentence


def test_a_relative_source_resolves_where_the_batch_ran(report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(report.parent.parent)
    record = yxnlp.process(Path("reports") / report.name, ner=False)
    assert record.document.source == f"reports/{report.name}"
    assert locate(record).path == str(report.resolve())
    monkeypatch.chdir(tmp_path.parent)  # elsewhere: the caller says where the file is
    assert locate(record).path is None
    assert locate(record, file=report).path == str(report.resolve())
    store = stored(record, tmp_path / "s.duckdb", files={record.document.id: report})
    assert store.documents()["path"].tolist() == [str(report.resolve())]


def test_a_changed_or_missing_file_gives_no_sentence_rather_than_a_wrong_one(report: Path, tmp_path: Path) -> None:  # fmt: skip
    record = yxnlp.process(report, ner=False)
    report.write_text(REPORT.replace("6.2%", "9.9%"), encoding="utf-8")  # same length, other bytes
    store = stored(record, tmp_path / "s.duckdb")
    assert store.documents()["path"].isna().all()
    assert store.indicators(with_sentence=True)["sentence"].isna().all()
    os.remove(report)
    assert locate(record).text is None


def test_html_input_takes_its_sentences_from_the_record(tmp_path: Path) -> None:
    page = tmp_path / "闽溪县.html"
    page.write_text(
        "<html><head><title>闽溪县2025年政府工作报告</title></head><body>"
        "<p>全县地区生产总值增长6%左右。</p></body></html>", encoding="utf-8",
    )  # fmt: skip
    record = yxnlp.process(page, ner=False)
    assert record.document.text is not None
    page.unlink()  # the record carries its text: the sentence needs no file
    df = stored(record, tmp_path / "s.duckdb").indicators(with_sentence=True)
    assert df["sentence"].tolist() == ["全县地区生产总值增长6%左右。"]


def test_an_older_store_gets_its_sentences_when_opened_for_writing(report: Path, tmp_path: Path) -> None:  # fmt: skip
    """A store of schema 4 (before sentences) is migrated and its records stored again."""
    import duckdb

    from yxnlp.store import migrate

    record = yxnlp.process(report, ner=False)
    db = tmp_path / "v4.duckdb"
    with duckdb.connect(str(db)) as con:  # as the release with store schema 4 left it
        assert migrate(con, upto=4) == 4
        con.execute("INSERT INTO documents (id, source, schema_version) VALUES (?, ?, '2')",
                    [record.document.id, str(report)])  # fmt: skip
        con.execute("INSERT INTO records VALUES (?, ?)", [record.document.id, record.model_dump_json()])  # fmt: skip
    with Store(db, read_only=False):
        pass
    store = Store(db)
    assert store.documents()["path"].tolist() == [str(report.resolve())]
    df = store.indicators(with_sentence=True)
    assert len(df) == len(record.indicators) and df["sentence"].notna().all()
    assert store.record(record.document.id) == record
