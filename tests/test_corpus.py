"""The shipped corpus: manifest consistent with the files, texts as published."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from yxnlp.metadata import read_metadata

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
COLUMNS = ["path", "title", "issuer", "region", "region_code", "year", "published",
           "source_url", "terms"]
EXPECTED_COUNTS = {"national": 52, "shanghai": 5, "provinces-2026": 25}


@pytest.fixture(scope="module")
def manifest() -> list[dict[str, str]]:
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_every_row_has_its_file_and_every_file_its_row(manifest: list[dict[str, str]]) -> None:
    paths = [row["path"] for row in manifest]
    assert len(paths) == len(set(paths))
    on_disk = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*.txt"))
    assert sorted(paths) == on_disk
    counts = {k: sum(p.startswith(k + "/") for p in paths) for k in EXPECTED_COUNTS}
    assert counts == EXPECTED_COUNTS


def test_rows_agree_with_file_names(manifest: list[dict[str, str]]) -> None:
    for row in manifest:
        collection, stem = row["path"].removesuffix(".txt").split("/")
        year = int(row["year"])
        if collection == "provinces-2026":
            assert year == 2026 and row["region_code"] == stem
        else:
            assert year == int(stem)
        if collection == "national":
            assert (row["issuer"], row["region_code"]) == ("国务院", "100000")
        if collection == "shanghai":
            assert (row["issuer"], row["region_code"]) == ("上海市人民政府", "310000")
        assert str(year) in row["title"]
        assert row["source_url"].startswith("http")
        assert "Copyright Law" in row["terms"]
        assert row["published"] == "" or row["published"][:4] == str(year)


def test_files_start_with_their_title_and_metadata_reads_them(
        manifest: list[dict[str, str]]) -> None:
    for row in manifest:
        text = (CORPUS / row["path"]).read_text(encoding="utf-8")
        title, blank, _ = text.split("\n", 2)
        assert (title, blank) == (row["title"], "")
        m = read_metadata(text)
        assert m.plan_year == int(row["year"]), row["path"]
        assert m.summary_year == int(row["year"]) - 1, row["path"]
        assert m.issuer == row["issuer"]
        assert m.region is not None
        assert (m.region.name, m.region.code) == (row["region"], row["region_code"])


def test_named_reports(manifest: list[dict[str, str]]) -> None:
    rows = {row["path"]: row for row in manifest}
    national = rows["national/2025.txt"]
    assert national["title"] == "2025年中华人民共和国国务院政府工作报告"
    assert (national["region"], national["region_code"]) == ("中华人民共和国", "100000")
    beijing = rows["provinces-2026/110000.txt"]
    assert (beijing["issuer"], beijing["region"], beijing["region_code"]) == (
        "北京市人民政府", "北京市", "110000")
    assert beijing["published"] == "2026-02-02"


# -- against the source material ---------------------------------------------------------------
@pytest.mark.shared
def test_texts_are_published_text_unchanged(shared_dir: Path) -> None:
    src = shared_dir / "corpus"
    reports = [json.loads(ln) for ln in
               (src / "national" / "government_work_reports.jsonl").read_text("utf-8").splitlines()]
    assert sum(r["year"] is None for r in reports) == 20  # NPC resolutions, skipped
    for r in reports:
        if r["year"] is not None:
            body = (CORPUS / "national" / f"{r['year']}.txt").read_text("utf-8")
            assert body == f"{r['title']}\n\n{r['content']}"
    for line in (src / "shanghai" / "shanghai_reports_2020_2024.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        body = (CORPUS / "shanghai" / f"{r['year']}.txt").read_text("utf-8")
        assert body.split("\n", 2)[2] == r["report"]
    csv.field_size_limit(1 << 26)
    for path in (src / "provinces-2026").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            row = next(csv.DictReader(fh))
        body = (CORPUS / "provinces-2026" / f"{path.stem.split('_')[1]}.txt").read_text("utf-8")
        assert body == f"{row['title'].strip()}\n\n{row['full_text']}"
