"""PLACE: gazetteer names (longest at each position, risky short names only on word
boundaries), short forms written without a suffix (苏州, 广东), named regions (长三角,
成渝地区双城经济圈), and after merging the short forms (柯桥 for 柯桥区) of places named in full."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

from yxnlp import datacache, gazetteer, jieba_dict
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import (
    prefix_index,
    province_short,
    ruler_candidates,
    rules,
    search_lines,
)
from yxnlp.extract.entities.dictionary import word_freq
from yxnlp.extract.entities.names import place_chain_before
from yxnlp.extract.entities.prefixes import PrefixIndex


def find_places(
    text: str,
    *,
    bounds: frozenset[int] | None = None,
    ruled: Sequence[Candidate] | None = None,
) -> Iterator[Candidate]:
    """Gazetteer names (longest at each position) and named regions.

    ``bounds`` are word boundaries (token starts and ends); a name must start and end on
    one unless it is a chain of names, so 示范县 does not yield 范县.

    >>> [c.text for c in find_places("浙江省湖州市安吉县递铺街道融入长三角一体化")]
    ['浙江省', '湖州市', '安吉县', '递铺街道', '长三角']
    """
    r = rules()
    n = len(text)
    prefixes = r.place_prefixes
    i = 0  # where the last name found ends: names do not overlap
    for s in _gazetteer_starts(text):
        if s < i:
            continue
        for k in prefixes[text[s : s + 2]]:
            name = text[s : s + k]
            if k > n - s or name not in r.places:
                continue
            if _risky_place(name) and (
                (bounds is not None and not _place_aligned(text, s, s + k, bounds))
                or word_freq(name) >= r.place.risky_word_freq
                or _common_stem(name)
            ):
                continue
            yield Candidate("PLACE", s, s + k, name, "rule:gazetteer")
            i = s + k
            break
    if bounds is not None:
        yield from _short_places(text, bounds)
    found = ruler_candidates(text) if ruled is None else ruled
    yield from (c for c in found if c.label == "PLACE")
    for m in search_lines(r.region_re, text, r.region_kind_re):
        head = m.group("head")
        for k in range(len(head) - 2, -1, -1):
            if head[k:] in r.place_stems or province_short(head[k:]):
                s = m.start() + k
                yield Candidate("PLACE", s, m.end(), text[s : m.end()], "rule:named_region")
                break


def _gazetteer_starts(text: str) -> list[int]:
    """The offsets where a gazetteer name can start, in order: its first three characters,
    or a whole name of two (某县).

    >>> _gazetteer_starts("服务湖州"), _gazetteer_starts("融入湖州市安吉县")  # 吉县 is one
    ([], [2, 5, 6])
    """
    longer, two = _gazetteer_index()
    return sorted({*longer.starts(text), *two.starts(text)})


@functools.cache
@datacache.disk_cached("gazetteer-prefixes")
def _gazetteer_index() -> tuple[PrefixIndex, PrefixIndex]:
    """Where the gazetteer's names can start (kept on disk: 0.09 s to build at every start)."""
    names = [n for n in rules().places if 2 <= len(n) <= 12]  # the names of place_prefixes
    return (
        PrefixIndex([n for n in names if len(n) >= 3], width=3),
        PrefixIndex([n for n in names if len(n) == 2]),
    )


@functools.cache
@datacache.disk_cached("short-place-names")
def _short_place_names() -> dict[str, str]:
    """Province short names and city names without 市 that read as place names (jieba: ns)."""
    tag = jieba_dict.tag()
    g = gazetteer.load()
    ordinary = frozenset(rules().place.ordinary_city_stems)
    out: dict[str, str] = {}
    for alias, province in gazetteer.province_aliases().items():
        if len(alias) >= 2 and alias not in rules().places:
            out.setdefault(alias, province)
    for name in g.names():
        if not name.endswith("市") or len(name) < 3:
            continue
        if not any(d.level == "city" for d in g.divisions(name)):
            continue
        stem = name[:-1]
        words = tag(stem)
        if (len(words) == 1 and words[0][1] == "ns") or stem not in ordinary:
            out.setdefault(stem, name)
    return out


@functools.cache
def _short_index() -> tuple[dict[str, tuple[int, ...]], PrefixIndex]:
    """The short names' first two characters -> their lengths (longest first), and where
    one can start."""
    names = _short_place_names()
    return prefix_index(names), PrefixIndex(names)


def _short_places(text: str, bounds: frozenset[int]) -> Iterator[Candidate]:
    """Short place names written without their suffix (苏州, 广东), on word boundaries.

    >>> b = frozenset({0, 2, 3, 5, 7, 9})
    >>> [c.text for c in _short_places("苏州和无锡联合招商", b)]
    ['苏州', '无锡']
    """
    r = rules()
    names = _short_place_names()
    prefixes, index = _short_index()
    e = 0  # names do not overlap: the longest at the first place one starts, and so on
    for s in index.starts(text):
        if s < e:
            continue
        k = next((k for k in prefixes[text[s : s + 2]] if text[s : s + k] in names), 0)
        if not k:
            continue
        e, name = s + k, text[s : s + k]
        if s not in bounds or e not in bounds:
            continue
        if any(text[s : s + j] in r.places for j in range(k + 1, k + 4)):
            continue  # the full name (苏州市) is found by the gazetteer scan
        yield Candidate("PLACE", s, e, name, "rule:place_short")


def _place_aligned(text: str, start: int, end: int, bounds: frozenset[int]) -> bool:
    """A place name starts and ends on word boundaries, or touches another place name."""
    r = rules()
    ok_start = start in bounds or place_chain_before(text, start) < start
    ok_end = end in bounds or any(text[end : end + k] in r.places for k in range(2, 8))
    return ok_start and ok_end


def _common_stem(name: str) -> bool:
    """A township whose name is a frequent word plus 镇/乡 (中心镇, 重点镇)."""
    if {d.level for d in gazetteer.load().divisions(name)} != {"township"}:
        return False
    r = rules()
    stem = r.place_suffix.sub("", name)
    return len(stem) >= 2 and word_freq(stem) >= r.place.common_township_stem_freq


@functools.cache
def _risky_place(name: str) -> bool:
    """Township names and short county names, which are also parts of ordinary words."""
    levels = {d.level for d in gazetteer.load().divisions(name)}
    return not levels & {"province", "city"} and (len(name) <= 3 or levels == {"township"})


def places_in_parks(projects: Sequence[Candidate]) -> Iterator[Candidate]:
    """A township named without its suffix at the start of a park's name (甲桥工业园 for
    甲桥街道): parks are named after the town they are in. The stem must be a township's
    of the gazetteer and no dictionary word, so 城东工业园 (a direction) yields nothing.

    >>> p = Candidate("PROJECT", 0, 5, "狮岭工业园", "rule:cue_park")
    >>> [c.text for c in places_in_parks([p])]
    ['狮岭']
    """
    r = rules()
    townships = ("镇", "乡", "街道")
    for p in projects:
        if not p.source.startswith("rule:cue_park") or not p.text.endswith(("园", "园区")):
            continue  # a zone (葛店开发区) is a place-like unit of its own
        for n in (3, 2):
            stem = p.text[:n]
            if len(p.text) - n < 2 or not any(stem + t in r.places for t in townships):
                continue
            if word_freq(stem) < r.place.risky_word_freq and not stem.startswith(("城", "新")):
                yield Candidate("PLACE", p.start, p.start + n, stem, "rule:place_in_park")
            break
