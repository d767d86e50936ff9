"""doccano: tasks as its sequence-labelling JSONL, and its JSONL export read back.

One JSON object a line: ``{"text": ..., "label": [[start, end, "LABEL"], ...], "meta": {...}}``
(doccano's documented import format for sequence labelling; other keys are kept as the
example's metadata and come back on export). Read back: ``label`` in that form, or
``entities`` as ``[{"start_offset", "end_offset", "label"}]`` (the export of projects with
relations).

>>> from yxnlp.annotate.tasks import Task, TaskSpan, jsonl_tasks
>>> line = dumps([Task(text="县商务局", spans=[TaskSpan(0, 4, "ORG")], meta={"offset": 0})])
>>> line
'{"text": "县商务局", "label": [[0, 4, "ORG"]], "meta": {"offset": 0}}\\n'
>>> loads(line, where="d.jsonl")[0].spans
[TaskSpan(start=0, end=4, label='ORG')]
"""

from __future__ import annotations

import json
from typing import Any

from yxnlp.annotate.tasks import Task, TaskSpan, jsonl_tasks
from yxnlp.errors import InputError


def to_json(task: Task) -> dict[str, Any]:
    return {"text": task.text, "label": [[s.start, s.end, s.label] for s in task.spans],
            "meta": task.meta}  # fmt: skip


def dumps(tasks: list[Task]) -> str:
    return "".join(json.dumps(to_json(t), ensure_ascii=False) + "\n" for t in tasks)


def _spans(row: dict[str, Any], label: str) -> list[TaskSpan]:
    out = []
    for x in row.get("label") or []:
        if not (isinstance(x, list) and len(x) == 3 and all(isinstance(v, int) for v in x[:2])):
            raise InputError(label, f"label {x!r} is not [start, end, LABEL]")
        out.append(TaskSpan(x[0], x[1], str(x[2])))
    for x in row.get("entities") or []:
        try:
            out.append(TaskSpan(int(x["start_offset"]), int(x["end_offset"]), str(x["label"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(label, f"entity {x!r} lacks start_offset, end_offset or label") from exc
    return sorted(set(out))


def loads(payload: str, *, where: str) -> list[Task]:
    """Tasks from doccano JSONL."""
    return jsonl_tasks(payload, where=where, spans=_spans)
