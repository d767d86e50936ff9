"""The store the export tests read: the county reports and the record with every field set."""

from __future__ import annotations

import pytest

from tests.fixtures_batch import county_records, full_record
from yxnlp.store import Store


@pytest.fixture(scope="session")
def county_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("county-store") / "c.duckdb"
    with Store(path, read_only=False) as st:
        st.upsert([*county_records(), full_record()])
    return Store(path)
