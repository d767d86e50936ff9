"""The taxonomy's nearest-name model: character n-gram TF-IDF over every name of a key that
allows it (``fuzzy``), a subject's nearest name by cosine similarity.

>>> key, sim, name = nearest_model().nearest("社会消费品零售", kind="growth")
>>> key, name.startswith("社会消费品零售"), sim > 0.75
('retail_sales_growth', True, True)
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from yxnlp import datacache
from yxnlp.taxonomy.entries import Entry, entries

_WHITE_SPACES = re.compile(r"\s\s+")


def _char_ngrams(text: str) -> list[str]:
    """The character 1- to 3-grams of ``text`` (lower-cased, runs of white space as one), in
    the order scikit-learn's ``TfidfVectorizer(analyzer="char")`` lists them.

    >>> _char_ngrams("GDP增速")
    ['g', 'd', 'p', '增', '速', 'gd', 'dp', 'p增', '增速', 'gdp', 'dp增', 'p增速']
    """
    text = _WHITE_SPACES.sub(" ", text.lower())
    return [text[i : i + n] for n in range(1, 4) for i in range(len(text) - n + 1)]


class _Model:
    """TF-IDF character n-grams (1 to 3, sublinear tf, smoothed idf, rows L2-normalised) over
    every name; a query's nearest name by cosine similarity.

    The weights are scikit-learn's ``TfidfVectorizer(analyzer="char", ngram_range=(1, 3),
    sublinear_tf=True)`` computed with numpy in the same order of operations, so similarities
    are equal to the last bit (``tests/test_taxonomy.py`` checks it) without importing
    scikit-learn, which took a second of every start.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.entries: list[Entry] = []
        for e in entries():
            for name in e.names if e.fuzzy else ():
                self.names.append(name)
                self.entries.append(e)
        counts = [Counter(_char_ngrams(n)) for n in self.names]
        first: dict[str, int] = {}  # the order n-grams are first met, as scikit-learn counts
        for c in counts:
            for g in c:
                first.setdefault(g, len(first))
        self.vocabulary = {g: n for n, g in enumerate(sorted(first))}
        df = np.zeros(len(first))
        for c in counts:
            df[[self.vocabulary[g] for g in c]] += 1.0
        self.idf = np.full_like(df, len(self.names) + 1.0)
        self.idf /= df + 1.0
        np.log(self.idf, out=self.idf)
        self.idf += 1.0
        # each name's weights in the order its n-grams were first met in all names
        rows = [sorted(c.items(), key=lambda gc: first[gc[0]]) for c in counts]
        weights = self._weights(rows)
        postings: list[list[tuple[int, float]]] = [[] for _ in first]
        for n, (row, w) in enumerate(zip(rows, weights, strict=True)):
            for (g, _), x in zip(row, w, strict=True):
                postings[self.vocabulary[g]].append((n, x))
        # the postings of n-gram v are the names posted[at[v]:at[v + 1]] with their weights
        # posted_weights[…]: three arrays (a list of two arrays per n-gram took 18,000 objects
        # to unpickle at every start)
        self.at = np.cumsum([0, *map(len, postings)], dtype=np.intp)
        self.posted = np.array([n for p in postings for n, _ in p], dtype=np.intp)
        self.posted_weights = np.array([x for p in postings for _, x in p], dtype=np.float64)
        self.kinds = sorted({k for e in self.entries for k in e.kinds})
        self.allowed = {
            k: np.array([k in e.kinds for e in self.entries], dtype=bool) for k in self.kinds
        }

    def _weights(self, rows: Sequence[Sequence[tuple[str, int]]]) -> list[list[float]]:
        """Each row's ``(n-gram, count)`` as L2-normalised sublinear TF-IDF weights."""
        tf = np.array([c for row in rows for _, c in row], dtype=np.float64)
        np.log(tf, out=tf)
        tf += 1.0
        tf *= self.idf[np.array([self.vocabulary[g] for row in rows for g, _ in row], dtype=np.intp)]
        out: list[list[float]] = []
        for row in rows:
            w, tf = [float(x) for x in tf[: len(row)]], tf[len(row) :]
            norm = 0.0
            for x in w:  # summed one by one, in this order, as scikit-learn does
                norm += x * x
            out.append([x / math.sqrt(norm) for x in w] if norm else w)
        return out

    def _similarities(self, query: str) -> npt.NDArray[np.float64]:
        """Cosine similarity of ``query`` to every name (n-grams no name has count nothing)."""
        known = Counter(g for g in _char_ngrams(query) if g in self.vocabulary)
        row = sorted(known.items(), key=lambda gc: self.vocabulary[gc[0]])
        sims = np.zeros(len(self.names))
        for (g, _), q in zip(row, self._weights([row])[0], strict=True):
            v = self.vocabulary[g]
            a, b = self.at[v], self.at[v + 1]
            sims[self.posted[a:b]] += q * self.posted_weights[a:b]
        return sims

    def nearest_many(
        self, queries: Sequence[tuple[str, str]]
    ) -> list[tuple[str | None, float, str]]:
        """For each ``(subject, kind)``: the nearest name of that kind, its key and similarity."""
        out: list[tuple[str | None, float, str]] = []
        for query, kind in queries:
            row = self._similarities(query)
            mask = self.allowed.get(kind)
            if mask is None or not row.any():
                out.append((None, 0.0, ""))
                continue
            scores = np.where(mask, row, -1.0)
            i = int(scores.argmax())
            out.append((self.entries[i].key, float(scores[i]), self.names[i]))
        return out

    def nearest(self, subject: str, *, kind: str) -> tuple[str | None, float, str]:
        """The nearest name among entries of ``kind``: its key, cosine similarity, the name."""
        return self.nearest_many([(subject, kind)])[0]


@functools.cache
@datacache.disk_cached("taxonomy-model")
def nearest_model() -> _Model:
    """The nearest-name model of the taxonomy (kept on disk between processes)."""
    return _Model()
