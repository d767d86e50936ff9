"""Batch: many reports in, one JSON record each in an output folder (and the store), in parallel.

* **Discovery** walks folders recursively for ``.txt .html .htm .docx .pdf`` (other files such
  as ``manifest.csv`` or ``README.md`` and hidden files are skipped); a file named explicitly is
  always tried.
* **Output names**: ``<stem>.json``. When two inputs share a stem (or the stem is ``index`` or
  ``errors``), parent folder names are prepended with ``__`` until the names differ
  (``shanghai__2024.json``, ``national__2024.json``); inputs with the same stem in the same folder
  keep their suffix (``a_pdf.json``, ``a_txt.json``). A name, once given, is kept in the
  manifest, so adding inputs never renames earlier outputs.
* **Incremental**: the manifest ``index.json`` in the output folder maps each input (absolute
  path) to its sha256, the pipeline version (:func:`pipeline_version`), the options and its
  output name; an unchanged file is skipped (and restored into the store from its JSON if the
  store lacks it).
* **Identical files** (same sha256, hence the same document id) get an output each and one
  document in the store, the first path in sorted order.
* **Errors** of one file never stop the others: they are collected in ``errors.jsonl``
  (``{"path", "reason", "kind"}``, ``kind`` is ``input`` for unreadable input and ``internal``
  for a failure inside a stage) and the run ends with a non-zero status. A missing model
  (:class:`ModelError`) would fail every file: it stops the batch at once instead.
* **Crash safety**: each record is written atomically, then upserted into the store in its own
  transaction, then entered in the manifest; a run killed at any point is completed by a re-run.
  One batch per output folder at a time (a lock on ``DIR/.lock`` refuses a second one).

>>> from pathlib import Path
>>> assign_names([Path("a/2024.txt"), Path("b/2024.txt"), Path("b/x.txt")])[Path("b/x.txt")]
'x.json'
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import functools
import hashlib
import json
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from yxnlp import pipeline
from yxnlp.errors import InputError, ModelError, YxnlpError
from yxnlp.io import write_atomic
from yxnlp.record import Record
from yxnlp.store import Store

SUPPORTED: tuple[str, ...] = (".txt", ".html", ".htm", ".docx", ".pdf")
MANIFEST = "index.json"
ERRORS = "errors.jsonl"
_RESERVED = {"index", "errors"}
_MANIFEST_FORMAT = 1
_FLUSH_SECONDS = 2.0
IN_FLIGHT_PER_WORKER = 2  # files queued per worker (bounds memory)
_POOL_TRIES = 3


# --- discovery and names --------------------------------------------------------------------


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Supported report files under ``paths`` (files or folders), sorted, without duplicates.

    Raises :class:`InputError` for a path that does not exist.
    """
    found: dict[Path, Path] = {}
    for given in paths:
        p = Path(given)
        if p.is_file():
            found.setdefault(p.resolve(), p)
        elif p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if not name.startswith(".") and f.suffix.lower() in SUPPORTED:
                        found.setdefault(f.resolve(), f)
        else:
            raise InputError(p, "no such file or folder")
    return sorted(found.values(), key=lambda f: f.as_posix())


def _candidates(path: Path, *, twin: bool) -> list[str]:
    """Names from short to long; a ``twin`` (same folder and stem) keeps its suffix."""
    base = f"{path.stem}_{path.suffix.lstrip('.').lower()}" if twin else path.stem
    parents = [part for part in path.resolve().parent.parts if part not in ("/", "")]
    return [base] + ["__".join([*parents[-k:], base]) for k in range(1, len(parents) + 1)]


