"""Stage: the two parts of a report, what was done (summary) and what is planned.

Every stage that asks "is this position in the plan part?" asks :class:`Parts`: indicator
status and period, project status. The vocabulary is ``data/report_parts.json``. A position is
in the plan part when one of its sections' headings is a plan heading (工作计划, 主要目标,
下一步 …; a heading naming both parts decides nothing), or a plan part opens inside its
section: a paragraph ``<plan year>年是…`` / ``<plan year>年，…将``, a numbered heading naming the
plan year inside a flattened paragraph, or a short line naming the plan year and its work.
Failing those, a summary heading, or a heading naming the plan or summary year, decides.

>>> from yxnlp.sections import split_sections
>>> text = "2023年工作总结和2024年工作计划\\n一、2023年工作回顾\\n全年增长5%。\\n二、2024年工作计划\\n力争增长6%。"
>>> p = read_parts(text, split_sections(text), summary_year=2023, plan_year=2024, title=None)
>>> p.is_plan_at(text.index("全年")), p.is_plan_at(text.index("力争"))
(False, True)
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from yxnlp import resources
from yxnlp.numerals import cn_int
from yxnlp.record import Section

GOV_REPORT = "政府工作报告"
#: Where a paragraph may open: a line, or an indent of two or more spaces inside a line (a
#: page whose paragraphs were flattened into one line keeps their indents).
_PARAGRAPH = re.compile(r"^|\n|(?<!\s)[^\S\n]{2,}")
_SPACE = re.compile(r"\s*")  # a review starts after the break and indent that open it


@dataclass(frozen=True)
class _Cues:
    plan_heading: re.Pattern[str]
    summary_heading: re.Pattern[str]
    plan_lead: str
    plan_line: str
    plan_inline: str
    year_lead: str
    review_lead: re.Pattern[str]
    review_end: re.Pattern[str]
    review_years: re.Pattern[str]
    plans: dict[str, tuple[int, int]]


def _alt(words: Sequence[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@functools.cache
def _cues() -> _Cues:
    r = resources.report_parts()
    plans = {k: (int(v[0]), int(v[1])) for k, v in resources.status_cues().five_year_plans.items()}
    names = _alt(list(plans))
    return _Cues(
        plan_heading=re.compile(_alt(r.plan_headings)),
        summary_heading=re.compile(_alt(r.summary_headings)),
        plan_lead=r.plan_lead,
        plan_line=r.plan_heading_line,
        plan_inline=r.plan_heading_inline,
        year_lead=r.year_lead,
        review_lead=re.compile(r.review_lead.replace("{plans}", names)),
        review_end=re.compile(r.review_end.replace("{plans}", names)),
        review_years=re.compile(r.review_years_lead),
        plans=plans,
    )


def is_plan_heading(heading: str) -> bool:
    """A heading of the plan part (and not one naming both parts).

    >>> is_plan_heading("二、2024年工作计划"), is_plan_heading("一、工作回顾和下一步打算")
    (True, False)
    """
    c = _cues()
    return bool(c.plan_heading.search(heading)) and not c.summary_heading.search(heading)


@functools.lru_cache(maxsize=4096)
def _marks(heading: str) -> tuple[bool, bool]:
    """Whether ``heading`` names the plan part and whether it names the summary part (asked
    for every figure under it, so remembered)."""
    c = _cues()
    return bool(c.plan_heading.search(heading)), bool(c.summary_heading.search(heading))


@dataclass(frozen=True)
class Parts:
    """Where the plan part of one report lies, with the years the report speaks of."""

    summary_year: int | None
    plan_year: int | None
    gov_report: bool  # a 政府工作报告: 今年 is the plan year
    summary_period: str | None  # "2023" or the months a summary covers ("2023-01..2023-06")
    sections: dict[str, Section]
    plan_regions: tuple[tuple[int, int], ...]  # where a plan part opens, to its end
    year_leads: tuple[int, ...]  # paragraphs opening with 今年 / '<plan year>年'
    reviews: tuple[tuple[int, int, int, int], ...] = ()  # (start, end, first year, last year)
    _ordered: tuple[Section, ...] = ()  # sections by start, for look-ups by position
    _starts: tuple[int, ...] = ()

    def ancestors(self, sid: str | None) -> list[Section]:
        """The section ``sid`` and its parents, innermost first."""
        out: list[Section] = []
        while sid is not None and sid in self.sections:
            out.append(self.sections[sid])
            sid = self.sections[sid].parent
        return out

    def is_plan(self, secs: Sequence[Section], pos: int) -> bool:
        """``pos``, under the sections ``secs`` (innermost first), is in the plan part."""
        heads: list[str] = []
        summary_named = False
        for sec in secs:
            plan, summary = _marks(sec.heading)
            if plan and summary:
                continue  # 一、1998年工作回顾和1999年工作的总体要求 names both parts: it decides nothing
            if plan:
                return True
            summary_named = summary_named or summary
            heads.append(sec.heading)
        starts, regions, reach = self._regions
        hi = bisect.bisect_right(starts, pos)  # the regions opening at or before pos
        if hi and reach[hi - 1] > pos:  # … one of them still open at pos
            opened = min((x.span[0] for x in secs), default=0)
            if any(pos < e for _, e in regions[bisect.bisect_left(starts, opened) : hi]):
                return True  # the plan part opens inside this section (an unnumbered heading)
        if summary_named:
            return False
        if self.plan_year and heads:
            named = f"{self.plan_year}年"
            if any(named in h for h in heads):
                return True
        if self.summary_year and heads:
            named = f"{self.summary_year}年"
            if any(named in h for h in heads):
                return False
        return bool(hi) and reach[hi - 1] > pos

    @functools.cached_property
    def _regions(self) -> tuple[list[int], list[tuple[int, int]], list[int]]:
        return _by_start(self.plan_regions)

    def section_at(self, pos: int) -> Section | None:
        """The innermost section holding ``pos``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        sec = self._ordered[i] if i >= 0 else None
        while sec is not None and not sec.span[0] <= pos < sec.span[1]:
            sec = self.sections.get(sec.parent) if sec.parent else None
        return sec

    def is_plan_at(self, pos: int) -> bool:
        """``pos`` is in the plan part (its sections looked up)."""
        sec = self.section_at(pos)
        return self.is_plan(self.ancestors(sec.id if sec else None), pos)

    def within(self, sections: Sequence[Section], start: int, end: int) -> Parts:
        """These parts as seen from ``text[start:end]`` (a window of a long report): offsets
        shifted by ``-start``; ``sections`` are the window's own, shifted the same way (those
        opening before the window start below 0), so every comparison reads as before."""
        first = min((s.span[0] for s in sections), default=0) + start
        shift = [(s - start, e - start) for s, e in self.plan_regions if s < end and e > start]
        leads = [x - start for x in self.year_leads if first <= x < end]
        reviews = [(s - start, e - start, a, b) for s, e, a, b in self.reviews if s < end and e > start]
        ordered = sorted(sections, key=lambda s: s.span[0])
        return dataclasses.replace(
            self, sections={s.id: s for s in ordered}, plan_regions=tuple(shift),
            year_leads=tuple(leads), reviews=tuple(reviews), _ordered=tuple(ordered),
            _starts=tuple(s.span[0] for s in ordered),
        )  # fmt: skip

    def review_at(self, pos: int) -> tuple[int, int] | None:
        """The years of the five-year span whose review holds ``pos`` (过去五年，… in a 2026
        report: ``(2021, 2025)``), or None."""
        starts, _, reach = self._reviewed
        hi = bisect.bisect_right(starts, pos)
        if not hi or reach[hi - 1] <= pos:
            return None  # no review opening before pos is still open (most figures)
        return next(((a, b) for s, e, a, b in self.reviews if s <= pos < e), None)

    @functools.cached_property
    def _reviewed(self) -> tuple[list[int], list[tuple[int, int]], list[int]]:
        return _by_start([(s, e) for s, e, _, _ in self.reviews])

    def year_lead_between(self, start: int, pos: int) -> bool:
        """A paragraph on the year's own targets opens in ``[start, pos]``."""
        i = bisect.bisect_left(self.year_leads, start)
        return i < len(self.year_leads) and self.year_leads[i] <= pos


