"""Build the API reference from the docstrings with pdoc: ``bash tasks.sh docs`` (→ out/docs).

Every module of the package gets a page (the package's ``__all__`` lists only the top-level
API, so the modules are named here rather than discovered by pdoc); docstrings are read as
reStructuredText and their ``>>>`` examples shown as code.

    python scripts/build_docs.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import pkgutil
import sys
from pathlib import Path

import pdoc
import pdoc.render

import yxnlp


def modules() -> list[str]:
    """``yxnlp`` and every module below it, in name order."""
    found = [m.name for m in pkgutil.walk_packages(yxnlp.__path__, prefix="yxnlp.")]
    return ["yxnlp", *sorted(found)]


def build(out: Path) -> Path:
    """Write the HTML reference into ``out``; returns its index page."""
    pdoc.render.configure(docformat="restructuredtext", footer_text=f"yxnlp {yxnlp.__version__}")
    pdoc.pdoc(*modules(), output_directory=out)
    return out / "index.html"


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/docs")))
