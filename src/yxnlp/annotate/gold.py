"""Corrected tasks back to gold files (the format of the project's gold guidelines).

Every task is checked against its report before anything is written: the report is found by
the task's ``source`` (in ``docs`` when given, else as written, else beside the annotation
file) and must still have the sha256 the task's ``record_id`` names; the task's text must be
the report's text at the task's ``offset``; every span must lie inside the task's text (and,
when the tool wrote it, carry the text it covers) with a known label. A failure is one
:class:`~yxnlp.errors.InputError` naming the annotation file and the task.

The spans of a report's tasks become one gold record:

- entity spans (``COMPANY``, ``PROJECT``, ``ORG``, ``PLACE``) are grouped into things: a span
  whose text is a mention of an entity of the exported record (same label) belongs to that
  entity, any other span to the thing of its label and text. A company is ``name`` (its first
  mention), ``canonical`` (the record's canonical name when the report writes it, else the
  longest mention), ``mentions`` and ``count``; projects, bodies and places are ``name`` and
  ``aliases`` (the other surface forms), projects with the record's ``type``, ``owner``,
  ``investment`` and ``status``;
- indicator spans (labelled by kind) become indicators: ``number_text`` is the span's text and
  ``quote`` the clause around it (made unique in the report). A span the record had keeps its
  value, unit, qualifier, status, period and entity; a span added by a person gets the value
  :func:`yxnlp.extract.numbers.find_numbers` reads in it and no qualifier, status or period.

>>> from yxnlp.annotate.tasks import Task, TaskSpan
>>> text = "引进宏达集团，宏达集团投资3亿元。"
>>> t = Task(text=text, spans=[TaskSpan(2, 6, "COMPANY"), TaskSpan(7, 11, "COMPANY"),
...     TaskSpan(13, 16, "AMOUNT")], meta={"record_id": "x", "source": "a.txt", "offset": 0})
>>> g = gold_record([t], text)
>>> g["companies"], g["indicators"][0]["quote"], g["indicators"][0]["normalized"]["value"]
([{'name': '宏达集团', 'canonical': '宏达集团', 'mentions': ['宏达集团'], 'count': 2}], '宏达集团投资3亿元', 300000000.0)
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from yxnlp import ingest
from yxnlp.annotate.tasks import INDICATOR_LABELS, LABELS, Task
from yxnlp.errors import InputError
from yxnlp.evaluate import GOLD_SUFFIX
from yxnlp.evaluate.entities import GOLD_KEYS
from yxnlp.extract.numbers import find_numbers
from yxnlp.store.sources import verified_path

_CLAUSE_END = "，,。；;：:！？\n"


def where(path: str | Path, n: int, task: Task) -> str:
    """How an error names a task: ``file: task 3 (县.txt, offset 120)``."""
    return f"{path}: task {n} ({task.meta.get('source')}, offset {task.meta.get('offset')})"


def find_report(task: Task, *, docs: Path | None, base: Path, label: str) -> Path:
    """The report file of a task, checked against its sha256 (``record_id``)."""
    source, rid = str(task.meta.get("source") or ""), str(task.meta.get("record_id") or "")
    if not source or not rid:
        raise InputError(label, "no record_id or source in the task's meta (not exported by yxnlp?)")
    name = Path(source).name
    tried = [docs / name] if docs is not None else []
    tried += [Path(source), base / source, base / name]
    for p in tried:
        found = verified_path(str(p), rid)
        if found is not None:
            return found
    if any(p.is_file() for p in tried):
        raise InputError(label, "the report changed since the export (its sha256 differs)")
    hint = "" if docs is not None else "; name its folder with --docs"
    raise InputError(label, f"report {source} not found{hint}")


def check(task: Task, report: str, *, label: str) -> None:
    """The task's text is the report's at its offset; every span lies inside it."""
    o = task.meta.get("offset")
    if not isinstance(o, int) or report[o : o + len(task.text)] != task.text:
        raise InputError(label, "the task's text no longer matches its report")
    for s in task.spans:
        if not 0 <= s.start < s.end <= len(task.text):
            raise InputError(label, f"span [{s.start}, {s.end}) lies outside the task's text")
        if s.label not in LABELS:
            raise InputError(label, f"unknown label {s.label!r} (expected one of {', '.join(LABELS)})")


def unique_quote(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``, else the shortest stretch around the figure,
    that occurs first where the figure is and holds no earlier copy of the figure (so
    ``yxnlp evaluate``, which finds the quote and then the number in it, finds this span).

    >>> unique_quote("产值增长6%，投资增长6%。", 11, 13), unique_quote("增长6%和6%", 5, 7)
    ('投资增长6%', '和6%')
    """

    def finds(a: int, b: int) -> bool:
        quote = text[a:b]
        return text.find(quote) == a and quote.find(text[start:end]) == start - a

    a = max((text.rfind(c, 0, start) for c in _CLAUSE_END), default=-1) + 1
    ends = [i for i in (text.find(c, end) for c in _CLAUSE_END) if i >= 0]
    b = min(ends, default=len(text))
    if finds(a, b):
        return text[a:b]
    for k in range(len(text)):
        for left in range(k + 1):
            a, b = start - left, end + k - left
            if a >= 0 and b <= len(text) and finds(a, b):
                return text[a:b]
    return text[start:end]  # unreachable: the whole text finds its figure


