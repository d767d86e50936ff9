"""Entities: companies, projects (parks, bases, platforms), government bodies and places.

Two layers find candidate mentions in the masked text (furniture blanked, offsets kept):

- **rules** (source ``rule:<id>``): patterns and vocabularies in ``data/`` — place names
  from the administrative gazetteer and named regions (``entity_patterns.jsonl`` through a
  spaCy ``span_ruler`` over character tokens); government and party bodies
  (``org_patterns.json``: [place or level] + department + 局/委/厅…); projects, parks, bases
  and platforms (``project_cues.json``: the longest name ending in 项目/产业园/基地/孵化中心…);
  companies by shape (``company_suffixes.json``: core + legal form 集团/有限公司…, or a short
  core + industry word 科技/机械/药业…), and companies named at the start of a project name
  (``X集团年产…项目``, ``X(吴兴)…项目``);
- **lists** (source ``list``): enumeration propagation — every item of ``A、B、C等N家企业``
  or ``A、B等企业诉求`` is a company, even without a suffix; in ``A、B等项目`` the items that
  are not project names are companies standing in for their projects;
- **ner** (source ``ner``): the shipped spaCy model (:mod:`yxnlp.extract.ner`), COMPANY and ORG
  only, its spans passed through the same validity checks as rule candidates.

Merging precedence: rule > list > ner; among overlapping candidates of one precedence the
longest span wins. Nesting is allowed where names nest in Chinese: a PLACE inside any name, a
COMPANY inside a PROJECT (its owner). Mentions are then grouped into entities per label by
canonicalisation rules (see :func:`canonical_groups`): a company's short form and full form
(prefix + legal form or group word: 兴华 → 兴华集团, but 兴华门窗 stays apart), a place
prefix; a body's level and abbreviation (区经信局 = 温州市鹿城区经济和信息化局, 我局 = the
issuer); a place's short form (柯桥 → 柯桥区); a project's 园/基地/园项目 variants and one-char
typos of a long core. Projects get ``attributes`` type, owner, investment and status.

Where each part lives (one module per concern, in pipeline order):

- :mod:`.places`, :mod:`.bodies`, :mod:`.projects`, :mod:`.companies`: the rules per label;
- :mod:`.enumerations`: list propagation; :mod:`.statistical`: the model's candidates;
- :mod:`.merging`: overlap resolution; :mod:`.canonical`: grouping mentions into entities;
- :mod:`.attributes`: project type, owner, investment, status;
- :mod:`.data`: the rule files, compiled once; :mod:`.words`, :mod:`.lexicon`: shared word checks.

:func:`extract_entities` runs: rule candidates (places, bodies, projects, companies, project
owners, enumerations) + model candidates → :func:`merge` → short place forms → canonical
groups and attributes (:func:`build_entities`).

>>> from yxnlp.pipeline import analyse
>>> from yxnlp.ingest import from_text
>>> a = analyse(from_text("一、概况\\n支持华强科技、永盛机械等3家企业入驻临安区青山湖科技城产业园。", name="t"))
>>> sorted((e.label, e.canonical) for e in extract_entities(a, use_ner=False))
[('COMPANY', '华强科技'), ('COMPANY', '永盛机械'), ('PLACE', '临安区'), ('PROJECT', '临安区青山湖科技城产业园')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

import numpy as np

from yxnlp import gazetteer
from yxnlp.extract.entities.attributes import (
    Firms,
    Layout,
    attributes_of,
    project_investment,
    project_status,
)
from yxnlp.extract.entities.bodies import find_orgs
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.canonical import canonical_groups
from yxnlp.extract.entities.companies import find_companies
from yxnlp.extract.entities.contexts import aliases, companies_in_projects, find_contexts
from yxnlp.extract.entities.data import ruler_candidates, rules, span_ruler
from yxnlp.extract.entities.enumerations import find_enumerations
from yxnlp.extract.entities.merging import add_short_places, drop_short_places_in_firms, merge
from yxnlp.extract.entities.places import find_places, places_in_parks
from yxnlp.extract.entities.projects import find_projects, named_by_common_words
from yxnlp.extract.entities.statistical import ner_candidates
from yxnlp.extract.entities.words import cut_left, strip_generic
from yxnlp.record import Entity, Label, Mention

if TYPE_CHECKING:
    from yxnlp.analysis import Analysis

__all__ = [
    "Candidate",
    "Layout",
    "build_entities",
    "canonical_groups",
    "companies_in_projects",
    "cut_left",
    "extract_entities",
    "find_companies",
    "find_enumerations",
    "find_orgs",
    "find_places",
    "find_projects",
    "merge",
    "ner_candidates",
    "ner_model_name",
    "project_investment",
    "project_status",
    "rule_candidates",
    "ruler_candidates",
    "rules",
    "span_ruler",
    "strip_generic",
]


def rule_candidates(text: str, *, bounds: frozenset[int] | None = None) -> list[Candidate]:
    """All rule and list candidates, unmerged (``bounds``: word boundaries, see find_places)."""
    projects = list(find_projects(text))
    ruled = ruler_candidates(text)
    found = [
        *find_places(text, bounds=bounds, ruled=ruled),
        *find_orgs(text, ruled=ruled),
        *projects,
        *places_in_parks(projects),
        *find_companies(text, bounds=bounds),
        *companies_in_projects(projects),
        *find_contexts(text, bounds=bounds),
    ]
    known = {c.text for c in found if c.label == "COMPANY"}
    return [*found, *find_enumerations(text, known=known)]


def extract_entities(a: Analysis, *, use_ner: bool = True) -> list[Entity]:
    """Entities of one analysed report: rules (+ the NER model), merged and canonicalised."""
    text = a.masked
    bounds = _word_bounds(a)
    cands = rule_candidates(text, bounds=bounds)
    if use_ner:
        cands += list(ner_candidates(text, word_starts=_word_starts(a)))
    declared = aliases(text, [c for c in cands if c.label == "COMPANY"])
    cands += [  # every use of a declared short form (以下简称“宏图机械”)
        Candidate("COMPANY", m.start(), m.end(), short, "rule:alias")
        for short in declared
        for m in re.finditer(re.escape(short), text)
    ]
    merged = merge(cands)
    merged = drop_short_places_in_firms(add_short_places(text, merged))
    if _speaks_for_a_wide_area(a):  # 商品粮基地 in a province's report: a class of sites
        merged = [c for c in merged if c.label != "PROJECT" or not named_by_common_words(c.text)]
    return build_entities(a, merged, aliases=declared)


def _speaks_for_a_wide_area(a: Analysis) -> bool:
    """The report speaks for the country or a province, whose reports name classes of parks
    and bases by common words; a county's or a zone's report names its own park so."""
    code = a.meta.region.code if a.meta.region else None
    return code is not None and gazetteer.load().level(code) in ("national", "province")


def _word_starts(a: Analysis) -> list[int]:
    """Start offsets of the segmenter's tokens, in order."""
    return cast("list[int]", a.doc.to_array("IDX").tolist())


