"""Lists (source ``list``): every item of ``A、B、C等N家企业`` is a company, even without a
suffix; in ``A、B等项目`` the items that are not project names are companies standing in for
their projects."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import rules
from yxnlp.extract.entities.names import company_core_ok, core_of, places_in
from yxnlp.extract.entities.words import (
    common_word,
    cut_left,
    is_generic,
    proper_name,
    verb_phrase,
)


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
                if (is_project and len(item) > 4 and not shaped) or places_in(item):
                    continue
                if not shaped and (len(item) > 6 or verb_phrase(item)):
                    continue
                if not shaped and (common_word(item) or (is_project and not proper_name(item))):
                    continue
                if not 2 <= len(item) <= 10 or re.search(r"\d", item):
                    continue
                if not company_core_ok(core_of(item)) or is_generic(item, r.project_generic):
                    continue
                if item.endswith(tuple(r.company.enumeration.not_company_endings)):
                    continue
                yield Candidate("COMPANY", i_start, i_start + len(item), item, "list")
