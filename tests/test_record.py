"""The record model: its generated JSON Schema is committed and versioned."""

from __future__ import annotations

import json

from yxnlp.record import SCHEMA_VERSION, Document, Record, json_schema, schema_path


def test_schema_file_is_generated_from_model(update_golden: bool) -> None:
    if update_golden:
        schema_path().write_text(json_schema(), encoding="utf-8")
    assert schema_path().read_text(encoding="utf-8") == json_schema(), (
        "record.schema.json is stale: run `python scripts/gen_schema.py` (or pytest --update-golden)"
    )


def test_schema_is_versioned() -> None:
    schema = json.loads(json_schema())
    assert SCHEMA_VERSION == "1"
    assert schema["properties"]["schema_version"]["const"] == "1"
    assert schema["$id"].endswith("/v1.schema.json")


def test_round_trip_keeps_chinese_and_spans() -> None:
    rec = Record(document=Document(id="abc", source="报告.txt", title="某县2024年工作总结"))
    back = Record.from_json(rec.to_json())
    assert back == rec
    assert "某县2024年工作总结" in rec.to_json()