def _by_start(spans: Sequence[tuple[int, int]]) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """``spans`` by start: their starts, the spans, and the furthest end of the spans up to
    each (a position is in one of them when the reach of those opening before it passes it).

    >>> _by_start([(5, 9), (0, 3)])
    ([0, 5], [(0, 3), (5, 9)], [3, 9])
    """
    ordered = sorted(spans)
    reach: list[int] = []
    for _, e in ordered:
        reach.append(max(e, reach[-1]) if reach else e)
    return [s for s, _ in ordered], ordered, reach


def read_parts(
    text: str,
    sections: Sequence[Section],
    *,
    summary_year: int | None,
    plan_year: int | None,
    title: str | None,
    summary_period: str | None = None,
) -> Parts:
    """Find the plan part of a report (``text`` furniture-masked, offsets as the source).

    The years and the summary's period are the metadata's; a 政府工作报告 that plans year Y
    and names no summary year reviews Y−1.
    """
    c = _cues()
    gov = GOV_REPORT in (title or "")
    if gov and summary_year is None and plan_year is not None:
        summary_year = plan_year - 1
    regions: list[tuple[int, int]] = []
    leads: list[int] = []
    if plan_year is not None:
        year = str(plan_year)
        leads = [m.end() for m in re.finditer(c.year_lead.replace("{year}", year), text)]
        tops = [s for s in sections if s.level == 1]
        for m in re.finditer(c.plan_lead.replace("{year}", year), text):
            end = next((s.span[1] for s in tops if s.span[0] <= m.start() < s.span[1]), len(text))
            regions.append((m.start(), end))
        inline = re.search(c.plan_inline.replace("{year}", year), text)
        if inline:
            regions.append((inline.start(), len(text)))
        title_end = text.find("\n", len(text) - len(text.lstrip()))
        for line in re.finditer(c.plan_line.replace("{year}", year), text):
            said = line.group()
            if (
                line.start() > title_end
                and not c.summary_heading.search(said)
                and "报告" not in said
            ):
                regions.append((line.start(), len(text)))
                break
    ordered = sorted(sections, key=lambda s: s.span[0])
    return Parts(
        summary_year=summary_year,
        plan_year=plan_year,
        gov_report=gov,
        summary_period=summary_period or (str(summary_year) if summary_year else None),
        sections={s.id: s for s in ordered},
        plan_regions=tuple(regions),
        year_leads=tuple(leads),
        reviews=_reviews(text, sections, summary_year),
        _ordered=tuple(ordered),
        _starts=tuple(s.span[0] for s in ordered),
    )


