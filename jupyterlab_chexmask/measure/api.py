"""``measure``: one row of measures per CheXmask row, streamed over files of any size.

A CSV file is cut into chunks of whole records (:func:`cut`: the last newline
outside quotes, found from the parity of the quotes before it, so multi-line
quoted cells are never split). Each chunk is parsed by pandas
(``usecols``: only the columns measured, as text) and measured by
:func:`.frame.measure_frame`, in worker processes for large files, in order;
at most a few chunks are in memory at a time. Sources are collected and
named as :func:`~jupyterlab_chexmask.rca_histogram` does.
"""

from __future__ import annotations

import importlib.util
import io
import os
from collections import deque
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from ..format.columns import (
    ID_COLUMNS,
)
from ..format.csv_file import existing_file
from ..rca.reader import dataset_name_of, usable_cpus
from ..rca.scan import csv_fields
from ..rca.sources import collect_sources, frame_names, is_dask_frame, is_path, progress_bar
from ..types import Source
from .chunks import BOM, file_chunks
from .frame import ID_AND_MEASURES, PROBLEM_COLUMN, measure_frame, wanted_columns
from .workers import Worker

#: Whether numba is installed, so that the compiled loops (:mod:`.fast`) can run; found
#: without importing it (numba takes half a second to import).
NUMBA = importlib.util.find_spec("numba") is not None
#: Bytes of a file parsed at a time by pandas (the general path), and by the compiled loops.
CHUNK_BYTES = 4 << 20
COMPILED_CHUNK_BYTES = 16 << 20
#: Plain files at least this large are measured by worker processes.
PARALLEL_MIN = 64 << 20


def measure(
    source: Source,
    progress: bool = True,
    *,
    workers: int | None = None,
    chunk_bytes: int | None = None,
    parallel_min: int = PARALLEL_MIN,
    engine: str = "auto",
) -> pd.DataFrame:
    """Measure every row of CheXmask CSVs or DataFrames: one output row per input row.

    Columns: the image-id column (as the source names it), ``dataset``,
    ``Dice RCA (Mean)``, ``Dice RCA (Max)``, ``swapped`` (Mean above Max;
    missing when either is), ``Right Lung area``, ``Left Lung area``,
    ``Heart area`` (pixels, from the run lengths), ``CTR`` (the row view's
    cardiothoracic ratio), ``Height``, ``Width`` (1024 when absent), for
    CheXmask-U sources ``Landmark σ`` (the mean of (σx+σy)/2 over the 120
    landmarks) and ``Right Lung σ``, ``Left Lung σ``, ``Heart σ``, and
    ``problem``: ``""``, or ``"<column>: <problem>"`` for the row's first
    malformed cell (the row view's words), whose measures are then NaN.

    Args:
        source: As for :func:`~jupyterlab_chexmask.rca_histogram`: a CSV path
            (``.csv`` or ``.csv.gz``), a DataFrame, a list of them, or a dict
            of dataset name to them. ``dataset`` is the dict key, else the
            file's name, else (DataFrames) inferred from the id column. Or a
            ``dask.dataframe`` DataFrame (``pip install jupyterlab_chexmask[dask]``):
            the result is then a lazy dask DataFrame of the same columns, each
            partition measured by dask (on a cluster's workers if a
            ``distributed`` client is active); ``.compute()`` gives the measures
            of the pandas DataFrame of its rows (indexed as the source's rows).
        progress: Show a progress bar of the bytes read.
        workers: Processes measuring a large plain file (default: the CPUs
            this process may use, at most 4); 1 measures here only.
        chunk_bytes: Bytes of a file parsed at a time (memory is a few chunks);
            default 16 MB for the compiled loops, 4 MB for pandas.
        parallel_min: The smallest plain file measured by worker processes.
        engine: How CSV files are read. ``"numba"`` measures the masks where they
            lie in the file's bytes with compiled loops (several times faster;
            needs numba: ``pip install jupyterlab_chexmask[fast]``); pandas still
            reads the small cells, and any chunk or cell of unusual shape.
            ``"pandas"`` reads every cell with pandas first. ``"auto"`` (the
            default) is ``"numba"`` when numba is installed. Both give the same
            table.

    Raises:
        TypeError: ``source`` is of an unsupported kind.
        ValueError: a path is not a file, is empty, or ends inside a quoted field;
            ``engine`` is none of the three.
        ImportError: ``engine="numba"`` without numba installed.

    """
    _check_engine(engine)
    if is_dask_frame(source):
        lazy: pd.DataFrame = _measure_dask(source)  # a dask DataFrame (typed loosely)
        return lazy
    items = collect_sources(source)
    paths = [str(v) for _, v in items if is_path(v)]
    bar = progress_bar(sum(os.path.getsize(p) for p in paths), progress, desc="measure")
    count = workers if workers is not None else usable_cpus()
    frames: list[pd.DataFrame] = []
    try:
        for name, value in items:
            if isinstance(value, pd.DataFrame):
                frames.append(_measure_dataframe(value, name))
                continue
            path = existing_file(value)
            for part, done in _measure_file(
                path, name or dataset_name_of(path), count, chunk_bytes, parallel_min, engine
            ):
                frames.append(part)
                if bar is not None:
                    bar.update(done)
    finally:
        if bar is not None:
            bar.close()
    if not frames:
        return pd.DataFrame(columns=ID_AND_MEASURES)
    out = pd.concat(frames, ignore_index=True)
    ids = [c for c in ID_COLUMNS if c in out.columns]
    rest = [c for c in out.columns if c not in ids and c != PROBLEM_COLUMN]
    ordered: pd.DataFrame = out[[*ids, *rest, PROBLEM_COLUMN]]
    return ordered


