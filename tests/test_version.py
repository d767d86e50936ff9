"""One version string: the package metadata, everywhere a version is stated."""

from __future__ import annotations

from importlib import metadata

import pytest

import yxnlp
from yxnlp.batch import pipeline_version
from yxnlp.cli import main


def test_every_place_states_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    installed = metadata.version("yxnlp")
    assert yxnlp.__version__ == installed
    assert yxnlp.process("全县生产总值增长6%。", ner=False).provenance.yxnlp == installed  # type: ignore[union-attr]
    assert pipeline_version().startswith(installed + "+")
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"yxnlp {installed}\n"
