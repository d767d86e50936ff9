"""``yxnlp extract``: the record of the seed through the CLI, stdout and -o."""

from __future__ import annotations

import hashlib
import io
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SEED
from yxnlp.cli import main
from yxnlp.record import Record


@pytest.fixture(scope="module")
def seed_record(tmp_path_factory: pytest.TempPathFactory) -> Record:
    out = tmp_path_factory.mktemp("extract") / "seed.json"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    return Record.from_json(out.read_bytes())


def test_seed_metadata(seed_record: Record) -> None:
    d = seed_record.document
    assert d.title == "绵阳市游仙区工业和信息化局2021年工作总结和2022年工作计划"
    assert d.issuer == "绵阳市游仙区工业和信息化局"
    assert d.region is not None and (d.region.name, d.region.code) == ("绵阳市游仙区", "510704")
    assert (d.published, d.summary_year, d.plan_year) == ("2022-11-02", 2021, 2022)


def test_seed_sections(seed_record: Record) -> None:
    assert Counter(s.level for s in seed_record.sections) == {1: 4, 2: 18, 4: 33}


def test_every_span_points_into_the_source(seed_record: Record, seed_text: str) -> None:
    for ind in seed_record.indicators:
        assert seed_text[ind.span[0] : ind.span[1]] == ind.text
        a, b = ind.sentence_span
        assert a <= ind.span[0] and ind.span[1] <= b
    for ent in seed_record.entities:
        for m in ent.mentions:
            assert seed_text[m.span[0] : m.span[1]] == m.text
    for s in seed_record.sections:
        assert seed_text[s.heading_span[0] : s.heading_span[1]].endswith(s.heading)


def test_stdout_is_the_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "县工信局2024年工作总结.txt"
    report.write_text("某县工信局2024年工作总结\n\n一、总体情况\n全县规上工业增加值增长7%。\n", "utf-8")
    assert main(["extract", str(report), "--no-ner"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["schema_version"] == "3"
    assert rec["document"]["rules"]["title"] == "title:line"  # which rule set the title
    assert rec["document"]["source"] == str(report)
    assert [s["heading"] for s in rec["sections"]] == ["总体情况"]


def test_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["extract", str(missing)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0]


# --- stdin and the summary -----------------------------------------------------------------------

STDIN_REPORT = "某县工信局2024年工作总结\n\n一、总体情况\n全县规上工业增加值增长7%。\n"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_dash_reads_the_report_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, encoding: str) -> None:  # fmt: skip
    raw = STDIN_REPORT.encode(encoding)
    monkeypatch.setattr(sys, "stdin", _Stdin(raw))
    assert main(["extract", "-", "--no-ner"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["document"]["source"] == "<stdin>"
    assert rec["document"]["id"] == hashlib.sha256(raw).hexdigest()
    assert [i["text"] for i in rec["indicators"]] == ["7%"]


def test_stdin_named_and_empty(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", _Stdin(STDIN_REPORT.encode()))
    assert main(["extract", "-", "--no-ner", "--source", "county/2024.txt"]) == 0
    assert json.loads(capsys.readouterr().out)["document"]["source"] == "county/2024.txt"
    monkeypatch.setattr(sys, "stdin", _Stdin(b"  \n"))
    assert main(["extract", "-", "--no-ner"]) == 1
    assert capsys.readouterr().err == "yxnlp: error: <stdin>: no input on stdin\n"


def test_summary_goes_to_stderr_and_says_what_it_leaves_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "seed.json"
    assert main(["extract", str(SEED), "--no-ner", "-o", str(out), "--summary"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    record = Record.from_json(out.read_bytes())
    more = len(record.indicators) - 12
    assert f"  … and {more} more indicators (all of them are in the record)" in captured.err
    companies = sum(e.label == "COMPANY" for e in record.entities)
    assert f"  … and {companies - 15} more COMPANY" in captured.err
    assert main(["extract", str(SEED), "--no-ner", "--summary"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["document"]["id"] == record.document.id
    assert captured.err.startswith("title      ")
