"""The package version, read once from the installed package's metadata.

Every place that states a version (``yxnlp.__version__``, ``yxnlp --version``, the record's
``provenance.yxnlp``, the batch manifest's pipeline version) uses :data:`VERSION`, so a release
changes one line, ``version`` in ``pyproject.toml``.

>>> VERSION == package_version()
True
>>> package_version("no-such-distribution-yxnlp")
'0+unknown'
"""

from __future__ import annotations

from importlib import metadata

#: What a source tree that was never installed (no package metadata) reports.
UNKNOWN = "0+unknown"


def package_version(distribution: str = "yxnlp") -> str:
    """The installed version of ``distribution``, else :data:`UNKNOWN`."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return UNKNOWN


VERSION: str = package_version()
