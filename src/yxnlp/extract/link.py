"""Linking entities and indicators (project investment, figure owners). (Skeleton.)"""

from __future__ import annotations

from yxnlp.record import Entity, Indicator


def link(entities: list[Entity], indicators: list[Indicator]) -> list[Entity]:
    return entities
