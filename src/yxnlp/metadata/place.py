"""Where a report comes from when its title does not say: level cues, places in the body, zones.

A body name without a place (``区工信局``, ``市经信局``) or a cue such as ``在市委、市政府和县委的
坚强领导下`` (the innermost level named is the issuer's), ``我代表区人民政府`` or ``全县`` tells
the issuer's *level*; the places named in the opening paragraphs (full names, short city names
and province names from the gazetteer) tell *which* division of that level it is. Development and
high-tech zones (``高新区``) resolve to the zone the body names (``襄阳高新区``) and its parent.

>>> level_cue("2023年，在市委、市政府和县委的坚强领导下，全县经济稳中有进。", None)
('县', 'level:lead')
>>> d, rule = body_division("为建设现代化国际城市福州，推动鼓楼区数字经济发展。", "区")
>>> formal_name(d), rule
('福州市鼓楼区', 'region:body')
>>> zone, d = find_zone("高新区", "2023年，襄阳高新区坚持创新强区。")
>>> zone, formal_name(d)
('襄阳高新区', '襄阳市')
>>> complete_issuer("区工信局", d) is None, complete_issuer("市经信局", d)
(True, '襄阳市经信局')
"""

from __future__ import annotations

import functools
from collections import Counter

from yxnlp import gazetteer
from yxnlp.gazetteer import Division
from yxnlp.metadata.rules import config

_MIN_KEY = 2


@functools.cache
def _index() -> tuple[dict[str, tuple[Division, ...]], int]:
    """Names to look for in a body: provinces (and their short names), cities (and short
    names), counties; two-character full names (和县) and townships are too noisy and left out."""
    g = gazetteer.load()
    index: dict[str, list[Division]] = {}
    for name in g.names():
        for d in g.divisions(name):
            if d.level == "township":
                continue
            if len(name) >= gazetteer.MIN_SEARCH_LEN or d.level == "province":
                index.setdefault(name, []).append(d)  # 和县 is also 和 + 县委
            stems = [name.removesuffix("市")] if d.level == "city" else []
            if d.level == "province":
                stems = [name[:k] for k in (2, 3)]
            for stem in stems:
                hit = g.resolve(stem)
                if stem != name and len(stem) >= _MIN_KEY and hit is not None and hit.code == d.code:
                    index.setdefault(stem, []).append(d)
    out = {k: tuple(dict.fromkeys(v)) for k, v in index.items()}
    return out, max(map(len, out))


def mentions(text: str) -> list[tuple[int, tuple[Division, ...]]]:
    """Division names in ``text``, longest first at each position, with their candidates.

    >>> [(i, [d.code for d in ds]) for i, ds in mentions("山东烟台")]
    [(0, ['370000']), (2, ['370600'])]
    """
    index, longest = _index()
    out = []
    i = 0
    while i < len(text):
        for end in range(min(len(text), i + longest), i + _MIN_KEY - 1, -1):
            if (ds := index.get(text[i:end])) is not None:
                out.append((i, ds))
                i = end
                break
        else:
            i += 1
    return out


# -- level -------------------------------------------------------------------------------------
def level_cue(head: str, partial_issuer: str | None) -> tuple[str, str] | None:
    """(level word, rule): 省/市/区/县/旗/镇/乡 — whose division the report is about."""
    cfg = config()
    if partial_issuer and partial_issuer[0] in cfg.level_rank:
        return partial_issuer[0], "level:issuer"
    if (m := cfg.level_self.search(head)) is not None:
        return m["level"] or m["level2"], "level:self"
    if (m := cfg.level_lead.search(head)) is not None:
        words = [w["level"] for w in cfg.level_lead_word.finditer(m["span"])]
        if words:
            return max(words, key=lambda w: cfg.level_rank[w]), "level:lead"
    counts = Counter(m["level"] for m in cfg.level_whole.finditer(head))
    if counts:
        (level, n), *rest = counts.most_common()
        if n >= cfg.level_whole_min and (not rest or rest[0][1] < n):
            return level, "level:whole"
    return None


def fits(d: Division, level: str) -> bool:
    """True if ``d`` is a division of ``level`` (县 also takes 旗; 市 any city, even a county's)."""
    cfg = config()
    return d.level in cfg.level_divisions[level] and d.name.endswith(cfg.level_suffixes[level])


def _inside(d: Division, within: str | None) -> bool:
    return within is None or within in {a.code for a in gazetteer.load().lineage(d.code)}


