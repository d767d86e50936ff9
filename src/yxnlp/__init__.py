"""yxnlp: Chinese local-government work reports in, comparable knowledge records out.

>>> import yxnlp
>>> rec = yxnlp.process("2025年全区规模以上工业增加值增长8%。", source="demo.txt")
>>> rec.document.length
21

The public names are imported when first used, so that ``import yxnlp`` (and the command
line's ``--help``, ``query``, ``show``) does not load spaCy, DuckDB or pandas until a name
that needs them is asked for.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from yxnlp.errors import InputError, YxnlpError
from yxnlp.version import VERSION as __version__

if TYPE_CHECKING:
    from yxnlp.compare import compare
    from yxnlp.pipeline import process
    from yxnlp.record import Record
    from yxnlp.store import Store

__all__ = ["InputError", "Record", "Store", "YxnlpError", "__version__", "compare", "process"]

# public name -> the module that defines it
_LAZY = {
    "process": "yxnlp.pipeline",
    "Record": "yxnlp.record",
    "Store": "yxnlp.store",
    "compare": "yxnlp.compare",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562).

    >>> import yxnlp
    >>> yxnlp.Record.__name__
    'Record'
    >>> yxnlp.no_such_name
    Traceback (most recent call last):
    ...
    AttributeError: module 'yxnlp' has no attribute 'no_such_name'
    """
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # later look-ups do not come back here
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


class _Package(types.ModuleType):
    """This package's module type: a public name stays what it is when a submodule of the same
    name is imported (the import system sets the package's attribute ``compare`` to the module
    ``yxnlp.compare``; ``yxnlp.compare`` is the function).

    >>> import yxnlp, yxnlp.compare
    >>> callable(yxnlp.compare)
    True
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
