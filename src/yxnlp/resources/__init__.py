"""Rules and vocabularies: each data file of ``yxnlp/data`` loaded once and validated.

Every JSON file has a typed schema in :mod:`yxnlp.resources.schemas` or
:mod:`yxnlp.resources.entity_schemas` (pydantic, unknown keys
forbidden; keys starting with ``_`` are comments). A file that does not match its schema stops
the program with :class:`ResourceError` naming the file and the key, the first time anything
asks for it; a key that no code reads is caught by ``tests/test_resources.py``. Stages ask for
their rules here and compile them once; nothing else in the package opens ``yxnlp/data``.

>>> units().inferred_money_unit
'万元'
>>> admin().suffixes[:3]
('特别行政区', '自治区', '自治州')
"""

from __future__ import annotations

import functools
import json
from importlib import metadata
from importlib import resources as _files
from importlib.abc import Traversable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from yxnlp.errors import YxnlpError
from yxnlp.resources import entity_schemas as e
from yxnlp.resources import schemas as s

M = TypeVar("M", bound=BaseModel)


class ResourceError(YxnlpError):
    """A data file of the package is missing or does not match its schema."""


def path(*parts: str) -> Traversable:
    """A file of ``yxnlp/data`` (for files read by a library, e.g. jieba's user dictionary).

    >>> path("userdict.txt").name
    'userdict.txt'
    """
    return _files.files("yxnlp.data").joinpath(*parts)


def _strip_comments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_comments(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_strip_comments(v) for v in value]
    return value


def load(name: str, model: type[M]) -> M:
    """``yxnlp/data/<name>`` parsed as JSON and validated against ``model``."""
    try:
        raw = json.loads(path(*name.split("/")).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"yxnlp/data/{name}: cannot read ({exc})") from exc
    try:
        return model.model_validate(_strip_comments(raw))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ResourceError(f"yxnlp/data/{name}: {where}: {first['msg']}") from exc


def jsonl(name: str, model: type[M]) -> tuple[M, ...]:
    """Each line of a JSON Lines data file validated against ``model``."""
    rows = []
    for n, line in enumerate(path(name).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(model.model_validate_json(line))
        except ValidationError as exc:
            raise ResourceError(f"yxnlp/data/{name}:{n}: {exc.errors()[0]['msg']}") from exc
    return tuple(rows)


@functools.cache
def admin() -> s.Admin:
    """Administrative-division suffixes and the named subsets stages use."""
    return load("admin_divisions.json", s.Admin)


@functools.cache
def units() -> s.Units:
    return load("units.json", s.Units)


@functools.cache
def qualifiers() -> s.Qualifiers:
    return load("qualifiers.json", s.Qualifiers)


@functools.cache
def status_cues() -> s.StatusCues:
    return load("status_cues.json", s.StatusCues)


@functools.cache
def report_parts() -> s.ReportParts:
    """Which part of a report is the summary and which the plan (headings and lead cues)."""
    return load("report_parts.json", s.ReportParts)


@functools.cache
def indicator_cues() -> s.IndicatorCues:
    return load("indicator_cues.json", s.IndicatorCues)


@functools.cache
def taxonomy() -> s.Taxonomy:
    return load("indicator_taxonomy.json", s.Taxonomy)


@functools.cache
def sections() -> s.SectionCues:
    return load("sections.json", s.SectionCues)


@functools.cache
def furniture() -> s.Furniture:
    return load("furniture.json", s.Furniture)


@functools.cache
def companies() -> e.CompanyRules:
    return load("company_suffixes.json", e.CompanyRules)


@functools.cache
def orgs() -> e.OrgRules:
    return load("org_patterns.json", e.OrgRules)


@functools.cache
def places() -> e.PlaceRules:
    return load("place_rules.json", e.PlaceRules)


@functools.cache
def projects() -> e.ProjectRules:
    return load("project_cues.json", e.ProjectRules)


@functools.cache
def project_status() -> e.ProjectStatus:
    return load("project_status.json", e.ProjectStatus)


@functools.cache
def entity_contexts() -> e.EntityContexts:
    return load("entity_contexts.json", e.EntityContexts)


@functools.cache
def entity_patterns() -> tuple[e.EntityPattern, ...]:
    """Phrase patterns for spaCy's ``span_ruler`` (``{"label", "pattern", "id"}`` per line)."""
    return jsonl("entity_patterns.jsonl", e.EntityPattern)


@functools.cache
def lexicon_spec() -> e.LexiconSpec:
    return load("lexicon.json", e.LexiconSpec)


@functools.cache
def ner_cues() -> e.NerCues:
    return load("ner_cues.json", e.NerCues)


def _word_list(name: str) -> frozenset[str]:
    lines = path(name).read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@functools.cache
def report_vocabulary() -> frozenset[str]:
    """Lexicon brands that are ordinary words of work reports (``report_vocabulary.txt``,
    written by ``scripts/build_report_vocabulary.py``)."""
    return _word_list("report_vocabulary.txt")


@functools.cache
def report_words() -> frozenset[str]:
    """Words of the reports that jieba's dictionary lacks (实训, 冷链, 绿氢: ``report_words.txt``,
    written by ``scripts/build_report_vocabulary.py``)."""
    return _word_list("report_words.txt")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


@functools.cache
def used(segmenter: str) -> dict[str, str]:
    """The lexicons and libraries a record's rules read, by role, with their versions (kept
    in the record's provenance: the entity rules read jieba's dictionary and POS tags
    whatever the segmenter is).

    >>> sorted(used("pkuseg"))[:3]
    ['company lexicon', 'entity word checks', 'gazetteer']
    """
    return {
        "segmenter": f"{segmenter} {_version(segmenter)}",
        "entity word checks": f"jieba {_version('jieba')} dictionary and POS tags",
        "company lexicon": f"companynameparser {_version('companynameparser')} (brands, trades)",
        "gazetteer": "modood/Administrative-divisions-of-China (yxnlp/data/gazetteer)",
        "traditional script": f"opencc {_version('opencc')} t2s",
        "tokenizer": f"spacy {_version('spacy')}",
    }


def all_loaders() -> dict[str, Any]:
    """Every loader by data file, for the schema tests and a warm-up."""
    return {
        "admin_divisions.json": admin,
        "units.json": units,
        "qualifiers.json": qualifiers,
        "status_cues.json": status_cues,
        "report_parts.json": report_parts,
        "indicator_cues.json": indicator_cues,
        "indicator_taxonomy.json": taxonomy,
        "sections.json": sections,
        "furniture.json": furniture,
        "company_suffixes.json": companies,
        "org_patterns.json": orgs,
        "place_rules.json": places,
        "project_cues.json": projects,
        "project_status.json": project_status,
        "entity_patterns.jsonl": entity_patterns,
        "entity_contexts.json": entity_contexts,
        "report_vocabulary.txt": report_vocabulary,
        "report_words.txt": report_words,
        "lexicon.json": lexicon_spec,
        "ner_cues.json": ner_cues,
    }
