"""Gold folders as training sentences for ``yxnlp train --extra GOLD_DIR``.

Each ``<stem>.gold.json`` of a folder is read with its report (written beside it by
``yxnlp annotate import``). Gold names carry no offsets, so every occurrence of each company,
project and body name (its name, canonical name, mentions and aliases) in the report is a span
of its label, longest first, overlaps dropped (a company inside a project's name is part of one
PROJECT span, as the model is trained). The report is cut into sentences
(:func:`yxnlp.trainingdata.split_sentences`); a sentence is kept when it holds a span, or
when it holds none but the model in use tags a name in it (a name a person removed, or one
the model would invent: the sentence teaches it that the string is no name). Places are not
model labels and stay untagged.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "县.txt").write_text("引进宏达集团。全年增长6%。宏达集团投产。县商务局座谈。", "utf-8")
>>> _ = (d / "县.gold.json").write_text('{"document": "县.txt", "companies": [{"name": "宏达集团"}]}', "utf-8")
>>> exs, info = gold_examples(d)
>>> [(x["text"], x["entities"]) for x in exs], info["sentences"], info["entities"]
([('引进宏达集团。', [[2, 6, 'COMPANY']]), ('宏达集团投产。', [[0, 4, 'COMPANY']]), ('县商务局座谈。', [])], 3, 2)

The last sentence is kept with no span: the gold names no body there, the model tags one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from yxnlp import ingest
from yxnlp.errors import InputError, ModelError
from yxnlp.evaluate import GOLD_SUFFIX, find_document, read_gold
from yxnlp.evaluate.entities import GOLD_KEYS, gold_names
from yxnlp.extract import ner
from yxnlp.trainingdata import LABELS, Example, split_sentences


def spans_of(text: str, gold: dict[str, Any]) -> list[list[Any]]:
    """``[start, end, label]`` of every occurrence of the gold's model-label names.

    >>> spans_of("宏达集团产业园和宏达集团", {"companies": [{"name": "宏达集团"}],
    ...     "projects": [{"name": "宏达集团产业园"}]})
    [[0, 7, 'PROJECT'], [8, 12, 'COMPANY']]
    """
    found: set[tuple[int, int, str]] = set()
    for label, key in GOLD_KEYS.items():
        if label not in LABELS:
            continue
        for item in gold.get(key) or []:
            for name in gold_names(item):
                at = text.find(name)
                while at >= 0:
                    found.add((at, at + len(name), label))
                    at = text.find(name, at + 1)
    kept: list[list[Any]] = []
    for s, e, lab in sorted(found, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= k[0] or k[1] <= s for k in kept):
            kept.append([s, e, lab])
    return sorted(kept)


def _tagged(text: str) -> list[tuple[int, int]]:
    """The spans the model in use tags in ``text`` (none when there is no model)."""
    try:
        return [(s, e) for s, e, _ in ner.tag(text, keep=ner.worth_tagging, unit="clause", margin=6)]
    except ModelError:
        return []


def gold_examples(gold_dir: Path) -> tuple[list[Example], dict[str, Any]]:
    """The training sentences of a gold folder and a note of what they are (for the model
    card): the folder, the number of gold files, sentences and spans, the gold files' sha256."""
    if not gold_dir.is_dir():
        raise InputError(gold_dir, "gold folder not found")
    paths = sorted(gold_dir.glob(f"*{GOLD_SUFFIX}"))
    if not paths:
        raise InputError(gold_dir, f"no *{GOLD_SUFFIX} files in the folder")
    digest = hashlib.sha256()
    out: list[Example] = []
    for path in paths:
        gold = read_gold(path)
        digest.update(path.read_bytes())
        doc = find_document(gold_dir, path.name[: -len(GOLD_SUFFIX)], gold)
        if doc is None:
            raise InputError(path, "its report is not in the folder (yxnlp annotate import puts it there)")
        text = ingest.read(doc).text
        whole = {"text": text, "entities": spans_of(text, gold)}
        tagged = _tagged(text)
        pos = 0
        for ex in split_sentences(whole):
            start = text.find(ex["text"], pos)
            pos = start + len(ex["text"])
            ex["text"] = ex["text"].rstrip()
            wrong = any(start <= s and e <= pos for s, e in tagged)
            if ex["text"] and (ex["entities"] or wrong):
                out.append(ex)
    info = {
        "gold_dir": str(gold_dir), "files": len(paths), "sentences": len(out),
        "entities": sum(len(x["entities"]) for x in out), "sha256": digest.hexdigest(),
    }  # fmt: skip
    return out, info
