"""Run a function in a forked child under a wall-clock limit, optionally as another user.

A hang then fails one test instead of stopping the suite: the limit is a guard against a hang,
never a timing assertion (set it far above the normal run time). Forking keeps everything the
parent loaded (the pipeline, once warmed up), so a child starts in milliseconds, and lets a
root test run a permission case as ``nobody``.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
NOBODY = 65534


class Hung(AssertionError):
    """The child gave no answer within its limit (it was killed)."""


class RaisedInChild(AssertionError):
    """The function raised in the child; the message carries its traceback."""


def forked(fn: Callable[[], T], *, seconds: float, user: int | None = None) -> T:
    """``fn()`` computed in a forked child (as ``user`` if given) and pickled back."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        payload: Any
        try:
            if user is not None:
                os.setgid(user)
                os.setuid(user)
            payload = (True, fn())
        except BaseException:
            payload = (False, traceback.format_exc())
        try:
            with os.fdopen(write_end, "wb") as fh:
                fh.write(pickle.dumps(payload))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        ready, _, _ = select.select([fh], [], [], seconds)
        if not ready:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise Hung(f"no answer within {seconds:g} s")
        data = fh.read()
    os.waitpid(pid, 0)
    ok, value = pickle.loads(data)
    if not ok:
        raise RaisedInChild(value)
    result: T = value
    return result
