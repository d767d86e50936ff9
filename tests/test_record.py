"""The record model: its generated JSON Schema is committed and versioned."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

import yxnlp
from yxnlp.record import SCHEMA_VERSION, Document, Record, json_schema, schema_path


def test_schema_file_is_generated_from_model(update_golden: bool) -> None:
    if update_golden:
        schema_path().write_text(json_schema(), encoding="utf-8")
    assert schema_path().read_text(encoding="utf-8") == json_schema(), (
        "record.schema.json is stale: run `python scripts/gen_schema.py` (or pytest --update-golden)"
    )


def test_schema_is_versioned() -> None:
    schema = json.loads(json_schema())
    assert SCHEMA_VERSION == "3"
    assert schema["properties"]["schema_version"]["enum"] == ["1", "2", "3"]
    assert schema["properties"]["schema_version"]["default"] == "3"
    assert schema["$id"].endswith("/v3.schema.json")
    assert "rules" in schema["$defs"]["Document"]["properties"]
    assert {"summary_period", "zone", "url"} <= schema["$defs"]["Document"]["properties"].keys()
    assert "scope" in schema["$defs"]["Indicator"]["properties"]


READ = [
    pytest.param('{"schema_version": "1", "document": {"id": "a", "source": "a.txt"}}', "1", {}, id="v1-without-rules"),
    pytest.param('{"schema_version": "2", "document": {"id": "a", "source": "a.txt", "rules": {"title": "hint"}}}', "2", {"title": "hint"}, id="v2"),
    pytest.param('{"schema_version": "3", "document": {"id": "a", "source": "a.txt", "summary_period": "2023-01..2023-06"}}', "3", {}, id="v3"),
    pytest.param('{"document": {"id": "a", "source": "a.txt"}}', "3", {}, id="no-version-is-current"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "version", "rules"), READ)
def test_records_of_every_version_are_read(text: str, version: str, rules: dict[str, str]) -> None:
    rec = Record.from_json(text)
    assert (rec.schema_version, rec.document.rules) == (version, rules)
    assert Record.from_json(rec.to_json()) == rec


REFUSED = [
    pytest.param('{"schema_version": "4", "document": {"id": "a", "source": "a.txt"}}', id="future-version"),
    pytest.param('{"document": {"id": "a", "source": "a.txt", "rules": {"title": 1}}}', id="rule-id-not-text"),
    pytest.param('{"document": {"id": "a", "source": "a.txt", "rule": {}}}', id="misspelt-field"),
]  # fmt: skip


@pytest.mark.parametrize("text", REFUSED)
def test_records_that_break_the_schema_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        Record.from_json(text)


def test_a_record_says_which_rule_set_each_metadata_field() -> None:
    rec = yxnlp.process("某县人民政府2025年政府工作报告\n一、主要目标\n全县生产总值增长6%。", source="a.txt", ner=False)
    assert rec.document.rules["title"] == "title:line"
    assert rec.document.plan_year == 2025 and "plan_year" in rec.document.rules


def test_round_trip_keeps_chinese_and_spans() -> None:
    rec = Record(document=Document(id="abc", source="报告.txt", title="某县2024年工作总结"))
    back = Record.from_json(rec.to_json())
    assert back == rec
    assert "某县2024年工作总结" in rec.to_json()
