"""Atomic writes: a file is replaced whole, a device or a pipe is written in place."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from yxnlp.io import write_atomic


@pytest.mark.parametrize("before", [None, "旧内容"])
def test_a_file_is_replaced_whole(tmp_path: Path, before: str | None) -> None:
    target = tmp_path / "out" / "r.json"
    if before is not None:
        target.parent.mkdir()
        target.write_text(before, encoding="utf-8")
    write_atomic(target, '{"地区": "德阳市"}')
    assert target.read_text(encoding="utf-8") == '{"地区": "德阳市"}'
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]  # no temporary file left


def test_dev_null_stays_a_device() -> None:
    """``yxnlp extract … -o /dev/null`` run as root once replaced the device with a file."""
    write_atomic(os.devnull, "丢弃")
    assert Path(os.devnull).is_char_device()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "增长8%")
    reader.join(timeout=10)
    assert got == ["增长8%".encode()]
    assert not fifo.is_file()
