"""The distributed engine: the same batch on a Dask cluster.

``yxnlp batch … --dask local`` starts a ``LocalCluster`` of ``--workers`` single-threaded worker
processes; ``--dask tcp://HOST:8786`` connects to a running scheduler. The client reads each file
and ships its bytes, so workers need no shared file system, only yxnlp installed (same version).
A worker stages the bytes under the file's own name in a temporary folder, runs the very same
:func:`yxnlp.batch.process_file` as a local worker (models loaded once per worker process) and
sends back the record's JSON; writing, the store and the manifest stay with the client, so a
distributed run leaves exactly what a local run leaves.
"""

from __future__ import annotations

import contextlib
import importlib
import tempfile
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from yxnlp.batch import IN_FLIGHT_PER_WORKER, Engine, Outcome, process_file
from yxnlp.errors import ModelError


def process_bytes(name: str, data: bytes, *, segmenter: str, ner: bool) -> Outcome:
    """Run the pipeline on a report's bytes (on a worker); ``name`` is the path as given.

    >>> o = process_bytes("reports/a.txt", "一、概况\\n全县生产总值增长6%。".encode(),
    ...                   segmenter="jieba", ner=False)
    >>> o.path, o.reason, o.chars
    ('reports/a.txt', None, 16)
    """
    with tempfile.TemporaryDirectory(prefix="yxnlp-") as tmp:
        staged = Path(tmp) / Path(name).name
        staged.write_bytes(data)
        return process_file(str(staged), segmenter=segmenter, ner=ner, source=name)


def _dask() -> Any:
    """``dask.distributed``, imported on first use (it is slow to import)."""
    try:
        return importlib.import_module("dask.distributed")
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise ModelError(
            "the Dask engine needs dask[distributed]: pip install 'dask[distributed]'"
        ) from exc


@contextlib.contextmanager
def connect(address: str, *, workers: int = 2) -> Iterator[Any]:
    """A Dask client for ``address`` (``local`` starts a LocalCluster of ``workers``)."""
    dd = _dask()
    if address == "local":
        cluster = dd.LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        try:
            with dd.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
    else:
        try:
            client = dd.Client(address, timeout="20s")
        except OSError as exc:
            raise ModelError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        with client:
            yield client


def dask_engine(client: Any, *, segmenter: str, ner: bool) -> Engine:
    """An engine for :func:`yxnlp.batch.run_batch` that runs each file as a Dask task."""

    def run(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending = list(reversed(files))
        queue = _dask().as_completed()
        names: dict[str, str] = {}

        def submit_next() -> None:
            f = pending.pop()
            fut = client.submit(
                process_bytes, str(f), f.read_bytes(), segmenter=segmenter, ner=ner, pure=False
            )
            names[fut.key] = str(f)
            queue.add(fut)

        for _ in range(min(len(pending), workers * IN_FLIGHT_PER_WORKER)):
            submit_next()
        for fut in queue:
            try:
                outcome: Outcome = fut.result()
            except Exception as exc:  # a lost worker fails only its own files
                name = names[fut.key]
                outcome = Outcome(name, reason=f"{name}: worker failed ({exc})", kind="internal")
            fut.release()
            yield outcome
            if pending:
                submit_next()

    return run
