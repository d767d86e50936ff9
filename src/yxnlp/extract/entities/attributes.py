"""Project attributes: type (by cue word), owner (a company at the start of the name or one
handed the project), investment (总投资… near the name) and status (在建, 新开工…, ``planned``
when named only in the plan section)."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from yxnlp import gazetteer
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import rules
from yxnlp.extract.entities.names import cue_type

if TYPE_CHECKING:
    from yxnlp.analysis import Analysis


_CLAUSE_MARK = re.compile("[,，;；。]")


class Layout:
    """Sentence and plan-section look-ups in one analysed report, indexed once: the
    attribute rules ask them for every mention of every project."""

    def __init__(self, a: Analysis) -> None:
        self._a = a
        self._starts = [s.span[0] for s in a.sentences]  # sentences are sorted and disjoint
        self._plan: dict[int, bool] = {}
        self._marks: dict[tuple[int, int], list[int]] = {}

    def sentence(self, pos: int) -> tuple[int, int]:
        """The span of the sentence holding ``pos`` (else 60 characters either side)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._a.sentences[i].span[1]:
            return self._a.sentences[i].span
        return (max(0, pos - 60), min(len(self._a.text), pos + 60))

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``text[start:end]``: its sentence cut at the last clause mark
        (，；。) before ``start`` and the first one from ``end`` on; each sentence's marks
        are found once."""
        s0, s1 = self.sentence(start)
        if (s0, s1) not in self._marks:
            found = _CLAUSE_MARK.finditer(self._a.masked, s0, s1)
            self._marks[(s0, s1)] = [m.start() for m in found]
        marks = self._marks[(s0, s1)]
        i = bisect.bisect_left(marks, start)
        j = bisect.bisect_left(marks, end)
        return (marks[i - 1] + 1 if i > 0 else s0), (marks[j] if j < len(marks) else s1)

    def in_plan(self, pos: int) -> bool:
        """``pos`` lies in the plan part of the report (:mod:`yxnlp.parts`)."""
        if pos not in self._plan:
            self._plan[pos] = self._in_plan(pos)
        return self._plan[pos]

    def _in_plan(self, pos: int) -> bool:
        return self._a.parts.is_plan_at(pos)


def project_status(
    a: Analysis, spans: list[tuple[int, int]], *, layout: Layout | None = None
) -> str | None:
    """在建, 新开工, 已入驻, 已投产, 已拆除 from cues in the sentence of a mention; ``planned``
    when the project is named only in the plan section; else ``None``."""
    text = a.masked
    lay = layout or Layout(a)
    if spans and all(lay.in_plan(s) for s, _ in spans):
        return "planned"
    clauses = [(*lay.clause(s, e), s) for s, e in spans if not lay.in_plan(s)]
    for status, where, pattern in rules().status_rules:
        for c0, c1, s in clauses:  # a mention's clause, looked up once for every rule
            if pattern.search(text, c0, s if where == "before" else c1):
                return status
    return None


def project_investment(
    a: Analysis, span: tuple[int, int], *, layout: Layout | None = None
) -> tuple[str, tuple[int, int]] | None:
    """The investment figure (总投资1.4亿) in the clause before or right after a project name."""
    text = a.masked
    pattern = re.compile(rules().project.investment)
    s0, s1 = (layout or Layout(a)).sentence(span[0])
    best: tuple[str, tuple[int, int]] | None = None
    for m in pattern.finditer(text, max(s0, span[0] - 40), min(s1, span[1] + 20)):
        between = text[m.end() : span[0]] if m.end() <= span[0] else text[span[1] : m.start()]
        if re.search("[。;；]", between) or len(between) > 12:
            continue
        best = (m.group("num"), (m.start("num"), m.end("num")))
    return best


class Firms:
    """The report's company mentions with their canonical names, indexed by start once: the
    owner rule looks for companies near every mention of every project.

    >>> f = Firms([Candidate("COMPANY", 4, 8, "华联集团", "rule:legal_form")], {"华联集团": "华联"})
    >>> [(c.text, canon) for c, canon in f.starting(0, 5)], f.starting(5, 9)
    ([('华联集团', '华联')], [])
    """

    def __init__(self, companies: list[Candidate], canon: dict[str, str]) -> None:
        ordered = sorted(companies, key=lambda c: c.start)  # stable: text order kept
        self._firms = [(c, canon.get(c.text, c.text)) for c in ordered]
        self._starts = [c.start for c in ordered]

    def starting(self, lo: int, hi: int) -> list[tuple[Candidate, str]]:
        """The companies that start in ``[lo, hi)``, in text order, with canonical names."""
        i = bisect.bisect_left(self._starts, lo)
        return self._firms[i : bisect.bisect_left(self._starts, hi, i)]


def _owner(a: Analysis, span: tuple[int, int], firms: Firms, *, layout: Layout) -> str | None:
    """A company at the start of the project name, else one handed the project (移交X公司)."""
    for c, canon in firms.starting(span[0], span[0] + 1):
        if c.end < span[1]:
            return canon
    s0, s1 = layout.sentence(span[0])
    cue = rules().owner_cue_re
    owners = [
        canon
        for c, canon in firms.starting(span[1], s1)
        if cue.search(a.masked, max(s0, c.start - 3), c.start)
    ]
    return owners[0] if len(set(owners)) == 1 else None


def attributes_of(
    a: Analysis,
    label: str,
    ms: list[Candidate],
    firms: Firms,
    layout: Layout,
) -> dict[str, Any]:
    if label == "PLACE":
        region = gazetteer.load().resolve(ms[0].text)
        return {"code": region.code} if region and ms[0].text in rules().places else {}
    if label != "PROJECT":
        return {}
    spans = [(c.start, c.end) for c in ms]
    owner = None
    for sp in spans:
        owner = _owner(a, sp, firms, layout=layout)
        if owner:
            break
    invest = None
    for sp in spans:
        invest = project_investment(a, sp, layout=layout)
        if invest:
            break
    attrs: dict[str, Any] = {
        "type": cue_type(ms[0].text),
        "owner": owner,
        "investment": invest[0] if invest else None,
        "status": project_status(a, spans, layout=layout),
    }
    if invest:
        attrs["investment_span"] = list(invest[1])
    return attrs