ENGINES = ("auto", "numba", "pandas")


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"engine: must be one of {', '.join(map(repr, ENGINES))}, got {engine!r}")
    if engine == "numba" and not NUMBA:
        raise ImportError(
            "engine='numba' needs numba: pip install jupyterlab_chexmask[fast] (or engine='auto')"
        )


def _compiled(engine: str) -> bool:
    """Whether ``engine`` means the compiled loop."""
    return engine == "numba" or (engine == "auto" and NUMBA)


def _measure_dataframe(frame: pd.DataFrame, name: str | None) -> pd.DataFrame:
    id_column = next((c for c in ID_COLUMNS if c in frame.columns), None)
    if name is not None:
        return measure_frame(frame, id_column, name)
    names = frame_names(frame, None, "the DataFrame")
    return measure_frame(frame, id_column, [str(n) for n in names])


def _measure_dask(frame: Any) -> Any:
    """The lazy measures of a dask DataFrame: each partition measured as a pandas DataFrame."""
    # ``_meta_nonempty`` is dask's stand-in partition (made-up cells): its measures have
    # the columns and dtypes of real partitions' measures.
    meta = _measure_partition(frame._meta_nonempty).iloc[:0]
    return frame.map_partitions(_measure_partition, meta=meta)


def _measure_partition(frame: pd.DataFrame) -> pd.DataFrame:
    """A partition's measures, on the partition's index (so divisions are kept)."""
    out = _measure_dataframe(frame, None)
    out.index = frame.index
    return out


def measure_chunk(
    header: bytes, data: bytes | tuple[str, int, int], dataset: str, engine: str = "auto"
) -> pd.DataFrame:
    """Measure one chunk of whole records (in a worker process or here).

    ``engine``: ``"numba"`` reads the masks from the bytes (:mod:`.fast`; a chunk
    of unusual shape still goes to pandas), ``"pandas"`` reads every cell with
    pandas first, ``"auto"`` is ``"numba"`` when numba is installed.
    """
    if isinstance(data, tuple):
        path, offset, length = data
        with open(path, "rb") as file:
            file.seek(offset)
            data = file.read(length)
    names = csv_fields(header.removeprefix(BOM).rstrip(b"\r\n"))
    if _compiled(engine):
        from .fast import measure_chunk_bytes  # imports numba (half a second), on first use

        measured = measure_chunk_bytes(names, np.frombuffer(data, dtype=np.uint8), dataset)
        if measured is not None:
            return measured
    usecols = wanted_columns(names)
    frame = pd.read_csv(
        io.BytesIO(header + data),
        usecols=usecols,
        dtype=str,
        engine="c",
        encoding="utf-8",
        encoding_errors="replace",
    )
    id_column = next((c for c in ID_COLUMNS if c in frame.columns), None)
    return measure_frame(frame, id_column, dataset)


def _measure_file(
    path: str,
    dataset: str,
    workers: int,
    chunk_bytes: int | None,
    parallel_min: int,
    engine: str,
) -> Iterator[tuple[pd.DataFrame, int]]:
    """The measures of a file's chunks in order, each with the file bytes it covers."""
    if _compiled(engine):
        chunk_bytes = chunk_bytes or COMPILED_CHUNK_BYTES
        from .threads import measure_file_in_threads  # imports numba

        def general(header: bytes, data: bytes) -> pd.DataFrame:
            return measure_chunk(header, data, dataset, "pandas")

        yield from measure_file_in_threads(path, dataset, workers, chunk_bytes, general)
        return
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    parallel = workers > 1 and os.path.getsize(path) >= parallel_min
    if not parallel:
        for header, piece, done in file_chunks(path, chunk_bytes):
            yield measure_chunk(header, piece, dataset, engine), done
        return
    pool = [Worker() for _ in range(workers)]
    pending: deque[tuple[Worker, int]] = deque()
    try:
        for k, (header, piece, done) in enumerate(file_chunks(path, chunk_bytes)):
            worker = pool[k % workers]
            worker.submit((header, piece, dataset, engine))
            pending.append((worker, done))
            while len(pending) > 2 * workers:
                oldest, size = pending.popleft()
                yield oldest.result(), size
        while pending:
            oldest, size = pending.popleft()
            yield oldest.result(), size
    finally:
        for worker in pool:
            worker.close()
