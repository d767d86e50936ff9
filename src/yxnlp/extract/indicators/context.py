"""Per-report context of the indicator rules, computed once: sentences, bounds, tokens, parts.

Offsets refer to the furniture-masked text, which has the source's length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from yxnlp import scan
from yxnlp.extract.indicators.scope import Owner, owner_of
from yxnlp.parts import Parts
from yxnlp.record import Section
from yxnlp.scan import Guarded

if TYPE_CHECKING:
    from yxnlp.analysis import Analysis

CLAUSE_END = frozenset("，,；;：:。！？!?\n")
PUNCT = re.compile(r"[，,；;：:。！？!?、\s“”\"'()（）《》]")
_ENDS = "".join(sorted(CLAUSE_END))
_LAST_CLAUSE_END = re.compile(f"[{re.escape(_ENDS)}][^{re.escape(_ENDS)}]*\\Z")  # before the end of a range
_FULL_END = scan.compile(r"[。！？!?]+|\n")


def alt(words: Sequence[str]) -> str:
    """A regex alternation, longest first."""
    return "|".join(sorted(words, key=len, reverse=True))


def last(
    rx: re.Pattern[str] | Guarded, text: str, start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    """The last match of ``rx`` in ``text[start:end]``.

    >>> last(re.compile("年"), "2023年和2024年", 0).start()
    10
    """
    found = None
    for found in rx.finditer(text, start, len(text) if end is None else end):  # noqa: B007
        pass
    return found


@dataclass
class Context:
    """What the rules read of one report."""

    text: str
    parts: Parts
    sent_starts: list[int]
    sentences: list[tuple[int, int, str | None]]
    full_bounds: list[int]  # ends of full sentences (。！？ or line breaks)
    tok_starts: list[int]  # token offsets (the segmenter's cuts), then the text's end
    owner: Owner = field(default_factory=Owner)  # the report's own region
    skip: dict[str | None, bool] = field(default_factory=dict)  # per section id
    lineage: dict[str | None, list[Section]] = field(default_factory=dict)  # per section id

    @property
    def summary_year(self) -> int | None:
        return self.parts.summary_year

    @property
    def plan_year(self) -> int | None:
        return self.parts.plan_year

    @property
    def gov_report(self) -> bool:
        return self.parts.gov_report

    def ancestors(self, sid: str | None) -> list[Section]:
        """The section ``sid`` and its parents, innermost first (one list per section: the
        rules only read it)."""
        found = self.lineage.get(sid)
        if found is None:
            found = self.lineage[sid] = self.parts.ancestors(sid)
        return found

    def full_sentence(self, pos: int) -> tuple[int, int]:
        """The full sentence around ``pos``, extended back over a colon lead-in."""
        bounds, text = self.full_bounds, self.text
        i = bisect.bisect_right(bounds, pos)
        start = bounds[i - 1] if i > 0 else 0
        end = bounds[i] if i < len(bounds) else len(text)
        k = start - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        if k >= 0 and text[k] in "：:":
            j = bisect.bisect_right(bounds, k)
            start = bounds[j - 1] if j > 0 else 0
        return start, end

    def sentence_of(self, pos: int) -> tuple[int, int, str | None]:
        """The sentence holding ``pos`` and its section (else the full sentence, no section)."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i >= 0:
            s, e, sec = self.sentences[i]
            if s <= pos < e:
                return s, e, sec
        a, b = self.full_sentence(pos)
        return a, b, None


def clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause holding ``pos`` starts (not before ``floor``, at most 79 back): after
    the last clause end in that reach.

    >>> clause_start("甲，乙丙。丁戊", 7, 0), clause_start("甲，乙丙", 4, 3), clause_start("甲乙", 1, 5)
    (5, 3, 1)
    """
    if pos <= floor:
        return pos
    lo = max(floor, pos - 79)
    end = _LAST_CLAUSE_END.search(text, lo, pos)
    return end.start() + 1 if end else lo


def build_context(a: Analysis, parts: Parts) -> Context:
    text = a.masked
    full = sorted({m.end() for m in _FULL_END.finditer(text)} | {len(text)})
    starts = cast("list[int]", a.doc.to_array("IDX").tolist())
    return Context(
        text=text,
        parts=parts,
        sent_starts=[s.span[0] for s in a.sentences],
        sentences=[(s.span[0], s.span[1], s.section) for s in a.sentences],
        full_bounds=full,
        tok_starts=[*starts, len(text)],
        owner=owner_of(a.meta.region, a.meta.zone),
    )
