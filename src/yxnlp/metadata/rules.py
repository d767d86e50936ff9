"""The metadata rules of ``data/metadata.json``, loaded, validated and compiled once.

:func:`config` is the one loader (the lead may swap it for a shared resources layer); every key
of the file is read here, and a key no code reads is an error.

>>> cfg = config()
>>> [p.id for p in cfg.title_patterns][:2]
['title:plan_execution', 'title:summary_and_plan']
>>> cfg.level_rank["区"] == cfg.level_rank["县"] > cfg.level_rank["市"]
True
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

_FLAGS = ("plan_from_summary", "summary_from_plan", "issuer_on_behalf", "summary_from_body")


@dataclass(frozen=True)
class TitlePattern:
    """One title shape: its rule id, compiled pattern and what its groups mean."""

    id: str
    regex: re.Pattern[str]
    issuer_template: str | None = None
    plan_from_summary: bool = False
    summary_from_plan: bool = False
    issuer_on_behalf: bool = False
    summary_from_body: bool = False


@dataclass(frozen=True)
class Rules:
    """Everything the metadata stage reads from its data file."""

    title_patterns: tuple[TitlePattern, ...]
    org_suffixes: tuple[str, ...]
    department_suffixes: tuple[str, ...]
    topic_issuer_min_chars: int
    periods: dict[str, tuple[int, int]]
    title_strip: tuple[tuple[str, re.Pattern[str]], ...]
    trailing_issuer: re.Pattern[str]
    title_lines: int
    title_max_chars: int
    not_title: re.Pattern[str]
    file_name: re.Pattern[str]
    skip_block_start: re.Pattern[str]
    skip_block_line: re.Pattern[str]
    stop_title: re.Pattern[str]
    header_lines: int
    header_fields: dict[str, str]  # label -> field (title, issuer, published, other)
    header_label: re.Pattern[str]
    header_preference: dict[str, tuple[str, ...]]  # field -> labels in order of preference
    source_line: re.Pattern[str]
    site_line: re.Pattern[str]
    site_lines: int
    body_subject: re.Pattern[str]
    body_subject_lines: int
    signature_lines: int
    signature: re.Pattern[str]
    on_behalf: re.Pattern[str]
    self_references: frozenset[str]
    level_rank: dict[str, int]
    level_suffixes: dict[str, tuple[str, ...]]
    level_divisions: dict[str, frozenset[str]]
    level_lead: re.Pattern[str]
    level_lead_word: re.Pattern[str]
    level_self: re.Pattern[str]
    level_whole: re.Pattern[str]
    level_whole_min: int
    parent_prefix: frozenset[str]
    zone_kinds: tuple[str, ...]
    zone_regex: re.Pattern[str]
    zone_prefix_chars: int
    zone_place_suffixes: tuple[str, ...]
    body_chars: int
    body_year_lines: int
    body_year: re.Pattern[str]
    national_issuer: str
    admin_suffixes: tuple[str, ...]
    issuer_strip: str
    issuer_strip_suffixes: tuple[str, ...]
    subtitle: re.Pattern[str]
    subtitle_lines: int
    summary_cues: tuple[str, ...]
    summary_cue_chars: int
    date_lines: int
    date_signature_lines: int
    year_range: tuple[int, int]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _spaced(label: str) -> str:
    """名称 → 名[ \\t　]*称: labels of header blocks are often spaced out to align."""
    return r"[ \t\u3000]*".join(re.escape(c) for c in label)


class RulesError(ValueError):
    """The data file does not have the shape the code reads."""


def _take(data: dict[str, Any], key: str) -> Any:
    if key not in data:
        raise RulesError(f"metadata.json: missing key {key!r}")
    return data.pop(key)


def _done(data: dict[str, Any], where: str) -> None:
    left = [k for k in data if not k.startswith("_")]
    if left:
        raise RulesError(f"metadata.json: {where}: keys no code reads: {left}")


def _title_patterns(raw: list[dict[str, Any]], fragments: dict[str, str]) -> tuple[TitlePattern, ...]:
    out = []
    for rule in raw:
        rule = dict(rule)
        pattern = _take(rule, "pattern")
        for name, value in fragments.items():
            pattern = pattern.replace("{" + name + "}", value)
        tp = TitlePattern(
            id=_take(rule, "id"), regex=re.compile(pattern),
            issuer_template=rule.pop("issuer_template", None),
            **{flag: bool(rule.pop(flag, False)) for flag in _FLAGS},
        )
        _done(rule, tp.id)
        out.append(tp)
    return tuple(out)


def _header(raw: dict[str, Any]) -> tuple[int, dict[str, str], re.Pattern[str],
                                         dict[str, tuple[str, ...]]]:
    fields: dict[str, list[str]] = _take(raw, "fields")
    by_label = {label: name for name, labels in fields.items() for label in labels}
    labels = sorted(by_label, key=len, reverse=True)
    alternation = "|".join(_spaced(lb) for lb in labels)
    regex = re.compile(rf"(?:^|(?<=\s))[【\[]?(?P<label>{alternation})[ \t\u3000]*[:：]")
    preference = {name: tuple(lbs) for name, lbs in fields.items()}
    return int(_take(raw, "lines")), by_label, regex, preference


@functools.cache
def config() -> Rules:
    """The metadata rules, loaded and compiled once per process."""
    return build(json.loads(resources.files("yxnlp.data").joinpath("metadata.json").read_text("utf-8")))


def build(data: dict[str, Any]) -> Rules:
    """Check and compile the parsed data file (consumed: pass a copy to keep it)."""
    fragments: dict[str, str] = _take(data, "fragments")
    clean_rules = _take(data, "title_clean")
    not_title = _take(data, "not_title")
    file_name = _take(not_title, "file_name")
    levels = _take(data, "levels")
    zones = _take(data, "zones")
    subtitle = _take(data, "subtitle")
    signature = _take(data, "signature")
    source = _take(data, "source_line")
    header_lines, header_fields, header_label, preference = _header(_take(data, "header"))
    periods = {k: (int(v[0]), int(v[1])) for k, v in _take(data, "periods").items()
               if not k.startswith("_")}
    kinds = list(_take(zones, "kinds"))
    rules = Rules(
        title_patterns=_title_patterns(_take(data, "title_patterns"), fragments),
        org_suffixes=tuple(_take(data, "org_suffixes")),
        department_suffixes=tuple(_take(data, "department_suffixes")),
        topic_issuer_min_chars=int(_take(data, "topic_issuer_min_chars")),
        periods=periods,
        title_strip=tuple((r["id"], re.compile(r["pattern"])) for r in _take(clean_rules, "strip")),
        trailing_issuer=re.compile(_take(clean_rules, "trailing_issuer")),
        title_lines=int(_take(data, "title_lines")),
        title_max_chars=int(_take(data, "title_max_chars")),
        not_title=re.compile("|".join(f"(?:{p})" for p in [*_take(not_title, "skip"), file_name])),
        file_name=re.compile(file_name),
        skip_block_start=re.compile(_take(not_title, "skip_block_start")),
        skip_block_line=re.compile(_take(not_title, "skip_block_line")),
        stop_title=re.compile(_take(not_title, "stop")),
        header_lines=header_lines,
        header_fields=header_fields,
        header_label=header_label,
        header_preference=preference,
        source_line=re.compile(_take(source, "pattern")),
        site_line=re.compile(_take(source, "site")),
        site_lines=int(_take(source, "site_lines")),
        body_subject=re.compile(_take(data, "body_subject")),
        body_subject_lines=int(_take(data, "body_subject_lines")),
        signature_lines=int(_take(signature, "lines")),
        signature=re.compile(_take(signature, "pattern")),
        on_behalf=re.compile(_take(data, "on_behalf")),
        self_references=frozenset(_take(data, "self_references")),
        level_rank={k: int(v) for k, v in _take(levels, "ranks").items()},
        level_suffixes={k: tuple(v) for k, v in _take(levels, "suffixes").items()},
        level_divisions={k: frozenset(v) for k, v in _take(levels, "divisions").items()},
        level_lead=re.compile(_take(levels, "lead")),
        level_lead_word=re.compile(_take(levels, "lead_word")),
        level_self=re.compile(_take(levels, "self_government")),
        level_whole=re.compile(_take(levels, "whole")),
        level_whole_min=int(_take(levels, "whole_min")),
        parent_prefix=frozenset(_take(levels, "parent_prefix")),
        zone_kinds=tuple(kinds),
        zone_regex=re.compile(_alternation(kinds)),
        zone_prefix_chars=int(_take(zones, "prefix_chars")),
        zone_place_suffixes=tuple(_take(zones, "place_suffixes")),
        body_chars=int(_take(data, "body_chars")),
        body_year_lines=int(_take(data, "body_year_lines")),
        body_year=re.compile(_take(data, "body_year")),
        national_issuer=_take(data, "national_issuer"),
        admin_suffixes=tuple(_take(data, "admin_suffixes")),
        issuer_strip=_take(data, "issuer_strip"),
        issuer_strip_suffixes=tuple(_take(data, "issuer_strip_suffixes")),
        subtitle=re.compile(_take(subtitle, "pattern")),
        subtitle_lines=int(_take(subtitle, "lines")),
        summary_cues=tuple(_take(data, "summary_cues")),
        summary_cue_chars=int(_take(data, "summary_cue_chars")),
        date_lines=int(_take(data, "date_lines")),
        date_signature_lines=int(_take(data, "signature_lines")),
        year_range=(int(data["year_range"][0]), int(_take(data, "year_range")[1])),
    )
    for where, rest in (("title_clean", clean_rules), ("not_title", not_title),
                        ("levels", levels), ("zones", zones), ("subtitle", subtitle),
                        ("signature", signature), ("source_line", source), ("top level", data)):
        _done(rest, where)
    if not set(rules.level_rank) == set(rules.level_suffixes) == set(rules.level_divisions):
        raise RulesError("metadata.json: levels: ranks, suffixes and divisions name different levels")
    return rules
