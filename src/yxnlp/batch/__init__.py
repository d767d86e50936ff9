"""Batch: many reports in, one JSON record each in an output folder (and the store), in parallel.

The package, one module per concern:

* :mod:`~yxnlp.batch.discovery`: which files are read, and each one's output name;
* :mod:`~yxnlp.batch.manifest`: ``index.json``, what was done for each input, so a re-run
  skips unchanged files (and the pipeline version that decides it);
* :mod:`~yxnlp.batch.engines`: how files are processed (this process, a local process pool,
  a Dask cluster), each yielding one :class:`Outcome` per file;
* :mod:`~yxnlp.batch.run`: :func:`run_batch`, which plans, runs an engine and lands each record
  in the folder, the store and the manifest, in that order.

>>> from pathlib import Path
>>> assign_names([Path("a/2024.txt"), Path("b/2024.txt"), Path("b/x.txt")])[Path("b/x.txt")]
'x.json'
"""

from __future__ import annotations

from yxnlp.batch.discovery import assign_names, discover
from yxnlp.batch.engines import (
    IN_FLIGHT_PER_WORKER,
    Engine,
    Outcome,
    connect,
    dask_engine,
    process_bytes,
    process_engine,
    process_file,
    serial_engine,
)
from yxnlp.batch.manifest import MANIFEST, file_sha256, options_tag, pipeline_version
from yxnlp.batch.run import ERRORS, BatchResult, Failure, run_batch

__all__ = [
    "ERRORS",
    "IN_FLIGHT_PER_WORKER",
    "MANIFEST",
    "BatchResult",
    "Engine",
    "Failure",
    "Outcome",
    "assign_names",
    "connect",
    "dask_engine",
    "discover",
    "file_sha256",
    "options_tag",
    "pipeline_version",
    "process_bytes",
    "process_engine",
    "process_file",
    "run_batch",
    "serial_engine",
]
