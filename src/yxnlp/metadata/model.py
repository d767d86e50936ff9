"""The metadata of one report as the stage returns it (``Metadata.rules`` names each field's rule)."""

from __future__ import annotations

from dataclasses import dataclass, field

from yxnlp.record import Region


@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    region: Region | None = None
    published: str | None = None
    summary_year: int | None = None
    plan_year: int | None = None
    rules: dict[str, str] = field(default_factory=dict)  # field name -> rule id
    summary_period: str | None = None  # "2023", or months: "2023-01..2023-06"
    zone: str | None = None  # a development or high-tech zone: "襄阳高新区"
    url: str | None = None  # the page's address, when a user gives it