def _figure(text: str, s: int, e: int, kind: str, known: dict[str, Any] | None) -> dict[str, Any]:
    number = text[s:e]
    item: dict[str, Any] = {"quote": unique_quote(text, s, e), "number_text": number}
    if known is not None:
        norm = dict(known.get("normalized") or {})
        item.update(subject=known.get("subject"), value=known.get("value"), unit=known.get("unit"),
                    normalized={"value": norm.get("value"), "unit": norm.get("unit")}, kind=kind)  # fmt: skip
        item.update({f: known.get(f) for f in ("qualifier", "status", "period", "entity")})
        return item
    m = next(find_numbers(number), None)
    value = m.value * m.factor if m is not None else None
    item.update(subject=None, value=m.value if m is not None else None, unit=None,
                normalized={"value": value, "unit": None}, kind=kind,
                qualifier=None, status=None, period=None, entity=None)  # fmt: skip
    return item


def gold_record(tasks: Sequence[Task], report: str) -> dict[str, Any]:
    """One report's gold (module docstring) from its checked tasks, in document order."""
    meta_doc: dict[str, Any] = {}
    entities: dict[str, dict[str, Any]] = {}  # known entity id -> its exported facts
    things: dict[tuple[str, str], dict[str, Any]] = {}  # (label, key) -> gold thing
    indicators: list[tuple[int, dict[str, Any]]] = []
    for task in sorted(tasks, key=lambda t: int(t.meta.get("offset") or 0)):
        o = int(task.meta.get("offset") or 0)
        meta_doc = meta_doc or dict(task.meta.get("document") or {})
        known_mentions: dict[tuple[str, str], str] = {}
        for e in task.meta.get("entities") or []:
            entities[e["id"]] = e
            for name in e["mentions"]:
                known_mentions.setdefault((e["label"], name), e["id"])
        figures = {(x["start"], x["end"]): x for x in task.meta.get("indicators") or []}
        for sp in sorted(task.spans):
            surface = task.text[sp.start : sp.end]
            if sp.label in INDICATOR_LABELS:
                known = figures.get((sp.start, sp.end))
                fig = _figure(report, o + sp.start, o + sp.end, INDICATOR_LABELS[sp.label], known)
                indicators.append((o + sp.start, fig))
                continue
            eid = known_mentions.get((sp.label, surface))
            thing = things.setdefault(
                (sp.label, eid or "text:" + surface),
                {"label": sp.label, "first": o + sp.start, "entity": eid, "mentions": []},
            )
            thing["mentions"].append(surface)
    gold: dict[str, Any] = {"metadata": meta_doc}
    gold["indicators"] = [fig for _, fig in sorted(indicators, key=lambda x: x[0])]
    for label, key in GOLD_KEYS.items():
        items = sorted((t for t in things.values() if t["label"] == label), key=lambda t: t["first"])
        gold[key] = [_thing(t, entities.get(t["entity"] or ""), report) for t in items]
    return gold


def _thing(t: dict[str, Any], entity: dict[str, Any] | None, report: str) -> dict[str, Any]:
    names = list(dict.fromkeys(t["mentions"]))
    label, attrs = t["label"], (entity or {}).get("attributes") or {}
    if label == "COMPANY":
        canonical = (entity or {}).get("canonical")
        if not canonical or canonical not in report:
            canonical = max(names, key=len)
        return {"name": names[0], "canonical": canonical, "mentions": names, "count": len(t["mentions"])}
    item: dict[str, Any] = {"name": names[0]}
    if label == "PROJECT":
        item.update({f: attrs.get(f) for f in ("type", "owner", "investment", "status")})
    if len(names) > 1:
        item["aliases"] = names[1:]
    return item


def golds(
    tasks: Iterable[Task], *, annotations: Path, docs: Path | None = None
) -> list[tuple[Path, dict[str, Any]]]:
    """Each annotated report's file with its gold record, every task checked first."""
    by_record: dict[str, list[Task]] = {}
    reports: dict[str, tuple[Path, str]] = {}
    for n, task in enumerate(tasks, 1):
        label = where(annotations, n, task)
        rid = str(task.meta.get("record_id") or "")
        if rid not in reports:
            path = find_report(task, docs=docs, base=annotations.parent, label=label)
            reports[rid] = (path, ingest.read(path).text)
        check(task, reports[rid][1], label=label)
        by_record.setdefault(rid, []).append(task)
    out: list[tuple[Path, dict[str, Any]]] = []
    names: set[str] = set()
    for rid, group in by_record.items():
        path, text = reports[rid]
        if path.name in names:
            raise InputError(annotations, f"two annotated reports are both named {path.name}")
        names.add(path.name)
        out.append((path, {"document": path.name, **gold_record(group, text)}))
    return out


def write_gold_dir(gold: Sequence[tuple[Path, dict[str, Any]]], out: Path) -> list[Path]:
    """Write ``<report stem>.gold.json`` and a copy of its report for each report into
    ``out`` all at once, so ``out`` is both ``--gold`` and ``--docs`` of ``yxnlp evaluate``
    and a training folder: the files go into a new folder beside ``out``, renamed into place
    (an existing ``out`` is replaced only after the new one is complete)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and not out.is_dir():
        raise InputError(out, "exists and is not a folder")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    written: list[Path] = []
    try:
        for report, record in gold:
            name = f"{report.stem}{GOLD_SUFFIX}"
            text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
            (tmp / name).write_text(text, "utf-8")
            shutil.copyfile(report, tmp / report.name)
            written.append(out / name)
        os.chmod(tmp, 0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, old / out.name)
            os.replace(tmp, out)
            shutil.rmtree(old)
        else:
            os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return written
