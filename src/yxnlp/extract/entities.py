"""Entities. (Skeleton until the entities work item lands: returns nothing.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yxnlp.record import Entity

if TYPE_CHECKING:
    from yxnlp.pipeline import Analysis


def extract_entities(a: Analysis, *, use_ner: bool = True) -> list[Entity]:
    return []


def ner_model_name() -> str | None:
    return None