def assign_names(
    files: Sequence[Path], *, taken: Mapping[str, str] | None = None
) -> dict[Path, str]:
    """Output file names for ``files`` (see the module docstring); ``taken`` maps names already
    given (in the manifest) to the absolute path that owns them.

    >>> names = assign_names([Path("sh/2024.txt"), Path("gd/2024.txt")])
    >>> sorted(names.values())
    ['gd__2024.json', 'sh__2024.json']
    """
    owners = dict(taken or {})
    mine = {str(f.resolve()): f for f in files}
    result: dict[Path, str] = {}
    for key, f in mine.items():  # names kept from earlier runs
        for name, owner in owners.items():
            if owner == key:
                result[f] = name
    folders = Counter((Path(key).parent, Path(key).stem) for key in mine)
    candidates = {
        key: _candidates(f, twin=folders[Path(key).parent, Path(key).stem] > 1)
        for key, f in mine.items()
        if f not in result
    }
    for key in sorted(candidates):
        f = mine[key]
        for level, stem in enumerate(candidates[key]):
            name = stem + ".json"
            shared = any(
                other != key and level < len(c) and c[level] == stem
                for other, c in candidates.items()
            )
            if stem in _RESERVED or shared or name in owners:
                continue
            result[f] = name
            owners[name] = key
            break
        else:
            raise InputError(f, "cannot give this file an output name of its own")
    return result


# --- versions -------------------------------------------------------------------------------


def _data_files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, bytes]]:
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = prefix + item.name
        if item.is_dir():
            if item.name not in ("store", "__pycache__"):
                yield from _data_files(item, name + "/")
        elif not item.name.endswith((".py", ".pyc")):
            yield name, item.read_bytes()


@functools.cache
def pipeline_version() -> str:
    """``pipeline.VERSION`` plus a hash of the package's rule and vocabulary files.

    A record is redone when this changes (the store's own schema files do not count).

    >>> pipeline_version().startswith(pipeline.VERSION + "+")
    True
    """
    h = hashlib.sha256()
    for name, data in _data_files(resources.files("yxnlp.data")):
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return f"{pipeline.VERSION}+{h.hexdigest()[:12]}"


def options_tag(*, segmenter: str, ner: bool) -> str:
    """The options that change a record, as stored in the manifest: the segmenter and, with
    NER, the model's name and version (so a new model redoes the records).

    >>> options_tag(segmenter="jieba", ner=False)
    'jieba'
    """
    if not ner:
        return segmenter
    from yxnlp.extract import entities

    return f"{segmenter}+ner:{entities.ner_model_name()}"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --- the work done for one file (in a worker) -----------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one file: the record's JSON, or why there is none."""

    path: str
    record_json: str | None = None
    reason: str | None = None
    kind: str = ""  # "" (ok), "input" or "internal"
    chars: int = 0
    seconds: float = 0.0


def process_file(path: str, *, segmenter: str, ner: bool, source: str | None = None) -> Outcome:
    """Run the pipeline on one file; errors become an :class:`Outcome` with a reason.

    ``source`` names the file in the record and in error messages when ``path`` is a staged
    copy (the distributed engine ships bytes to workers that may not see the file system).
    """
    start = time.perf_counter()
    name = source or path
    try:
        pipeline.warm_up(segmenter, ner)
        record = pipeline.process(Path(path), segmenter=segmenter, ner=ner)
    except ModelError as exc:  # not this file's fault: the batch stops (see run_batch)
        return Outcome(name, reason=str(exc), kind="model", seconds=time.perf_counter() - start)
    except YxnlpError as exc:
        reason = str(exc).replace(path, name) if source else str(exc)
        return Outcome(name, reason=reason, kind="input", seconds=time.perf_counter() - start)
    except Exception as exc:  # a bug in one stage must not stop the other files: report it
        reason = f"{name}: {type(exc).__name__}: {exc}".replace(path, name)
        return Outcome(name, reason=reason, kind="internal", seconds=time.perf_counter() - start)
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


def _init_worker(segmenter: str, ner: bool) -> None:
    with contextlib.suppress(YxnlpError):  # reported by the first file (process_file)
        pipeline.warm_up(segmenter, ner)


# --- engines: each yields one Outcome per file, in any order --------------------------------

Engine = Callable[[Sequence[Path]], Generator[Outcome, None, None]]


