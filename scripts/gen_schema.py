"""Regenerate src/yxnlp/data/record.schema.json from the record model."""

from yxnlp.record import json_schema, schema_path

if __name__ == "__main__":
    schema_path().write_text(json_schema(), encoding="utf-8")
    print(schema_path())
