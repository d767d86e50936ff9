"""The documentation: the API reference builds from the docstrings (pdoc), the README's field
guide names every value the record's enums take, and the package says it is typed."""

from __future__ import annotations

import importlib.util
import re
import typing
import warnings
from pathlib import Path

import pytest

from yxnlp.record import Kind, Label, Qualifier, Status

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_api_reference_builds(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" / "build_docs.py")
    assert spec is not None and spec.loader is not None
    docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pdoc warns about annotations it cannot resolve
        index = docs.build(tmp_path)
    assert index.is_file()
    for name in docs.modules():
        page = tmp_path / (name.replace(".", "/") + ".html")
        assert page.is_file(), name
    queries = (tmp_path / "yxnlp" / "store" / "queries.html").read_text(encoding="utf-8")
    assert "with_sentence" in queries and "n_statements" in queries  # a method's docstring
    compare = (tmp_path / "yxnlp" / "compare.html").read_text(encoding="utf-8")
    assert "gdp_growth_target_qualifier" in compare  # the module's example is shown


ENUMS = [("kind", Kind), ("qualifier", Qualifier), ("status", Status), ("label", Label)]


@pytest.mark.parametrize(("name", "literal"), ENUMS)
def test_the_field_guide_names_every_value(name: str, literal: object) -> None:
    guide = README.split("## Field guide", 1)[1].split("\n## ", 1)[0]
    row = next(line for line in guide.splitlines() if line.startswith(f"| `{name}`"))
    for value in typing.get_args(literal):
        assert f"`{value}`" in row, (name, value)


def test_the_readme_says_the_units_as_stored() -> None:
    assert "yuan," not in README  # the data say CNY
    for unit in ("CNY", "percent", "percentage_point", "count"):
        assert f"`{unit}`" in README


def test_the_readme_sample_record_is_a_record() -> None:
    from yxnlp.record import Indicator

    sample = re.search(r"```json\n(.*?)```", README, re.S)
    assert sample is not None
    import json

    data = json.loads(sample.group(1))
    for item in data["indicators"]:
        Indicator.model_validate(item)


def test_typed_license_and_changelog() -> None:
    assert (ROOT / "src" / "yxnlp" / "py.typed").is_file()
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")
