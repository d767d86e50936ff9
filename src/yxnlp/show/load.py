"""A record and the text its spans point into, for the inspection page.

A report is processed now; a record ``.json`` is read with its source text (``document.text``,
or the file it was made from, checked by sha256); a stored record is found by a ``ref``
(``<document id prefix>:<item id>``, the ``ref`` column of the store's frames) and its text
where the store found it.
"""

from __future__ import annotations

from pathlib import Path

from yxnlp import ingest
from yxnlp.errors import InputError
from yxnlp.record import Record
from yxnlp.store import Store


def load(
    path: str | Path, *, text: str | Path | None = None, segmenter: str = "jieba", ner: bool = True
) -> tuple[Record, str]:
    """A record and its source text, from a report (processed now) or a record ``.json``.

    For a record of a plain-text report the source text is read from ``text`` if given, else
    from ``document.source`` (as given, or beside the JSON file); its sha256 must equal
    ``document.id``, so that the spans really point into it.
    """
    p = Path(path)
    if p.suffix.lower() != ".json":
        from yxnlp.pipeline import analyse, build_record

        analysis = analyse(ingest.read(p), segmenter=segmenter)
        return build_record(analysis, ner=ner), analysis.text
    if not p.is_file():
        raise InputError(p, "no such file")
    try:
        record = Record.from_json(p.read_bytes())
    except ValueError as exc:
        raise InputError(p, f"not a yxnlp record ({str(exc).splitlines()[0]})") from None
    if text is None and record.document.text is not None:
        return record, record.document.text
    return record, _source_text(record, p, text)


def load_ref(
    store: Store, ref: str, *, text: str | Path | None = None
) -> tuple[Record, str, str]:
    """A stored record, its source text and the item id of ``ref`` (``<document>:<id>``, the
    ``ref`` column of the store's frames).

    The text is read from ``text`` if given, else from the file the store found when the
    record was stored (``documents.path``), else it is the record's ``document.text``; a file
    must still have the document's sha256.
    """
    document_id, item = store.resolve_ref(ref)
    record = store.record(document_id)
    if record is None:  # resolve_ref found it: only a concurrent delete gets here
        raise InputError(store.path, f"document {document_id} is not stored")
    if text is not None:
        return record, _checked_text(Path(text), record), item
    if record.document.text is not None:
        return record, record.document.text, item
    paths = store.documents(document_id=document_id)["path"].dropna()
    if paths.empty:
        raise InputError(
            record.document.source,
            f"source text of {ref} not found when it was stored (give it with --text)",
        )
    return record, _checked_text(Path(str(paths.iloc[0])), record), item


def _checked_text(path: Path, record: Record) -> str:
    source = ingest.read(path)
    if source.id != record.document.id:
        raise InputError(path, "is not the text this record was made from (sha256 differs)")
    return source.text


def _source_text(record: Record, json_path: Path, given: str | Path | None) -> str:
    src = Path(record.document.source)
    candidates = [Path(given)] if given is not None else [src, json_path.parent / src.name]
    if not src.is_absolute() and given is None:
        candidates.insert(1, json_path.parent / src)
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        raise InputError(
            json_path, f"source text {record.document.source!r} not found (give it with --text)"
        )
    return _checked_text(found, record)
