"""Numeric indicators. (Skeleton until the indicators work item lands: returns nothing.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yxnlp.record import Entity, Indicator

if TYPE_CHECKING:
    from yxnlp.pipeline import Analysis


def extract_indicators(a: Analysis, *, entities: list[Entity]) -> list[Indicator]:
    return []
