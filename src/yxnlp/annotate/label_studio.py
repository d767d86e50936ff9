"""Label Studio: tasks as its JSON import with ``predictions``, its labelling config, and
its JSON export read back.

Export: a JSON list, one task each ``{"data": {"text", "meta"}, "predictions": [{"model_version",
"result": [...]}]}``; each result is a ``labels`` region ``{"from_name": "label", "to_name":
"text", "type": "labels", "value": {"start", "end", "text", "labels": [LABEL]}}``. The config
(:func:`label_config`) has one ``<Labels>`` control over the ``text`` field with the entity
and indicator labels. Import (Label Studio's "JSON" export): of each task the last
annotation not cancelled, else, for a task nobody opened, its predictions.

>>> from yxnlp.annotate.tasks import Task, TaskSpan
>>> doc = dumps([Task(text="引进宏达集团。", spans=[TaskSpan(2, 6, "COMPANY")], meta={"offset": 0})])
>>> [(t.text, t.spans) for t in loads(doc, where="ls.json")]
[('引进宏达集团。', [TaskSpan(start=2, end=6, label='COMPANY')])]
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import quoteattr

from yxnlp.annotate.tasks import ENTITY_LABELS, INDICATOR_LABELS, Task, TaskSpan
from yxnlp.errors import InputError
from yxnlp.version import VERSION

FROM_NAME, TO_NAME = "label", "text"
#: Colours of the labels in Label Studio (entities warm, indicators cool).
COLOURS = {"COMPANY": "#e6550d", "PROJECT": "#fdae6b", "ORG": "#756bb1", "PLACE": "#31a354"}
INDICATOR_COLOUR = "#3182bd"


def label_config() -> str:
    """The labelling config (XML) for the exported tasks.

    >>> print(label_config().splitlines()[2])
        <Label value="COMPANY" background="#e6550d"/>
    """
    labels = [(lab, COLOURS[lab]) for lab in ENTITY_LABELS]
    labels += [(lab, INDICATOR_COLOUR) for lab in INDICATOR_LABELS]
    lines = ["<View>", f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">']
    lines += [f"    <Label value={quoteattr(v)} background={quoteattr(c)}/>" for v, c in labels]
    lines += ["  </Labels>", f'  <Text name="{TO_NAME}" value="${TO_NAME}"/>', "</View>"]
    return "\n".join(lines) + "\n"


def _region(n: int, task: Task, s: TaskSpan) -> dict[str, Any]:
    value = {"start": s.start, "end": s.end, "text": task.text[s.start : s.end], "labels": [s.label]}
    return {"id": f"yx{n}", "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels", "value": value}


def to_json(task: Task) -> dict[str, Any]:
    result = [_region(n, task, s) for n, s in enumerate(task.spans)]
    return {
        "data": {"text": task.text, "meta": task.meta},
        "predictions": [{"model_version": f"yxnlp {VERSION}", "result": result}],
    }


def dumps(tasks: list[Task]) -> str:
    return json.dumps([to_json(t) for t in tasks], ensure_ascii=False, indent=1) + "\n"


def _chosen(item: dict[str, Any]) -> list[Any]:
    """The regions a task was given: its last annotation not cancelled, else its predictions."""
    kept = [a for a in item.get("annotations") or [] if not a.get("was_cancelled")]
    if kept:
        return list(kept[-1].get("result") or [])
    preds = item.get("predictions") or []
    return list(preds[-1].get("result") or []) if preds else []


def _span(region: Any, text: str, label: str) -> TaskSpan:
    if not isinstance(region, dict) or region.get("type") != "labels":
        raise InputError(label, f"not a labels region: {str(region)[:60]}")
    v = region.get("value") or {}
    labels = v.get("labels") or []
    if not isinstance(v.get("start"), int) or not isinstance(v.get("end"), int) or len(labels) != 1:
        raise InputError(label, f"a region needs integer start and end and one label: {v}")
    span = TaskSpan(v["start"], v["end"], str(labels[0]))
    written = v.get("text")
    if written is not None and text[span.start : span.end] != written:
        raise InputError(label, f"region {written!r} is not the text at [{span.start}, {span.end})")
    return span


def loads(payload: str, *, where: str) -> list[Task]:
    """Tasks from Label Studio's JSON export (or from this module's own export)."""
    try:
        items = json.loads(payload)
    except ValueError as exc:
        raise InputError(where, f"not Label Studio JSON ({exc})") from exc
    if not isinstance(items, list):
        raise InputError(where, "expected a JSON list of Label Studio tasks")
    tasks: list[Task] = []
    for n, item in enumerate(items, 1):
        data = item.get("data") if isinstance(item, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get(TO_NAME), str):
            raise InputError(where, f"task {n}: no data.text")
        text, label = data[TO_NAME], f"{where}: task {n}"
        spans = [_span(r, text, label) for r in _chosen(item)]
        tasks.append(Task(text=text, spans=sorted(set(spans)), meta=dict(data.get("meta") or {})))
    return tasks
