"""COMPANY and PROJECT from the contexts that name them without a legal form or cue word.

Reports name firms by their brand alone (甲投产, 引进乙) and projects by the firm and what it
builds (投资24亿元的丙压缩空气储能, 丁二期). The shapes are data (``entity_contexts.json``,
each with an id recorded in the mention's source):

- ``count_list`` — firms counted, then named in brackets: 企业5家(甲、乙、丙等);
- ``invest_of`` — 投资N亿元的X: X is a firm followed by its project;
- ``para_head`` — a paragraph opening with a firm and a colon before its figures;
- ``phase`` — a firm's project named by its phase (甲二期);
- ``project_list`` — items of a list closed by a count of projects;
- ``brand_verb`` — a firm brand (:func:`.brands.firm_brand`) on word boundaries, as the object
  or subject of a verb of investment (引进甲, 甲落户);
- ``project_brand`` — a firm brand opening a park's or project's name (甲工业园);
- ``alias`` — a short form declared in the text (（以下简称“甲机械”）), see :func:`aliases`.

>>> [(c.label, c.text, c.source) for c in find_contexts("成功引进投资5亿元的宏泰储能电站项目")]
[('PROJECT', '宏泰储能电站项目', 'rule:invest_of'), ('COMPANY', '宏泰', 'rule:invest_of')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from yxnlp import lexicon, resources
from yxnlp.extract.entities.brands import (
    brand_run,
    firm_brand,
    list_item_ok,
    name_at_start,
    place_stem,
    public_works,
)
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import alternation, rules, search_lines
from yxnlp.extract.entities.dictionary import tagged, word_freq
from yxnlp.extract.entities.names import cue_type, leading_company, places_in
from yxnlp.extract.entities.projects import named_project
from yxnlp.extract.entities.words import (
    cut_left,
    is_generic,
    reads_as_phrase,
    verb_phrase,
)

_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


@dataclass(frozen=True)
class _Shapes:
    count_list: re.Pattern[str]
    invest_of: re.Pattern[str]
    para_head: re.Pattern[str]
    phase: re.Pattern[str]
    project_list: re.Pattern[str]
    phase_cue: re.Pattern[str]  # what every match of phase holds (see search_lines)
    project_list_cue: re.Pattern[str]
    verb_before: re.Pattern[str]
    verb_after: re.Pattern[str]
    verbs: re.Pattern[str]  # any verb of either list
    verb_longest: int
    alias: re.Pattern[str]
    ids: dict[str, str]


@functools.cache
def _shapes() -> _Shapes:
    c = resources.entity_contexts()
    verbs = (*c.brand_verbs.before, *c.brand_verbs.after)
    return _Shapes(
        count_list=re.compile(c.count_list.pattern),
        invest_of=re.compile(c.invest_of.pattern),
        para_head=re.compile(c.para_head.pattern),
        phase=re.compile(c.phase.pattern),
        project_list=re.compile(c.project_list.pattern),
        phase_cue=re.compile(c.phase.cue),
        project_list_cue=re.compile(c.project_list.cue),
        verb_before=re.compile(f"(?:{alternation(c.brand_verbs.before)})$"),
        verb_after=re.compile(f"(?:项目)?(?:{alternation(c.brand_verbs.after)})"),
        verbs=re.compile(alternation(verbs)),
        verb_longest=max(map(len, verbs)),
        alias=re.compile(c.alias.pattern),
        ids={
            "count_list": c.count_list.id,
            "invest_of": c.invest_of.id,
            "para_head": c.para_head.id,
            "phase": c.phase.id,
            "project_list": c.project_list.id,
            "brand_verb": c.brand_verbs.id,
        },
    )


def _items(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """The items of a list in ``text[start:end]`` with their offsets (separator 、)."""
    sep = resources.entity_contexts().item_separator
    pos = start
    for raw in text[start:end].split(sep):
        item = raw.strip()
        lead = raw.find(item) if item else 0
        yield pos + lead, item.removesuffix("等")
        pos += len(raw) + len(sep)


def find_contexts(text: str, *, bounds: frozenset[int] | None = None) -> Iterator[Candidate]:
    """Every company and project named by one of the context shapes (``bounds``: word
    boundaries of the segmenter, which a bare brand must start and end on)."""
    yield from _count_lists(text)
    yield from _invest_of(text)
    yield from _para_heads(text)
    yield from _phases(text)
    yield from _project_lists(text)
    yield from _brand_verbs(text, bounds)


def _company(start: int, name: str, rule: str) -> Candidate:
    return Candidate("COMPANY", start, start + len(name), name, f"rule:{_shapes().ids[rule]}")


def _project(start: int, name: str, rule: str) -> Candidate:
    return Candidate("PROJECT", start, start + len(name), name, f"rule:{_shapes().ids[rule]}")


def _count_lists(text: str) -> Iterator[Candidate]:
    """企业5家(甲、乙、丙等): every item that reads as a name is a firm."""
    for m in _shapes().count_list.finditer(text):
        for pos, item in _items(text, m.start("items"), m.end("items")):
            if list_item_ok(item, counted=True):
                yield _company(pos, item, "count_list")


def _invest_of(text: str) -> Iterator[Candidate]:
    """投资24亿元的甲乙储能电站: the firm at the item's start, the item as its project."""
    r = rules()
    for m in _shapes().invest_of.finditer(text):
        item, s = m.group("item"), m.start("item")
        if is_generic(item, r.project_generic) or is_generic(item, r.generic_cores):
            continue
        name = name_at_start(item, loose=True)
        if name is None:
            continue
        if len(item) > len(name) + 1:
            yield _project(s, item, "invest_of")
        yield _company(s, name, "invest_of")


