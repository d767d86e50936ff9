"""The statistical layer (source ``ner``): the shipped model's COMPANY, ORG and PROJECT spans
(:mod:`yxnlp.extract.ner`), let in on their own confidence, with the rules as extra evidence.

A span's score is its least sure character's tag probability. Thresholds are data
(``entity_contexts.json``, ``model``):

- COMPANY at ``accept`` or above is a company on its own unless it reads as a word (report
  vocabulary, a frequent dictionary word that is not a proper noun, a phrase, a category, a
  place or region, a park); at ``with_evidence`` or above it also needs the rules' evidence: a
  legal form or industry word after a sound core, or a firm brand of the company lexicon;
- ORG needs a body suffix (and 政府 a place or level before it);
- PROJECT at ``project`` or above needs a cue word (项目, 产业园 …) or a phase at its end.

The model reads only the clauses :func:`yxnlp.extract.ner.worth_tagging` selects.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from yxnlp import resources
from yxnlp.extract.entities.brands import (
    brand_run,
    list_of_things,
    names_a_kind,
    place_stem,
    public_works,
    shared_head,
)
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import abbreviation_pair, province_short, rules
from yxnlp.extract.entities.dictionary import tagged, word_freq
from yxnlp.extract.entities.names import (
    company_core_ok,
    core_of,
    leading_company,
    starts_with_place,
)
from yxnlp.extract.entities.words import (
    all_common,
    core_looks_generic,
    is_generic,
    name_like,
    reads_as_phrase,
    verb_phrase,
)

_ORG_END = "局|委|厅|部|办|法院|检察院|政府|委员会|办公室|署|人大|政协"
_PROPER = frozenset({"nr", "nrt", "nrfg", "nz", "nt", "j"})
_PHASE = re.compile("(?:[一二三四五六七八九十]|[1-9])期(?:项目|工程)?$")
_CAPACITY = re.compile("年产|年处理|年加工")


def ner_candidates(text: str, *, word_starts: Sequence[int] | None = None) -> Iterator[Candidate]:
    """COMPANY, ORG and PROJECT spans from the shipped model that clear their thresholds
    (``word_starts``: the segmenter's word starts, so the model need not segment again)."""
    from yxnlp.extract import ner

    m = resources.entity_contexts().model
    found = ner.spans(
        text, word_starts=word_starts, keep=ner.worth_tagging, unit="clause", margin=6
    )
    firms = frozenset(text[s.start : s.end] for s in found if s.label == "COMPANY")
    for s in found:
        name = text[s.start : s.end]
        label = s.label
        if label == "COMPANY":
            ok = (s.score >= m.accept and _reads_as_name(name)) or (
                s.score >= m.with_evidence and _reads_as_name(name) and _company_evidence(name)
            )
            ok = ok and not _a_kind_or_thing(text, s.start, s.end, firms)
        elif label == "ORG":
            ok = _ner_org_ok(name)
        elif label == "PROJECT":
            ok = s.score >= m.project and _project_ok(name)
        else:
            ok = False
        if ok:
            yield Candidate(label, s.start, s.end, name, "ner")  # type: ignore[arg-type]


def _reads_as_name(name: str) -> bool:
    """A model's company span reads as a name, not as a word or phrase.

    >>> _reads_as_name("华茂纺织"), _reads_as_name("新材料"), _reads_as_name("平安福建")
    (True, False, False)
    """
    r = rules()
    c = resources.entity_contexts()
    if not 2 <= len(name) <= 20 or re.search(r"[\d,，。、;；:：]", name) or "企业" in name:
        return False
    if name in resources.report_vocabulary() or reads_as_phrase(name) or verb_phrase(name):
        return False
    words = tagged(name)
    if word_freq(name) >= c.model.word_freq and not (len(words) == 1 and words[0][1] in _PROPER):
        return False
    if is_generic(name, r.generic_cores) or is_generic(name, r.project_generic):
        return False
    if place_stem(name) or name in r.places or r.cue_re.search(name[-3:]):
        return False
    return r.legal_re.search(name) is not None or not _place_inside(name)


def _a_kind_or_thing(
    text: str, start: int, end: int, firms: frozenset[str] = frozenset()
) -> bool:
    """A model's company span names a kind of firm (公募基金公司), a park or an exchange
    (某某乐园, 某交所), two countries or provinces (中印, 川渝), or is an item of a list of
    things (红薯、土豆; 广电、通信) or ends in a verb (海铁联运).

    >>> _a_kind_or_thing("红薯、土豆等", 3, 5), _a_kind_or_thing("支持华茂纺织发展", 2, 6)
    (True, False)
    """
    name = text[start:end]
    r = rules()
    legal = r.legal_end_re.search(name)
    if legal:
        return legal.group() == "公司" and names_a_kind(name[: legal.start()])
    if name.endswith(resources.entity_contexts().model.company_not_endings):
        return True
    if abbreviation_pair(name):
        return True
    words = tagged(name)
    if len(words) > 1 and words[-1][1] == "v" and len(words[-1][0]) >= 2:
        return True
    return list_of_things(text, start, end, firms=firms) or shared_head(text, start, end)


def _place_inside(name: str) -> bool:
    """A place named after the start of ``name`` (平安福建: a slogan, not a firm; a firm's
    own place comes first: 上海电气)."""
    r = rules()
    for i in range(1, len(name) - 1):
        for n in (2, 3, 4):
            part = name[i : i + n]
            if len(part) == n and (
                part in r.places or part in r.place_stems or province_short(part)
            ):
                return True
    return False


def _company_evidence(name: str) -> bool:
    """The rules' evidence for a mid-score company span: a legal form or an industry word
    after a sound core, or a firm brand of the company lexicon at its start."""
    return _ner_company_ok(name) or brand_run(name) > 0


def _project_ok(name: str) -> bool:
    """A model's project span ends in a cue word or a phase and is named: by a place, a
    firm or a brand at its start, a phase or a capacity (not a category).

    >>> _project_ok("宏图二期"), _project_ok("光伏产业基地"), _project_ok("绿色发展")
    (True, False, False)
    """
    r = rules()
    phase = _PHASE.search(name)
    if not (r.cue_re.search(name[-5:]) or phase) or public_works(name):
        return False
    core = r.cue_re.sub("", name)
    if len(core) < 2 or is_generic(core, r.project_generic) or all_common(core):
        return False
    named = starts_with_place(name) or leading_company(name) or brand_run(name)
    return bool(phase or named or _CAPACITY.search(name))


@functools.cache
def _name_end() -> re.Pattern[str]:
    """Any ending the company checks accept: a body suffix, a legal form or an industry word."""
    r = rules()
    return re.compile(f"{_ORG_END}|{r.legal_re.pattern}|{r.industry_re.pattern}")


def _ner_org_ok(name: str) -> bool:
    """A model's ORG span must end in a body suffix; a government (政府) needs a place or
    level before it, so 法治政府 and 地方政府 are not bodies.

    >>> _ner_org_ok("浙江省经济和信息化厅"), _ner_org_ok("法治政府"), _ner_org_ok("汉交会")
    (True, False, False)
    """
    r = rules()
    if len(name) < 3 or not re.search(f"(?:{_ORG_END})$", name):
        return False
    if is_generic(name, r.project_generic) or verb_phrase(name):
        return False
    if name.endswith("政府"):
        head = name.removesuffix("人民政府").removesuffix("政府")
        levels = r.org_levels
        return bool(head) and (head.endswith(levels) or starts_with_place(head) == head)
    return True


def _ner_company_ok(name: str) -> bool:
    """A company span with the rules' shape: a legal form after a sound core, or an industry
    word after a name-like core.

    >>> _ner_company_ok("华茂纺织"), _ner_company_ok("工业总产"), _ner_company_ok("招投")
    (True, False, False)
    """
    r = rules()
    legal = r.legal_end_re.search(name)
    if legal:
        core = core_of(name)
        return (
            company_core_ok(core)
            and not all_common(core)
            and not core_looks_generic(core, lax=True)
        )
    industry = r.industry_end_re.search(name)
    if not industry:
        return False
    core = name[: industry.start()]
    place = starts_with_place(core)
    if place and len(core) - len(place) >= 2:
        core = core[len(place) :]
    return 2 <= len(core) <= 6 and company_core_ok(core) and name_like(core)
