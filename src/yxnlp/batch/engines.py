"""Engines: how a batch's files are processed. Each yields one :class:`Outcome` per file.

* :func:`serial_engine`: one after the other in this process.
* :func:`process_engine`: a pool of local worker processes. On Linux this process loads the
  models and rule data first and the workers are forked from it, so they start at once and
  share those pages (copy-on-write; the loaded objects are frozen out of the garbage
  collector's sweeps, which would otherwise copy them); elsewhere workers are spawned and each
  loads them once. At most :data:`IN_FLIGHT_PER_WORKER` files per worker are queued at a time,
  so memory does not grow with the corpus. A worker that dies (a crash in a native library, the OOM
  killer) breaks the pool: a new pool retries the files that were queued, and a file is
  reported as failed once a pool broke under it three times. Workers die with the batch
  (:func:`die_with_parent`): a killed batch leaves no worker behind, and they leave Ctrl-C to
  the batch, which stops after the files in hand.
* :func:`dask_engine`: a Dask cluster (``yxnlp batch … --dask local`` starts a ``LocalCluster``
  of ``--workers`` single-threaded processes, on Linux forked after loading the models as the
  pool's are; ``--dask tcp://HOST:8786`` connects to a running scheduler). The client reads
  each file and ships its bytes, so workers need no shared file system, only yxnlp installed
  (same version): a worker stages the bytes under the file's own name (:func:`process_bytes`)
  and runs the very same :func:`process_file`.

Writing records, the store and the manifest stay with the caller (:mod:`yxnlp.batch.run`), so
every engine leaves exactly the same output.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import functools
import importlib
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yxnlp import ingest
from yxnlp.errors import InputError, ModelError, YxnlpError

IN_FLIGHT_PER_WORKER = 2  # files queued per worker (bounds memory)
POOL_TRIES = 3  # a file is given up once a worker pool broke under it this many times


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one file: the record's JSON, or why there is none."""

    path: str
    record_json: str | None = None
    reason: str | None = None
    kind: str = ""  # "" (ok), "input", "internal" or "model"
    chars: int = 0
    seconds: float = 0.0


Engine = Callable[[Sequence[Path]], Generator[Outcome, None, None]]
#: Metadata a user gave per input (its resolved path → ``{key: value}``), see ``--manifest``.
UserMeta = Mapping[str, Mapping[str, str]]


def _meta_of(meta: UserMeta | None, f: Path | str) -> Mapping[str, str] | None:
    return meta.get(str(Path(f).resolve())) if meta else None


def process_file(
    path: str,
    *,
    segmenter: str,
    ner: bool,
    source: str | None = None,
    meta: Mapping[str, str] | None = None,
) -> Outcome:
    """Run the pipeline on one file; errors become an :class:`Outcome` with a reason.

    ``source`` names the file in the record and in error messages when ``path`` is a staged
    copy (the Dask engine ships bytes to workers that may not see the file system); ``meta``
    is the metadata a user gave for it (a manifest row).
    """
    start = time.perf_counter()
    name = source or path

    def failed(reason: str, kind: str) -> Outcome:
        return Outcome(name, reason=reason, kind=kind, seconds=time.perf_counter() - start)

    from yxnlp import pipeline  # here, not at the top: an unchanged re-run never loads spaCy

    one_blas_thread()
    try:
        pipeline.warm_up(segmenter, ner)
        record = pipeline.process(Path(path), segmenter=segmenter, ner=ner, meta=meta)
    except ModelError as exc:  # not this file's fault: the batch stops (see run_batch)
        return failed(str(exc), "model")
    except YxnlpError as exc:
        return failed(str(exc).replace(path, name) if source else str(exc), "input")
    except Exception as exc:  # a bug in one stage must not stop the other files: report it
        return failed(f"{name}: {type(exc).__name__}: {exc}".replace(path, name), "internal")
    if source:
        record = record.model_copy(
            update={"document": record.document.model_copy(update={"source": source})}
        )
    return Outcome(
        name,
        record_json=record.to_json(),
        chars=record.document.length,
        seconds=time.perf_counter() - start,
    )


