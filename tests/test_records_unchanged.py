"""The demo corpus's records do not change under refactoring (rules only, ``ner=False``).

``golden/record_hashes.json`` holds, for the seed and a sample of ``corpus/`` (short and long
reports of every collection, the longest among them), the sha256 of each part of the record
(provenance's creation time left out; the source path made relative to the repository). A
change of speed or structure must leave every hash as it was; a change of rules changes
them on purpose: refresh with ``pytest tests/test_records_unchanged.py --update-golden`` and
check with ``git diff`` that only the reports you meant changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

import yxnlp
from yxnlp.record import Record

ROOT = Path(__file__).resolve().parents[1]
HASHES = Path(__file__).parent / "golden" / "record_hashes.json"
PARTS = ("document", "sections", "sentences", "indicators", "entities", "provenance")

# the seed, and from the corpus: the longest national report, a short resolution, reports of
# four decades, Shanghai's first and last, provincial reports with web-page furniture
SAMPLE = [
    "seeds/000_cba11b42fa3c7c35.txt",
    "corpus/national/1955.txt",
    "corpus/national/1978.txt",
    "corpus/national/1993.txt",
    "corpus/national/2008.txt",
    "corpus/national/2025.txt",
    "corpus/shanghai/2020.txt",
    "corpus/shanghai/2024.txt",
    "corpus/provinces-2026/110000.txt",
    "corpus/provinces-2026/320000.txt",
    "corpus/provinces-2026/540000.txt",
    "corpus/provinces-2026/650000.txt",
]


def part_hashes(rec: Record, *, relative_to: Path = ROOT) -> dict[str, str]:
    """sha256 of each part of ``rec``'s JSON, without the creation time, source made relative.

    >>> rec = yxnlp.process("一、概况\\n全县生产总值增长6%。", source="a.txt", ner=False)
    >>> sorted(part_hashes(rec)) == sorted(PARTS)
    True
    >>> part_hashes(rec) == part_hashes(yxnlp.process("一、概况\\n全县生产总值增长6%。", source="a.txt", ner=False))
    True
    """
    data: dict[str, Any] = rec.model_dump(mode="json")
    data["provenance"].pop("created")
    source = Path(data["document"]["source"])
    if source.is_absolute() and source.is_relative_to(relative_to):
        data["document"]["source"] = source.relative_to(relative_to).as_posix()
    out = {}
    for part in PARTS:
        blob = json.dumps(data[part], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        out[part] = hashlib.sha256(blob.encode("utf-8")).hexdigest()
    return out


def hashes_of(paths: list[str]) -> dict[str, dict[str, str]]:
    """Part hashes of the records of ``paths`` (relative to the repository), rules only."""
    return {p: part_hashes(yxnlp.process(ROOT / p, ner=False)) for p in paths}


def present(paths: list[str]) -> list[str]:
    return [p for p in paths if (ROOT / p).is_file()]


@pytest.fixture(scope="module")
def current() -> dict[str, dict[str, str]]:
    return hashes_of(present(SAMPLE))


def test_sample_is_in_the_repository() -> None:
    assert present(SAMPLE) == SAMPLE


def test_records_unchanged(current: dict[str, dict[str, str]], update_golden: bool) -> None:
    if update_golden or not HASHES.exists():
        HASHES.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", "utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing {HASHES.name}; review and commit it")
    expected = json.loads(HASHES.read_text("utf-8"))
    changed = [
        f"{path}: {part}"
        for path, parts in expected.items()
        for part, digest in parts.items()
        if current.get(path, {}).get(part) != digest
    ]
    assert set(current) == set(expected), "the sample changed: refresh with --update-golden"
    assert not changed, "records changed (refresh with --update-golden if meant):\n" + "\n".join(
        changed
    )


def test_a_changed_record_is_detected() -> None:
    rec = yxnlp.process("一、概况\n全县生产总值增长6%。", source="a.txt", ner=False)
    other = yxnlp.process("一、概况\n全县生产总值增长7%。", source="a.txt", ner=False)
    a, b = part_hashes(rec), part_hashes(other)
    assert a["indicators"] != b["indicators"]
    assert a["document"] != b["document"]  # the text's sha256 is the document id
    assert a["provenance"] == b["provenance"]  # the creation time is left out
