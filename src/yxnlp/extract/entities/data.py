"""Rule data of the entity layer, loaded from ``src/yxnlp/data/`` and compiled once.

- ``company_suffixes.json``: legal forms, industry words, boundaries and enumeration heads;
- ``org_patterns.json``: levels, department cores and body suffixes, abbreviations;
- ``project_cues.json``: the cue words that end project, park, base and platform names;
- ``project_status.json``: status cues and the plan-section headings;
- ``place_rules.json``: place suffixes and frequency thresholds for risky names;
- ``entity_patterns.jsonl``: phrase patterns (named regions, central bodies) for a spaCy
  ``span_ruler`` over character tokens;
- the administrative gazetteer (:mod:`yxnlp.gazetteer`) for place names and their stems."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from yxnlp import datacache, gazetteer, lexicon, resources
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.dictionary import word_freq
from yxnlp.extract.entities.prefixes import PrefixIndex
from yxnlp.resources import entity_schemas as schemas

if TYPE_CHECKING:
    from spacy.language import Language


HAN = "\u4e00-\u9fff"


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_LINE = re.compile(r"[^\n]+")


def search_lines(
    pattern: re.Pattern[str], text: str, cue: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches never cross a line break and
    always hold a match of ``cue``: the same matches, searched only in the lines holding the
    cue (trying a pattern at every character of a long report was most of a rule's cost).

    >>> phase = re.compile("[一二三四五六七八九十]+期")
    >>> [m.group() for m in search_lines(phase, "一、概况\\n甲二期投产\\n乙三期", re.compile("期"))]
    ['二期', '三期']
    """
    for line in _LINE.finditer(text):
        if cue.search(text, line.start(), line.end()):
            yield from pattern.finditer(text, line.start(), line.end())


@dataclass(frozen=True)
class _Rules:
    place: schemas.PlaceRules
    place_suffix: re.Pattern[str]
    company: schemas.CompanyRules
    org: schemas.OrgRules
    org_levels: tuple[str, ...]  # central levels and admin level words (区, 县, 自治区 …)
    project: schemas.ProjectRules
    legal_re: re.Pattern[str]
    industry_re: re.Pattern[str]
    industry_index: PrefixIndex  # where an industry word can start
    legal_end_re: re.Pattern[str]  # a legal form ending a name
    industry_end_re: re.Pattern[str]
    shaped_end_re: re.Pattern[str]  # a legal form or an industry word ending a name
    core_industry_re: re.Pattern[str]  # a short core, then an industry word
    core_legal_re: re.Pattern[str]  # a core of 2 to 12 characters, then a legal form
    company_left: tuple[str, ...]
    generic_cores: tuple[str, ...]
    org_core_re: re.Pattern[str]
    org_core_index: PrefixIndex  # where a department core (and so a body's name) can start
    org_body_re: re.Pattern[str]
    cue_re: re.Pattern[str]
    project_left: tuple[str, ...]
    project_generic: tuple[str, ...]
    project_cues_longest_first: tuple[str, ...]
    project_designated_re: re.Pattern[str]  # a park's cue, then a title it was given
    enum_company_re: re.Pattern[str]
    enum_cue_re: re.Pattern[str]  # 等 + a head: what every list of firms holds
    region_re: re.Pattern[str]  # a named region: 长三角城市群, 成渝地区双城经济圈
    region_kind_re: re.Pattern[str]  # the kind word alone (经济圈, 城市群): the lines to search
    owner_cue_re: re.Pattern[str]  # a cue right before a project's owner (移交, 由)
    level_key_re: re.Pattern[str]  # the level word a body's prefix ends in
    places: frozenset[str]
    place_stems: dict[str, str]
    #: a place's full name -> its stems (the other way round from ``place_stems``)
    stems_of_place: dict[str, tuple[str, ...]] = field(default_factory=dict)
    status_rules: tuple[tuple[str, str, re.Pattern[str]], ...] = field(default=())
    #: first two characters of a gazetteer name -> the lengths (2..12) of names starting so
    place_prefixes: dict[str, tuple[int, ...]] = field(default_factory=dict)


