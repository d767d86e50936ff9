"""A candidate mention (label, span, text, source) and the precedence of its source:
``rule`` > ``list`` > ``ner``."""

from __future__ import annotations

from dataclasses import dataclass

from yxnlp.record import Label

_PRIORITY = {"rule": 3, "list": 2, "ner": 1}


@dataclass(frozen=True)
class Candidate:
    """One candidate mention: label, span into the source text, and what produced it."""

    label: Label
    start: int
    end: int
    text: str
    source: str

    @property
    def priority(self) -> int:
        return _PRIORITY[self.source.split(":", 1)[0]]
