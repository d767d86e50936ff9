"""Fixtures of the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures_batch import county_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the invented county records of :mod:`tests.fixtures_batch`."""
    return county_store(tmp_path_factory.mktemp("cli") / "y.duckdb")