def process_bytes(
    name: str, data: bytes, *, segmenter: str, ner: bool, meta: Mapping[str, str] | None = None
) -> Outcome:
    """Run the pipeline on a report's bytes (on a Dask worker); ``name`` is the path as given.

    >>> o = process_bytes("reports/a.txt", "一、概况\\n全县生产总值增长6%。".encode(),
    ...                   segmenter="jieba", ner=False)
    >>> o.path, o.reason, o.chars
    ('reports/a.txt', None, 16)
    """
    with tempfile.TemporaryDirectory(prefix="yxnlp-") as tmp:
        staged = Path(tmp) / Path(name).name
        staged.write_bytes(data)
        return process_file(str(staged), segmenter=segmenter, ner=ner, source=name, meta=meta)


# --- local engines ----------------------------------------------------------------------------


@functools.cache
def one_blas_thread() -> None:
    """Hold numpy's BLAS (the NER model's matrix products) to one thread in this process, once.

    A batch worker is one core's worth of work: BLAS would start a thread per core in each
    worker, and two workers' threads would contend for the same two cores.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def serial_engine(*, segmenter: str, ner: bool, meta: UserMeta | None = None) -> Engine:
    """Process files one after the other in this process."""

    def run(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        for f in files:
            yield process_file(str(f), segmenter=segmenter, ner=ner, meta=_meta_of(meta, f))

    return run


_PR_SET_PDEATHSIG = 1  # prctl option: the signal this process gets when its parent dies
WATCH_SECONDS = 1.0  # how often a worker without prctl looks for its parent


def die_with_parent(parent: int) -> None:
    """End this process when the process ``parent`` ends, however it ends (even ``kill -9``).

    On Linux the kernel sends SIGKILL (``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread
    watches for the parent to go. A parent already gone ends this process at once.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:  # pragma: no cover
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    else:  # pragma: no cover - no parent-death signal: watch instead

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(WATCH_SECONDS)
            os._exit(1)

        threading.Thread(target=watch, name="yxnlp-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)


def largest_last(files: Sequence[Path]) -> list[Path]:
    """``files`` by size, largest last: popped from the end, the longest reports start first
    and the workers finish together (a long report last would keep one worker busy alone).

    >>> [p.name for p in largest_last([Path("no/such/a.txt"), Path("README.md")])]
    ['a.txt', 'README.md']
    """

    def size(f: Path) -> int:
        try:
            return f.stat().st_size
        except OSError:
            return 0  # reported when its turn comes

    return sorted(files, key=size)


def _init_worker(segmenter: str, ner: bool, parent: int) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to handle
    from yxnlp import pipeline

    with contextlib.suppress(YxnlpError):  # reported by the first file (process_file)
        pipeline.warm_up(segmenter, ner)


def _pool_round(
    pool: cf.ProcessPoolExecutor,
    pending: list[Path],
    tries: dict[Path, int],
    *,
    workers: int,
    segmenter: str,
    ner: bool,
    meta: UserMeta | None,
) -> Generator[Outcome, None, None]:
    """Feed ``pending`` (popped from the end) to one pool until it is done or breaks; files
    queued behind a crash go back to ``pending`` until they have used up their tries."""
    running: dict[cf.Future[Outcome], Path] = {}
    broken = False
    try:
        while (pending and not broken) or running:
            while pending and not broken and len(running) < workers * IN_FLIGHT_PER_WORKER:
                f = pending.pop()
                fut = pool.submit(process_file, str(f), segmenter=segmenter, ner=ner,
                                  meta=_meta_of(meta, f))  # fmt: skip
                running[fut] = f
            done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                f = running.pop(fut)
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    broken = True
                    tries[f] = tries.get(f, 0) + 1
                    if tries[f] < POOL_TRIES:  # queued behind the crash: retry
                        pending.append(f)
                        continue
                    reason = f"{f}: worker process died {POOL_TRIES} times on it"
                    outcome = Outcome(str(f), reason=reason, kind="internal")
                yield outcome
    finally:
        for fut in running:
            fut.cancel()


def process_engine(
    *, workers: int, segmenter: str, ner: bool, meta: UserMeta | None = None
) -> Engine:
    """A pool of ``workers`` processes, forked from this one after it loaded the models where
    the platform allows (see the module docstring)."""

    def run(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        pending = largest_last(files)
        tries: dict[Path, int] = {}
        with _preloaded(segmenter, ner) as ctx:
            while pending:
                with cf.ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=ctx,
                    initializer=_init_worker,
                    initargs=(segmenter, ner, os.getpid()),
                ) as pool:
                    yield from _pool_round(
                        pool, pending, tries, workers=workers, segmenter=segmenter, ner=ner,
                        meta=meta,
                    )  # fmt: skip

    return run


def start_method(segmenter: str, ner: bool) -> str:
    """How workers start: ``fork`` on Linux, after loading the segmenter, rule data, gazetteer
    and model here (:func:`yxnlp.pipeline.warm_up`, which also freezes them out of the garbage
    collector, so that no sweep writes to their pages, which the workers share); ``spawn``
    elsewhere (macOS forks unsafely with system frameworks, Windows does not fork)."""
    if not sys.platform.startswith("linux"):
        return "spawn"
    from yxnlp import pipeline

    with contextlib.suppress(YxnlpError):  # a missing model is reported by the first file
        pipeline.warm_up(segmenter, ner)
    return "fork"


@contextlib.contextmanager
def _preloaded(segmenter: str, ner: bool) -> Iterator[Any]:
    """The multiprocessing context of the pool's workers (:func:`start_method`)."""
    yield multiprocessing.get_context(start_method(segmenter, ner))


# --- the Dask engine --------------------------------------------------------------------------


def _dask() -> Any:
    """``dask.distributed``, imported on first use (it is slow to import)."""
    try:
        return importlib.import_module("dask.distributed")
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise ModelError(
            "the Dask engine needs dask[distributed]: pip install 'dask[distributed]'"
        ) from exc


#: Dask settings of the local cluster: the diagnostics a dashboard would show, off or slower.
LOCAL_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "1s",
}


@contextlib.contextmanager
def connect(
    address: str, *, workers: int = 2, preload: tuple[str, bool] | None = None
) -> Iterator[Any]:
    """A Dask client for ``address`` (``local`` starts a LocalCluster of ``workers``, without
    the dashboard and so without what only the dashboard shows: the workers' statistical
    profiler, which samples the running task's stack every 10 ms, and the scheduler's
    fine-grained system monitor; see :data:`LOCAL_CONFIG`).

    ``preload=(segmenter, ner)`` starts a local cluster's workers as the local pool's are
    (:func:`start_method`): on Linux forked from this process once it has loaded the models, so
    that no worker imports spaCy and loads the model again (each spawned worker spent about
    two seconds of a core on it before its first file); a worker the cluster restarts later is
    spawned as usual. A remote cluster's workers are its own.
    """
    dd = _dask()
    if address == "local":
        import dask

        config = dict(LOCAL_CONFIG)
        if preload is not None:
            config["distributed.worker.multiprocessing-method"] = start_method(*preload)
        with dask.config.set(config):
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


def dask_engine(
    client: Any, *, segmenter: str, ner: bool, meta: UserMeta | None = None
) -> Engine:
    """An engine that runs each file as a Dask task on ``client``'s cluster."""

    def run(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending = largest_last(files)
        queue = _dask().as_completed()
        names: dict[str, str] = {}

        def submit_next() -> Iterator[Outcome]:
            """Submit the next file this client can read; the ones it cannot read fail here."""
            while pending:
                f = pending.pop()
                try:
                    data = ingest.read_bytes(f)
                except InputError as exc:
                    yield Outcome(str(f), reason=str(exc), kind="input")
                    continue
                fut = client.submit(
                    process_bytes, str(f), data, segmenter=segmenter, ner=ner,
                    meta=_meta_of(meta, f), pure=False,
                )  # fmt: skip
                names[fut.key] = str(f)
                queue.add(fut)
                return

        for _ in range(min(len(pending), workers * IN_FLIGHT_PER_WORKER)):
            yield from submit_next()
        for fut in queue:
            try:
                outcome: Outcome = fut.result()
            except Exception as exc:  # a lost worker fails only its own files
                name = names[fut.key]
                outcome = Outcome(name, reason=f"{name}: worker failed ({exc})", kind="internal")
            fut.release()
            yield outcome
            yield from submit_next()

    return run
