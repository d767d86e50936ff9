"""What every command shares: the store from --db, else $YXNLP_DB, else out/yxnlp.duckdb; the
filters under one name each; -q/-v; --version; exit status 2 for a value that names nothing."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.fixtures_batch import write_reports
from yxnlp.cli import COMMANDS, build_parser, main
from yxnlp.store import Store
from yxnlp.version import VERSION

READERS = [
    ["query", "SELECT count(*) AS n FROM documents", "--format", "json"],
    ["indicators", "--format", "json"],
    ["entities", "--format", "json"],
    ["keys", "--found", "--format", "json"],
    ["compare", "--format", "json"],
]


@pytest.mark.parametrize("args", READERS, ids=[a[0] for a in READERS])
def test_every_command_reads_yxnlp_db(db: Path, args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)  # no out/yxnlp.duckdb here
    monkeypatch.delenv("YXNLP_DB", raising=False)
    assert main(args) == 1
    assert "out/yxnlp.duckdb: no such database" in capsys.readouterr().err
    monkeypatch.setenv("YXNLP_DB", str(db))
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)
    assert main([*args, "--db", str(tmp_path / "other.duckdb")]) == 1  # --db wins
    capsys.readouterr()


def test_export_reads_yxnlp_db(db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("YXNLP_DB", str(db))
    assert main(["-q", "export", "--format", "jsonl", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "indicators.jsonl").read_text(encoding="utf-8").count("\n") == 13


def test_batch_writes_into_yxnlp_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    reports = write_reports(tmp_path / "in", 2, paragraphs=4)
    monkeypatch.setenv("YXNLP_DB", str(tmp_path / "env.duckdb"))
    assert main(["-q", "batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-ner"]) == 0
    docs = Store(tmp_path / "env.duckdb").documents()
    assert sorted(docs["path"]) == sorted(str(p.resolve()) for p in reports)


FLAGS = {"--key", "--status", "--region", "--issuer", "--year", "--label"}


def test_the_filters_have_one_name_everywhere() -> None:
    """No command spells a filter otherwise (--years and --parquet are hidden old spellings)."""
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, parser in sub.choices.items():
        shown = {o for a in parser._actions if a.help != argparse.SUPPRESS for o in a.option_strings}
        assert not {"--years", "--keys", "--regions", "--labels"} & shown, name
        if name in ("indicators", "entities", "compare", "export"):
            assert {"--region", "--issuer", "--year"} <= shown, name
        if name in ("indicators", "entities", "keys", "query", "compare", "export", "show"):
            assert "--db" in shown, name
    assert set(COMMANDS) == set(sub.choices)


def test_the_api_has_the_same_names() -> None:
    import inspect

    import yxnlp

    for method in (yxnlp.Store.indicators, yxnlp.Store.entities, yxnlp.Store.mentions, yxnlp.compare):  # fmt: skip
        params = set(inspect.signature(method).parameters)
        assert params & {f.strip("-") for f in FLAGS}, method
        assert not params & {"keys", "years", "labels", "regions"}, method


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"yxnlp {VERSION}\n"


def test_verbose_and_quiet(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["compare", "--db", str(db), "--key", "gdp_growth", "--status", "target", "--format", "csv"]  # fmt: skip
    assert main(args) == 0
    assert capsys.readouterr().err.startswith("yxnlp: note: left out 1 gdp_growth")  # a note
    assert main(["-v", *args]) == 0
    err = capsys.readouterr().err
    assert "yxnlp: info: 1 cell(s) have more than one figure" in err  # -v: what happens, too
    assert main([*args, "-v"]) == 0  # after the command as well
    assert "yxnlp: info:" in capsys.readouterr().err
    assert main(["-q", *args]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_shell_completion_knows_the_commands_and_flags(shell: str, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    with pytest.raises(SystemExit) as info:
        main(["--print-completion", shell])
    assert info.value.code == 0
    script = capsys.readouterr().out
    assert all(name in script for name in COMMANDS)
    assert "--region" in script and "--min-documents" in script
