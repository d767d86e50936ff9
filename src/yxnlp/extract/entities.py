"""Entities: companies, projects (parks, bases, platforms), government bodies and places.

Two layers find candidate mentions in the masked text (furniture blanked, offsets kept):

- **rules** (source ``rule:<id>``): patterns and vocabularies in ``data/`` — place names
  from the administrative gazetteer and named regions (``entity_patterns.jsonl`` through a
  spaCy ``span_ruler`` over character tokens); government and party bodies
  (``org_patterns.json``: [place or level] + department + 局/委/厅…); projects, parks, bases
  and platforms (``project_cues.json``: the longest name ending in 项目/产业园/基地/孵化中心…);
  companies by shape (``company_suffixes.json``: core + legal form 集团/有限公司…, or a short
  core + industry word 科技/机械/药业…), and companies named at the start of a project name
  (``X集团年产…项目``, ``X(游仙)…项目``);
- **lists** (source ``list``): enumeration propagation — every item of ``A、B、C等N家企业``
  or ``A、B等企业诉求`` is a company, even without a suffix; in ``A、B等项目`` the items that
  are not project names are companies standing in for their projects;
- **ner** (source ``ner``): the shipped spaCy model (:mod:`yxnlp.extract.ner`), COMPANY and ORG
  only, its spans passed through the same validity checks as rule candidates.

Merging precedence: rule > list > ner; among overlapping candidates of one precedence the
longest span wins. Nesting is allowed where names nest in Chinese: a PLACE inside any name, a
COMPANY inside a PROJECT (its owner). Mentions are then grouped into entities per label by
canonicalisation rules (see :func:`canonical_groups`): a company's short form and full form
(prefix + legal form or group word: 兴事发 → 兴事发集团, but 兴事发门窗 stays apart), a place
prefix; a body's level and abbreviation (区工信局 = 绵阳市游仙区工业和信息化局, 我局 = the
issuer); a place's short form (游仙 → 游仙区); a project's 园/基地/园项目 variants and one-char
typos of a long core. Projects get ``attributes`` type, owner, investment and status.

>>> from yxnlp.pipeline import analyse
>>> from yxnlp.ingest import from_text
>>> a = analyse(from_text("一、概况\\n支持华强科技、永盛机械等3家企业入驻临安区青山湖科技城产业园。", name="t"))
>>> sorted((e.label, e.canonical) for e in extract_entities(a, use_ner=False))
[('COMPANY', '华强科技'), ('COMPANY', '永盛机械'), ('PLACE', '临安区'), ('PROJECT', '临安区青山湖科技城产业园')]
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from yxnlp import gazetteer
from yxnlp.record import Entity, Label, Mention

if TYPE_CHECKING:
    from spacy.language import Language

    from yxnlp.pipeline import Analysis

HAN = "\u4e00-\u9fff"
_PRIORITY = {"rule": 3, "list": 2, "ner": 1}
#: (inner, outer) label pairs that may nest: a place inside any name, a company in a project.
_NESTING = {
    ("PLACE", "ORG"),
    ("PLACE", "PROJECT"),
    ("PLACE", "COMPANY"),
    ("COMPANY", "PROJECT"),
    ("ORG", "PROJECT"),
}


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


# -- data -------------------------------------------------------------------------------------


def _load_json(name: str) -> Any:
    return json.loads(resources.files("yxnlp.data").joinpath(name).read_text("utf-8"))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Rules:
    place: dict[str, Any]
    place_suffix: re.Pattern[str]
    company: dict[str, Any]
    org: dict[str, Any]
    project: dict[str, Any]
    status: dict[str, Any]
    legal_re: re.Pattern[str]
    industry_re: re.Pattern[str]
    company_left: tuple[str, ...]
    generic_cores: tuple[str, ...]
    org_core_re: re.Pattern[str]
    org_body_re: re.Pattern[str]
    cue_re: re.Pattern[str]
    project_left: tuple[str, ...]
    project_generic: tuple[str, ...]
    enum_company_re: re.Pattern[str]
    enum_project_re: re.Pattern[str]
    region_re: re.Pattern[str]
    places: frozenset[str]
    place_stems: dict[str, str]
    status_rules: tuple[tuple[str, str, re.Pattern[str]], ...] = field(default=())
    #: first two characters of a gazetteer name -> the lengths (2..12) of names starting so
    place_prefixes: dict[str, tuple[int, ...]] = field(default_factory=dict)




@functools.cache
def rules() -> _Rules:
    """All rule data, compiled once."""
    company = _load_json("company_suffixes.json")
    org = _load_json("org_patterns.json")
    project = _load_json("project_cues.json")
    status = _load_json("project_status.json")
    place = _load_json("place_rules.json")
    place_suffix, not_place = re.compile(place["suffix"]), re.compile(place["not_place"])
    enum = company["enumeration"]
    item = f"[{HAN}A-Za-z0-9()（）]{{2,{enum['max_item']}}}"
    items = f"(?P<items>{item}(?:[、，,和及与]{item})*)"
    gz = gazetteer.load()
    places = frozenset(
        n
        for n in gz.names()
        if (len(n) >= 3 or n.endswith(("县", "省")))
        and place_suffix.search(n)
        and not not_place.search(n)
    )
    stems: dict[str, str] = {}
    rank = {"province": 0, "city": 1, "county": 2}
    # a stem shared by several names (吉林省/吉林市, 安阳市/安阳县) stands for the highest level
    for n in sorted(places, key=lambda n: (min(rank.get(d.level, 3) for d in gz.divisions(n)), n)):
        levels = {d.level for d in gz.divisions(n)}
        m = re.match(f"^([{HAN}]{{2,}}?)(?:省|市|区|县|自治州)$", n)
        if m and levels & {"province", "city"}:
            stems.setdefault(m.group(1), n)
        elif m and "county" in levels and _word_freq(m.group(1)) < place["county_stem_max_freq"]:
            stems.setdefault(m.group(1), n)
    return _Rules(
        place=place,
        place_suffix=place_suffix,
        company=company,
        org=org,
        project=project,
        status=status,
        legal_re=re.compile(_alternation(company["legal_forms"])),
        industry_re=re.compile(_alternation(company["industry_words"])),
        company_left=tuple(sorted(company["left_boundaries"], key=len, reverse=True)),
        generic_cores=tuple(sorted(company["generic_cores"], key=len, reverse=True)),
        org_core_re=re.compile(
            f"(?P<core>{_alternation(org['cores'])})(?P<suffix>{_alternation(org['suffixes'])})"
        ),
        org_body_re=re.compile(
            f"(?P<level>{_alternation(org['levels'])})(?P<body>{_alternation(org['level_bodies'])})"
        ),
        cue_re=re.compile(_alternation(project["type_by_cue"])),
        project_left=tuple(sorted(project["left_boundaries"], key=len, reverse=True)),
        project_generic=tuple(sorted(project["generic_words"], key=len, reverse=True)),
        enum_company_re=re.compile(
            items + "等(?P<head>" + "|".join(enum["company_heads"]) + ")"
        ),
        enum_project_re=re.compile(items + "等(?P<head>" + "|".join(enum["project_heads"]) + ")"),
        region_re=re.compile(
            f"(?P<head>[{HAN}]{{2,4}}?)(?:地区)?(?:双城)?(?P<kind>经济圈|城市群|都市圈|经济带|经济区)"
        ),
        places=places,
        place_stems=stems,
        status_rules=tuple(
            (r["status"], r["where"], re.compile(r["pattern"])) for r in status["rules"]
        ),
        place_prefixes=_prefix_index(places),
    )


def _prefix_index(names: Iterable[str], *, longest: int = 12) -> dict[str, tuple[int, ...]]:
    """First two characters -> lengths of the names that start with them, longest first.

    >>> _prefix_index(["湖州市", "湖州", "安吉县"])
    {'湖州': (3, 2), '安吉': (3,)}
    """
    out: dict[str, set[int]] = {}
    for n in names:
        if 2 <= len(n) <= longest:
            out.setdefault(n[:2], set()).add(len(n))
    return {k: tuple(sorted(v, reverse=True)) for k, v in out.items()}


@functools.cache
def _region_names() -> frozenset[str]:
    path = resources.files("yxnlp.data").joinpath("entity_patterns.jsonl")
    rows = [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    return frozenset(r["pattern"] for r in rows if r["label"] == "PLACE")


@functools.cache
def span_ruler() -> Language:
    """A character-tokenised spaCy pipeline with a ``span_ruler`` over ``entity_patterns.jsonl``."""
    import spacy

    nlp = spacy.blank("zh")  # the default Chinese segmenter is "char"
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "rules", "validate": True})
    path = resources.files("yxnlp.data").joinpath("entity_patterns.jsonl")
    patterns = [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


@functools.lru_cache(maxsize=2)
def ruler_candidates(text: str) -> tuple[Candidate, ...]:
    """Phrase-pattern matches of ``entity_patterns.jsonl`` (run once per text).

    >>> [(c.label, c.text) for c in ruler_candidates("落实国务院部署,融入长三角")]
    [('ORG', '国务院'), ('PLACE', '长三角')]
    """
    doc = span_ruler()(text)
    return tuple(
        Candidate(span.label_, span.start_char, span.end_char, span.text, f"rule:{span.id_}")
        for span in doc.spans["rules"]
    )


# -- small helpers ----------------------------------------------------------------------------


def strip_generic(core: str, words: tuple[str, ...]) -> str:
    """What remains of ``core`` after removing generic words, counts and years from its front.

    >>> w = ("重点", "工业", "项目")
    >>> strip_generic("2021年重点工业", w), strip_generic("30余个重点", w), strip_generic("激光产业", w)
    ('', '', '激光产业')
    """
    s = core
    while s:
        m = re.match(
            r"[\d.]+(?:余|多)?(?:年|月|个|项|家|户|大|批|级|类)?"
            r"|[一二三四五六七八九十两几]+(?:个|项|大|批|级|类|轮|次|代|流)",
            s,
        )
        if m and m.end() > 0:
            s = s[m.end() :]
            continue
        for w in words:
            if s.startswith(w):
                s = s[len(w) :]
                break
        else:
            break
    return s


def _is_generic(core: str, words: tuple[str, ...]) -> bool:
    return not strip_generic(core, words)


def cut_left(run: str, boundaries: tuple[str, ...], *, keep: int = 0) -> int:
    """Offset in ``run`` after the rightmost boundary word (before ``len(run) - keep``).

    >>> cut_left("积极支持华强科技", ("支持", "积极"))
    4
    >>> cut_left("华强科技", ("支持",))
    0
    """
    best = 0
    limit = len(run) - keep
    for w in boundaries:
        i = run.rfind(w, 0, limit)
        while i >= 0 and i + len(w) > limit:
            i = run.rfind(w, 0, i)
        if i >= 0:
            best = max(best, i + len(w))
    return best


def _run_left(text: str, end: int, chars: str, max_len: int) -> int:
    """Start of the run of ``chars`` ending at ``end`` (stops at an unmatched '(')."""
    pat = re.compile(chars)
    i = end
    depth = 0
    while i > 0 and end - i < max_len and pat.match(text[i - 1]):
        c = text[i - 1]
        if c in ")）":
            depth += 1
        elif c in "(（":
            if depth == 0:
                break
            depth -= 1
        i -= 1
    return i


def _place_at(text: str, start: int, end: int) -> bool:
    r = rules()
    return text[start:end] in r.places or text[start:end] in r.place_stems


def _starts_with_place(name: str) -> str | None:
    r = rules()
    for n in range(min(len(name), 12), 1, -1):
        if name[:n] in r.places or name[:n] in r.place_stems:
            return name[:n]
    return None


def _place_chain_before(text: str, end: int) -> int:
    """Start of the longest chain of gazetteer names ending at ``end`` (``end`` if none)."""
    r = rules()
    pos = end
    while True:
        for n in range(min(12, pos), 1, -1):
            if text[pos - n : pos] in r.places:
                pos -= n
                break
        else:
            return pos


# -- places -----------------------------------------------------------------------------------


def find_places(text: str, *, bounds: frozenset[int] | None = None) -> Iterator[Candidate]:
    """Gazetteer names (longest at each position) and named regions.

    ``bounds`` are word boundaries (token starts and ends); a name must start and end on
    one unless it is a chain of names, so 示范县 does not yield 范县.

    >>> [c.text for c in find_places("浙江省湖州市安吉县递铺街道融入长三角一体化")]
    ['浙江省', '湖州市', '安吉县', '递铺街道', '长三角']
    """
    r = rules()
    i = 0
    n = len(text)
    prefixes = r.place_prefixes
    while i < n:
        for k in prefixes.get(text[i : i + 2], ()):
            name = text[i : i + k]
            if k > n - i or name not in r.places:
                continue
            if _risky_place(name) and (
                (bounds is not None and not _place_aligned(text, i, i + k, bounds))
                or _word_freq(name) >= r.place["risky_word_freq"]
                or _common_stem(name)
            ):
                continue
            yield Candidate("PLACE", i, i + k, name, "rule:gazetteer")
            i += k
            break
        else:
            i += 1
    if bounds is not None:
        yield from _short_places(text, bounds)
    yield from (c for c in ruler_candidates(text) if c.label == "PLACE")
    for m in r.region_re.finditer(text):
        head = m.group("head")
        for k in range(len(head) - 2, -1, -1):
            if head[k:] in r.place_stems or _province_short(head[k:]):
                s = m.start() + k
                yield Candidate("PLACE", s, m.end(), text[s : m.end()], "rule:named_region")
                break


@functools.cache
def _short_place_names() -> dict[str, str]:
    """Province short names and city names without 市 that read as place names (jieba: ns)."""
    import jieba.posseg

    from yxnlp.segment import load_tokenizer

    load_tokenizer("jieba")
    g = gazetteer.load()
    out: dict[str, str] = {}
    data = _load_gazetteer_json("provinces_31.json")
    for p in data:
        for alias in [p["short_name"], *p["aliases"]]:
            if len(alias) >= 2 and alias not in rules().places:
                out.setdefault(alias, p["province"])
    for name in g.names():
        if not name.endswith("市") or len(name) < 3:
            continue
        if not any(d.level == "city" for d in g.divisions(name)):
            continue
        stem = name[:-1]
        words = list(jieba.posseg.cut(stem))
        if len(words) == 1 and words[0].flag == "ns":
            out.setdefault(stem, name)
    return out


def _load_gazetteer_json(name: str) -> Any:
    return json.loads(resources.files("yxnlp.data").joinpath("gazetteer", name).read_text("utf-8"))


def _short_places(text: str, bounds: frozenset[int]) -> Iterator[Candidate]:
    """Short place names written without their suffix (苏州, 广东), on word boundaries.

    >>> b = frozenset({0, 2, 3, 5, 7, 9})
    >>> [c.text for c in _short_places("苏州和无锡联合招商", b)]
    ['苏州', '无锡']
    """
    names = _short_place_names()
    pattern = re.compile(_alternation(names))
    r = rules()
    for m in pattern.finditer(text):
        s, e = m.span()
        if s not in bounds or e not in bounds:
            continue
        if any(text[s : s + k] in r.places for k in range(len(m.group()) + 1, len(m.group()) + 4)):
            continue  # the full name (苏州市) is found by the gazetteer scan
        yield Candidate("PLACE", s, e, m.group(), "rule:place_short")


def _place_aligned(text: str, start: int, end: int, bounds: frozenset[int]) -> bool:
    """A place name starts and ends on word boundaries, or touches another place name."""
    r = rules()
    ok_start = start in bounds or _place_chain_before(text, start) < start
    ok_end = end in bounds or any(text[end : end + k] in r.places for k in range(2, 8))
    return ok_start and ok_end


def _common_stem(name: str) -> bool:
    """A township whose name is a frequent word plus 镇/乡 (中心镇, 重点镇)."""
    if {d.level for d in gazetteer.load().divisions(name)} != {"township"}:
        return False
    r = rules()
    stem = r.place_suffix.sub("", name)
    return len(stem) >= 2 and _word_freq(stem) >= r.place["common_township_stem_freq"]


@functools.cache
def _risky_place(name: str) -> bool:
    """Township names and short county names, which are also parts of ordinary words."""
    levels = {d.level for d in gazetteer.load().divisions(name)}
    return not levels & {"province", "city"} and (len(name) <= 3 or levels == {"township"})


def _common_word(word: str) -> bool:
    """A frequent dictionary word (jieba's frequency table), such as 小城镇 or 重大."""
    return _word_freq(word) >= int(rules().company["common_word_freq"])


@functools.lru_cache(maxsize=65536)
def _word_freq(word: str) -> int:
    from yxnlp.segment import load_tokenizer

    load_tokenizer("jieba")
    import jieba

    freq: int = jieba.dt.FREQ.get(word, 0)
    return freq


@functools.lru_cache(maxsize=65536)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``jieba.posseg`` words and tags of a short string, with the domain dictionary loaded
    (cached: the same cores are checked by several rules and recur across a report)."""
    from yxnlp.segment import load_tokenizer

    load_tokenizer("jieba")
    import jieba.posseg

    return tuple((w.word, w.flag) for w in jieba.posseg.cut(text))


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    """``jieba.cut`` words of a short string (cached like :func:`_tagged`)."""
    from yxnlp.segment import load_tokenizer

    load_tokenizer("jieba")
    import jieba

    return tuple(jieba.cut(text))


def _name_like(core: str) -> bool:
    """A short company core reads as a made-up name, not as words: unknown to the
    dictionary, a rare proper noun, or single characters (久红, 燊达).

    >>> _name_like("华茂"), _name_like("畜禽"), _name_like("陕南"), _name_like("南宁国际")
    (True, False, False, False)
    """
    words = _tagged(core)

    def rare(w: str, f: str) -> bool:
        freq = _word_freq(w)
        limit = rules().company["proper_name_max_freq"]
        return (freq == 0 and f[:1] not in {"v", "a", "d", "m"}) or (f in _PROPER and freq < limit)

    if len(words) == 1:
        return rare(*words[0])
    return all(len(w) == 1 or rare(w, f) for w, f in words)


def _verb_phrase(item: str) -> bool:
    """Several words led by a verb, adverb or preposition (加强粮食, 使工业)."""
    words = _tagged(item)
    return len(words) > 1 and words[0][1][:1] in {"v", "d", "p", "c"}


def _all_common(core: str) -> bool:
    """Every word of ``core`` is a frequent dictionary word (信托, 资产管理, 工程承包)."""
    words = _words(core)
    return all(len(w) >= 2 and _common_word(w) for w in words)


_PROPER = {"nr", "nrt", "nrfg", "ns", "nz", "nt"}


def _proper_name(item: str) -> bool:
    """Every word is tagged as a proper noun or is unknown to the dictionary (五洲新春)."""
    words = _tagged(item)
    return all(f in _PROPER or _word_freq(w) == 0 for w, f in words)


def _core_looks_generic(core: str, *, lax: bool = False) -> bool:
    """A short-form company core that reads as ordinary words (verb/adverb first, all common).

    >>> _core_looks_generic("加强粮食"), _core_looks_generic("重大"), _core_looks_generic("瑞丰")
    (True, True, False)
    """
    words = _tagged(core)
    if not words:
        return True
    first, flag = words[0]
    if lax:  # a name with a legal form or in a list of companies: only verb-first phrases
        return len(first) >= 2 and flag[:1] in {"v", "d", "p", "c"}
    if _common_word(core):
        return True
    if len(first) >= 2 and flag[:1] in {"v", "d", "a", "p", "m", "t", "b", "j", "c", "r", "f"}:
        return True
    if len(words) == 1:
        return False
    if any(f[:1] in {"p", "u", "c", "f", "m", "q"} for _, f in words):
        return True
    if words[-1][1] == "v" and len(words[-1][0]) >= 2:
        return True
    return len(first) >= 2 and _common_word(first)


@functools.cache
def _province_shorts() -> frozenset[str]:
    data = json.loads(
        resources.files("yxnlp.data").joinpath("gazetteer", "provinces_31.json").read_text("utf-8")
    )
    return frozenset(a for p in data for a in [p["short_name"], *p["aliases"]])


def _province_short(s: str) -> bool:
    return s in _province_shorts()


# -- government bodies ------------------------------------------------------------------------



def find_orgs(text: str) -> Iterator[Candidate]:
    """Government and party bodies: [place|level] + department + suffix, level bodies, names.

    >>> [c.text for c in find_orgs("在县委县政府领导下,由我局牵头,会同市发展改革委和农业局开展")]
    ['县委', '县政府', '我局', '市发展改革委', '农业局']
    """
    r = rules()
    found: list[Candidate] = []
    levels = sorted(r.org["levels"], key=len, reverse=True)
    ok_before = set("在由和与及、,，。;；:：(（“\"的对向经从 \n") | {""}

    def prefix_start(pos: int) -> int | None:
        chain = _place_chain_before(text, pos)
        if chain < pos:
            return chain
        for lv in levels:
            if text.startswith(lv, pos - len(lv)) and pos - len(lv) >= 0:
                s = pos - len(lv)
                before = text[s - 1] if s > 0 else ""
                if before in ok_before or any(c.end == s for c in found):
                    return s
                if text.endswith(r.company_left + r.project_left, 0, s):
                    return s
                return None
        return pos

    for m in r.org_body_re.finditer(text):
        s = prefix_start(m.start("body"))
        if s is None or s == m.start("body"):
            continue
        end = m.end()
        if text[end : end + 1] and m.group("body") == "委" and text[end] in "员托":
            continue
        found.append(Candidate("ORG", s, end, text[s:end], "rule:level_body"))
    for m in r.org_core_re.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        if nxt and nxt in r.org["bad_next_char"].get(m.group("suffix"), ""):
            continue
        if text[m.end() : m.end() + 2] in r.org["not_org_followers"]:
            continue
        s = prefix_start(m.start())
        if s is None:
            continue
        if s == m.start():
            before = text[s - 1] if s > 0 else ""
            boundary = text.endswith(r.company_left + r.project_left, 0, s)
            if before not in ok_before and re.match(f"[{HAN}]", before) and not boundary:
                continue
        found.append(Candidate("ORG", s, m.end(), text[s : m.end()], "rule:department"))
    for ref in r.org["self_references"]:
        for m in re.finditer(re.escape(ref), text):
            found.append(Candidate("ORG", m.start(), m.end(), ref, "rule:self_reference"))
    found += [c for c in ruler_candidates(text) if c.label == "ORG"]
    found.sort(key=lambda c: c.start)
    yield from found


# -- projects ---------------------------------------------------------------------------------


def _cue_type(name: str) -> str:
    cues = rules().project["type_by_cue"]
    for cue in sorted(cues, key=len, reverse=True):
        if name.endswith(cue):
            return str(cues[cue])
    return "project"


_COUNT_AFTER = re.compile(r"\s*(?:[\d.]+|[一二三四五六七八九十两几]+)(?:余|多)?(?:个|家|处|项|座|条|户)?")


def find_projects(text: str) -> Iterator[Candidate]:
    """Named projects, parks, bases and platforms (longest span ending in a cue word).

    >>> [c.text for c in find_projects("加快推进湖州南太湖新区长田漾产业园、安吉绿色家居产业基地和德清地信小镇孵化中心建设,新开工项目12个")]
    ['湖州南太湖新区长田漾产业园', '安吉绿色家居产业基地', '德清地信小镇孵化中心']
    """
    r = rules()
    cfg = r.project
    chars = cfg["name_chars"]
    conj = tuple(cfg["conjunctions"])
    cues = sorted(cfg["type_by_cue"], key=len, reverse=True)
    seen: set[tuple[int, int]] = set()
    for m in r.cue_re.finditer(text):
        end = m.end()
        if _COUNT_AFTER.match(text, end) and _COUNT_AFTER.match(text, end).end() > end:  # type: ignore[union-attr]
            continue
        if m.start() > 0 and text[m.start() - 1] in cfg["not_after"].get(m.group(), ""):
            continue
        start = _run_left(text, m.start(), chars, cfg["max_len"])
        run = text[start : m.start()]
        cut = cut_left(run, tuple(b for b in r.project_left if b not in conj))
        for c in conj:
            i = run.rfind(c, cut)
            while i >= 0:
                if any(run[:i].endswith(q) for q in cues) or _place_chain_before(run, i) < i:
                    cut = max(cut, i + len(c))
                    break
                i = run.rfind(c, cut, i)
        start += cut
        while start < m.start() and text[start] in ")）":
            start += 1
        name = text[start:end]
        core = text[start : m.start()]
        core = re.sub(r"^(?:\d{4}年)", "", core)
        if len(strip_generic(core, r.project_generic)) < 2:
            continue
        if re.match(r"[\d.]", core) or re.search(r"\d+(?:余|多)?[个家大]", core):
            continue
        if core.endswith(conj):  # 零碳工厂和园区: a coordination, not a name
            continue
        kind = cfg["type_by_cue"][m.group()]
        if m.group() == "项目" and not _named_project(name):
            continue
        if kind == "platform" and m.group() not in cfg["distinctive_cues"]:
            if not _starts_with_place(name) and not _leading_company(name):
                continue
        for s, e in _split_project(text, start, end):
            if (s, e) not in seen:
                seen.add((s, e))
                yield Candidate("PROJECT", s, e, text[s:e], f"rule:cue_{_cue_type(text[s:e])}")


def _named_project(name: str) -> bool:
    """A plain …项目 names a project when it carries a place, a company, a location tag, a
    capacity (年产…) or an inner park/base with a specific core."""
    r = rules()
    if re.search("[(（][^)）]{2,6}[)）]|年产|年处理|年加工", name):
        return True
    if _leading_company(name) or any(p in name for p in _places_in(name)):
        return True
    for cue in r.project["inner_cues"]:
        i = name.find(cue)
        if i >= 2 and len(strip_generic(name[:i], r.project_generic)) >= 2:
            return True
    return False


def _places_in(name: str) -> list[str]:
    r = rules()
    return [
        name[i : i + k]
        for i in range(len(name))
        for k in range(3, min(12, len(name) - i) + 1)
        if name[i : i + k] in r.places
    ]


def _split_project(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``X产业园Y集团年产…项目`` (a lost separator) at an inner cue followed by a company."""
    r = rules()
    name = text[start:end]
    for cue in r.project["split_before_company_after"]:
        i = name.find(cue)
        while 0 < i and i + len(cue) < len(name) - 2:
            rest = name[i + len(cue) :]
            if _leading_company(rest):
                j = start + i + len(cue)
                return [(start, j), (j, end)]
            i = name.find(cue, i + 1)
    return [(start, end)]


def _leading_company(name: str) -> str | None:
    """A company named at the start of a project name.

    >>> _leading_company("华联集团年产5万吨饲料项目"), _leading_company("金丰科技(吴兴)智能制造项目")
    ('华联集团', '金丰科技')
    >>> _leading_company("浙江福莱新材料产业园"), _leading_company("激光产业园")
    ('浙江福莱', None)
    """
    r = rules()
    m = re.match(f"^([{HAN}]{{2,10}}?)[(（][{HAN}]{{2,4}}[)）]", name)
    if m and _company_core_ok(_core_of(m.group(1))) and not _core_looks_generic(m.group(1), lax=True):
        if not _common_word(m.group(1)):
            return m.group(1)
    m = re.match(f"^[{HAN}]{{2,12}}?(?:{r.legal_re.pattern})", name)
    if m and _company_core_ok(_core_of(m.group())):
        return m.group()
    place = _starts_with_place(name)
    if (place and _province_short(place.rstrip("省"))) or place in _province_names():
        rest = name[len(place) :]
        core = rest[:2]
        if (
            len(rest) > 4
            and re.match(f"[{HAN}]{{2}}", core)
            and not r.industry_re.match(core)
            and not _is_generic(core, r.generic_cores)
            and not _is_generic(core, r.project_generic)
            and not rest.startswith(tuple(r.org["cores"]))
        ):
            return place + core
    return None


@functools.cache
def _province_names() -> frozenset[str]:
    return frozenset(d.name for d in _provinces())


def _provinces() -> list[gazetteer.Division]:
    g = gazetteer.load()
    return [d for n in g.names() for d in g.divisions(n) if d.level == "province"]


# -- companies --------------------------------------------------------------------------------


def _core_of(name: str) -> str:
    r = rules()
    m = re.search(f"(?:{r.legal_re.pattern})$", name)
    core = name[: m.start()] if m else name
    place = _starts_with_place(core)
    if place and len(core) - len(place) >= 2:
        core = core[len(place) :]
    return core


def _company_core_ok(core: str) -> bool:
    r = rules()
    if len(core) < 2 or len(core) > 12 or core[0] in "型化性类级等之" or core[-1] in "性型式":
        return False
    if core.endswith(("地区", "流域", "区域")):
        return False
    if core in r.places or core in r.place_stems or core in _region_names():
        return False
    return not _is_generic(core, r.generic_cores)


def find_companies(text: str) -> Iterator[Candidate]:
    """Companies by shape: core + legal form, or a short core + industry word.

    >>> [c.text for c in find_companies("协调解决华茂机械配套问题,向宏达集团拨付资金")]
    ['宏达集团', '华茂机械']
    """
    r = rules()
    out: list[Candidate] = []
    name_chars = f"[{HAN}A-Za-z()（）]"
    legal_matches = [m for m in r.legal_re.finditer(text) if m.group()]
    bad_next: dict[str, str] = r.company["legal_forms_bad_next"]
    bad_core: dict[str, list[str]] = r.company["legal_form_bad_core_endings"]
    for m in legal_matches:
        nxt = text[m.end() : m.end() + 1]
        if nxt and (r.legal_re.match(text, m.end()) or nxt in bad_next.get(m.group(), "")):
            continue
        start = _run_left(text, m.start(), name_chars, 20)
        if start > 0 and text[start - 1].isdigit():
            continue
        run = text[start : m.start()]
        start += cut_left(run, r.company_left)
        core = _core_of(text[start : m.end()])
        if not _company_core_ok(core) or (len(core) <= 6 and _core_looks_generic(core, lax=True)):
            continue
        if core.endswith(tuple(bad_core.get(m.group(), ()))) or _all_common(core):
            continue
        out.append(Candidate("COMPANY", start, m.end(), text[start : m.end()], "rule:legal_form"))
    not_after = tuple(r.company["followed_not_company"])
    for m in r.industry_re.finditer(text):
        if text.startswith(not_after, m.end()):
            continue
        start = _run_left(text, m.start(), f"[{HAN}]", 8)
        if start > 0 and text[start - 1].isdigit():
            continue
        run = text[start : m.start()]
        start += cut_left(run, r.company_left)
        core = text[start : m.start()]
        if not 2 <= len(core) <= 4 or not _company_core_ok(core):
            continue
        if r.industry_re.fullmatch(core) or _place_at(text, start, m.start()):
            continue
        if _core_looks_generic(core) or not _name_like(core):
            continue
        out.append(Candidate("COMPANY", start, m.end(), text[start : m.end()], "rule:shape"))
    yield from out


def find_enumerations(text: str) -> Iterator[Candidate]:
    """Every item of a list of companies (``A、B等N家企业``) is a company.

    >>> [c.text for c in find_enumerations("为金诚、宏远电子等6家企业办理转贷,督促长兴、德清等县区落实")]
    ['金诚', '宏远电子']
    """
    r = rules()
    for pattern, is_project in ((r.enum_company_re, False), (r.enum_project_re, True)):
        for m in pattern.finditer(text):
            s = m.start("items")
            run = m.group("items")
            items_start = s + cut_left(run.split("、")[0], r.company_left)
            pos = items_start
            for item in re.split("[、，,]", text[items_start : m.end("items")]):
                i_start = pos
                pos += len(item) + 1
                if is_project and r.cue_re.search(item[-5:]):
                    continue
                shaped = bool(
                    re.search(f"(?:{r.legal_re.pattern}|{r.industry_re.pattern})$", item[2:])
                )
                if (is_project and len(item) > 4 and not shaped) or _places_in(item):
                    continue
                if not shaped and (len(item) > 6 or _verb_phrase(item)):
                    continue
                if not shaped and (_common_word(item) or (is_project and not _proper_name(item))):
                    continue
                if not 2 <= len(item) <= 10 or re.search(r"\d", item):
                    continue
                if not _company_core_ok(_core_of(item)) or _is_generic(item, r.project_generic):
                    continue
                if item.endswith(tuple(r.company["enumeration"]["not_company_endings"])):
                    continue
                yield Candidate("COMPANY", i_start, i_start + len(item), item, "list")


def companies_in_projects(projects: Iterable[Candidate]) -> Iterator[Candidate]:
    """The company named at the start of each project name, as a nested mention."""
    for p in projects:
        owner = _leading_company(p.text)
        if owner:
            yield Candidate("COMPANY", p.start, p.start + len(owner), owner, "rule:project_owner")


# -- statistical layer ------------------------------------------------------------------------


def ner_candidates(text: str) -> Iterator[Candidate]:
    """COMPANY and ORG spans from the shipped model, filtered by the rule layer's checks."""
    from yxnlp.extract import ner

    for s, e, label in ner.tag(text):
        name = text[s:e]
        if label == "COMPANY":
            if _ner_company_ok(name):
                yield Candidate("COMPANY", s, e, name, "ner")
        elif label == "ORG" and _ner_org_ok(name):
            yield Candidate("ORG", s, e, name, "ner")


def _ner_org_ok(name: str) -> bool:
    """A model's ORG span must end in a body suffix; a government (政府) needs a place or
    level before it, so 法治政府 and 地方政府 are not bodies.

    >>> _ner_org_ok("浙江省经济和信息化厅"), _ner_org_ok("法治政府"), _ner_org_ok("汉交会")
    (True, False, False)
    """
    r = rules()
    if len(name) < 3 or not re.search("(局|委|厅|部|办|法院|检察院|政府|委员会|办公室|署|人大|政协)$", name):
        return False
    if _is_generic(name, r.project_generic) or _verb_phrase(name):
        return False
    if name.endswith("政府"):
        head = name.removesuffix("人民政府").removesuffix("政府")
        levels = tuple(r.org["levels"])
        return bool(head) and (head.endswith(levels) or _starts_with_place(head) == head)
    return True


def _ner_company_ok(name: str) -> bool:
    """A model's COMPANY span must still look like a company name to the rules: a legal form
    after a sound core, or an industry word after a name-like core (bare names come only
    from lists).

    >>> _ner_company_ok("华茂纺织"), _ner_company_ok("工业总产"), _ner_company_ok("招投")
    (True, False, False)
    """
    r = rules()
    if len(name) > 20 or "企业" in name or re.search(r"[\d,，。、;；:：]", name):
        return False
    legal = re.search(f"(?:{r.legal_re.pattern})$", name)
    if legal:
        core = _core_of(name)
        return (
            _company_core_ok(core)
            and not _all_common(core)
            and not _core_looks_generic(core, lax=True)
        )
    industry = re.search(f"(?:{r.industry_re.pattern})$", name)
    if not industry:  # bare short names come from lists only
        return False
    core = name[: industry.start()]
    place = _starts_with_place(core)
    if place and len(core) - len(place) >= 2:
        core = core[len(place) :]
    return 2 <= len(core) <= 6 and _company_core_ok(core) and _name_like(core)


# -- merging ----------------------------------------------------------------------------------


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Two overlapping candidates may both stay when one nests in the other by label."""
    if a.start >= b.start and a.end <= b.end and (a.label, b.label) in _NESTING:
        return a.label != b.label
    if b.start >= a.start and b.end <= a.end and (b.label, a.label) in _NESTING:
        return a.label != b.label
    return False


def merge(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Resolve overlaps: rule > list > ner, then the longest span; nesting by label is kept.

    >>> a = Candidate("COMPANY", 0, 4, "华强科技", "list")
    >>> b = Candidate("COMPANY", 0, 6, "华强科技集团", "rule:legal_form")
    >>> [c.text for c in merge([a, b])]
    ['华强科技集团']
    """
    kept: list[Candidate] = []
    at: dict[int, list[Candidate]] = {}
    order = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    for c in order:
        if all(not _overlap(c, k) or _compatible(c, k) for k in _near(c, at, kept)):
            kept.append(c)
            _index(c, at)
    return sorted(kept, key=lambda c: (c.start, -c.end))


def _index(c: Candidate, at: dict[int, list[Candidate]]) -> None:
    """Record ``c`` under every character position it covers."""
    for p in range(c.start, c.end):
        at.setdefault(p, []).append(c)


def _near(c: Candidate, at: dict[int, list[Candidate]], every: list[Candidate]) -> Iterable[Candidate]:
    """The indexed candidates that share a character with ``c`` (all of ``every`` when ``c``
    is empty), so overlap checks do not scan the whole document."""
    if c.start >= c.end:
        return every
    return {id(k): k for p in range(c.start, c.end) for k in at.get(p, ())}.values()


# -- canonicalisation -------------------------------------------------------------------------


def _same_company(short: str, full: str) -> bool:
    """``short`` names the same company as ``full`` (prefix + legal form/group word, place).

    >>> _same_company("兴华", "兴华集团"), _same_company("兴华门窗", "兴华集团")
    (True, False)
    >>> _same_company("丰源科技", "浙江丰源科技股份有限公司")
    True
    """
    if short == full:
        return True
    r = rules()
    groups = tuple(r.company["group_words"]) + tuple(r.company["legal_forms"])
    for a, b in ((short, full), (_core_of(short), _core_of(full))):
        if b.startswith(a) and len(a) >= 2 and b[len(a) :] in groups:
            return True
        if a == b and len(a) >= 2:
            return True
    return False


def _org_key(name: str) -> tuple[str, str, str]:
    """(level, full department core, suffix) of a government body."""
    r = rules()
    abbr: dict[str, str] = r.org["abbreviations"]
    m = r.org_core_re.search(name)
    b = r.org_body_re.search(name)
    if b and b.end() == len(name) and (not m or m.end() != len(name)):
        body = {"人民政府": "政府", "党委": "委"}.get(b.group("body"), b.group("body"))
        level = re.sub(".*?(省|市|区|县|镇|乡|街道|州|旗|盟)$", r"\1", name[: b.start("body")])
        return (level, "", body)
    if not m or m.end() != len(name):
        return ("", name, "")
    prefix = name[: m.start()]
    level = ""
    if prefix:
        level = re.sub(".*?(省|市|区|县|镇|乡|街道|州|旗|盟)$", r"\1", prefix)
    core = abbr.get(m.group("core"), m.group("core"))
    return (level, core, m.group("suffix"))


def canonical_groups(label: str, names: list[str]) -> dict[str, str]:
    """Map each surface form of one label to its canonical form within a document.

    >>> g = canonical_groups("COMPANY", ["兴华", "兴华集团", "兴华门窗"])
    >>> g["兴华"], g["兴华门窗"]
    ('兴华集团', '兴华门窗')
    >>> canonical_groups("COMPANY", ["瑞明工业", "瑞明"])["瑞明"]
    '瑞明工业'
    >>> canonical_groups("PLACE", ["嘉兴市", "嘉兴"])["嘉兴"]
    '嘉兴市'
    >>> canonical_groups("PROJECT", ["光电产业基地", "光电产业园项目"])["光电产业园项目"]
    '光电产业基地'
    >>> canonical_groups("ORG", ["嘉兴市南湖区经济和信息化局", "区经信局", "商务局", "区商务局"])["区经信局"]
    '嘉兴市南湖区经济和信息化局'
    """
    uniq = list(dict.fromkeys(names))
    out = {n: n for n in uniq}
    if label == "COMPANY":
        by_len = sorted(uniq, key=len, reverse=True)
        for n in uniq:
            for full in by_len:
                if len(full) > len(n) and _same_company(n, full):
                    out[n] = out.get(full, full)
                    break
            else:  # a bare short form extended by exactly one longer name (瑞明 → 瑞明工业)
                longer = [f for f in uniq if len(f) > len(n) >= 2 and f.startswith(n)]
                if len(longer) == 1 and not rules().industry_re.search(n[2:]):
                    out[n] = longer[0]
    elif label == "PLACE":
        stems = rules().place_stems
        for n in uniq:
            if n in stems and stems[n] in out:
                out[n] = stems[n]
        for n in uniq:  # named regions: same head and kind (成渝地区双城经济圈 = 成渝经济圈)
            m = re.match(f"^([{HAN}]{{2,4}}?)(?:地区)?(?:双城)?(经济圈|城市群|都市圈|经济带|经济区)$", n)
            if not m:
                continue
            for o in uniq:
                mo = re.match(f"^([{HAN}]{{2,4}}?)(?:地区)?(?:双城)?(经济圈|城市群|都市圈|经济带|经济区)$", o)
                if o != n and mo and mo.groups() == m.groups() and uniq.index(o) < uniq.index(n):
                    out[n] = out[o]
                    break
    elif label == "PROJECT":
        keys: dict[str, str] = {}
        for n in uniq:
            key = _project_variant_key(n)
            if key is None:
                continue
            hit = keys.get(key) or next(
                (v for k, v in keys.items() if _typo_same(k, key)), None
            )
            if hit:
                out[n] = hit
            else:
                keys[key] = n
    elif label == "ORG":
        bodies: dict[tuple[str, str, str], str] = {}
        for n in sorted(uniq, key=len, reverse=True):
            k = _org_key(n)
            if not k[2]:
                continue
            same = [
                f
                for fk, f in bodies.items()
                if fk[1:] == k[1:] and (not k[0] or not fk[0] or fk[0] == k[0])
            ]
            if same:
                out[n] = same[0]
            else:
                bodies[k] = n
    return out


def _project_variant_key(name: str) -> str | None:
    """The shared core of park/base/project variants (光电产业园 = 光电产业基地 = 光电产业园项目)."""
    base = name.removesuffix("项目")
    m = re.match("^(.{2,}?)(?:产业园区|产业园|产业基地|工业园区|工业园|园区|基地|园)$", base)
    if not m:
        return name if _cue_type(name) != "platform" else None
    core = m.group(1)
    return core + "产业" if not core.endswith("产业") else core


def _typo_same(a: str, b: str) -> bool:
    """Cores of five or more characters that differ in one character (a typo)."""
    if len(a) != len(b) or len(a) < 5:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


# -- attributes -------------------------------------------------------------------------------


class Layout:
    """Sentence and plan-section look-ups in one analysed report, indexed once: the
    attribute rules ask them for every mention of every project."""

    def __init__(self, a: Analysis) -> None:
        self._a = a
        self._starts = [s.span[0] for s in a.sentences]  # sentences are sorted and disjoint
        self._by_id = {s.id: s for s in a.sections}
        self._plan: dict[int, bool] = {}

    def sentence(self, pos: int) -> tuple[int, int]:
        """The span of the sentence holding ``pos`` (else 60 characters either side)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._a.sentences[i].span[1]:
            return self._a.sentences[i].span
        return (max(0, pos - 60), min(len(self._a.text), pos + 60))

    def in_plan(self, pos: int) -> bool:
        """``pos`` lies under a level-1 heading of the plan part (今年工作安排…)."""
        if pos not in self._plan:
            self._plan[pos] = self._in_plan(pos)
        return self._plan[pos]

    def _in_plan(self, pos: int) -> bool:
        from yxnlp.sections import section_at

        pattern = re.compile(rules().status["plan_headings"])
        sec = section_at(self._a.sections, pos)
        while sec is not None:
            if sec.level == 1:
                return bool(pattern.search(sec.heading))
            sec = self._by_id.get(sec.parent) if sec.parent else None
        return False


def project_status(
    a: Analysis, spans: list[tuple[int, int]], *, layout: Layout | None = None
) -> str | None:
    """在建, 新开工, 已入驻, 已投产, 已拆除 from cues in the sentence of a mention; ``planned``
    when the project is named only in the plan section; else ``None``."""
    text = a.masked
    lay = layout or Layout(a)
    if spans and all(lay.in_plan(s) for s, _ in spans):
        return "planned"
    for status, where, pattern in rules().status_rules:
        for s, e in spans:
            if lay.in_plan(s):
                continue
            s0, s1 = lay.sentence(s)
            if where == "before":
                clause_start = max(text.rfind(c, s0, s) for c in ",，;；。") + 1
                clause_start = max(clause_start, s0)
                if pattern.search(text, clause_start, s):
                    return status
            else:
                c0 = max(s0, *(text.rfind(c, s0, s) + 1 for c in ",，;；。"))
                ends = [i for i in (text.find(c, e, s1) for c in ",，;；。") if i >= 0]
                if pattern.search(text, c0, min(ends, default=s1)):
                    return status
    return None


def project_investment(
    a: Analysis, span: tuple[int, int], *, layout: Layout | None = None
) -> tuple[str, tuple[int, int]] | None:
    """The investment figure (总投资1.4亿) in the clause before or right after a project name."""
    text = a.masked
    pattern = re.compile(rules().project["investment"])
    s0, s1 = (layout or Layout(a)).sentence(span[0])
    best: tuple[str, tuple[int, int]] | None = None
    for m in pattern.finditer(text, max(s0, span[0] - 40), min(s1, span[1] + 20)):
        between = text[m.end() : span[0]] if m.end() <= span[0] else text[span[1] : m.start()]
        if re.search("[。;；]", between) or len(between) > 12:
            continue
        best = (m.group("num"), (m.start("num"), m.end("num")))
    return best


def _owner(
    a: Analysis, span: tuple[int, int], companies: list[tuple[Candidate, str]], *, layout: Layout
) -> str | None:
    """A company at the start of the project name, else one handed the project (移交X公司)."""
    for c, canon in companies:
        if c.start == span[0] and c.end < span[1]:
            return canon
    s0, s1 = layout.sentence(span[0])
    cues = "|".join(map(re.escape, rules().project["owner_cues"]))
    owners = [
        canon
        for c, canon in companies
        if span[1] <= c.start < s1 and re.search(f"(?:{cues})$", a.masked[max(s0, c.start - 3) : c.start])
    ]
    return owners[0] if len(set(owners)) == 1 else None


# -- entry point ------------------------------------------------------------------------------


def rule_candidates(text: str, *, bounds: frozenset[int] | None = None) -> list[Candidate]:
    """All rule and list candidates, unmerged (``bounds``: word boundaries, see find_places)."""
    projects = list(find_projects(text))
    return [
        *find_places(text, bounds=bounds),
        *find_orgs(text),
        *projects,
        *find_companies(text),
        *companies_in_projects(projects),
        *find_enumerations(text),
    ]


def extract_entities(a: Analysis, *, use_ner: bool = True) -> list[Entity]:
    """Entities of one analysed report: rules (+ the NER model), merged and canonicalised."""
    text = a.masked
    bounds = _word_bounds(a)
    cands = rule_candidates(text, bounds=bounds)
    if use_ner:
        cands += list(ner_candidates(text))
    merged = merge(cands)
    merged = _add_short_places(text, merged)
    return build_entities(a, merged)


def _word_bounds(a: Analysis) -> frozenset[int]:
    """Start and end offsets of the segmenter's tokens (read in one call, not token by token)."""
    cols = a.doc.to_array(["IDX", "LENGTH"]).reshape(-1, 2)
    starts = cast("list[int]", cols[:, 0].tolist())
    ends = cast("list[int]", (cols[:, 0] + cols[:, 1]).tolist())
    return frozenset(starts) | frozenset(ends)


def _add_short_places(text: str, merged: list[Candidate]) -> list[Candidate]:
    """Short forms (游仙 for 游仙区) of places named in full, where no other mention covers them."""
    stems = rules().place_stems
    full = {c.text for c in merged if c.label == "PLACE"}
    wanted = {s: n for s, n in stems.items() if n in full}
    if not wanted:
        return merged
    pattern = re.compile(_alternation(wanted))
    at: dict[int, list[Candidate]] = {}
    for k in merged:
        _index(k, at)
    extra = []
    for m in pattern.finditer(text):
        c = Candidate("PLACE", m.start(), m.end(), m.group(), "rule:place_short")
        near = _near(c, at, merged)
        if all(not _overlap(c, k) or (k.label != "PLACE" and _compatible(c, k)) for k in near):
            extra.append(c)
    return sorted(merged + extra, key=lambda c: (c.start, -c.end))


def build_entities(a: Analysis, merged: list[Candidate]) -> list[Entity]:
    """Group merged mentions into canonical entities with attributes, ids in text order."""
    groups: dict[str, list[Candidate]] = {}
    for c in merged:
        groups.setdefault(c.label, []).append(c)
    issuer = _issuer_name(a, groups.get("ORG", []))
    layout = Layout(a)
    entities: list[tuple[int, Entity]] = []
    company_canon: dict[str, str] = {}
    labels: list[Label] = ["COMPANY", "ORG", "PLACE", "PROJECT"]
    for label in labels:
        cands = groups.get(label, [])
        names = [c.text for c in cands]
        if label == "ORG" and issuer:
            names = [issuer, *names]
        canon = canonical_groups(label, names)
        if label == "ORG" and issuer:
            selfrefs = set(rules().org["self_references"])
            canon.update({n: canon[issuer] for n in names if n in selfrefs})
        if label == "COMPANY":
            company_canon = canon
        by_canon: dict[str, list[Candidate]] = {}
        for c in cands:
            by_canon.setdefault(canon[c.text], []).append(c)
        for name, ms in by_canon.items():
            ms.sort(key=lambda c: c.start)
            attrs = _attributes(a, label, ms, groups.get("COMPANY", []), company_canon, layout)
            if label == "ORG" and issuer and name == canon[issuer]:
                attrs["issuer"] = True
            first = ms[0].text if label == "PROJECT" else name
            entity = Entity(
                id="",
                label=label,
                name=first,
                canonical=name if label != "PROJECT" else ms[0].text,
                mentions=[Mention(text=c.text, span=(c.start, c.end), source=c.source) for c in ms],
                attributes=attrs,
            )
            entities.append((ms[0].start, entity))
    entities.sort(key=lambda t: t[0])
    out = []
    for i, (_, e) in enumerate(entities, 1):
        out.append(e.model_copy(update={"id": f"e{i}"}))
    return out


def _issuer_name(a: Analysis, orgs: list[Candidate]) -> str | None:
    issuer = a.meta.issuer
    if issuer:
        return issuer
    title = a.meta.title or ""
    in_title = [c.text for c in orgs if c.text in title and c.source != "rule:self_reference"]
    return max(in_title, key=len) if in_title else None


def _attributes(
    a: Analysis,
    label: str,
    ms: list[Candidate],
    companies: list[Candidate],
    company_canon: dict[str, str],
    layout: Layout,
) -> dict[str, Any]:
    if label == "PLACE":
        region = gazetteer.load().resolve(ms[0].text)
        return {"code": region.code} if region and ms[0].text in rules().places else {}
    if label != "PROJECT":
        return {}
    spans = [(c.start, c.end) for c in ms]
    comps = [(c, company_canon.get(c.text, c.text)) for c in companies]
    owner = None
    for sp in spans:
        owner = _owner(a, sp, comps, layout=layout)
        if owner:
            break
    invest = None
    for sp in spans:
        invest = project_investment(a, sp, layout=layout)
        if invest:
            break
    attrs: dict[str, Any] = {
        "type": _cue_type(ms[0].text),
        "owner": owner,
        "investment": invest[0] if invest else None,
        "status": project_status(a, spans, layout=layout),
    }
    if invest:
        attrs["investment_span"] = list(invest[1])
    return attrs


def ner_model_name() -> str | None:
    """The shipped NER model's name and version, or ``None`` if it is not installed."""
    from yxnlp.extract import ner

    return ner.model_name()
