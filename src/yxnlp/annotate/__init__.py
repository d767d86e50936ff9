"""The correction loop: records out to an annotation tool, corrections back in as gold.

:func:`export` writes one task per report (one per top-level part of a long report, offsets
mapped back) pre-filled with the record's entity mentions and indicator figures, in one of
:data:`FORMATS`: ``label-studio`` (:mod:`.label_studio`, with its labelling config written
beside), ``doccano`` (:mod:`.doccano`) or ``spans`` (:mod:`.spans`). :func:`import_gold` reads
the corrected file back, checks every task against its report and writes a gold folder
(:mod:`.gold`) that ``yxnlp evaluate`` scores against and ``yxnlp train --extra`` learns from
(:mod:`.training`).

>>> import pathlib, tempfile
>>> from yxnlp.pipeline import process
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "县.txt").write_text("一、工作回顾\\n县商务局引进宏达电子科技有限公司。", "utf-8")
>>> rec = process(d / "县.txt", ner=False)
>>> export([rec], d / "tasks.jsonl", format="spans")
1
>>> [p.name for p in import_gold(d / "tasks.jsonl", d / "gold", format="spans")]
['县.gold.json']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

from yxnlp.annotate import doccano, label_studio, spans
from yxnlp.annotate.gold import golds, write_gold_dir
from yxnlp.annotate.tasks import MAX_CHARS, Task, record_tasks
from yxnlp.batch.discovery import RESERVED
from yxnlp.errors import InputError, input_failure
from yxnlp.io import write_atomic
from yxnlp.record import Record
from yxnlp.store import Store
from yxnlp.store.sources import locate

FORMATS: dict[str, ModuleType] = {"label-studio": label_studio, "doccano": doccano, "spans": spans}
STORE_SUFFIXES = (".duckdb", ".db")


def config_path(out: Path) -> Path:
    """Where the Label Studio labelling config goes: ``tasks.json`` → ``tasks.label_config.xml``."""
    return out.with_name(f"{out.stem}.label_config.xml")


def read_records(paths: Iterable[Path]) -> Iterator[tuple[Record, Path | None]]:
    """Records from record JSON files, folders of them, and stores (``.duckdb``), each with
    the file its report is known to be at (a store's ``documents.path``), if any."""
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.json") if p.stem not in RESERVED)
            yield from read_records(inside)  # a batch's output folder, without its index.json
        elif path.suffix in STORE_SUFFIXES:
            if not path.is_file():
                raise InputError(path, "store not found")
            store = Store(path)
            known = dict(store.query("SELECT id, path FROM documents").itertuples(index=False))
            for rec in store.records():
                found = known.get(rec.document.id)
                yield rec, Path(found) if found else None
        else:
            with input_failure(path, "record JSON file", malformed=(ValueError,)):
                yield Record.from_json(path.read_bytes()), None


def record_text(record: Record, *, file: Path | None = None, docs: Path | None = None) -> str:
    """The text a record's spans point into; :class:`InputError` when it cannot be found."""
    guess = docs / Path(record.document.source).name if docs is not None else file
    found = locate(record, file=guess)
    if found.text is None:
        hint = "" if docs is not None else "; name its folder with --docs"
        raise InputError(record.document.source, f"report text not found or changed{hint}")
    return found.text


def tasks_of(
    records: Iterable[Record | tuple[Record, Path | None]],
    *,
    docs: Path | None = None,
    max_chars: int = MAX_CHARS,
) -> list[Task]:
    tasks: list[Task] = []
    for item in records:
        rec, file = item if isinstance(item, tuple) else (item, None)
        tasks += record_tasks(rec, record_text(rec, file=file, docs=docs), max_chars=max_chars)
    return tasks


def _format(name: str) -> ModuleType:
    if name not in FORMATS:
        raise InputError(name, f"unknown format (expected {', '.join(FORMATS)})")
    return FORMATS[name]


def export(
    records: Iterable[Record | tuple[Record, Path | None]],
    out: Path,
    *,
    format: str,
    docs: Path | None = None,
    max_chars: int = MAX_CHARS,
) -> int:
    """Write the records' tasks to ``out`` (and Label Studio's config beside it); returns
    the number of tasks."""
    module = _format(format)
    tasks = tasks_of(records, docs=docs, max_chars=max_chars)
    write_atomic(out, module.dumps(tasks))
    if module is label_studio:
        write_atomic(config_path(out), label_studio.label_config())
    return len(tasks)


def read_tasks(path: Path, *, format: str) -> list[Task]:
    module = _format(format)
    with input_failure(path, f"{format} file", malformed=(UnicodeDecodeError,)):
        payload = path.read_text("utf-8")
    tasks: list[Task] = module.loads(payload, where=str(path))
    return tasks


def import_gold(
    path: Path, out: Path, *, format: str, docs: Path | None = None
) -> Sequence[Path]:
    """Corrected tasks in ``path`` to a gold folder ``out`` (every task checked first,
    the folder written whole or not at all); returns the gold files written."""
    gold = golds(read_tasks(path, format=format), annotations=path, docs=docs)
    if not gold:
        raise InputError(path, "no tasks")
    return write_gold_dir(gold, out)


__all__ = ["FORMATS", "Task", "config_path", "export", "import_gold", "read_records",
           "read_tasks", "record_tasks", "tasks_of"]  # fmt: skip
