"""Annotation tasks: a report's record as pieces of text with labelled spans, and back.

A :class:`Task` is one piece of a report (the whole report, or one part of a long report cut
at its top-level sections) with spans relative to the piece: the record's entity mentions
(``COMPANY``, ``PROJECT``, ``ORG``, ``PLACE``) and indicator figures labelled by kind
(``AMOUNT``, ``COUNT``, ``PERCENT``, ``GROWTH``, ``SHARE``, ``QUANTITY``). Its ``meta`` carries
what brings a corrected task home: the record id (the report's sha256), the report's source,
the piece's ``offset`` in the report, and the record's facts the spans stand for (entity ids
and canonical names, indicator values and attributes), so an unedited span keeps them.

The formats (:mod:`.label_studio`, :mod:`.doccano`, :mod:`.spans`) only write and read tasks;
:mod:`.gold` turns corrected tasks into gold files.

>>> from yxnlp.record import Document, Entity, Mention, Record
>>> text = "一、工作回顾\\n引进宏达集团。\\n二、工作安排\\n宏达集团扩产。"
>>> rec = Record(document=Document(id="r1", source="县.txt"), entities=[Entity(id="e1",
...     label="COMPANY", name="宏达集团", canonical="宏达集团", mentions=[
...     Mention(text="宏达集团", span=(9, 13), source="rule"),
...     Mention(text="宏达集团", span=(22, 26), source="rule")])])
>>> [(t.meta["offset"], t.text[s.start:s.end], s.label) for t in record_tasks(rec, text,
...     max_chars=16) for s in t.spans]
[(0, '宏达集团', 'COMPANY'), (15, '宏达集团', 'COMPANY')]
"""

from __future__ import annotations

import itertools
import json
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from yxnlp.errors import InputError
from yxnlp.record import Kind, Label, Record

ENTITY_LABELS: tuple[str, ...] = typing.get_args(Label)
#: Indicator span labels: the record's kinds in capitals (``AMOUNT`` ← ``amount``).
INDICATOR_LABELS: dict[str, str] = {k.upper(): k for k in typing.get_args(Kind)}
LABELS: tuple[str, ...] = (*ENTITY_LABELS, *INDICATOR_LABELS)
#: Reports longer than this many characters are cut into one task per part.
MAX_CHARS = 6000
#: The record's indicator fields a task keeps for each figure (so an unedited span keeps them).
INDICATOR_FIELDS = ("value", "unit", "normalized", "qualifier", "status", "period", "entity",
                    "subject", "key")  # fmt: skip
#: The document fields a gold file's ``metadata`` holds.
METADATA_FIELDS = ("title", "region", "issuer", "published", "summary_year", "plan_year")


@dataclass(frozen=True, order=True)
class TaskSpan:
    """``text[start:end]`` of a task is a ``label``."""

    start: int
    end: int
    label: str


@dataclass
class Task:
    """One piece of a report to annotate: its text, its spans and where it came from."""

    text: str
    spans: list[TaskSpan] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def cuts(
    text: str, starts: Sequence[int], *, max_chars: int = MAX_CHARS,
    keep: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text``: one piece when it is short, else pieces that begin
    at ``starts`` (top-level sections), each long one cut again after a line break (else a
    sentence end) before ``max_chars``; no cut falls inside a span of ``keep``.

    >>> cuts("甲乙。\\n丙丁。\\n戊己。", [], max_chars=8)
    [(0, 8), (8, 11)]
    >>> cuts("甲乙丙丁", [2], max_chars=3, keep=[(1, 4)])
    [(0, 4)]
    """
    if len(text) <= max_chars:
        return [(0, len(text))]
    inside = {i for s, e in keep for i in range(s + 1, e)}
    bounds = sorted({0, len(text), *(s for s in starts if 0 < s < len(text) and s not in inside)})
    out: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        while b - a > max_chars:
            window = text[a : a + max_chars]
            cut = max(window.rfind("\n"), window.rfind("。"))
            step = a + cut + 1 if cut > 0 else a + max_chars
            while step in inside:
                step += 1
            if step >= b:
                break
            out.append((a, step))
            a = step
        out.append((a, b))
    return out


def _entity_meta(record: Record, lo: int, hi: int) -> list[dict[str, Any]]:
    out = []
    for e in record.entities:
        names = [m.text for m in e.mentions if lo <= m.span[0] and m.span[1] <= hi]
        if names:
            out.append({"id": e.id, "label": e.label, "name": e.name, "canonical": e.canonical,
                        "mentions": list(dict.fromkeys(names)), "attributes": e.attributes})  # fmt: skip
    return out


def record_tasks(record: Record, text: str, *, max_chars: int = MAX_CHARS) -> list[Task]:
    """The tasks of one record (module docstring); ``text`` is the report its spans point into."""
    mentions = [(m.span, e.label) for e in record.entities for m in e.mentions]
    figures = [(i.span, i.kind.upper(), i) for i in record.indicators]
    keep = [s for s, _ in mentions] + [s for s, _, _ in figures]
    tops = [s.span[0] for s in record.sections if s.level == 1]
    pieces = cuts(text, tops, max_chars=max_chars, keep=keep)
    heads = {s.span[0]: s.heading for s in record.sections if s.level == 1}
    d = record.document
    tasks: list[Task] = []
    for n, (lo, hi) in enumerate(pieces):
        figs = [(s, e, label, i) for (s, e), label, i in figures if lo <= s and e <= hi]
        inds = [
            {"start": s - lo, "end": e - lo, **i.model_dump(include=set(INDICATOR_FIELDS))}
            for s, e, _, i in figs
        ]
        spans = sorted(
            [TaskSpan(s - lo, e - lo, label) for (s, e), label in mentions if lo <= s and e <= hi]
            + [TaskSpan(s - lo, e - lo, label) for s, e, label, _ in figs]
        )
        meta: dict[str, Any] = {
            "record_id": d.id, "source": d.source, "offset": lo, "part": n, "parts": len(pieces),
            "section": heads.get(lo), "entities": _entity_meta(record, lo, hi), "indicators": inds,
        }  # fmt: skip
        if n == 0:
            meta["document"] = _metadata(record)
        tasks.append(Task(text=text[lo:hi], spans=spans, meta=meta))
    return tasks


def _metadata(record: Record) -> dict[str, Any]:
    """The document's fields as a gold file's ``metadata`` has them (the region by name)."""
    d = record.document
    out = d.model_dump(include=set(METADATA_FIELDS))
    out["region"] = d.region.name if d.region is not None else None
    return {f: out[f] for f in METADATA_FIELDS}


def jsonl_tasks(
    payload: str, *, where: str, spans: Callable[[dict[str, Any], str], list[TaskSpan]]
) -> list[Task]:
    """Tasks from a JSON Lines export: one object with ``text`` (and ``meta``) per line, its
    spans read by ``spans(row, label)``; a bad line is an error naming ``where`` and the line.

    >>> jsonl_tasks('{"text": "甲乙", "meta": {"n": 1}}', where="x.jsonl", spans=lambda r, w: [])
    [Task(text='甲乙', spans=[], meta={'n': 1})]
    """
    tasks: list[Task] = []
    for n, line in enumerate(payload.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise InputError(where, f"line {n}: not JSON ({exc})") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError(where, f"line {n}: no text")
        meta = row["meta"] if isinstance(row.get("meta"), dict) else {}
        tasks.append(Task(text=row["text"], spans=spans(row, f"{where}: line {n}"), meta=meta))
    return tasks
