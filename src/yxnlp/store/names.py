"""Column names every analysis tool accepts: valid in Stata and in R, at most 32 characters.

Stata wants a letter or ``_`` first, then letters, digits or ``_``, at most 32 characters, and
not one of its reserved words; R wants a letter first (``_x`` is not a syntactic name) and not one
of its reserved words. :func:`valid_name` checks both. :func:`stem` makes a valid name out of a
long one (compare's wide columns ``<key>_<status>``): the words listed in
``data/store/query.json`` (``name_abbreviations``) are shortened one by one, then the longest
words are cut, only as far as needed, and a number is added to a name already taken.

>>> stem("gdp_growth_target", used=set())
'gdp_growth_target'
>>> stem("industrial_value_added_above_scale_growth_estimate", used=set(), longest_suffix="_qualifier")
'ind_va_abv_gr_estimate'
>>> valid_name("gdp_growth:target"), valid_name("_n"), valid_name("n")
(False, False, True)
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

#: The longest name Stata accepts.
MAX_LENGTH = 32
VALID_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")
#: Names reserved by Stata or R (a column may not be called so).
RESERVED = frozenset(
    "_all _b _coef _cons _n _N _pi _pred _rc _skip byte double float if in int long strL"
    " using with else repeat while function for next break TRUE FALSE NULL Inf NaN NA".split()
)


def valid_name(name: str) -> bool:
    """Whether ``name`` is a valid column name in Stata and in R (module docstring)."""
    return bool(VALID_NAME.fullmatch(name)) and name not in RESERVED


@functools.cache
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    path = resources.files("yxnlp.data").joinpath("store", "query.json")
    data = json.loads(path.read_text(encoding="utf-8"))["name_abbreviations"]
    return tuple((re.compile(rf"(?<![a-z]){re.escape(k)}(?![a-z])"), v) for k, v in data.items())


def stem(name: str, *, used: set[str], longest_suffix: str = "") -> str:
    """``name`` (snake_case) shortened so that it plus ``longest_suffix`` fits 32 characters,
    and not in ``used`` (module docstring)."""
    room = MAX_LENGTH - len(longest_suffix)
    for pattern, short in _abbreviations():
        if len(name) <= room:
            break
        name = pattern.sub(short, name)
    words = name.split("_")
    while len("_".join(words)) > room and max(map(len, words)) > 2:
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        words[longest] = words[longest][:-1]
    name = "_".join(words)[:room]
    base, n = name, 2
    while name in used or not valid_name(name):
        name = f"{base[: room - len(str(n))]}{n}"
        n += 1
    return name
