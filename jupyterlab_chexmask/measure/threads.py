"""Measuring a file on threads with the compiled loop (:mod:`.fast`), for :func:`.api.measure`.

The compiled loop releases the GIL, so threads use the machine's cores with
no process to start and nothing to pickle. A plain file is read in buffers
cut where :func:`.compiled.record_cut` finds the last whole record; a gzip
file is decompressed here and cut by :func:`.chunks.cut`. Results come back in
file order; at most two chunks per thread are in flight. A chunk the loop
does not call plain is measured by the general path (:func:`.api.measure_chunk`
with ``engine="pandas"``), so the result is the same.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pandas as pd

from ..format.csv_file import GZIP_MAGIC
from ..rca.scan import csv_fields
from . import compiled
from .chunks import BOM, file_chunks, read_header
from .fast import measure_chunk_bytes

#: Measures one chunk's bytes with the general path (the header record, the bytes).
GeneralPath = Callable[[bytes, bytes], pd.DataFrame]


def _measure(
    names: list[str], header: bytes, data: np.ndarray, dataset: str, general: GeneralPath
) -> pd.DataFrame:
    measured = measure_chunk_bytes(names, data, dataset)
    return measured if measured is not None else general(header, data.tobytes())


def _plain_chunks(path: str, chunk_bytes: int) -> Iterator[tuple[bytes, np.ndarray | None, int]]:
    """A plain file's header, then its chunks of whole records, each with its bytes.

    The first item is the header alone (``None`` for the chunk). Each chunk is
    read into a buffer of its own (``readinto``, one copy from the page cache),
    so memory is the chunks in flight, whatever the file's size; the bytes after
    the chunk's last whole record start the next buffer.
    """
    with open(path, "rb") as file:
        header, rest = read_header(path, iter(lambda: file.read(1 << 16), b""))
        yield header, None, len(header)
        eof = False
        while True:
            buffer = bytearray(max(chunk_bytes, 2 * len(rest)))
            buffer[: len(rest)] = rest
            view = memoryview(buffer)
            filled = len(rest)
            while filled < len(buffer) and not eof:
                got = file.readinto(view[filled:])
                eof = not got
                filled += got or 0
            del view
            if filled == 0:
                return
            data = np.frombuffer(buffer, dtype=np.uint8, count=filled)
            end = filled if eof else compiled.record_cut(data, 0, filled)
            if end == 0:  # no whole record yet: read on into a buffer twice as large
                rest = bytes(buffer[:filled])
                continue
            rest = bytes(buffer[end:filled])
            yield header, data[:end], end


def _gzip_chunks(path: str, chunk_bytes: int) -> Iterator[tuple[bytes, np.ndarray | None, int]]:
    """A gzip file's header, then its chunks of whole records (decompressed), each with the
    compressed bytes it took."""
    first = True
    for header, piece, done in file_chunks(path, chunk_bytes):
        if first:
            yield header, None, 0
            first = False
        assert isinstance(piece, bytes)  # gzip chunks are bytes, never (path, offset, length)
        yield header, np.frombuffer(piece, dtype=np.uint8), done


def measure_file_in_threads(
    path: str, dataset: str, threads: int, chunk_bytes: int, general: GeneralPath
) -> Iterator[tuple[pd.DataFrame, int]]:
    """The measures of a file's chunks in file order, each with the file bytes it covers."""
    with open(path, "rb") as file:
        gz = file.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    items = (_gzip_chunks if gz else _plain_chunks)(path, chunk_bytes)
    first = next(items, None)
    if first is None:  # a gzip file of a header only
        return
    header, _, header_bytes = first
    names = csv_fields(header.removeprefix(BOM).rstrip(b"\r\n"))
    pending: deque[tuple[Future[pd.DataFrame], int]] = deque()
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="chexmask-measure") as pool:
        extra = header_bytes
        for _, data, done in items:
            assert data is not None
            pending.append((pool.submit(_measure, names, header, data, dataset, general), done))
            while len(pending) > 2 * threads:
                future, size = pending.popleft()
                yield future.result(), size + extra
                extra = 0
        while pending:
            future, size = pending.popleft()
            yield future.result(), size + extra
            extra = 0
