"""Connections to a store file: short-lived, patient with other processes, bounded, plain-spoken.

* **Readers and a writer take turns.** DuckDB lets one process write a file, or any number
  read it, at a time. :class:`~yxnlp.store.Store` therefore opens a connection per call (a
  writable one per transaction), and :func:`connect` waits up to :data:`LOCK_WAIT` seconds
  while another process holds the file: a notebook reading the store and a batch writing
  it take turns between commits instead of refusing each other.
* **Damage is named.** A file DuckDB cannot read (truncated, overwritten, not a database)
  is an :class:`~yxnlp.errors.InputError` that says so and how to rebuild the store from the
  record files (:func:`store_error`).
* **Queries are bounded.** :func:`bounded` runs a statement in a helper thread and interrupts
  it after a timeout or on Ctrl-C (DuckDB does not see the signal while it works).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from yxnlp.errors import InputError, short

T = TypeVar("T")

#: Seconds to wait for another process's lock on the store file (a batch commits in well
#: under a second; ``yxnlp query`` stops after its timeout).
LOCK_WAIT = 60.0
_LOCKED = "Could not set lock"
# What DuckDB says about a file it cannot read as a database.
_DAMAGED = ("Could not read enough bytes", "not a valid DuckDB database", "Corrupt database",
            "checksum")  # fmt: skip

Config = dict[str, str | bool | int | float | list[str]]


def connect(
    path: str | Path, *, read_only: bool, config: Config | None = None, wait: float = LOCK_WAIT
) -> duckdb.DuckDBPyConnection:
    """A connection to the store file, retried while another process holds a conflicting lock.

    >>> connect(":memory:", read_only=False).execute("SELECT 42").fetchall()
    [(42,)]
    """
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config or {})
        except duckdb.Error as exc:
            if _LOCKED in str(exc) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(2 * delay, 0.25)
                continue
            raise store_error(path, exc) from exc


def store_error(path: str | Path, exc: BaseException) -> InputError:
    """One line for a failure of the store file itself: locked, damaged, or DuckDB's own words.

    >>> print(store_error("y.duckdb", OSError("IO Error: Could not read enough bytes from file")))
    y.duckdb: the store is damaged (IO Error: Could not read enough bytes from file); move it away and run yxnlp batch again with --db y.duckdb to rebuild it from the record files
    """
    text = first_line(exc)
    if _LOCKED in text:
        holder = text.partition("Conflicting lock is held in ")[2].partition(". See also")[0]
        return InputError(path, f"the store stayed locked by another process for {LOCK_WAIT:g} s"
                                f" ({holder or text}); close its connection and try again")  # fmt: skip
    if any(sign in text for sign in _DAMAGED):
        return InputError(path, f"the store is damaged ({short(text)}); move it away and run"
                                f" yxnlp batch again with --db {path} to rebuild it from the"
                                " record files")  # fmt: skip
    return InputError(path, f"cannot open the store ({text})")


def is_damage(exc: BaseException) -> bool:
    """Whether a DuckDB error says the file cannot be read as a database."""
    return any(sign in str(exc) for sign in _DAMAGED)


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def bounded(
    con: duckdb.DuckDBPyConnection,
    work: Callable[[], T],
    *,
    timeout: float | None,
    path: str | Path,
) -> T:
    """``work()`` (which uses ``con``) in a helper thread, interrupted after ``timeout``
    seconds (an :class:`InputError`) or on Ctrl-C (``KeyboardInterrupt`` once DuckDB has
    stopped).

    >>> con = duckdb.connect()
    >>> bounded(con, lambda: con.execute("SELECT count(*) FROM range(1e12::BIGINT)").fetchall(),
    ...         timeout=0.2, path="y.duckdb")
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: y.duckdb: query stopped after its time limit of 0.2 s
    """
    done = threading.Event()
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the caller's thread below
            outcome.append((False, exc))
        finally:
            done.set()

    threading.Thread(target=run, name="yxnlp-query", daemon=True).start()
    limit = None if timeout is None else time.monotonic() + timeout
    try:
        while not done.wait(0.05):
            if limit is not None and time.monotonic() > limit:
                con.interrupt()
                done.wait()
                if not outcome[0][0]:  # interrupted (else it finished just in time)
                    raise InputError(path, f"query stopped after its time limit of {timeout:g} s")
    except KeyboardInterrupt:
        con.interrupt()
        done.wait()
        raise
    ok, value = outcome[0]
    if not ok:
        raise value
    result: T = value
    return result
