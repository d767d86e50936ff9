"""Scoring extracted indicators against a gold annotation (``../shared/gold`` format).

A gold item's span is found by locating its ``quote`` in the text, then its ``number_text``
inside the quote. A predicted indicator matches a gold item when their spans overlap and their
normalised values are equal (sign ignored, so a decline annotated as a positive rate still
matches); each side is used once. On matched pairs the kind, qualifier, status, period and
entity (the name of the company or project the figure belongs to) are compared.

>>> gold = [{"quote": "产值445亿元", "number_text": "445亿元", "normalized": {"value": 4.45e10},
...          "kind": "amount", "qualifier": "exact", "status": "actual", "period": "2021"}]
>>> spans = gold_spans("全区产值445亿元。", gold)
>>> spans
[(4, 9)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from yxnlp.record import Indicator, Span

ATTRIBUTES = ("kind", "qualifier", "status", "period", "entity")


def gold_spans(text: str, gold: Sequence[dict[str, Any]]) -> list[Span | None]:
    """The span of each gold item's number in ``text`` (None when its quote is not found)."""
    out: list[Span | None] = []
    for g in gold:
        quote, number = g.get("quote") or "", g.get("number_text") or ""
        q = text.find(quote) if quote else -1
        if q < 0:
            n = text.find(number) if number else -1
            out.append((n, n + len(number)) if n >= 0 else None)
            continue
        n = quote.find(number)
        out.append((q + n, q + n + len(number)) if n >= 0 else (q, q + len(quote)))
    return out


def _value(g: dict[str, Any]) -> float | None:
    norm = g.get("normalized") or {}
    v = norm.get("value", g.get("value"))
    return float(v) if isinstance(v, int | float) else None


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(abs(a), abs(b), rel_tol=1e-6, abs_tol=1e-9)


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


@dataclass
class Matching:
    """Pairs ``(gold index, predicted index)`` and the unmatched on either side."""

    pairs: list[tuple[int, int]]
    missed: list[int]
    spurious: list[int]


def match(text: str, gold: Sequence[dict[str, Any]], pred: Sequence[Indicator]) -> Matching:
    """One-to-one matching of gold items and predictions on span overlap and value."""
    spans = gold_spans(text, gold)
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    missed: list[int] = []
    for gi, (g, span) in enumerate(zip(gold, spans, strict=True)):
        best, best_ov = -1, 0
        if span is not None:
            for pi, p in enumerate(pred):
                ov = _overlap(span, p.span)
                if pi in used or ov <= 0 or not _same(_value(g), p.normalized.value):
                    continue
                if ov > best_ov:
                    best, best_ov = pi, ov
        if best < 0:
            missed.append(gi)
        else:
            used.add(best)
            pairs.append((gi, best))
    spurious = [i for i in range(len(pred)) if i not in used]
    return Matching(pairs, missed, spurious)


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 with their counts.

    >>> prf(9, 1, 1)["f1"]
    0.9
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def score_indicators(
    text: str, gold: Sequence[dict[str, Any]], pred: Sequence[Indicator]
) -> dict[str, Any]:
    """P/R/F1, attribute accuracy on matched pairs, and the items behind the numbers."""
    m = match(text, gold, pred)
    out: dict[str, Any] = prf(len(m.pairs), len(m.spurious), len(m.missed))
    accuracy: dict[str, dict[str, float | int]] = {}
    wrong: list[dict[str, Any]] = []
    for attr in ATTRIBUTES:
        right = 0
        for gi, pi in m.pairs:
            want, got = gold[gi].get(attr), getattr(pred[pi], attr)
            if want == got:
                right += 1
            else:
                wrong.append(
                    {
                        "attribute": attr,
                        "text": pred[pi].text,
                        "span": list(pred[pi].span),
                        "gold": want,
                        "predicted": got,
                    }
                )
        n = len(m.pairs)
        accuracy[attr] = {"accuracy": round(right / n, 4) if n else 0.0, "right": right, "n": n}
    out["attributes"] = accuracy
    out["missed"] = [
        {"quote": gold[i].get("quote"), "number_text": gold[i].get("number_text")} for i in m.missed
    ]
    out["spurious"] = [
        {"text": pred[i].text, "span": list(pred[i].span), "subject": pred[i].subject}
        for i in m.spurious
    ]
    out["wrong"] = wrong
    return out
