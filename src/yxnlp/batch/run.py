"""One batch run: plan what to redo, run an engine, land each record, report failures.

* **Incremental**: an input whose sha256, pipeline version and options match its manifest entry
  and whose output exists is skipped (and restored into the store from its JSON if the store
  lacks it); see :mod:`yxnlp.batch.manifest`.
* **Identical files** (same sha256, hence the same document id) get an output each and one
  document in the store, the first path in sorted order.
* **Errors** of one file never stop the others: they are collected in ``errors.jsonl``
  (``{"path", "reason", "kind"}``, ``kind`` is ``input`` for unreadable input and ``internal``
  for a failure inside a stage) and the run ends with a non-zero status. An entry that cannot
  be read at all (a broken link, a link loop, a FIFO, a socket, no permission, a folder that
  cannot be listed) fails while the batch is planned, before any file is processed, the same
  way. A missing model (:class:`ModelError`) would fail every file: it stops the batch at once
  instead.
* **Crash safety**: each record is written atomically; every :data:`FLUSH_SECONDS` (each
  record as it lands once a worker has no file left, and at the end, or on Ctrl-C) the records
  written since are upserted into the store in one transaction, then entered in the manifest,
  which is saved; a run killed at any point is completed by a
  re-run (which redoes at most the last few seconds of work). One batch per output folder at
  a time (a lock on ``DIR/.lock`` refuses a second one).
* **Readers welcome**: each flush opens the store for its own transaction only
  (:mod:`yxnlp.store.connection`), so ``yxnlp query`` or a notebook can read the store while a
  batch writes it; each sees whole documents, as of the last flush.
* **Known metadata**: ``user_meta`` (a manifest CSV read by
  :func:`yxnlp.batch.manifest.read_user_manifest`) gives each listed input values that win over
  what its text says; a changed row redoes that input.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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

from yxnlp.batch import manifest
from yxnlp.batch.discovery import assign_names, discover, key_of
from yxnlp.batch.engines import Engine, Outcome, UserMeta, process_engine, serial_engine
from yxnlp.batch.manifest import Entry
from yxnlp.errors import InputError, ModelError
from yxnlp.io import write_atomic
from yxnlp.record import Record
from yxnlp.store import Store

ERRORS = "errors.jsonl"
FLUSH_SECONDS = 2.0  # records reach the store and the manifest at least this often


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
    user_meta: UserMeta | None = None,
) -> BatchResult:
    """Process every supported file under ``paths`` into ``out`` (and the store ``db``).

    ``engine`` defaults to this process (``workers <= 1``) or a process pool; the distributed
    engine is :func:`yxnlp.batch.engines.dask_engine` (give it the same ``user_meta``).
    ``user_meta`` maps an input's resolved path to the metadata a user knows of it.
    """
    started = time.perf_counter()
    out_dir = Path(out)
    problems: list[InputError] = []  # folders that cannot be listed
    files = discover(paths, problems=problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(out_dir):
        options = manifest.options_tag(segmenter=segmenter, ner=ner)
        job = _Job.start(files, out_dir, options=options, user_meta=user_meta or {})
        job.result.total += len(problems)
        job.result.failed += [Failure(x.path, str(x), "input") for x in problems]
        _run(job, db, engine, workers=workers, segmenter=segmenter, ner=ner,
             progress=progress, console=console)  # fmt: skip
    job.result.seconds = time.perf_counter() - started
    return job.result


def _run(
    job: _Job,
    db: str | Path | None,
    engine: Engine | None,
    *,
    workers: int,
    segmenter: str,
    ner: bool,
    progress: bool,
    console: Console | None,
) -> None:
    """Plan, run the engine and land the outcomes, with the store open (if any)."""
    with _opened(db) as store:
        job.store = store
        todo, replaced = job.plan()
        if engine is None:
            engine = _default_engine(len(todo), workers=workers, segmenter=segmenter, ner=ner,
                                     meta=job.user_meta)  # fmt: skip
        bar = _progress(console or Console(stderr=True), enabled=progress)
        with bar, manifest.saving(job.out, job.manifest):
            job.consume(engine, todo, bar, workers=workers)
        job.finish(replaced)


def _default_engine(
    count: int, *, workers: int, segmenter: str, ner: bool, meta: UserMeta
) -> Engine:
    if workers > 1 and count > 1:
        return process_engine(workers=workers, segmenter=segmenter, ner=ner, meta=meta)
    return serial_engine(segmenter=segmenter, ner=ner, meta=meta)


@contextlib.contextmanager
def _opened(db: str | Path | None) -> Iterator[Store | None]:
    if db is None:
        yield None
        return
    with Store(db, read_only=False) as store:
        yield store


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


@dataclass
class _Job:
    """One run's inputs and what is known about them."""

    out: Path
    files: list[Path]
    names: dict[Path, str]
    shas: dict[Path, str]
    unreadable: dict[Path, InputError]  # files that could not even be hashed
    owner: dict[str, Path]  # sha256 -> the path whose record the store keeps
    manifest: dict[str, Entry]
    pipeline: str
    options: str
    result: BatchResult
    user_meta: UserMeta
    store: Store | None = None
    landed: list[tuple[Path, Record]] = field(default_factory=list)  # not yet in store/manifest

    @classmethod
    def start(cls, files: list[Path], out: Path, *, options: str, user_meta: UserMeta) -> _Job:
        for stale in out.glob(".*.tmp"):  # left by a run killed while writing
            stale.unlink(missing_ok=True)
        entries = manifest.load(out)
        taken = {entry.output: key for key, entry in entries.items()}
        shas: dict[Path, str] = {}
        unreadable: dict[Path, InputError] = {}
        for f in files:
            try:
                shas[f] = manifest.file_sha256(f)
            except InputError as exc:
                unreadable[f] = exc
        owner: dict[str, Path] = {}
        for f in files:  # identical files: the store keeps the first path (sorted)
            if f in shas:
                owner.setdefault(shas[f], f)
        return cls(
            out=out,
            files=files,
            names=assign_names(files, taken=taken),
            shas=shas,
            unreadable=unreadable,
            owner=owner,
            manifest=entries,
            pipeline=manifest.pipeline_version(),
            options=options,
            result=BatchResult(out, total=len(files)),
            user_meta=user_meta,
        )

    def options_of(self, f: Path) -> str:
        """The options tag of ``f``: the run's, with the metadata a user gave for it."""
        return manifest.with_user_metadata(self.options, self.user_meta.get(str(f.resolve())))

    def owns(self, f: Path) -> bool:
        """Whether ``f`` is the path whose record the store keeps (the first of equal files)."""
        return self.owner[self.shas[f]] == f

    def plan(self) -> tuple[list[Path], set[str]]:
        """The files to process, and the document ids their earlier records had; unchanged
        files are counted as skipped (and restored into a store that lacks them)."""
        stored = self.store.document_ids() if self.store is not None else set()
        todo: list[Path] = []
        replaced: set[str] = set()
        restore: dict[str, tuple[Record, Path]] = {}
        for f in self.files:
            key = key_of(f)
            entry = self.manifest.get(key)
            if f not in self.unreadable and entry and self._unchanged(f, entry):
                self.result.skipped += 1
                if self.store is not None and self.owns(f) and entry.document_id not in stored:
                    record = Record.from_json((self.out / self.names[f]).read_bytes())
                    restore[record.document.id] = (record, f)
                continue
            if entry and entry.document_id:
                replaced.add(entry.document_id)
            self.manifest.pop(key, None)
            if f in self.unreadable:  # fails now, as it would have in the engine
                self.land(f, Outcome(str(f), reason=str(self.unreadable[f]), kind="input"))
            else:
                todo.append(f)
        if self.store is not None and restore:
            records = [record for record, _ in restore.values()]
            files = {doc_id: f for doc_id, (_, f) in restore.items()}
            self.result.restored += self.store.upsert(records, files=files)
        return todo, replaced

    def _unchanged(self, f: Path, entry: Entry) -> bool:
        current = entry.matches(sha256=self.shas[f], pipeline=self.pipeline, options=self.options_of(f))
        return current and (self.out / self.names[f]).is_file()

    def consume(self, engine: Engine, todo: Sequence[Path], bar: Progress, *,
                workers: int = 1) -> None:
        """Run ``engine`` over ``todo``, landing each outcome as it arrives and flushing the
        records to the store and the manifest every :data:`FLUSH_SECONDS` and at the end.

        Once fewer files are left than ``workers``, some worker has nothing more to do: each
        record is flushed as it lands, on the core that worker left free, so the store is
        nearly up to date when the last file lands and the batch ends soon after it."""
        task = bar.add_task(f"batch ({self.result.skipped} unchanged)", total=len(todo))
        by_name = {str(f): f for f in todo}
        flushed = time.monotonic()
        outcomes = engine(todo)
        left = len(todo)
        try:
            for outcome in outcomes:
                if outcome.kind == "model":  # a missing model fails every file: stop now
                    outcomes.close()
                    raise ModelError(outcome.reason or "model error")
                self.land(by_name[outcome.path], outcome)
                bar.advance(task)
                left -= 1
                if 0 < left < workers or time.monotonic() - flushed > FLUSH_SECONDS:
                    self.flush()
                    flushed = time.monotonic()
        finally:
            self.flush()  # the work done, also when stopped by Ctrl-C or a model error

    def land(self, f: Path, outcome: Outcome) -> None:
        """Write one file's record (it reaches the store and the manifest at the next
        :meth:`flush`), or note its failure."""
        output = self.out / self.names[f]
        if outcome.record_json is None:
            reason = outcome.reason or "unknown error"
            self.result.failed.append(Failure(outcome.path, reason, outcome.kind))
            output.unlink(missing_ok=True)
            return
        write_atomic(output, outcome.record_json + "\n")
        self.landed.append((f, Record.from_json(outcome.record_json)))
        self.result.processed += 1
        self.result.chars += outcome.chars

    def flush(self) -> None:
        """Upsert the records landed since the last flush in one transaction (one store
        connection), then enter them in the manifest and save it."""
        landed, self.landed = self.landed, []  # a failed upsert is not retried: a re-run redoes
        owned = [(f, record) for f, record in landed if self.owns(f)]
        if self.store is not None and owned:
            files = {record.document.id: f for f, record in owned}
            self.store.upsert([record for _, record in owned], files=files)
        for f, record in landed:
            self.manifest[key_of(f)] = Entry(
                source=str(f),
                sha256=self.shas[f],
                pipeline=self.pipeline,
                options=self.options_of(f),
                output=self.names[f],
                document_id=record.document.id,
            )
        manifest.save(self.out, self.manifest)

    def finish(self, replaced: set[str]) -> None:
        """Drop records of changed inputs from the store; write ``errors.jsonl``."""
        if self.store is not None:
            live = {entry.document_id for entry in self.manifest.values()}
            self.store.delete(replaced - live)
        lines = [
            json.dumps({"path": x.path, "reason": x.reason, "kind": x.kind}, ensure_ascii=False)
            for x in self.result.failed
        ]
        write_atomic(self.out / ERRORS, "".join(line + "\n" for line in lines))


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
