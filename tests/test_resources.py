"""The data layer: every data file loads and validates, unknown keys fail, no key goes unread."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from yxnlp import resources
from yxnlp.resources import entity_schemas, schemas

SRC = Path(resources.__file__).resolve().parents[1]  # src/yxnlp
DATA = SRC / "data"


@pytest.mark.parametrize("name", sorted(resources.all_loaders()))
def test_every_data_file_loads_and_validates(name: str) -> None:
    assert resources.all_loaders()[name]()


def test_every_json_data_file_has_a_loader() -> None:
    """A data file the resources layer does not know is a file nothing validates."""
    known = set(resources.all_loaders()) | {
        "record.schema.json",  # generated from the record model, checked by tests/test_record.py
        "metadata.json",  # loaded by yxnlp.metadata
        "lexicon.json",  # loaded and checked by yxnlp.lexicon
        "gov_hosts.json",  # loaded by yxnlp.metadata.user
    }
    found = {p.name for p in DATA.glob("*.json*")}
    assert found <= known, sorted(found - known)


def test_an_unknown_key_fails_with_the_file_and_key(tmp_path: Path) -> None:
    raw = json.loads((DATA / "qualifiers.json").read_text("utf-8"))
    raw["prefix_windw"] = 5  # a misspelt key
    with pytest.raises(Exception) as err:
        schemas.Qualifiers.model_validate({k: v for k, v in raw.items() if not k.startswith("_")})
    assert "prefix_windw" in str(err.value)


def test_a_file_that_does_not_fit_its_schema_is_a_resource_error_naming_it() -> None:
    with pytest.raises(resources.ResourceError, match=r"qualifiers.json: units: Field required"):
        resources.load("qualifiers.json", schemas.Units)


def test_subsets_of_admin_suffixes_must_be_suffixes() -> None:
    with pytest.raises(ValueError, match="stem"):
        schemas.Admin(suffixes=("市",), place_name=("市",), level_word=("市",),
                      level_key=("市",), stem=("县",), named_region_kinds=(),
                      province_abbreviations=())  # fmt: skip


def _fields(model: type[BaseModel]) -> set[str]:
    out = set(model.model_fields)
    for f in model.model_fields.values():
        ann = f.annotation
        for arg in (ann, *getattr(ann, "__args__", ())):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                out |= _fields(arg)
    return out


def test_no_data_key_goes_unread() -> None:
    """Every key a schema declares is read somewhere in the package (a key nothing reads is a
    rule that silently does nothing)."""
    code = "\n".join(
        p.read_text("utf-8") for p in SRC.rglob("*.py") if p.parent.name != "resources"
    )
    models = [m for mod in (schemas, entity_schemas) for m in vars(mod).values()
              if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == mod.__name__]  # fmt: skip
    unread = sorted(
        (m.__name__, f)
        for m in models
        for f in _fields(m)
        if not re.search(rf"\.{f}\b|\"{f}\"", code)
    )
    assert not unread, unread
