"""Unkeyed figures of the 25 provincial 2026 reports, grouped by what they measure.

    .venv/bin/python benchmarks/unkeyed_subjects.py [--min-reports 3] [--examples 2]
        [--by subject|head] [--tsv out.tsv] [--dump rows.jsonl | --load rows.jsonl]

A group is a normalised subject (region words, quotes, asides and a growth suffix dropped, as
the taxonomy compares them) with the figure's kind and normalised unit; ``--by head`` groups by
the subject's last four characters instead (企业, 基站, 公里), to see families. Groups are
sorted by the number of reports they occur in, then by figures: a quantity that three or more
provinces report is a comparable indicator worth a key; a one-off count is not. Figures that
must have no key (another place's, a difference in percentage points) are left out.
``--dump`` saves the extracted rows so that later runs can ``--load`` them instead of
re-extracting the reports.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from key_coverage import _sentence, rows  # the script's own folder is on sys.path

from yxnlp import taxonomy


@dataclass(frozen=True)
class Row:
    """One figure, as much as the grouping needs."""

    report: str
    subject: str
    kind: str
    unit: str
    key: str | None
    sentence: str
    own: bool  # the report region's own figure (no scope, not a percentage-point gap)


def extract() -> list[Row]:
    out = []
    for report, text, i in rows():
        own = not i.scope and i.normalized.unit != "percentage_point"
        out.append(Row(report, i.subject or "", i.kind, i.normalized.unit or i.unit or "",
                       i.key, _sentence(text, i), own))  # fmt: skip
    return out


def group_name(r: Row, *, by: str) -> str:
    s = taxonomy.normalise_subject(r.subject, kind=r.kind) if r.subject else "∅"
    return s[-4:] if by == "head" else s


def groups(found: list[Row], *, by: str) -> list[tuple[tuple[str, str, str], list[Row]]]:
    """Unkeyed own figures by (group, kind, unit), most widely reported first."""
    out: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for r in found:
        if r.own and not r.key:
            out[(group_name(r, by=by), r.kind, r.unit)].append(r)
    return sorted(out.items(), key=lambda kv: (-len({r.report for r in kv[1]}), -len(kv[1])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-reports", type=int, default=3)
    parser.add_argument("--examples", type=int, default=2)
    parser.add_argument("--by", choices=("subject", "head"), default="subject")
    parser.add_argument("--tsv", type=Path, help="write every group here")
    parser.add_argument("--dump", type=Path, help="save the extracted rows (JSON Lines)")
    parser.add_argument("--load", type=Path, help="read rows saved by --dump")
    args = parser.parse_args()
    if args.load:
        lines = args.load.read_text("utf-8").splitlines()
        found = [Row(**json.loads(line)) for line in lines]
    else:
        found = extract()
    if args.dump:
        args.dump.write_text("".join(json.dumps(r.__dict__, ensure_ascii=False) + "\n"
                                     for r in found), encoding="utf-8")  # fmt: skip
    own = [r for r in found if r.own]
    unkeyed = [r for r in own if not r.key]
    print(f"{len(found)} figures, {len(own)} own, {len(unkeyed)} own unkeyed")
    grouped = groups(found, by=args.by)
    for (name, kind, unit), members in grouped:
        reports = sorted({r.report.removesuffix(".txt") for r in members})
        if len(reports) < args.min_reports:
            continue
        print(f"\n{len(reports):2d} reports {len(members):3d}×  {name}  [{kind}, {unit}]")
        for r in members[: args.examples]:
            print(f"      {r.report.removesuffix('.txt')}: {r.sentence}")
    if args.tsv:
        with args.tsv.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["group", "kind", "unit", "reports", "figures", "example"])
            for (name, kind, unit), members in grouped:
                w.writerow([name, kind, unit, len({r.report for r in members}), len(members),
                            members[0].sentence])  # fmt: skip


if __name__ == "__main__":
    main()
