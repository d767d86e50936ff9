"""``yxnlp evaluate`` on the hand-annotated dev pages agrees with the project's independent
scorer (``shared/tools/score_entities.py``), and the entity floors hold there."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from yxnlp.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "gold" / "dev"
SCORER = ROOT.parent / "shared" / "tools" / "score_entities.py"


@pytest.fixture(scope="module")
def ours() -> dict[str, float]:
    result = evaluate(DEV, DEV)
    assert result["indicators"] is None  # entity-only gold scores no indicators
    return {label: modes["names"]["f1"] for label, modes in result["entities"].items()}


@pytest.mark.shared
@pytest.mark.slow
def test_evaluate_agrees_with_the_independent_scorer(ours: dict[str, float]) -> None:
    done = subprocess.run(
        [sys.executable, str(SCORER), str(DEV)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    theirs = {
        m["label"]: float(m["f1"])
        for m in re.finditer(r"^(?P<label>[A-Z]+)\s+P [\d.]+ R [\d.]+ F1 (?P<f1>[\d.]+)", done.stdout, re.M)
    }
    assert set(theirs) == {"COMPANY", "PROJECT", "ORG", "PLACE"}, done.stdout + done.stderr
    for label, f1 in theirs.items():
        assert ours[label] == pytest.approx(f1, abs=0.0006), label


@pytest.mark.shared
@pytest.mark.slow
def test_entity_floors_on_the_dev_pages(ours: dict[str, float]) -> None:
    """The floors issue 10 sets (relaxed F1 on pages the rules were not written for)."""
    floors = {"COMPANY": 0.85, "PROJECT": 0.75, "ORG": 0.90, "PLACE": 0.90}
    for label, floor in floors.items():
        assert ours[label] >= floor, (label, ours[label])
