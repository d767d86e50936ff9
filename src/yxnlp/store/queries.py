"""The store's reading methods: documents, indicators, entities, mentions and keys as frames.

Mixed into :class:`~yxnlp.store.Store`, which supplies ``_read(sql, params)``. Every method
takes the same filters under the same names (the command line's flags without ``--``): ``key``,
``status``, ``label``, ``region``, ``issuer`` (each one value or a list of them) and ``year`` (a
year or an inclusive ``(first, last)`` pair). Values are checked first (:mod:`.checks`,
:mod:`.regions`): a value that names nothing raises :class:`~yxnlp.errors.UsageError` with the
closest matches. Frames are typed by :func:`~yxnlp.store.frames.typed`.

Rows carry ``ref``, ``<first 12 characters of the document id>:<item id>``, which
``yxnlp show --ref`` opens; ``document_path`` is the source file's absolute path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from yxnlp import taxonomy
from yxnlp.errors import UsageError
from yxnlp.store import checks, regions
from yxnlp.store.filters import Where, YearFilter
from yxnlp.store.schema import DOCUMENT_CONTEXT, TABLES

if TYPE_CHECKING:  # pandas is imported by the first query, not by opening a store
    import pandas as pd

Values = str | Sequence[str] | None

_CONTEXT = ", ".join(view for view, _ in DOCUMENT_CONTEXT)
_ROW_ORDER = "region_code NULLS LAST, report_year NULLS LAST, document_source"
#: restatements of one figure in one report: the same key, status, period and value
_SAME_FIGURE = (
    "PARTITION BY document_id, coalesce(key, id), status, period,"
    " normalized_value, normalized_max, normalized_unit"
)
_SPREAD = (
    "SELECT label, canonical, count(DISTINCT report_year)::INTEGER AS n_years,"
    " count(DISTINCT document_id)::INTEGER AS n_documents FROM base GROUP BY label, canonical"
)


def _select(view: str, *, ref: str, drop: Sequence[str] = ()) -> str:
    """Rows of ``view``: the document id, its context, ``ref``, then the row's own columns."""
    hidden = ", ".join(["document_id", *(v for v, _ in DOCUMENT_CONTEXT), *drop])
    return (
        f"SELECT document_id, {_CONTEXT}, left(document_id, 12) || ':' || {ref} AS ref,"
        f" * EXCLUDE ({hidden}) FROM {view}"
    )


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """:func:`yxnlp.store.frames.typed` (imported here on first use, with pandas: a batch opens
    its store and forks its workers before it inserts anything)."""
    from yxnlp.store.frames import typed as frame_typed

    return frame_typed(df)


def _min(conditions: list[str], params: list[Any], column: str, value: int | None) -> None:
    if value is not None:
        conditions.append(f"spread.{column} >= ?")
        params.append(value)


