"""The statistical layer (source ``ner``): the shipped model's COMPANY and ORG spans
(:mod:`yxnlp.extract.ner`), kept only when they pass the same shape checks as rule candidates."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import rules
from yxnlp.extract.entities.names import company_core_ok, core_of, starts_with_place
from yxnlp.extract.entities.words import (
    all_common,
    core_looks_generic,
    is_generic,
    name_like,
    verb_phrase,
)

_ORG_END = "局|委|厅|部|办|法院|检察院|政府|委员会|办公室|署|人大|政协"


@functools.cache
def _name_end() -> re.Pattern[str]:
    """Any ending the checks below accept: a body suffix, a legal form or an industry word."""
    r = rules()
    return re.compile(f"{_ORG_END}|{r.legal_re.pattern}|{r.industry_re.pattern}")


def _may_hold_name(sentence: str) -> bool:
    """A sentence where a model span could pass the checks (it must end in one of them).

    >>> _may_hold_name("由区商务局牵头。"), _may_hold_name("全年增长百分之八。")
    (True, False)
    """
    return any(m.group() for m in _name_end().finditer(sentence))


def ner_candidates(text: str) -> Iterator[Candidate]:
    """COMPANY and ORG spans from the shipped model, filtered by the rule layer's checks.

    Only sentences holding an acceptable ending are tagged (with their context), since a
    span that ends elsewhere is dropped anyway.
    """
    from yxnlp.extract import ner

    for s, e, label in ner.tag(text, keep=_may_hold_name):
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
        core = core_of(name)
        return (
            company_core_ok(core)
            and not all_common(core)
            and not core_looks_generic(core, lax=True)
        )
    industry = re.search(f"(?:{r.industry_re.pattern})$", name)
    if not industry:  # bare short names come from lists only
        return False
    core = name[: industry.start()]
    place = starts_with_place(core)
    if place and len(core) - len(place) >= 2:
        core = core[len(place) :]
    return 2 <= len(core) <= 6 and company_core_ok(core) and name_like(core)