def _para_heads(text: str) -> Iterator[Candidate]:
    """甲换热器：总投资1.2亿元…: the paragraph's head is a firm (standing for its project)."""
    r = rules()
    for m in _shapes().para_head.finditer(text):
        name, s = m.group("name"), m.start("name")
        if r.cue_re.search(name[-5:]) or r.org_core_re.search(name) or places_in(name):
            continue
        if is_generic(name, r.generic_cores) or is_generic(name, r.project_generic):
            continue
        if verb_phrase(name) or word_freq(name) >= resources.entity_contexts().list_common_freq:
            continue
        if reads_as_phrase(name):
            continue
        yield _company(s, name, "para_head")


def _phases(text: str) -> Iterator[Candidate]:
    """甲二期 / 乙风电齿轮箱三期: a project named by its phase, owned by the firm it opens with;
    public works named by their phase (引甲济乙二期) have no owner."""
    r = rules()
    left = r.company_left + r.project_left
    for m in search_lines(_shapes().phase, text, _shapes().phase_cue):
        run = m.group("name")
        s = m.start("name") + cut_left(run, left)
        name = text[s : m.start("phase")]
        owner = name_at_start(name) or (name if brand_run(name) == len(name) else None)
        if owner is None and not public_works(name):  # 甲乙丙风电齿轮箱二期: a firm's product
            owner = name_at_start(name, loose=True)
        if is_generic(name, r.project_generic):
            continue
        if owner is None:
            if public_works(name) and not reads_as_phrase(name):
                yield _project(s, text[s : m.end()], "phase")  # 引甲济乙二期: public works
            continue
        yield _project(s, text[s : m.end()], "phase")
        yield _company(s, owner, "phase")


def _project_lists(text: str) -> Iterator[Candidate]:
    """Items before 等N个项目: a long item is a firm's project, a firm-shaped one its firm.

    When most items of a list are firms, a short item that reads as a name or ends in an
    industry word is a firm too (甲汽车、乙、丙光电等项目: 丙光电).
    """
    r = rules()
    shape = resources.entity_contexts().project_list
    long_item, firm_item = shape.long_item, shape.firm_item
    left = r.company_left + r.project_left
    for m in search_lines(_shapes().project_list, text, _shapes().project_list_cue):
        items = list(_items(text, m.start("items"), m.end("items")))
        if len(items) < 2:
            continue
        first_pos, first = items[0]
        cut = cut_left(first, left, keep=2)
        items[0] = (first_pos + cut, first[cut:])
        counted = m.group("count") is not None  # 等6个配套项目: every long item is a firm's
        names = {item: name_at_start(item, loose=counted and len(item) >= firm_item) for _, item in items}
        firms = {
            i for i, n in names.items() if n and (n == i or r.industry_re.fullmatch(i[len(n) :]))
        }
        named = [i for _, i in items if i and not r.cue_re.search(i[-5:])]
        mostly = bool(firms) and 2 * len(firms) >= len(named)
        for pos, item in items:
            if not item or r.cue_re.search(item[-5:]) or not _NAME_CHARS.fullmatch(item):
                continue
            name = names[item]
            short = len(item) <= 4 and (r.industry_re.search(item[2:]) or list_item_ok(item))
            if item in firms or (mostly and short):
                yield _company(pos, item, "project_list")  # a firm standing for its project
            elif name is not None:
                yield _project(pos, item, "project_list")
                yield _company(pos, name, "project_list")
            elif len(item) >= long_item and (counted or named_project(item)):
                yield _project(pos, item, "project_list")  # 等6个配套项目: each is a project