@functools.cache
def rules() -> _Rules:
    """All rule data, compiled once."""
    company = resources.companies()
    org = resources.orgs()
    project = resources.projects()
    place = resources.places()
    admin = resources.admin()
    place_suffix = re.compile(f"(?:{'|'.join(admin.place_name)})$")
    enum = company.enumeration
    item = f"[{HAN}A-Za-z0-9()（）]{{2,{enum.max_item}}}"
    items = f"(?P<items>{item}(?:[、和及与]{item})*)"
    enum_cue = "等(?P<head>" + "|".join(enum.company_heads) + ")"
    places, place_stems, place_prefixes, industry_words = _word_data()
    levels = (*org.central_levels, *admin.level_word)
    legal, industry = alternation(company.legal_forms), alternation(industry_words)
    return _Rules(
        place=place,
        place_suffix=place_suffix,
        company=company,
        org=org,
        org_levels=levels,
        project=project,
        legal_re=re.compile(legal),
        industry_re=re.compile(industry),
        industry_index=PrefixIndex(industry_words),
        legal_end_re=re.compile(f"(?:{legal})$"),
        industry_end_re=re.compile(f"(?:{industry})$"),
        shaped_end_re=re.compile(f"(?:{legal}|{industry})$"),
        core_industry_re=re.compile(f"(?P<core>[{HAN}]{{2,4}}?)(?:{industry})"),
        core_legal_re=re.compile(f"^[{HAN}]{{2,12}}?(?:{legal})"),
        company_left=tuple(sorted(company.left_boundaries, key=len, reverse=True)),
        generic_cores=tuple(sorted(company.generic_cores, key=len, reverse=True)),
        org_core_re=re.compile(
            f"(?P<core>{alternation(org.cores)})(?P<suffix>{alternation(org.suffixes)})"
        ),
        org_core_index=PrefixIndex(org.cores),
        org_body_re=re.compile(
            f"(?P<level>{alternation(levels)})(?P<body>{alternation(org.level_bodies)})"
        ),
        cue_re=re.compile(alternation(project.type_by_cue)),
        project_left=tuple(sorted(project.left_boundaries, key=len, reverse=True)),
        project_generic=tuple(sorted(project.generic_words, key=len, reverse=True)),
        project_cues_longest_first=tuple(sorted(project.type_by_cue, key=len, reverse=True)),
        project_designated_re=re.compile(
            f"(?:{alternation(project.type_by_cue)})(?:{'|'.join(project.designations)})"
        ),
        enum_company_re=re.compile(f"{items}{enum_cue}"),
        enum_cue_re=re.compile(enum_cue),
        region_re=re.compile(
            f"(?P<head>[{HAN}]{{2,4}}?)(?:地区)?(?:双城)?"
            f"(?P<kind>{'|'.join(admin.named_region_kinds)})"
        ),
        region_kind_re=re.compile("|".join(map(re.escape, admin.named_region_kinds))),
        owner_cue_re=re.compile(f"(?:{'|'.join(map(re.escape, project.owner_cues))})$"),
        level_key_re=re.compile(f".*?({'|'.join(admin.level_key)})$"),
        places=places,
        place_stems=place_stems,
        stems_of_place=_stems_of_place(place_stems),
        status_rules=tuple(
            (r.status, r.where, re.compile(r.pattern)) for r in resources.project_status().rules
        ),
        place_prefixes=place_prefixes,
    )


def _stems_of_place(stems: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """A place's stems by its full name.

    >>> _stems_of_place({"柯桥": "柯桥区", "越城": "越城区"})["柯桥区"]
    ('柯桥',)
    """
    out: dict[str, list[str]] = {}
    for stem, name in stems.items():
        out.setdefault(name, []).append(stem)
    return {name: tuple(found) for name, found in out.items()}


@datacache.disk_cached("entity-words")
def _word_data() -> tuple[frozenset[str], dict[str, str], dict[str, tuple[int, ...]], list[str]]:
    """The rules' word data computed from the gazetteer and the lexicon (kept on disk between
    processes, :mod:`yxnlp.datacache`): full place names, their stems, the place-prefix index
    and the industry words."""
    place, admin = resources.places(), resources.admin()
    place_suffix = re.compile(f"(?:{'|'.join(admin.place_name)})$")
    not_place = re.compile(place.not_place)
    places = frozenset(
        n
        for n in gazetteer.load().names()
        if (len(n) >= 3 or n.endswith(("县", "省")))
        and place_suffix.search(n)
        and not not_place.search(n)
    )
    stems = _place_stems(places, place, admin.stem)
    return places, stems, prefix_index(places), _industry_words(resources.companies())


def _industry_words(company: schemas.CompanyRules) -> list[str]:
    """The industry words that end a short company name: the project's own list and the trade
    words of the company lexicon that end in a product or sector word (门业, 电力设备)."""
    ends = company.trade_word_endings
    trade = [
        w
        for w in lexicon.load().words("trade")
        if len(w) >= 2 and w.endswith(ends) and word_freq(w) < company.common_word_freq
    ]  # not 工业, 农业: sectors, not the end of a firm's name
    return [*company.industry_words, *trade]


def _place_stems(
    places: frozenset[str], place: schemas.PlaceRules, suffixes: tuple[str, ...]
) -> dict[str, str]:
    """Short forms of places (嘉兴 → 嘉兴市); a stem shared by several names (吉林省/吉林市,
    安阳市/安阳县) stands for the highest level; county stems only when not common words."""
    gz = gazetteer.load()
    stem_re = re.compile(f"^([{HAN}]{{2,}}?)(?:{'|'.join(suffixes)})$")
    stems: dict[str, str] = {}
    rank = {"province": 0, "city": 1, "county": 2}
    for n in sorted(places, key=lambda n: (min(rank.get(d.level, 3) for d in gz.divisions(n)), n)):
        levels = {d.level for d in gz.divisions(n)}
        m = stem_re.match(n)
        if m and levels & {"province", "city"}:
            stems.setdefault(m.group(1), n)
        elif m and "county" in levels and word_freq(m.group(1)) < place.county_stem_max_freq:
            stems.setdefault(m.group(1), n)
    return stems


def prefix_index(names: Iterable[str], *, longest: int = 12) -> dict[str, tuple[int, ...]]:
    """First two characters -> lengths of the names that start with them, longest first.

    >>> prefix_index(["湖州市", "湖州", "安吉县"])
    {'湖州': (3, 2), '安吉': (3,)}
    """
    out: dict[str, set[int]] = {}
    for n in names:
        if 2 <= len(n) <= longest:
            out.setdefault(n[:2], set()).add(len(n))
    return {k: tuple(sorted(v, reverse=True)) for k, v in out.items()}


@functools.cache
def region_names() -> frozenset[str]:
    return frozenset(r.pattern for r in resources.entity_patterns() if r.label == "PLACE")


@functools.cache
def span_ruler() -> Language:
    """A character-tokenised spaCy pipeline with a ``span_ruler`` over ``entity_patterns.jsonl``."""
    import spacy

    nlp = spacy.blank("zh")  # the default Chinese segmenter is "char"
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "rules", "validate": True})
    patterns = [p.model_dump() for p in resources.entity_patterns()]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


