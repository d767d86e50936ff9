"""Build ``corpus/`` from the development material in ``../shared/corpus``.

One text file per report: the title line, a blank line, then the published text exactly as
the source holds it (page furniture included: the cleaner masks it at run time), plus
``corpus/manifest.csv`` with one row per file. The NPC resolutions on the government work
reports (rows with ``year`` null in the national file) are not work reports and are skipped.

    .venv/bin/python scripts/build_corpus.py [--shared ../shared] [--out corpus]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from yxnlp.metadata import read_metadata

ROOT = Path(__file__).resolve().parents[1]

TERMS_OFFICIAL = (
    "official document of a state organ, not subject to copyright "
    "(PRC Copyright Law, Article 5)"
)
SOURCES = {
    "national": "aldohemsn/chinese-political-corpora (texts from zh.wikisource)",
    "shanghai": "SepineTam/TexIV (converted from its Stata file; repository licence AGPL-3.0)",
    "provinces-2026": "johncodes404/china-provincial-gov-reports-2026 (no licence file)",
}
SHANGHAI_REPO = "https://github.com/SepineTam/TexIV"
MANIFEST_FIELDS = ("path", "title", "issuer", "region", "region_code", "year", "published",
                   "source_url", "terms")


@dataclass(frozen=True)
class Report:
    collection: str
    stem: str
    title: str
    year: int
    body: str
    source_url: str
    published: str | None = None


def national(shared: Path) -> Iterator[Report]:
    path = shared / "corpus" / "national" / "government_work_reports.jsonl"
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["year"] is None:  # an NPC resolution on the report, not a report
            continue
        yield Report("national", str(row["year"]), row["title"], int(row["year"]),
                     row["content"], row["url"])


def shanghai(shared: Path) -> Iterator[Report]:
    path = shared / "corpus" / "shanghai" / "shanghai_reports_2020_2024.jsonl"
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        title = f"{row['year']}年{row['area']}政府工作报告"
        yield Report("shanghai", str(row["year"]), title, int(row["year"]), row["report"],
                     SHANGHAI_REPO)


def provinces(shared: Path) -> Iterator[Report]:
    csv.field_size_limit(1 << 26)
    for path in sorted((shared / "corpus" / "provinces-2026").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                code = path.stem.split("_")[-1]
                yield Report("provinces-2026", code, row["title"].strip(), int(row["year"]),
                             row["full_text"], row["source_url"], row["publish_date"] or None)


def build(shared: Path, out: Path) -> list[dict[str, str]]:
    """Write every report and return the manifest rows (checked against the metadata)."""
    rows: list[dict[str, str]] = []
    problems: list[str] = []
    for report in [*national(shared), *shanghai(shared), *provinces(shared)]:
        rel = Path(report.collection) / f"{report.stem}.txt"
        text = f"{report.title}\n\n{report.body}"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(text.encode("utf-8"))
        meta = read_metadata(text)
        if meta.plan_year != report.year:
            problems.append(f"{rel}: metadata year {meta.plan_year} != {report.year}")
        if meta.region is None or meta.issuer is None:
            problems.append(f"{rel}: no issuer/region from the title")
        rows.append({
            "path": rel.as_posix(),
            "title": report.title,
            "issuer": meta.issuer or "",
            "region": meta.region.name if meta.region else "",
            "region_code": (meta.region.code or "") if meta.region else "",
            "year": str(report.year),
            "published": report.published or meta.published or "",
            "source_url": report.source_url,
            "terms": f"{TERMS_OFFICIAL}; via {SOURCES[report.collection]}",
        })
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "corpus")
    args = parser.parse_args(argv)
    if not (args.shared / "corpus").is_dir():
        print(f"build_corpus: error: {args.shared / 'corpus'}: no such directory",
              file=sys.stderr)
        return 1
    rows = build(args.shared, args.out)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["path"].split("/")[0]] = counts.get(row["path"].split("/")[0], 0) + 1
    print(f"wrote {len(rows)} reports to {args.out}: "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