class Queries:
    """Reading methods of the store (module docstring)."""

    def _read(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        raise NotImplementedError

    # --- what exists -----------------------------------------------------------------------

    def _distinct(self, column: str, table: str) -> list[str]:
        df = self._read(f"SELECT DISTINCT {column} AS v FROM {table} WHERE {column} IS NOT NULL")
        return [str(v) for v in df["v"]]

    def _where(
        self,
        *,
        key: Values = None,
        status: Values = None,
        label: Values = None,
        canonical: Values = None,
        region: Values = None,
        issuer: Values = None,
        year: YearFilter = None,
        year_column: str = "report_year",
    ) -> Where:
        """Checked filters as SQL (module docstring)."""
        w = Where()
        if keys := checks.values_of(key):
            known = {e.key for e in taxonomy.entries()} | set(self._distinct("key", "indicators"))
            checks.check("indicator key", keys, known, hint="; `yxnlp keys` lists them")
            w.any_of("key", keys)
        for column, given, table in (("status", status, "indicators"), ("label", label, "entities")):
            if items := checks.values_of(given):
                checks.check(column, items, TABLES[table].column(column).categories)
                w.any_of(column, items)
        for column, given, table in (("canonical", canonical, "entities"), ("issuer", issuer, "documents")):
            if items := checks.values_of(given):
                checks.check(column, items, self._distinct(column, table))
                w.any_of(column, items)
        if names := checks.values_of(region):
            w.regions([self.region(n) for n in names])
        w.years(year_column, year)
        return w  # fmt: skip

    def region(self, value: str) -> regions.RegionMatch:
        """What a region filter ``value`` selects (:func:`yxnlp.store.regions.resolve`).

        ``codes`` of the result are the region's own codes, without the regions below it.
        """
        stored = self._read("SELECT DISTINCT region_name, region_code FROM documents")
        pairs = [(n, c) for n, c in stored[["region_name", "region_code"]].itertuples(index=False)]
        return regions.resolve(value, stored=pairs)

    def resolve_ref(self, ref: str) -> tuple[str, str]:
        """``(document id, item id)`` of a ``ref`` (``<document id or its first characters>:<id>``
        as in the ``ref`` column), checked against the store.

        The document id may be shortened to any prefix of six characters or more that only one
        stored document has; the item is an indicator (``i12``) or entity (``e3``) id.
        """
        doc, sep, item = ref.strip().partition(":")
        if not sep or len(doc) < 6 or not item:
            raise UsageError(f"not a ref: {ref!r} (expected <document id>:<item id>, e.g. 8657b5365093:i100)")  # fmt: skip
        found = self._read("SELECT id FROM documents WHERE starts_with(id, ?)", [doc])["id"]
        if len(found) != 1:
            what = "no stored document id starts with" if not len(found) else "several stored document ids start with"  # fmt: skip
            raise UsageError(f"{what} {doc!r} (ref {ref!r})")
        document_id = str(found.iloc[0])
        items = self._read(
            "SELECT id FROM indicators WHERE document_id = ? UNION ALL"
            " SELECT id FROM entities WHERE document_id = ?", [document_id, document_id]
        )["id"]  # fmt: skip
        checks.check(f"item of document {doc}", [item], [str(i) for i in items])
        return document_id, item

    # --- frames ----------------------------------------------------------------------------

    def documents(
        self,
        *,
        region: Values = None,
        issuer: Values = None,
        year: YearFilter = None,
        document_id: Values = None,
    ) -> pd.DataFrame:
        """One row per document; ``year`` filters on ``report_year``; ``id`` is the sha256 of
        the source file and ``path`` its absolute path (when it was found)."""
        w = self._where(region=region, issuer=issuer, year=year)
        w.any_of("id", document_id)
        order = "region_code NULLS LAST, report_year NULLS LAST, source"
        return typed(self._read(f"SELECT * FROM documents{w.sql()} ORDER BY {order}", w.params))

    def sections(self, document_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """Sections, one row each, of the given documents (all by default), in text order."""
        w = Where()
        if document_ids is not None:
            w.add("document_id IN (SELECT unnest(?::VARCHAR[]))", list(document_ids))
        sql = f"SELECT * FROM sections{w.sql()} ORDER BY document_id, span_start, id"
        return typed(self._read(sql, w.params))

    def indicators(
        self,
        key: Values = None,
        *,
        status: Values = None,
        region: Values = None,
        year: YearFilter = None,
        issuer: Values = None,
        with_sentence: bool = False,
        distinct: bool = False,
    ) -> pd.DataFrame:
        """Indicators with their document's metadata; ``year`` filters on the indicator year.

        Each row carries the indicator's columns, ``ref`` and its document's ``region_name,
        region_code, issuer, title, published, summary_year, plan_year, report_year``,
        ``document_source`` (the document's ``source``; the indicator's own ``source`` is the
        rule or model that produced it) and ``document_path``. ``with_sentence`` adds
        ``sentence``, the text of the indicator's sentence. A report often states one figure
        several times (a target in the summary of targets and again where it is explained):
        ``distinct`` keeps the first statement of each key, status, period and value per
        document, with ``n_statements`` saying how many there were.
        """
        w = self._where(key=key, status=status, region=region, issuer=issuer, year=year, year_column="year")  # fmt: skip
        base = _select("indicator_view", ref="id", drop=() if with_sentence else ("sentence",))
        order = f"{_ROW_ORDER}, span_start, id"
        if distinct:
            sql = (
                f"SELECT *, count(*) OVER ({_SAME_FIGURE})::INTEGER AS n_statements"
                f" FROM ({base}{w.sql()}) QUALIFY"
                f" row_number() OVER ({_SAME_FIGURE} ORDER BY span_start, id) = 1 ORDER BY {order}"
            )
        else:
            sql = f"{base}{w.sql()} ORDER BY {order}"
        return typed(self._read(sql, w.params))

    def entities(
        self,
        label: Values = None,
        *,
        min_years: int | None = None,
        min_documents: int | None = None,
        region: Values = None,
        issuer: Values = None,
        year: YearFilter = None,
        grouped: bool = False,
    ) -> pd.DataFrame:
        """Entities with their document's metadata, or one row per entity with ``grouped``.

        ``n_years`` and ``n_documents`` count the distinct report years and documents (within
        the other filters) in which an entity (``label`` + ``canonical``) appears;
        ``min_years=2`` keeps the entities of at least two years' reports, ``min_documents=2``
        those of at least two reports. Grouped rows carry ``years`` (a sorted list of report
        years), ``n_documents``, ``n_mentions`` and ``names`` (the surface names,
        ``、``-separated).
        """
        w = self._where(label=label, region=region, issuer=issuer, year=year)
        base = f"{_select('entity_view', ref='id')}{w.sql()}"
        keep: list[str] = []
        params = list(w.params)
        _min(keep, params, "n_years", min_years)
        _min(keep, params, "n_documents", min_documents)
        where = f" WHERE {' AND '.join(keep)}" if keep else ""
        if grouped:
            spread = (
                "SELECT label, canonical, count(DISTINCT report_year)::INTEGER AS n_years,"
                " list(DISTINCT report_year ORDER BY report_year)"
                " FILTER (WHERE report_year IS NOT NULL) AS years,"
                " count(DISTINCT document_id)::INTEGER AS n_documents,"
                " sum(n_mentions)::INTEGER AS n_mentions,"
                " string_agg(DISTINCT name, '、' ORDER BY name) AS names"
                " FROM base GROUP BY label, canonical"
            )
            sql = (
                f"WITH base AS ({base}), spread AS ({spread})"
                f" SELECT * FROM spread{where} ORDER BY label, n_years DESC, canonical"
            )
            import numpy as np

            df = self._read(sql, params)
            df["years"] = [[int(y) for y in v] if isinstance(v, list | np.ndarray) else [] for v in df["years"]]  # fmt: skip
            return typed(df)
        sql = (
            f"WITH base AS ({base}), spread AS ({_SPREAD})"
            " SELECT base.*, spread.n_years, spread.n_documents FROM base"
            f" JOIN spread USING (label, canonical){where}"
            " ORDER BY label, canonical, report_year NULLS LAST, document_id"
        )
        return typed(self._read(sql, params))

    def mentions(
        self,
        label: Values = None,
        *,
        canonical: Values = None,
        min_years: int | None = None,
        min_documents: int | None = None,
        region: Values = None,
        issuer: Values = None,
        year: YearFilter = None,
        with_sentence: bool = True,
    ) -> pd.DataFrame:
        """Every mention of the entities, one row each, with its sentence and its document.

        Rows carry the entity's ``label``, ``name``, ``canonical`` and ``entity_id``, the
        mention's ``text``, ``span_*`` and ``source``, its sentence (``sentence_span_*`` and,
        with ``with_sentence``, ``sentence``), and the entity's ``n_years`` and
        ``n_documents`` as in :meth:`entities`; ``ref`` is ``<document>:<entity id>``.
        """
        w = self._where(label=label, canonical=canonical, region=region, issuer=issuer, year=year)
        drop = ("label", "name", "canonical", "entity_id", *(() if with_sentence else ("sentence",)))
        own = _select("mention_view", ref="entity_id", drop=drop).replace(
            " * EXCLUDE", " label, canonical, name, entity_id, * EXCLUDE"
        )
        keep: list[str] = []
        params = list(w.params)
        _min(keep, params, "n_years", min_years)
        _min(keep, params, "n_documents", min_documents)
        where = f" WHERE {' AND '.join(keep)}" if keep else ""
        sql = (
            f"WITH base AS ({own}{w.sql()}), spread AS ({_SPREAD})"
            " SELECT base.*, spread.n_years, spread.n_documents FROM base"
            f" JOIN spread USING (label, canonical){where}"
            " ORDER BY label, canonical, report_year NULLS LAST, document_id, span_start"
        )  # fmt: skip
        return typed(self._read(sql, params))

    def keys(self) -> pd.DataFrame:
        """Every indicator key: its Chinese name, English label and kinds (the taxonomy), the
        units its figures are stored in, and how many figures, documents and years the store
        holds for it (0 and empty for a key never found). Keys in the store that the taxonomy
        no longer has come last."""
        stats = self._read(
            "SELECT key, count(*)::INTEGER AS n, count(DISTINCT document_id)::INTEGER AS"
            " n_documents, min(year) AS first_year, max(year) AS last_year,"
            " string_agg(DISTINCT normalized_unit, ', ' ORDER BY normalized_unit) AS units"
            " FROM indicators WHERE key IS NOT NULL GROUP BY key"
        ).set_index("key")
        rows: list[dict[str, Any]] = []
        entries = {e.key: e for e in taxonomy.entries()}
        for key in [*entries, *sorted(set(stats.index) - set(entries))]:
            entry = entries.get(key)
            found = stats.loc[key] if key in stats.index else None
            rows.append({
                "key": key,
                "name": taxonomy.display_name(entry) if entry else None,
                "en": entry.en if entry else None,
                "kinds": ", ".join(entry.kinds) if entry else None,
                "units": found["units"] if found is not None else None,
                "n": int(found["n"]) if found is not None else 0,
                "n_documents": int(found["n_documents"]) if found is not None else 0,
                "first_year": found["first_year"] if found is not None else None,
                "last_year": found["last_year"] if found is not None else None,
            })  # fmt: skip
        import pandas as pd

        columns = ["key", "name", "en", "kinds", "units", "n", "n_documents", "first_year", "last_year"]
        df = pd.DataFrame(rows, columns=pd.Index(columns))
        for column in ("n", "n_documents", "first_year", "last_year"):
            df[column] = pd.array(df[column].tolist(), dtype="Int64")
        return df