def _word_bounds(a: Analysis) -> frozenset[int]:
    """Start and end offsets of the segmenter's tokens (read in one call, not token by token)."""
    cols = a.doc.to_array(["IDX", "LENGTH"]).reshape(-1, 2)
    return frozenset(cast("list[int]", np.union1d(cols[:, 0], cols[:, 0] + cols[:, 1]).tolist()))


def build_entities(
    a: Analysis, merged: list[Candidate], *, aliases: dict[str, str] | None = None
) -> list[Entity]:
    """Group merged mentions into canonical entities with attributes, ids in text order.

    ``aliases`` maps a declared short form to the full name it stands for.
    """
    groups: dict[str, list[Candidate]] = {}
    for c in merged:
        groups.setdefault(c.label, []).append(c)
    issuer = _issuer_name(a, groups.get("ORG", []))
    layout = Layout(a)
    entities: list[tuple[int, Entity]] = []
    firms = Firms([], {})
    labels: list[Label] = ["COMPANY", "ORG", "PLACE", "PROJECT"]  # companies before projects
    for label in labels:
        cands = groups.get(label, [])
        canon, issuer_canon = _canonical(a, label, cands, issuer, aliases or {})
        if label == "COMPANY":
            firms = Firms(cands, canon)
        by_canon: dict[str, list[Candidate]] = {}
        for c in cands:
            by_canon.setdefault(canon[c.text], []).append(c)
        for name, ms in by_canon.items():
            ms.sort(key=lambda c: c.start)
            attrs = attributes_of(a, label, ms, firms, layout)
            if label == "ORG" and issuer and name == issuer_canon:
                attrs["issuer"] = True
                if issuer != name:
                    attrs["full_name"] = issuer  # the issuer named in full by the metadata
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
    return [e.model_copy(update={"id": f"e{i}"}) for i, (_, e) in enumerate(entities, 1)]


def _canonical(
    a: Analysis, label: str, cands: list[Candidate], issuer: str | None, declared: dict[str, str]
) -> tuple[dict[str, str], str | None]:
    """Canonical name of each surface form of one label, and the issuer's canonical name.

    A canonical name is always a form written in the report: the issuer's full name from the
    metadata only groups the body's forms (区人民政府 with 某市某区人民政府), it does not
    replace them when the text never writes it out.
    """
    names = [c.text for c in cands]
    if label == "ORG" and issuer:
        names = [issuer, *names]
    canon = canonical_groups(label, names)
    if label == "COMPANY":
        for short, full in declared.items():
            if short in canon and full in canon:
                canon[short] = canon[full]
    if label != "ORG" or not issuer:
        return canon, None
    selfrefs = set(rules().org.self_references)
    canon.update({n: canon[issuer] for n in names if n in selfrefs})
    target = canon[issuer]
    if target not in a.masked:
        written = [n for n in names[1:] if canon[n] == target and n not in selfrefs]
        if written:
            best = max(written, key=len)
            canon = {n: (best if c == target else c) for n, c in canon.items()}
            target = best
    return canon, target


def _issuer_name(a: Analysis, orgs: list[Candidate]) -> str | None:
    issuer = a.meta.issuer
    if issuer:
        return issuer
    title = a.meta.title or ""
    in_title = [c.text for c in orgs if c.text in title and c.source != "rule:self_reference"]
    return max(in_title, key=len) if in_title else None


def ner_model_name() -> str | None:
    """The shipped NER model's name and version, or ``None`` if it is not installed."""
    from yxnlp.extract import ner

    return ner.model_name()
