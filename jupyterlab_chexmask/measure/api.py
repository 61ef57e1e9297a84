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

import gzip
import io
import os
from collections import deque
from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..format.columns import (
    DICE_MAX_COLUMN,
    DICE_MEAN_COLUMN,
    HEIGHT_COLUMN,
    ID_COLUMNS,
    ORGAN_COLUMNS,
    WIDTH_COLUMN,
)
from ..format.csv_file import GZIP_MAGIC, existing_file
from ..rca.reader import dataset_name_of, usable_cpus
from ..rca.scan import csv_fields, record_end
from ..rca.sources import collect_sources, frame_names, is_dask_frame, is_path, progress_bar
from ..types import Source
from .frame import ID_AND_MEASURES, PROBLEM_COLUMN, STD_COLUMN, measure_frame
from .workers import Worker

#: Bytes of a file parsed at a time.
CHUNK_BYTES = 4 << 20
#: Plain files at least this large are measured by worker processes.
PARALLEL_MIN = 64 << 20
_BOM = b"\xef\xbb\xbf"

#: A chunk to measure: the header record, then the chunk's bytes or ``(path, offset, length)``.
Chunk = tuple[bytes, "bytes | tuple[str, int, int]", str]


def measure(
    source: Source,
    progress: bool = True,
    *,
    workers: int | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    parallel_min: int = PARALLEL_MIN,
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
        chunk_bytes: Bytes of a file parsed at a time (memory is a few chunks).
        parallel_min: The smallest plain file measured by worker processes.

    Raises:
        TypeError: ``source`` is of an unsupported kind.
        ValueError: a path is not a file, is empty, or ends inside a quoted field.

    """
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
                path, name or dataset_name_of(path), count, chunk_bytes, parallel_min
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


def _wanted(names: list[str]) -> list[str]:
    id_column = next((c for c in ID_COLUMNS if c in names), None)
    wanted = [
        DICE_MEAN_COLUMN,
        DICE_MAX_COLUMN,
        *ORGAN_COLUMNS,
        HEIGHT_COLUMN,
        WIDTH_COLUMN,
        STD_COLUMN,
    ]
    return ([id_column] if id_column else []) + [c for c in wanted if c in names]


def measure_chunk(header: bytes, data: bytes | tuple[str, int, int], dataset: str) -> pd.DataFrame:
    """Measure one chunk of whole records (in a worker process or here)."""
    if isinstance(data, tuple):
        path, offset, length = data
        with open(path, "rb") as file:
            file.seek(offset)
            data = file.read(length)
    names = csv_fields(header.removeprefix(_BOM).rstrip(b"\r\n"))
    usecols = _wanted(names)
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


def cut(block: bytes | memoryview, last: bool) -> int:
    """Where the complete records of ``block`` (starting at a record start) end; 0 if none.

    The last newline outside quotes: a newline is outside quotes when the
    quotes before it are even in number (an escaped ``""`` counts twice).
    """
    data = bytes(block)
    if last:
        return len(data)
    p = data.rfind(b"\n")
    if p < 0:
        return 0
    odd = data.count(b'"', 0, p) & 1
    while odd:
        q = data.rfind(b"\n", 0, p)
        if q < 0:
            return 0
        odd ^= data.count(b'"', q, p) & 1
        p = q
    return p + 1


def _header(path: str, read: Iterator[bytes]) -> tuple[bytes, bytes]:
    """The header record (with its newline) and the bytes read after it."""
    data = b""
    for block in read:
        data += block
        end = record_end(data, 0, len(data))
        if end >= 0:
            return data[: end + 1], data[end + 1 :]
    if not data.strip():
        raise ValueError(f"'{path}' is empty: no header row")
    return data + b"\n", b""


def _chunks(
    path: str, chunk_bytes: int
) -> Iterator[tuple[bytes, bytes | tuple[str, int, int], int]]:
    """The file's header, and its chunks of whole records, each with the file bytes it took."""
    with open(path, "rb") as raw:
        gz = raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw

        def blocks() -> Iterator[bytes]:
            while True:
                block = stream.read(chunk_bytes)
                if not block:
                    return
                yield block

        read = blocks()
        header, data = _header(path, read)
        reported = 0
        offset = len(header)  # of ``data`` in the file (plain files)
        eof = False
        while not eof or data:
            end = cut(data, eof) if eof or len(data) >= chunk_bytes else 0
            if end == 0:  # too little data, or a record longer than it: read more
                if eof:
                    break
                block = next(read, None)
                eof = block is None
                data += block or b""
                continue
            if not data[:end].strip():
                piece: bytes | tuple[str, int, int] = b""
            else:
                piece = data[:end] if gz else (path, offset, end)
            at = raw.tell() if gz else offset + end
            yield header, piece, at - reported if at > reported else 0
            reported = max(reported, at)
            offset += end
            data = data[end:]
        if gz:
            stream.close()


def _measure_file(
    path: str, dataset: str, workers: int, chunk_bytes: int, parallel_min: int
) -> Iterator[tuple[pd.DataFrame, int]]:
    """The measures of a file's chunks in order, each with the file bytes it covers."""
    parallel = workers > 1 and os.path.getsize(path) >= parallel_min
    if not parallel:
        for header, piece, done in _chunks(path, chunk_bytes):
            yield measure_chunk(header, piece, dataset), done
        return
    pool = [Worker() for _ in range(workers)]
    pending: deque[tuple[Worker, int]] = deque()
    try:
        for k, (header, piece, done) in enumerate(_chunks(path, chunk_bytes)):
            worker = pool[k % workers]
            worker.submit((header, piece, dataset))
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
