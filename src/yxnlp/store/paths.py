"""Where the store is, without loading DuckDB: the CLI's options read these at start-up.

>>> import os
>>> os.environ.pop(ENV_DB, None) and None
>>> str(default_path())
'out/yxnlp.duckdb'
"""

from __future__ import annotations

import os
from pathlib import Path

#: The store every command and :class:`~yxnlp.store.Store` use unless told otherwise:
#: ``$YXNLP_DB`` if set, else this path (relative to the working directory; ``bash tasks.sh
#: demo`` builds it).
DEFAULT_PATH = "out/yxnlp.duckdb"
#: The environment variable naming the default store.
ENV_DB = "YXNLP_DB"
MEMORY = ":memory:"


def default_path() -> Path:
    """``$YXNLP_DB`` when set, else :data:`DEFAULT_PATH`."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_PATH)
