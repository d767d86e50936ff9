"""yxnlp: Chinese local-government work reports in, comparable knowledge records out.

>>> import yxnlp
>>> rec = yxnlp.process("2025年全区规模以上工业增加值增长8%。", source="demo.txt")
>>> rec.document.length
21
"""

from __future__ import annotations

from yxnlp.compare import compare
from yxnlp.errors import InputError, YxnlpError
from yxnlp.pipeline import process
from yxnlp.record import Record
from yxnlp.store import Store
from yxnlp.version import VERSION as __version__

__all__ = ["InputError", "Record", "Store", "YxnlpError", "__version__", "compare", "process"]
