"""Batch under signals: a parent killed alone takes its workers with it; Ctrl-C is one line.

The SIGKILL of the whole process group mid-way is in ``test_batch.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.fixtures_batch import write_reports
from tests.test_batch import ROOT, outputs
from yxnlp.batch import MANIFEST


def _batch_with_workers(src: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from yxnlp.cli import run; run()", "batch", str(src),
               "--out", str(out), "--workers", "2", "--no-ner", "--no-progress"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, preexec_fn=_default_sigint)  # fmt: skip


def _default_sigint() -> None:  # a shell may start the tests with Ctrl-C ignored
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _working(proc: subprocess.Popen[bytes], out: Path) -> list[psutil.Process]:
    """The batch's child processes, once its workers have written a record."""
    deadline = time.monotonic() + 180
    while not (out.is_dir() and outputs(out)):
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "no record appeared"
        time.sleep(0.05)
    return psutil.Process(proc.pid).children(recursive=True)


@pytest.mark.slow
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    """``kill -9`` of the batch alone (not its process group): no worker (nor the
    multiprocessing resource tracker) is left running 10 s later."""
    src, out = tmp_path / "src", tmp_path / "out"
    write_reports(src, 10, paragraphs=16)
    proc = _batch_with_workers(src, out)
    children = []
    try:
        children = _working(proc, out)
        assert len(children) >= 2
        os.kill(proc.pid, signal.SIGKILL)  # the parent only
        proc.wait()
        _, alive = psutil.wait_procs(children, timeout=10)
        survivors = [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]
        assert survivors == []
    finally:
        for p in children:  # whatever survived, so the suite goes on
            with contextlib.suppress(psutil.Error):
                p.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.slow
def test_ctrl_c_stops_a_batch_in_one_line(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, as from a terminal: the batch says so in one
    line, exits 130, keeps the manifest of the work done, and leaves no worker behind."""
    src, out = tmp_path / "src", tmp_path / "out"
    # enough files that the batch is still busy when the signal comes, even if the test
    # process is held up on a loaded machine after the first record appears
    files = write_reports(src, 60, paragraphs=16)
    proc = _batch_with_workers(src, out)
    children = _working(proc, out)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 130
    assert err.decode().splitlines() == ["yxnlp: interrupted"]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert 1 <= len(manifest) <= len(files)  # every entry has its record
    assert {Path(k).name for k in manifest} <= {f.name for f in files if (out / f"{f.stem}.json").is_file()}
    _, alive = psutil.wait_procs(children, timeout=10)
    assert [p for p in alive if p.status() != psutil.STATUS_ZOMBIE] == []
