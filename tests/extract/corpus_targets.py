"""Shared by the target tests: a corpus report's record (cached) and its first target."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from yxnlp import process
from yxnlp.record import Indicator, Record

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@functools.cache
def corpus_record(relpath: str) -> Record:
    """The rules-only record of ``corpus/<relpath>``; skips when the file is absent."""
    path = CORPUS / relpath
    if not path.is_file():
        pytest.skip(f"no {relpath} in corpus/")
    return process(path.read_text("utf-8"), source=relpath, ner=False)


def first_target(rec: Record, key: str, year: int | str) -> Indicator:
    """The first indicator of ``key`` with status target for exactly ``year``."""
    found = [
        i for i in rec.indicators if i.key == key and i.status == "target" and i.period == str(year)
    ]
    assert found, f"{rec.document.source}: no {key} target for {year}"
    return found[0]
