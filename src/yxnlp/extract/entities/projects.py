"""PROJECT: the longest name ending in a cue word (项目, 产业园, 基地, 孵化中心…), cut at
left boundaries and conjunctions; a plain …项目 needs a place, company, capacity or inner park
to count as named; a lost separator between a park and a company's project is restored."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yxnlp.extract.entities.brands import brand_run, firm_brand, place_stem
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import rules
from yxnlp.extract.entities.dictionary import tagged, words_of
from yxnlp.extract.entities.names import (
    cue_of,
    cue_type,
    leading_company,
    place_chain_before,
    places_in,
    starts_with_place,
)
from yxnlp.extract.entities.words import (
    common_word,
    cut_left,
    ordinary_words,
    run_left,
    strip_generic,
)

_COUNT_AFTER = re.compile(  # 产业园3个, 园区十余个 (a count after the cue: not a name)
    r"\s*(?:[\d.]+(?:余|多)?(?:个|家|处|项|座|条|户)?"
    r"|[一二三四五六七八九十两几]+(?:余|多)?(?:个|家|处|项|座|条|户))"
)
_HEADING_MARK = re.compile(r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])")


def find_projects(text: str) -> Iterator[Candidate]:
    """Named projects, parks, bases and platforms (longest span ending in a cue word).

    >>> [c.text for c in find_projects("加快推进湖州南太湖新区长田漾产业园、安吉绿色家居产业基地和德清地信小镇孵化中心建设,新开工项目12个")]
    ['湖州南太湖新区长田漾产业园', '安吉绿色家居产业基地', '德清地信小镇孵化中心']
    """
    r = rules()
    cfg = r.project
    chars = cfg.name_chars
    conj = tuple(cfg.conjunctions)
    cues = r.project_cues_longest_first
    description = re.compile(cfg.description_before)
    left = tuple(b for b in r.project_left if b not in conj)
    class_before = max(map(len, cfg.class_before), default=0)
    seen: set[tuple[int, int]] = set()
    for m in r.cue_re.finditer(text):
        end = m.end()
        if _COUNT_AFTER.match(text, end) and _COUNT_AFTER.match(text, end).end() > end:  # type: ignore[union-attr]
            continue
        if m.start() > 0 and text[m.start() - 1] in cfg.not_after.get(m.group(), ""):
            continue
        start = run_left(text, m.start(), chars, cfg.max_len)
        run = text[start : m.start()]
        cut = cut_left(run, left)
        legal = next((f for f in r.legal_re.finditer(run) if f.start() < cut < f.end()), None)
        if legal:  # a cut inside 有限公司 (有 is a boundary word): keep the firm's whole name
            cut = cut_left(run[: legal.start()], r.company_left, keep=2)
        for c in conj:
            i = run.rfind(c, cut)
            while i >= 0:
                if any(run[:i].endswith(q) for q in cues) or place_chain_before(run, i) < i:
                    cut = max(cut, i + len(c))
                    break
                i = run.rfind(c, cut, i)
        start += cut
        while start < m.start() and text[start] in ")）":
            start += 1
        start += _after_conjunction(text[start : m.start()])
        mark = _HEADING_MARK.match(text, start, m.start())
        if mark:  # (一)城东工业园: a heading's number is not part of the name
            start = mark.end()
        if r.project_designated_re.search(text, start, m.start()):
            continue  # 某经济技术开发区国家级零碳园区: the zone, then what it was designated
        if description.search(text, max(0, start - 16), start):
            continue  # 成为全国重要的光伏产业基地: what a place is, not a project's name
        name = text[start:end]
        core = text[start : m.start()]
        core = re.sub(r"^(?:\d{4}年)", "", core)
        if len(strip_generic(core, r.project_generic)) < 2:
            continue
        if re.match(r"[\d.]", core) or re.search(r"\d+(?:余|多)?[个家大]", core):
            continue
        if core.endswith(conj):  # 零碳工厂和园区: a coordination, not a name
            continue
        kind = cfg.type_by_cue[m.group()]
        before = text[max(0, start - class_before) : start]  # enough for a_class_of_sites
        if kind in ("park", "base") and a_class_of_sites(before, core):
            continue
        if m.group() == "项目" and not named_project(name):
            continue
        if kind == "platform" and m.group() not in cfg.distinctive_cues:
            if not starts_with_place(name) and not leading_company(name):
                continue
        for s, e in _split_project(text, start, end):
            if (s, e) not in seen:
                seen.add((s, e))
                yield Candidate("PROJECT", s, e, text[s:e], f"rule:cue_{cue_type(text[s:e])}")


def _after_conjunction(run: str) -> int:
    """Offset after the last conjunction the segmenter reads in ``run`` (某城市和甲基地: the
    name is 甲基地), 0 if none; 和 inside a word (和田, 和平) is not one.

    >>> _after_conjunction("节点城市和满洲里"), _after_conjunction("和田")
    (5, 0)
    """
    conjunctions = rules().project.conjunctions
    if not any(c in run for c in conjunctions):
        return 0
    at, cut = 0, 0
    for word, flag in tagged(run):
        at += len(word)
        if flag == "c" and word in conjunctions:
            cut = at
    return cut if len(run) - cut >= 2 else 0


def named_project(name: str) -> bool:
    """A plain …项目 names a project when it carries a place, a company, a location tag, a
    capacity (年产…) or an inner park/base with a specific core."""
    r = rules()
    if re.search("[(（][^)）]{2,6}[)）]|年产|年处理|年加工", name):
        return True
    if leading_company(name) or any(p in name for p in places_in(name)):
        return True
    for cue in r.project.inner_cues:
        i = name.find(cue)
        if i >= 2 and len(strip_generic(name[:i], r.project_generic)) >= 2:
            return True
    return False


def a_class_of_sites(before: str, core: str) -> bool:
    """A park or base opened by a plural word (一批) is a class of sites, not one site; so is
    one named by common words only when a class word opens it, it joins two kinds, or a goal
    verb or a list's 等 comes before it.

    >>> a_class_of_sites("加强", "大型煤炭"), a_class_of_sites("加强", "能源和重要原材料")
    (True, True)
    >>> a_class_of_sites("加快打造", "绿色化工新材料"), a_class_of_sites("加快建设", "家具")
    (True, False)
    >>> a_class_of_sites("建设", "高技术"), a_class_of_sites("", "一批爱国主义教育")
    (True, True)
    """
    cfg = rules().project
    if core.startswith(cfg.plural_words):
        return True
    opened = next((w for w in cfg.class_words if core.startswith(w)), "")
    parts = re.split("|".join(c for c in cfg.conjunctions), core[len(opened) :])
    if not all(ordinary_words(p) for p in parts if p):
        return False
    return bool(opened) or len(parts) > 1 or before.endswith(cfg.class_before)


def named_by_common_words(name: str) -> bool:
    """A park's or base's name made of dictionary words only, none a place's, a person's or a
    firm's (商品粮基地, 生产制造基地, 服务贸易园区; not 常州循环经济产业园).

    >>> named_by_common_words("生产制造基地"), named_by_common_words("常州循环经济产业园")
    (True, False)
    >>> named_by_common_words("包头氢能装备制造产业园"), named_by_common_words("东航飞机维修基地")
    (False, False)
    """
    cue = cue_of(name)
    core = name[: len(name) - len(cue)]
    if cue_type(name) not in ("park", "base"):
        return False
    if not core:
        return True
    if places_in(name) or starts_with_place(name) or leading_company(name) or brand_run(core):
        return False
    words = words_of(core)
    return ordinary_words(core) and not any(
        (place_stem(w) and not common_word(w)) or firm_brand(w) for w in words
    )  # 资源 is also a county's stem: a common word is read as the word


def _split_project(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``X产业园Y集团年产…项目`` (a lost separator) at an inner cue followed by a company."""
    r = rules()
    name = text[start:end]
    for cue in r.project.split_before_company_after:
        i = name.find(cue)
        while 0 < i and i + len(cue) < len(name) - 2:
            rest = name[i + len(cue) :]
            if leading_company(rest):
                j = start + i + len(cue)
                return [(start, j), (j, end)]
            i = name.find(cue, i + 1)
    return [(start, end)]
