"""COMPANY by shape: a core + legal form or group word (…集团, …有限公司), a short
name-like core + industry word (华茂机械), and the company named at the start of a project
name (华联集团年产…项目, 金丰科技(吴兴)…项目)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import HAN, _province_names, _province_short, _region_names, rules
from yxnlp.extract.entities.places import _place_at, _starts_with_place
from yxnlp.extract.entities.words import (
    _all_common,
    _common_word,
    _core_looks_generic,
    _is_generic,
    _name_like,
    _run_left,
    cut_left,
)


def _leading_company(name: str) -> str | None:
    """A company named at the start of a project name.

    >>> _leading_company("华联集团年产5万吨饲料项目"), _leading_company("金丰科技(吴兴)智能制造项目")
    ('华联集团', '金丰科技')
    >>> _leading_company("浙江福莱新材料产业园"), _leading_company("光电产业园")
    ('浙江福莱', None)
    """
    r = rules()
    m = re.match(f"^([{HAN}]{{2,10}}?)[(（][{HAN}]{{2,4}}[)）]", name)
    if (
        m
        and _company_core_ok(_core_of(m.group(1)))
        and not _core_looks_generic(m.group(1), lax=True)
    ):
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
            and not rest.startswith(tuple(r.org.cores))
        ):
            return place + core
    return None


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
    shape = r.company  # the vocabularies below live in data/company_suffixes.json
    if len(core) < 2 or len(core) > 12:
        return False
    if core[0] in shape.core_bad_first_chars or core[-1] in shape.core_bad_last_chars:
        return False
    if core.endswith(tuple(shape.core_bad_endings)):
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
    bad_next: dict[str, str] = r.company.legal_forms_bad_next
    bad_core = r.company.legal_form_bad_core_endings
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
    not_after = tuple(r.company.followed_not_company)
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


def companies_in_projects(projects: Iterable[Candidate]) -> Iterator[Candidate]:
    """The company named at the start of each project name, as a nested mention."""
    for p in projects:
        owner = _leading_company(p.text)
        if owner:
            yield Candidate("COMPANY", p.start, p.start + len(owner), owner, "rule:project_owner")