def _reviews(
    text: str, sections: Sequence[Section], summary_year: int | None
) -> tuple[tuple[int, int, int, int], ...]:
    """Where the report reviews a five-year span: from a paragraph that opens the review
    (过去五年，… / “十四五”时期是… when 十四五 has ended by the summary year) to the next
    paragraph turning to one year or the next plan, or the end of its level-1 section. A
    paragraph opens a line or follows an indent inside one (a flattened page).

    >>> text = "一、回顾\\n过去五年，新增就业50万人。\\n刚刚过去的2025年，增长5%。\\n二、今年工作\\n增长5%左右。"
    >>> _reviews(text, [], 2025)
    ((5, 19, 2021, 2025),)
    """
    if summary_year is None:
        return ()
    c = _cues()
    ends = sorted({s.span[1] for s in sections if s.level == 1} | {len(text)})
    out: list[tuple[int, int, int, int]] = []
    open_at: tuple[int, int, int] | None = None  # (start, first year, last year)
    for line in _PARAGRAPH.finditer(text):
        pos = line.start()
        if open_at is not None and pos >= next(e for e in ends if e > open_at[0]):
            limit = next(e for e in ends if e > open_at[0])
            out.append((open_at[0], limit, open_at[1], open_at[2]))
            open_at = None
        lead = c.review_lead.match(text, pos)
        span = _review_span(lead.group("plan"), summary_year) if lead else None
        if span is not None:
            if open_at is None or span != open_at[1:]:
                if open_at is not None:
                    out.append((open_at[0], pos, open_at[1], open_at[2]))
                open_at = (pos, *span)
        elif open_at is not None and _review_ends(text, pos, summary_year):
            out.append((open_at[0], pos, open_at[1], open_at[2]))
            open_at = None
        elif open_at is None and (years := _years_lead(text, pos, summary_year)) is not None:
            out.append((pos, *years))
    if open_at is not None:
        limit = next(e for e in ends if e > open_at[0])
        out.append((open_at[0], limit, open_at[1], open_at[2]))
    return tuple((_past_space(text, s), e, a, b) for s, e, a, b in out)


def _past_space(text: str, pos: int) -> int:
    """``pos`` moved past the whitespace there (without copying the rest of the text)."""
    m = _SPACE.match(text, pos)
    return m.end() if m else pos


def _years_lead(text: str, pos: int, summary_year: int) -> tuple[int, int, int] | None:
    """A paragraph at ``pos`` reviewing n years other than five (过去三年，…): its end and the
    years, ``summary_year - n + 1`` to ``summary_year``.

    >>> text = "过去三年，新增就业30万人。\\n全年增长5%。"
    >>> _years_lead(text, 0, 2024)
    (14, 2022, 2024)
    """
    lead = _cues().review_years.match(text, pos)
    n = cn_int(lead.group("n") or lead.group("m")) if lead else None
    if n is None or not 2 <= n <= 20 or n == 5:
        return None
    after = _PARAGRAPH.search(text, pos + 1)
    return (after.start() if after else len(text)), summary_year - n + 1, summary_year


def _review_ends(text: str, pos: int, summary_year: int) -> bool:
    """The paragraph at ``pos`` turns to one year or to a plan not yet over (a paragraph on
    the plan that has ended, 需要说明的是，“十四五”时期…, is still the review)."""
    end = _cues().review_end.match(text, pos)
    return end is not None and (
        not end.group("next") or not _review_span(end.group("next"), summary_year)
    )


def _review_span(plan: str | None, summary_year: int) -> tuple[int, int] | None:
    """The years a review lead speaks of: a named plan that has ended, else the five years
    up to the summary year."""
    if plan is None:
        return (summary_year - 4, summary_year)
    a, b = _cues().plans[plan]
    return (a, b) if b <= summary_year else None
