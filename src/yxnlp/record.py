"""The knowledge record: one typed model for JSON, the database and pandas.

Every ``span`` is ``[start, end)`` in code points into the source text (see ``spec/RECORD.md``
of the project). The JSON Schema in ``src/yxnlp/data/record.schema.json`` is generated from
these classes by :func:`json_schema` and checked by a test; the store's columns are derived
from the same classes (:mod:`yxnlp.store.schema`).

Schema versions: ``"2"`` adds ``document.rules``, which rule set each metadata field; ``"3"``
adds ``document.summary_period``, ``zone`` and ``url`` and ``indicator.scope`` (the place a
figure is about when it is not the report's region). Records written before are still read as
they are: their new fields are empty and they keep saying ``"1"`` or ``"2"``.

>>> r = Record(document=Document(id="x", source="a.txt", rules={"title": "title:line"}))
>>> r.schema_version
'3'
>>> Record.model_validate_json(r.model_dump_json()) == r
True
>>> old = Record.from_json('{"schema_version": "1", "document": {"id": "x", "source": "a.txt"}}')
>>> old.schema_version, old.document.rules
('1', {})
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SchemaVersion = Literal["1", "2", "3"]
SCHEMA_VERSION: Literal["3"] = "3"

Span = tuple[int, int]
Kind = Literal["amount", "count", "percent", "growth", "share", "quantity"]
Qualifier = Literal["exact", "approx", "more_than", "at_least", "at_most", "less_than", "range"]
Status = Literal["actual", "estimate", "target", "progress"]
Label = Literal["COMPANY", "PROJECT", "ORG", "PLACE"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Region(_Model):
    """An administrative region resolved against the gazetteer (6-digit code)."""

    name: str
    code: str | None = None


class Document(_Model):
    """Who issued the report, where, when, and which years it summarises and plans."""

    id: str = Field(description="sha256 of the input bytes")
    source: str = Field(description="path or name as given")
    title: str | None = None
    issuer: str | None = None
    region: Region | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD")
    summary_year: int | None = None
    plan_year: int | None = None
    summary_period: str | None = Field(
        default=None,
        description="the span the summary covers: '2023', or months '2023-01..2023-06' for a"
        " 上半年 report (schema 3)",
    )
    zone: str | None = Field(
        default=None, description="a development or high-tech zone the report speaks for (schema 3)"
    )
    url: str | None = Field(default=None, description="the page's address, when given (schema 3)")
    rules: dict[str, str] = Field(
        default_factory=dict,
        description="which rule set each metadata field: field name -> rule id,"
        " e.g. {'title': 'title:line', 'region': 'gazetteer:longest_chain'} (schema 2)",
    )
    format: str = "txt"
    length: int = Field(default=0, description="length of the source text in code points")
    text: str | None = Field(
        default=None, description="the source text, for html/docx/pdf input (optional for txt)"
    )
    furniture: list[Span] = Field(
        default_factory=list, description="spans of page furniture ignored by the extractors"
    )


class Section(_Model):
    """A heading-delimited part of the report; ``span`` covers heading and body."""

    id: str
    heading: str
    level: int = Field(description="1: 一、  2: (一)  3: 1.  4: 一是 enumeration item")
    number: str | None = Field(default=None, description="the marker as written, e.g. '(二)'")
    parent: str | None = None
    span: Span
    heading_span: Span


class Sentence(_Model):
    id: str
    span: Span
    section: str | None = None


class Normalized(_Model):
    """The figure in base units, signed (下降3% is -3)."""

    value: float | None = Field(
        default=None, description="the value in base units, signed; the low end of a range"
    )
    unit: str | None = Field(
        default=None,
        description="CNY (money in yuan), percent, percentage_point, count, USD, or a physical"
        " unit as written in Chinese (樘, 蒸吨, 平方米, …)",
    )
    max: float | None = Field(default=None, description="upper end of a range")


class Indicator(_Model):
    """One numeric fact: raw text and span, parsed value, meaning and provenance."""

    id: str
    key: str | None = None
    key_source: str | None = Field(default=None, description="'rule', 'model:…' or null")
    subject: str | None = None
    text: str
    span: Span
    sentence_span: Span
    section: str | None = None
    value: float | None = None
    unit: str | None = None
    unit_inferred: bool = False
    normalized: Normalized = Field(default_factory=Normalized)
    kind: Kind = Field(
        description="amount: money · count: a number of things · percent: a plain ratio or"
        " completion rate · growth: a 同比/年均 change · share: 占…比重 · quantity: a physical"
        " amount"
    )
    qualifier: Qualifier = Field(
        default="exact",
        description="exact · approx (约, 左右, 近) · more_than (余, 多, 超) · at_least (以上,"
        " 不低于) · at_most (以下, 以内, 不超过, 控制在: the bound included) · less_than (不足,"
        " 低于, 不到) · range (6%－6.5%: normalized.value is the low end, normalized.max the"
        " high end)",
    )
    status: Status = Field(
        default="actual",
        description="actual · estimate (预计) · target (力争, 目标, future years) · progress"
        " (partial completion such as 完成约70%)",
    )
    period: str | None = Field(
        default=None,
        description="'2021' (a year), '2021-01..2021-11' (months), '2021..2025' (a span, e.g."
        " 年均), or null",
    )
    scope: str | None = Field(
        default=None,
        description="the place the figure is about when it is not the report's region (全国, 全省,"
        " 武汉都市圈); such a figure has no key (schema 3)",
    )
    entity: str | None = None
    source: str = Field(description="the rule or model that produced it, e.g. 'rule:money'")
    rules: dict[str, str] = Field(
        default_factory=dict,
        description="the rule that set each decided field: status, period, qualifier",
    )


class Mention(_Model):
    text: str
    span: Span
    source: str = Field(description="'rule', 'ner', 'list' or 'rule:<pattern id>'")


class Entity(_Model):
    id: str
    label: Label = Field(
        description="COMPANY · PROJECT (projects, parks, bases, incubators, platforms;"
        " attributes.type says which) · ORG (government and party bodies) · PLACE"
        " (administrative places and named regions)"
    )
    name: str
    canonical: str
    mentions: list[Mention] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)


class Provenance(_Model):
    """What made the record: the package, the segmenter, the model, and every lexicon and
    library the rules read, by the role it plays (schema 3)."""

    yxnlp: str
    segmenter: str
    ner_model: str | None = None
    created: str
    resources: dict[str, str] = Field(
        default_factory=dict,
        description="role -> what and which version, e.g. {'entity word checks': 'jieba 0.42.1"
        " dictionary and POS tags', 'company lexicon': 'companynameparser 0.1.8'}",
    )


class Record(_Model):
    """One report's knowledge record."""

    schema_version: SchemaVersion = SCHEMA_VERSION
    document: Document
    sections: list[Section] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    provenance: Provenance | None = None

    def to_json(self, *, indent: int | None = 1) -> str:
        """Serialise as UTF-8-friendly JSON (Chinese kept readable)."""
        return self.model_dump_json(indent=indent, exclude_none=False)

    @classmethod
    def from_json(cls, data: str | bytes) -> Record:
        return cls.model_validate_json(data)


def json_schema() -> str:
    """The record's JSON Schema, as written to ``data/record.schema.json``."""
    schema = Record.model_json_schema()
    schema["$id"] = f"https://yxnlp.invalid/record/v{SCHEMA_VERSION}.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_path() -> Path:
    """Where the generated schema is kept (package data)."""
    return Path(__file__).with_name("data") / "record.schema.json"
