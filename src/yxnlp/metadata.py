"""Stage: document metadata (title, issuer, region, dates, years).

(Skeleton. The ingest work item implements it against the gazetteer.)
"""

from __future__ import annotations

from dataclasses import dataclass

from yxnlp.record import Region


@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    region: Region | None = None
    published: str | None = None
    summary_year: int | None = None
    plan_year: int | None = None


def read_metadata(text: str, *, title: str | None = None) -> Metadata:
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    return Metadata(title=title or first)
