"""Name predicates shared by the finders: is this a place, where does a chain of places
start, what is the core of a company name and does it hold up, which company opens a project
name, what kind of project a cue word names."""

from __future__ import annotations

import re

from yxnlp import resources
from yxnlp.extract.entities.data import HAN, province_names, province_short, region_names, rules
from yxnlp.extract.entities.dictionary import tagged
from yxnlp.extract.entities.words import common_word, core_looks_generic, is_generic, name_like


def place_at(text: str, start: int, end: int) -> bool:
    r = rules()
    return text[start:end] in r.places or text[start:end] in r.place_stems


def starts_with_place(name: str) -> str | None:
    r = rules()
    for n in range(min(len(name), 12), 1, -1):
        if name[:n] in r.places or name[:n] in r.place_stems:
            return name[:n]
    return None


def place_chain_before(text: str, end: int) -> int:
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


def places_in(name: str) -> list[str]:
    r = rules()
    return [
        name[i : i + k]
        for i in range(len(name))
        for k in range(3, min(12, len(name) - i) + 1)
        if name[i : i + k] in r.places
    ]


def leading_company(name: str) -> str | None:
    """A company named at the start of a project name.

    >>> leading_company("华联集团年产5万吨饲料项目"), leading_company("金丰科技(吴兴)智能制造项目")
    ('华联集团', '金丰科技')
    >>> leading_company("浙江福莱新材料产业园"), leading_company("光电产业园")
    ('浙江福莱', None)
    """
    r = rules()
    m = re.match(f"^([{HAN}]{{2,10}}?)[(（][{HAN}]{{2,4}}[)）]", name)
    if (
        m
        and company_core_ok(core_of(m.group(1)))
        and not core_looks_generic(m.group(1), lax=True)
        and not _place_or_deed(m.group(1))
    ):
        if not common_word(m.group(1)):
            return m.group(1)
    m = r.core_legal_re.match(name)
    if m and company_core_ok(core_of(m.group())):
        return m.group()
    place = starts_with_place(name)
    if (place and province_short(place.rstrip("省"))) or place in province_names():
        rest = name[len(place) :]
        core = rest[:2]
        if (
            len(rest) > 4
            and re.match(f"[{HAN}]{{2}}", core)
            and not r.industry_re.match(core)
            and not is_generic(core, r.generic_cores)
            and not is_generic(core, r.project_generic)
            and not rest.startswith(tuple(r.org.cores))
            and not common_word(core)
            and name_like(core)
            and not place_at(core, 0, 2)
        ):  # 浙江福莱…: a province and a name; not 青海拉面, 海南清洁 (words after a province)
            return place + core
    return None


def _place_or_deed(head: str) -> bool:
    """The name before a bracketed place is itself a place, a mountain or lake (蒙东（通辽）,
    某某山（某区）), or ends in a verb (中国建造（某省）): a park or platform named so is no firm's.

    >>> _place_or_deed("紫云山"), _place_or_deed("中国建造"), _place_or_deed("金丰科技")
    (True, True, False)
    """
    words = tagged(head)
    if head.endswith(resources.entity_contexts().brand_not_endings):
        return True
    if len(words) == 1 and words[0][1] == "ns":
        return True
    return len(words) > 1 and words[-1][1] == "v" and len(words[-1][0]) >= 2


def core_of(name: str) -> str:
    r = rules()
    m = r.legal_end_re.search(name)
    core = name[: m.start()] if m else name
    place = starts_with_place(core)
    if place and len(core) - len(place) >= 2:
        core = core[len(place) :]
    return core


def company_core_ok(core: str) -> bool:
    r = rules()
    shape = r.company  # the vocabularies below live in data/company_suffixes.json
    if len(core) < 2 or len(core) > 12:
        return False
    if core[0] in shape.core_bad_first_chars or core[-1] in shape.core_bad_last_chars:
        return False
    if core.endswith(tuple(shape.core_bad_endings)) or any(c in core for c in shape.core_bad_chars):
        return False
    if core in r.places or core in r.place_stems or core in region_names():
        return False
    return not is_generic(core, r.generic_cores)


def cue_of(name: str) -> str:
    """The longest project cue ``name`` ends in ("" if none).

    >>> cue_of("某某高新技术产业园区"), cue_of("某某大桥")
    ('产业园区', '')
    """
    return next((c for c in rules().project_cues_longest_first if name.endswith(c)), "")


def cue_type(name: str) -> str:
    """The type its cue gives a project's name (``project`` without a cue)."""
    return str(rules().project.type_by_cue.get(cue_of(name), "project"))
