"""Plain spans JSONL (the Prodigy style): ``{"text", "spans": [{"start", "end", "label"}],
"meta"}`` one a line; ``text`` in a span is written for reading and checked when read back.

>>> from yxnlp.annotate.tasks import Task, TaskSpan, jsonl_tasks
>>> line = dumps([Task(text="县商务局", spans=[TaskSpan(0, 4, "ORG")], meta={})])
>>> line
'{"text": "县商务局", "spans": [{"start": 0, "end": 4, "label": "ORG", "text": "县商务局"}], "meta": {}}\\n'
>>> loads(line, where="s.jsonl")[0].spans
[TaskSpan(start=0, end=4, label='ORG')]
"""

from __future__ import annotations

import json
from typing import Any

from yxnlp.annotate.tasks import Task, TaskSpan, jsonl_tasks
from yxnlp.errors import InputError


def to_json(task: Task) -> dict[str, Any]:
    spans = [{"start": s.start, "end": s.end, "label": s.label, "text": task.text[s.start : s.end]}
             for s in task.spans]  # fmt: skip
    return {"text": task.text, "spans": spans, "meta": task.meta}


def dumps(tasks: list[Task]) -> str:
    return "".join(json.dumps(to_json(t), ensure_ascii=False) + "\n" for t in tasks)


def _span(x: Any, text: str, label: str) -> TaskSpan:
    try:
        span = TaskSpan(int(x["start"]), int(x["end"]), str(x["label"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(label, f"span {x!r} lacks start, end or label") from exc
    if "text" in x and text[span.start : span.end] != x["text"]:
        raise InputError(label, f"span {x['text']!r} is not the text at [{span.start}, {span.end})")
    return span


def loads(payload: str, *, where: str) -> list[Task]:
    """Tasks from spans JSONL."""

    def spans(row: dict[str, Any], label: str) -> list[TaskSpan]:
        return sorted({_span(x, row["text"], label) for x in row.get("spans") or []})

    return jsonl_tasks(payload, where=where, spans=spans)