@functools.cache
def _any_pattern() -> re.Pattern[str]:
    """Any phrase of ``entity_patterns.jsonl``, to skip the lines none of them is in."""
    return re.compile(alternation(r.pattern for r in resources.entity_patterns()))


@functools.cache
def _clause_re() -> re.Pattern[str]:
    """A run of text between line breaks and the punctuation marks no phrase holds (looked
    for in the lines holding a phrase)."""
    phrases = "".join(r.pattern for r in resources.entity_patterns())
    stops = "".join(c for c in "\n。，；：！？" if c not in phrases)
    return re.compile(f"[^{stops}]+")


def ruler_candidates(text: str) -> tuple[Candidate, ...]:
    """Phrase-pattern matches of ``entity_patterns.jsonl`` (run once per text by
    :func:`yxnlp.extract.entities.rule_candidates`, which hands them to places and bodies).

    Only the clauses holding a phrase (single spaces aside, which the character tokenizer
    attaches to the previous character) go through the ruler: a match never crosses a line
    break or a punctuation mark no phrase holds (:func:`_clause_re`), and the spaCy pass over
    every character of a long report is most of this step's cost.

    >>> [(c.label, c.text) for c in ruler_candidates("落实国务院部署,融入长三角")]
    [('ORG', '国务院'), ('PLACE', '长三角')]
    >>> [(c.start, c.text) for c in ruler_candidates("一、概况\\n服务长 三角,落实国务院部署")]
    [(7, '长 三角'), (14, '国务院')]
    """
    held = _any_pattern()
    pieces = [
        (m.start(), m.group())
        for line in _LINE.finditer(text)
        if held.search(line.group().replace(" ", ""))
        for m in _clause_re().finditer(text, line.start(), line.end())
        if held.search(m.group().replace(" ", ""))
    ]
    docs = span_ruler().pipe(piece for _, piece in pieces)
    return tuple(
        Candidate(
            span.label_, o + span.start_char, o + span.end_char, span.text, f"rule:{span.id_}"
        )
        for (o, _), doc in zip(pieces, docs, strict=True)
        for span in doc.spans["rules"]
    )


@functools.cache
def _province_shorts() -> frozenset[str]:
    return gazetteer.province_short_names()


def province_short(s: str) -> bool:
    return s in _province_shorts()


@functools.cache
def _abbreviations() -> frozenset[str]:
    a = resources.admin()
    return frozenset(a.province_abbreviations) | frozenset(a.country_abbreviations)


def abbreviation_pair(word: str) -> bool:
    """Two one-character abbreviations of provinces or countries: a pair of places (川渝,
    中印), never a firm's two-character name.

    >>> abbreviation_pair("川渝"), abbreviation_pair("中印"), abbreviation_pair("中煤")
    (True, True, False)
    """
    return len(word) == 2 and all(ch in _abbreviations() for ch in word)


@functools.cache
def province_names() -> frozenset[str]:
    return frozenset(d.name for d in gazetteer.load().of_level("province"))