# -- region from the body ----------------------------------------------------------------------
def body_division(head: str, level: str, *, within: str | None = None
                  ) -> tuple[Division, str] | None:
    """The division of ``level`` the opening paragraphs name most, or the one child of a named
    city whose stem they use (``奋力打造安吉样板`` under a named 湖州); ``None`` if unsure."""
    found = mentions(head)
    named = {d.code for _, ds in found for d in ds}
    counts: Counter[str] = Counter()
    by_code: dict[str, Division] = {}
    for _, ds in found:
        ok = [d for d in ds if fits(d, level) and _inside(d, within)]
        ok = [d for d in ok if _has_named_ancestor(d, named)] or ok
        if len(ok) == 1:
            counts[ok[0].code] += 1
            by_code[ok[0].code] = ok[0]
    if counts:
        ranked = counts.most_common()
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            return by_code[ranked[0][0]], "region:body"
        return None
    return _child_by_stem(head, level, named, within)


def _has_named_ancestor(d: Division, named: set[str]) -> bool:
    return any(a.code in named for a in gazetteer.load().lineage(d.code)[:-1])


def _child_by_stem(head: str, level: str, named: set[str], within: str | None
                   ) -> tuple[Division, str] | None:
    g = gazetteer.load()
    cfg = config()
    parents = {c for c in named if (d := g.get(c)) is not None and d.level == "city"}
    if within and (w := g.get(within)) is not None and w.level == "city":
        parents.add(within)
    hits = set()
    for parent in parents:
        for d in _children().get(parent, ()):
            if not fits(d, level):
                continue
            suffix = next(s for s in cfg.level_suffixes[level] if d.name.endswith(s))
            stem = d.name.removesuffix(suffix)
            if len(stem) >= _MIN_KEY and stem in head:
                hits.add(d)
    return (hits.pop(), "region:body_child_stem") if len(hits) == 1 else None


@functools.cache
def _children() -> dict[str, tuple[Division, ...]]:
    """County-level divisions by the code of their city."""
    out: dict[str, list[Division]] = {}
    for ds in _index()[0].values():
        for d in ds:
            if d.level == "county" and d.parent and d not in out.get(d.parent, []):
                out.setdefault(d.parent, []).append(d)
    return {k: tuple(v) for k, v in out.items()}


# -- zones -------------------------------------------------------------------------------------
def find_zone(issuer: str | None, head: str) -> tuple[str, Division] | None:
    """(zone name, parent division) for an issuer that is a development or high-tech zone."""
    cfg = config()
    if not issuer or (m := cfg.zone_regex.search(issuer)) is None:
        return None
    if m.start() > 0:
        div = _place(issuer[: m.start()])
        return (issuer[: m.end()], div) if div is not None else None
    for z in cfg.zone_regex.finditer(head):
        run = _cjk_run_before(head, z.start(), cfg.zone_prefix_chars)
        for k in [*range(len(run), 1, -1)]:
            if (div := _place(run[-k:])) is not None:
                return run[-k:] + z.group(), div
        for k in range(len(run) - 1, 1, -1):
            if (div := _place(run[:k])) is not None:
                return run + z.group(), div
    return None


def _cjk_run_before(text: str, end: int, limit: int) -> str:
    start = end
    while start > 0 and end - start < limit and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    return text[start:end]


def _place(text: str) -> Division | None:
    g = gazetteer.load()
    for name in (text, *(text + s for s in config().zone_place_suffixes)):
        region = g.resolve(name)
        if region is not None and region.code is not None and (d := g.get(region.code)):
            return d
    return None


# -- names -------------------------------------------------------------------------------------
def formal_name(d: Division) -> str:
    """The name a division's bodies use: districts with their city (福州市鼓楼区), else its own."""
    cfg = config()
    lineage = gazetteer.load().lineage(d.code)
    if len(lineage) >= 2 and d.level in ("county", "township") and (
            d.name.endswith(tuple(cfg.parent_prefix)) or d.level == "township"):
        return lineage[-2].name + d.name
    return d.name


def complete_issuer(partial: str, d: Division) -> str | None:
    """``区工信局`` + 鼓楼区 → ``福州市鼓楼区工信局``; ``None`` if the levels disagree."""
    cfg = config()
    level = partial[0]
    if level not in cfg.level_rank or not fits(d, level):
        return None
    return formal_name(d) + partial[1:]
