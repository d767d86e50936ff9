"""Scoring entity categories against gold. (Skeleton until the entities work item lands.)"""

from __future__ import annotations

from typing import Any

from yxnlp.record import Record


def score_entities(record: Record, gold: dict[str, Any]) -> dict[str, Any]:
    """Per-label exact and relaxed counts; empty until the entities work item lands."""
    return {}
