"""Metadata a data team already knows: ``yxnlp batch --manifest`` and ``yxnlp extract --meta``.

A value given wins over the guess and is marked ``user`` in ``document.rules``; a changed row
redoes its file; a bad row is one line naming the manifest and the reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures_batch import write_reports
from yxnlp import process
from yxnlp.batch import MANIFEST
from yxnlp.cli import main
from yxnlp.record import Record

URL = "https://www.jiashan.gov.cn/art/2022/1/18/art_1.html"


def _record(out: Path, name: str) -> Record:
    return Record.from_json((out / name).read_bytes())


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "reports"
    write_reports(src, 2, paragraphs=4)
    return src


def test_a_manifest_row_wins_and_is_marked(folder: Path, tmp_path: Path) -> None:
    csv = folder / "known.csv"
    csv.write_text(
        "path,title,issuer,region,published,summary_year,plan_year,url\n"
        f"county0_2021.txt,,,330421,2022-01-18,,,{URL}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["batch", str(folder), "--out", str(out), "--manifest", str(csv), "--no-ner"]) == 0
    given, guessed = _record(out, "county0_2021.json"), _record(out, "county1_2021.json")
    d = given.document
    assert (d.region and d.region.code, d.published, d.url) == ("330421", "2022-01-18", URL)
    assert (d.rules["region"], d.rules["published"]) == ("user", "user")
    assert d.summary_year == 2020 and d.rules["summary_year"] != "user"  # guessed, not given
    assert guessed.document.url is None and guessed.document.rules.get("region") != "user"
    index = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    tags = {Path(k).name: v["options"] for k, v in index.items()}
    assert tags["county1_2021.txt"] == "jieba" and tags["county0_2021.txt"].startswith("jieba+meta:")


def test_a_changed_row_redoes_only_its_file(folder: Path, tmp_path: Path) -> None:
    csv, out = folder / "known.csv", tmp_path / "out"
    argv = ["batch", str(folder), "--out", str(out), "--manifest", str(csv), "--no-ner"]
    csv.write_text("path,plan_year\ncounty1_2021.txt,2021\n", encoding="utf-8")
    assert main(argv) == 0
    first = (out / "county0_2021.json").stat().st_mtime_ns
    assert main(argv) == 0 and (out / "county0_2021.json").stat().st_mtime_ns == first
    csv.write_text("path,plan_year\ncounty1_2021.txt,2022\n", encoding="utf-8")
    assert main(argv) == 0
    assert (out / "county0_2021.json").stat().st_mtime_ns == first  # untouched
    assert _record(out, "county1_2021.json").document.plan_year == 2022


BAD_ROWS = [
    ("path,region\nnope.txt,嘉善县\n", "known.csv: path 'nope.txt' names no file"),
    ("path,region\ncounty0_2021.txt,火星\n", "known.csv, line 2: region '火星' is neither"),
    ("path,colour\ncounty0_2021.txt,红\n", "known.csv: unknown column(s) colour"),
    ("path,plan_year\ncounty0_2021.txt,明年\n", "plan_year '明年' is not a year"),
]


@pytest.mark.parametrize(("csv_text", "message"), BAD_ROWS)
def test_a_bad_manifest_is_one_line_naming_it(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], csv_text: str, message: str
) -> None:
    csv = folder / "known.csv"
    csv.write_text(csv_text, encoding="utf-8")
    argv = ["batch", str(folder), "--out", str(tmp_path / "out"), "--manifest", str(csv)]
    assert main([*argv, "--no-ner"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err
    assert not (tmp_path / "out").exists()  # nothing was processed


def test_extract_meta_wins_and_is_marked(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.json"
    argv = ["extract", str(folder / "county0_2021.txt"), "-o", str(out), "--no-ner"]
    assert main([*argv, "--meta", "region=嘉善县", "--meta", f"url={URL}"]) == 0
    d = Record.from_json(out.read_bytes()).document
    assert (d.region and d.region.code, d.url, d.rules["region"]) == ("330421", URL, "user")


@pytest.mark.parametrize(
    ("pair", "message"),
    [("region", "--meta: 'region' is not KEY=VALUE"), ("colour=红", "--meta: unknown key(s) colour")],
)
def test_extract_bad_meta_is_one_line(
    folder: Path, capsys: pytest.CaptureFixture[str], pair: str, message: str
) -> None:
    assert main(["extract", str(folder / "county0_2021.txt"), "--no-ner", "--meta", pair]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err


def test_process_takes_meta_and_a_half_year_summary_keeps_its_months() -> None:
    text = "某区工信局2023年上半年工作总结\n一、主要指标\n全区规上工业增加值增长6.1%。\n"
    rec = process(text, source="half.txt", ner=False, meta={"region": "330203"})
    d = rec.document
    assert (d.summary_period, d.rules["summary_period"]) == ("2023-01..2023-06", "title:summary_only")
    assert d.region is not None and d.region.code == "330203" and d.rules["region"] == "user"
    assert [i.period for i in rec.indicators] == ["2023-01..2023-06"]