def _brand_verbs(text: str, bounds: frozenset[int] | None) -> Iterator[Candidate]:
    """引进甲 / 甲落户: a firm brand on word boundaries next to a verb of investment."""
    s = _shapes()
    brand = 1 << lexicon.KINDS.index("brand")
    lex = lexicon.load()
    for start, end, mask in lex.spans(text, within=_near_verbs(text, lex.longest)):
        if not mask & brand or (bounds is not None and (start not in bounds or end not in bounds)):
            continue
        if not firm_brand(text[start:end]):
            continue
        end = start + max(brand_run(text[start : start + 12]), end - start)
        if _in_a_phrase(text, start):
            continue
        if s.verb_before.search(text, max(0, start - 6), start) or s.verb_after.match(text, end):
            yield _company(start, text[start:end], "brand_verb")


def _near_verbs(text: str, longest: int) -> list[tuple[int, int]]:
    """The ranges a brand next to a verb of investment can start in, sorted and disjoint:
    right after a verb (引进|甲), or up to a brand run (12 characters) or the longest lexicon
    word and a 项目 before one (甲项目|签约). Words elsewhere are never looked at.

    >>> _near_verbs("全年引进宏泰", 24)
    [(0, 6)]
    """
    s = _shapes()
    before = 2 + max(12, longest)  # 项目 + the brand (a run of brands or one lexicon word)
    after = s.verb_longest + 2  # the verb, then a line break the verb pattern's $ allows
    out: list[tuple[int, int]] = []
    for m in s.verbs.finditer(text):  # a verb overlapping this one starts before its end
        lo, hi = max(0, m.start() - before), min(len(text), m.end() + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


_PHRASE_TAGS = frozenset({"n", "a", "an", "vn", "ns"})


def _in_a_phrase(text: str, start: int) -> bool:
    """The brand at ``start`` ends a longer noun phrase, not a firm standing alone: a common
    noun or adjective right before it that is not a place (大国|某某投产).

    >>> _in_a_phrase("大国重器投产", 2), _in_a_phrase("宁波宏泰投产", 2)
    (True, False)
    """
    before = tagged(text[max(0, start - 4) : start])
    if not before:
        return False
    word, flag = before[-1]
    common = word_freq(word) >= rules().company.common_word_freq
    return len(word) >= 2 and flag in _PHRASE_TAGS and common and not place_stem(word)


def companies_in_projects(projects: Iterable[Candidate]) -> Iterator[Candidate]:
    """The company that opens each project name, as a nested mention: a legal form or
    province-prefixed core (华联集团年产…项目), or a run of firm brands (甲工业园).

    >>> p = Candidate("PROJECT", 0, 11, "华联集团年产5万吨饲料项目", "rule:cue_project")
    >>> [c.text for c in companies_in_projects([p])]
    ['华联集团']
    """
    for p in projects:
        owner = leading_company(p.text)
        source = "rule:project_owner"
        if owner is None and _industrial(p.text) and brand_run(p.text):
            owner = name_at_start(p.text)
            source = "rule:project_brand"
        if owner and len(owner) < len(p.text):
            yield Candidate("COMPANY", p.start, p.start + len(owner), owner, source)


def _industrial(name: str) -> bool:
    """An industrial park or production base, which may be named after a firm (甲工业园);
    a base for study or teaching (研学实践基地) is not."""
    r = rules()
    return cue_type(name) == "park" or name.endswith(tuple(r.project.firm_base_cues))


def aliases(text: str, companies: Sequence[Candidate]) -> dict[str, str]:
    """Short forms declared right after a company's name: ``{short: full}``.

    >>> full = Candidate("COMPANY", 0, 10, "宏图精密机械有限公司", "rule:legal_form")
    >>> aliases("宏图精密机械有限公司（以下简称“宏图机械”）与", [full])
    {'宏图机械': '宏图精密机械有限公司'}
    """
    out: dict[str, str] = {}
    ends = {c.end: c.text for c in companies}
    for m in _shapes().alias.finditer(text):
        full = ends.get(m.start())
        if full and m.group("short") != full:
            out[m.group("short")] = full
    return out
