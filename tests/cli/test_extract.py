"""``yxnlp extract``: the record of the seed through the CLI, stdout and -o."""

from __future__ import annotations

import json
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
