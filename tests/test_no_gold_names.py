"""No name of the seed report or of the dev pages appears in the project's code, data, patterns
or fixtures: rules must describe shapes of language, and those pages measure whether they do.

Company and project names of the gold files are looked for in every text file the project
writes itself (``src/``, ``tests/``, ``configs/``, ``scripts/``, ``benchmarks/``, ``notebooks/``,
the hand-written training fixtures). Places and bodies are left out: they are public
administrative names (a province, 市委) that any report may use. Names that are ordinary words
(frequent in jieba's dictionary) are left out too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yxnlp.extract.entities.dictionary import word_freq

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
OWN = ("src", "tests", "configs", "scripts", "benchmarks", "notebooks", "models/training-data/fixtures")
SUFFIXES = {".py", ".json", ".jsonl", ".txt", ".cfg", ".toml", ".md", ".csv", ".ipynb", ".sql"}
# public data we ship unchanged: the administrative gazetteer names every township
SKIP = ("src/yxnlp/data/gazetteer/",)


def _gold_names() -> set[str]:
    names: set[str] = set()
    for path in [*GOLD.glob("*.gold.json"), *GOLD.glob("dev/*.gold.json")]:
        gold = json.loads(path.read_text("utf-8"))
        for key in ("companies", "projects"):
            for item in gold.get(key) or []:
                found = [item.get("name"), item.get("canonical"), *(item.get("mentions") or [])]
                names |= {n for n in found if isinstance(n, str)}
    return {n for n in names if len(n) >= 2 and word_freq(n) < 50}


def _own_files() -> list[Path]:
    files = []
    for top in OWN:
        for p in (ROOT / top).rglob("*"):
            rel = p.relative_to(ROOT).as_posix()
            if p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in p.parts:
                if not rel.startswith(SKIP):
                    files.append(p)
    return files


@pytest.mark.shared
def test_no_gold_name_in_our_files() -> None:
    names = _gold_names()
    assert len(names) > 50  # the seed's and the dev pages' firms and projects
    hits = []
    for path in _own_files():
        if path == Path(__file__):
            continue
        text = path.read_text("utf-8", errors="ignore")
        hits += [f"{path.relative_to(ROOT)}: {n}" for n in names if n in text]
    assert not hits, hits[:20]