def serial_engine(*, segmenter: str, ner: bool) -> Engine:
    """Process files one after the other in this process."""

    def run(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        for f in files:
            yield process_file(str(f), segmenter=segmenter, ner=ner)

    return run


def process_engine(*, workers: int, segmenter: str, ner: bool) -> Engine:
    """A pool of ``workers`` processes (spawned), each loading its models once.

    At most ``IN_FLIGHT_PER_WORKER`` files per worker are queued at a time, so memory does not
    grow with the corpus. A worker that dies (a crash in a native library, the OOM killer)
    breaks the pool: a new pool retries the files that were queued, and a file is reported as
    failed once a pool broke under it three times.
    """

    def run(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        ctx = multiprocessing.get_context("spawn")
        pending = list(reversed(files))
        tries: dict[Path, int] = {}
        while pending:
            running: dict[cf.Future[Outcome], Path] = {}
            with cf.ProcessPoolExecutor(
                max_workers=workers,
                mp_context=ctx,
                initializer=_init_worker,
                initargs=(segmenter, ner),
            ) as pool:
                try:
                    broken = False
                    while (pending and not broken) or running:
                        while (
                            pending and not broken and len(running) < workers * IN_FLIGHT_PER_WORKER
                        ):
                            f = pending.pop()
                            running[
                                pool.submit(process_file, str(f), segmenter=segmenter, ner=ner)
                            ] = f
                        done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                        for fut in done:
                            f = running.pop(fut)
                            try:
                                outcome = fut.result()
                            except BrokenProcessPool:
                                broken = True
                                tries[f] = tries.get(f, 0) + 1
                                if tries[f] < _POOL_TRIES:  # queued behind the crash: retry
                                    pending.append(f)
                                    continue
                                reason = f"{f}: worker process died {_POOL_TRIES} times on it"
                                outcome = Outcome(str(f), reason=reason, kind="internal")
                            yield outcome
                finally:
                    for fut in running:
                        fut.cancel()

    return run


# --- the batch ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str
    kind: str


@dataclass
class BatchResult:
    """What a batch did. ``ok`` is false when any file failed."""

    out: Path
    total: int = 0
    processed: int = 0
    skipped: int = 0
    restored: int = 0
    failed: list[Failure] = field(default_factory=list)
    chars: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """One line for the end of a run.

        >>> BatchResult(Path("out"), total=3, processed=2, skipped=1, seconds=2.0).summary()
        '3 files: 2 processed, 1 unchanged, 0 failed in 2.0 s (1.00 files/s, 0 chars/s)'
        """
        rate = self.processed / self.seconds if self.seconds else 0.0
        chars = self.chars / self.seconds if self.seconds else 0.0
        line = (
            f"{self.total} files: {self.processed} processed, {self.skipped} unchanged,"
            f" {len(self.failed)} failed in {self.seconds:.1f} s"
            f" ({rate:.2f} files/s, {chars:.0f} chars/s)"
        )
        if self.failed:
            line += f"; see {self.out / ERRORS}"
        return line


def _load_manifest(out: Path) -> dict[str, dict[str, Any]]:
    path = out / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(
            path, f"unreadable batch manifest ({exc}); delete it to start over"
        ) from exc
    if not isinstance(data, dict) or data.get("format") != _MANIFEST_FORMAT:
        raise InputError(path, "not a yxnlp batch manifest (format 1); delete it to start over")
    files: dict[str, dict[str, Any]] = data.get("files", {})
    return files


def _save_manifest(out: Path, files: Mapping[str, Mapping[str, Any]]) -> None:
    data = {"format": _MANIFEST_FORMAT, "files": dict(sorted(files.items()))}
    write_atomic(out / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


@contextlib.contextmanager
def _saving(out: Path, files: Mapping[str, Mapping[str, Any]]) -> Iterator[None]:
    """Save the manifest however the block ends (a Ctrl-C keeps the work already done)."""
    try:
        yield
    finally:
        _save_manifest(out, files)


def _progress(console: Console, *, enabled: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not enabled,
        transient=False,
    )


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.2f} files/s" if speed else "- files/s", style="progress.data.speed")


def run_batch(
    paths: Iterable[str | Path],
    *,
    out: str | Path,
    db: str | Path | None = None,
    workers: int = 1,
    segmenter: str = "jieba",
    ner: bool = True,
    engine: Engine | None = None,
    progress: bool = False,
    console: Console | None = None,
) -> BatchResult:
    """Process every supported file under ``paths`` into ``out`` (and the store ``db``).

    ``engine`` defaults to this process (``workers <= 1``) or a process pool; the distributed
    engine is :func:`yxnlp.distributed.dask_engine`.
    """
    started = time.perf_counter()
    out_dir = Path(out)
    files = discover(paths)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(out_dir):
        result = _run(
            files, out_dir, db=db, workers=workers, segmenter=segmenter, ner=ner,
            engine=engine, progress=progress, console=console,
        )  # fmt: skip
    result.seconds = time.perf_counter() - started
    return result


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold a lock on the output folder (``.lock``): one batch writes there at a time. The
    operating system drops the lock when the process dies, so a killed run never blocks."""
    with (out / ".lock").open("a") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory lock
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InputError(out, "another yxnlp batch is writing to this folder") from exc
        yield


def _run(
    files: list[Path],
    out_dir: Path,
    *,
    db: str | Path | None,
    workers: int,
    segmenter: str,
    ner: bool,
    engine: Engine | None,
    progress: bool,
    console: Console | None,
) -> BatchResult:
    for stale in out_dir.glob(".*.tmp"):  # left by a run killed while writing
        stale.unlink(missing_ok=True)
    manifest = _load_manifest(out_dir)
    taken = {entry["output"]: key for key, entry in manifest.items()}
    names = assign_names(files, taken=taken)
    version = pipeline_version()
    options = options_tag(segmenter=segmenter, ner=ner)
    result = BatchResult(out_dir, total=len(files))
    store = Store(db, read_only=False) if db is not None else None
    try:
        stored = store.document_ids() if store is not None else set()
        todo: list[Path] = []
        shas: dict[Path, str] = {}
        replaced: set[str] = set()
        for f in files:
            shas[f] = file_sha256(f)
        owner: dict[str, Path] = {}
        for f in files:  # identical files: the store keeps the first path (sorted)
            owner.setdefault(shas[f], f)
        for f in files:
            key = str(f.resolve())
            entry = manifest.get(key)
            output = out_dir / names[f]
            if (
                entry
                and entry.get("sha256") == shas[f]
                and entry.get("pipeline") == version
                and entry.get("options") == options
                and output.is_file()
            ):
                result.skipped += 1
                if store is not None and owner[shas[f]] == f and entry["document_id"] not in stored:
                    store.upsert([Record.from_json(output.read_bytes())])
                    result.restored += 1
                continue
            if entry and entry.get("document_id"):
                replaced.add(entry["document_id"])
            manifest.pop(key, None)
            todo.append(f)
        by_name = {str(f): f for f in todo}
        if engine is None:
            engine = (
                process_engine(workers=workers, segmenter=segmenter, ner=ner)
                if workers > 1 and len(todo) > 1
                else serial_engine(segmenter=segmenter, ner=ner)
            )
        flushed = time.monotonic()
        with (
            _progress(console or Console(stderr=True), enabled=progress) as bar,
            _saving(out_dir, manifest),
        ):
            task = bar.add_task(f"batch ({result.skipped} unchanged)", total=len(todo))
            outcomes = engine(todo)
            for outcome in outcomes:
                if outcome.kind == "model":  # a missing model fails every file: stop now
                    outcomes.close()
                    raise ModelError(outcome.reason or "model error")
                f = by_name[outcome.path]
                key = str(f.resolve())
                if outcome.record_json is None:
                    result.failed.append(
                        Failure(outcome.path, outcome.reason or "unknown error", outcome.kind)
                    )
                    (out_dir / names[f]).unlink(missing_ok=True)
                else:
                    write_atomic(out_dir / names[f], outcome.record_json + "\n")
                    record = Record.from_json(outcome.record_json)
                    if store is not None and owner[shas[f]] == f:
                        store.upsert([record])
                    manifest[key] = {
                        "source": str(f),
                        "sha256": shas[f],
                        "pipeline": version,
                        "options": options,
                        "output": names[f],
                        "document_id": record.document.id,
                    }
                    result.processed += 1
                    result.chars += outcome.chars
                bar.advance(task)
                if time.monotonic() - flushed > _FLUSH_SECONDS:
                    _save_manifest(out_dir, manifest)
                    flushed = time.monotonic()
        if store is not None:
            live = {entry["document_id"] for entry in manifest.values()}
            store.delete(replaced - live)
        lines = [
            json.dumps({"path": x.path, "reason": x.reason, "kind": x.kind}, ensure_ascii=False)
            for x in result.failed
        ]
        write_atomic(out_dir / ERRORS, "".join(line + "\n" for line in lines))
    finally:
        if store is not None:
            store.close()
    return result
