"""The command table, and what each command loads: only the module of the command run.

Which libraries a fresh process has loaded is read from ``sys.modules`` in a subprocess (the
test process itself has loaded everything). Nothing here is timed: ``benchmarks/startup.py``
measures start-up beside ``python -c pass``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import yxnlp
from yxnlp.cli import COMMANDS, build_parser, main

HEAVY = ("spacy", "pandas", "duckdb", "sklearn", "dask", "yxnlp.pipeline")


def loaded_after(*argv: str) -> dict[str, bool]:
    """Which heavy libraries a fresh ``yxnlp`` process has loaded after running ``argv``
    (``status``: the command's exit status)."""
    code = (
        "import sys, json, contextlib, io\n"
        "from yxnlp.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        status = main({list(argv)!r})\n"
        "    except SystemExit as exc:\n"
        "        status = exc.code\n"
        f"loaded = {{m: m in sys.modules for m in {HEAVY!r}}}\n"
        "print(json.dumps({**loaded, 'status': status}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded: dict[str, bool] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


def test_help_lines_are_the_modules_own() -> None:
    """The table's help lines (shown without importing the modules) say what the modules say."""
    assert build_parser(None).format_help() == build_parser("").format_help()


def test_every_module_command_is_in_the_table() -> None:
    sub = next(a for a in build_parser(None)._actions if a.dest == "command")
    assert list(sub.choices) == list(COMMANDS)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_parses_its_own_arguments(command: str) -> None:
    sub = next(a for a in build_parser(command)._actions if a.dest == "command")
    assert sub.choices[command].get_default("run") is not None  # type: ignore[index]


def test_help_loads_nothing_heavy() -> None:
    for argv in (["--help"], ["--version"], []):
        loaded = loaded_after(*argv)
        assert loaded.pop("status") in (0, 2)
        assert not any(loaded.values())


def test_query_does_not_load_the_pipeline(db: Path) -> None:
    loaded = loaded_after("query", "SELECT count(*) FROM documents", "--db", str(db))
    assert loaded["status"] == 0 and loaded["duckdb"]
    assert not (loaded["spacy"] or loaded["yxnlp.pipeline"] or loaded["sklearn"])


def test_show_of_a_record_does_not_load_the_pipeline(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("某县2024年工作总结\n一、概况\n全县生产总值增长6%，华兴电子投产。\n", "utf-8")
    record = tmp_path / "r.json"
    record.write_text(yxnlp.process(report, ner=False).to_json(), "utf-8")
    loaded = loaded_after("show", str(record), "--html", str(tmp_path / "r.html"))
    assert loaded["status"] == 0 and (tmp_path / "r.html").is_file()
    # the store package (DuckDB, pandas) is loaded for --db and the filter checks; spaCy is not
    assert not (loaded["spacy"] or loaded["yxnlp.pipeline"] or loaded["sklearn"])


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_extract_does_not_load_the_store(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("某县2024年工作总结\n一、概况\n全县生产总值增长6%，华兴电子投产。\n", "utf-8")
    loaded = loaded_after("extract", str(report), "-o", str(tmp_path / "r.json"), "--no-ner")
    assert loaded["status"] == 0 and loaded["spacy"] and (tmp_path / "r.json").is_file()
    assert not (loaded["duckdb"] or loaded["pandas"] or loaded["dask"])


def test_an_unchanged_rerun_loads_neither_the_pipeline_nor_pandas(tmp_path: Path) -> None:
    """A batch opens its store (DuckDB) and plans before its workers start; pandas comes with
    the first insert, so an unchanged re-run, with nothing to insert, never loads it."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("某县2024年工作总结\n一、概况\n全县生产总值增长6%。\n", "utf-8")
    argv = ("batch", str(src), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "y.duckdb"),
            "--no-ner", "-q", "--no-progress")  # fmt: skip
    first = loaded_after(*argv)
    assert first["status"] == 0 and first["pandas"] and first["spacy"]
    again = loaded_after(*argv)
    assert again["status"] == 0 and again["duckdb"]
    assert not (again["pandas"] or again["spacy"] or again["yxnlp.pipeline"])
