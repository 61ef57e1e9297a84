"""Streaming the two Dice RCA columns out of CheXmask CSVs of any size, fast and in bounded memory.

The byte-level work (where records end, the two cells of each) is in
:mod:`._rca_scan`; this module drives it over a file and converts the cells:

- A plain file is memory-mapped one window (32 MB) at a time, so nothing is
  copied and resident memory grows by about a window whatever the file's
  size. A file of :data:`PARALLEL_MIN` bytes or more is split into parts, one
  per CPU (at most :data:`MAX_WORKERS`): this process scans the first while
  worker processes (``python -I -S`` running :mod:`._rca_scan` alone, which
  starts in milliseconds) scan the others and stream their cells back. A
  worker starts just past the first newline of its part; that is a record
  boundary unless the part begins inside a multi-line quoted field, so it is
  checked against where this process's exact parse of the previous part
  ended, and on a mismatch (or any failure of a worker) the rest of the file
  is scanned here, sequentially. The result never depends on the split.
- A gzip file (recognised by its magic bytes, whatever its name) is
  decompressed a block ahead by a helper thread (zlib releases the GIL).
- Cells are converted in batches by pandas' C parser, so the values are
  exactly those of ``pandas.read_csv`` on the file, with the same
  missing-value markers (empty, ``nan``, ``NA``, ``NULL``...). A batch holding
  a cell that is not a number falls back to ``float()``, where it is NaN.

Progress is reported in bytes of the file on disk (compressed bytes for gzip).
"""

from __future__ import annotations

import gzip
import io
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any, Callable, Optional

import numpy as np
import pandas as pd

from . import _rca_scan
from ._format import DICE_MAX_COLUMN, DICE_MEAN_COLUMN
from ._rca_scan import (
    UnclosedQuoteError,
    csv_fields,
    number,
    read_at,
    record_end,
    scan,
    scan_mapped,
)

#: Rows converted and handed on at a time.
CHUNK_ROWS = 1 << 16
#: Bytes decompressed at a time (gzip).
BLOCK_SIZE = 1 << 20
#: Bytes of a plain file mapped at a time.
WINDOW_SIZE = _rca_scan.WINDOW_SIZE
#: Blocks read ahead by the reader thread (gzip).
READ_AHEAD = 4
#: Plain files at least this large are scanned by several processes.
PARALLEL_MIN = 512 << 20
#: The most processes scanning one file.
MAX_WORKERS = 4

_GZIP_MAGIC = b"\x1f\x8b"
_BOM = b"\xef\xbb\xbf"
_CELLS_HEADER = b"v"
_BOOT = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('_chexmask_rca_scan', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "module.worker_main(sys.argv[2:])\n"
)

Batch = tuple[np.ndarray, np.ndarray]
Progress = Optional[Callable[[int], None]]


def dataset_name_of(path: str) -> str:
    """The dataset a file holds, from its name: ``MIMIC-CXR-JPG.csv.gz`` -> ``MIMIC-CXR-JPG``."""
    name = os.path.basename(path)
    for suffix in (".gz", ".csv"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


class _Columns:
    """Where the two Dice columns are, from a file's header record."""

    def __init__(self, path: str, header: bytes) -> None:
        if header.startswith(_BOM):
            header = header[len(_BOM) :]
        names = csv_fields(header.rstrip(b"\r"))
        missing = [c for c in (DICE_MEAN_COLUMN, DICE_MAX_COLUMN) if c not in names]
        if missing:
            shown = ", ".join(repr(c) for c in names[:12]) + (", ..." if len(names) > 12 else "")
            raise ValueError(
                f"'{path}' has no column {' and no column '.join(repr(c) for c in missing)} "
                f"(its columns: {shown or 'none'})"
            )
        self.mean = names.index(DICE_MEAN_COLUMN)
        self.max = names.index(DICE_MAX_COLUMN)
        self.k = max(self.mean, self.max) + 1

    @property
    def args(self) -> tuple[int, int, int]:
        return self.k, self.mean, self.max


def _parse_cells(text: bytes) -> np.ndarray:
    """Cells joined by newlines (Mean, Max, Mean, Max...) as float64, by pandas' C parser."""
    try:
        frame = pd.read_csv(
            io.BytesIO(_CELLS_HEADER + b"\n" + text),
            header=0,
            skip_blank_lines=False,
            dtype=np.float64,
            engine="c",
        )
        return frame.iloc[:, 0].to_numpy(dtype=np.float64)
    except ValueError:  # a cell that is not a number
        return np.array([number(c) for c in text.split(b"\n")], dtype=np.float64)


class _Batches:
    """Cells gathered from scans, handed on as (mean, max) arrays of about :data:`CHUNK_ROWS` rows."""

    def __init__(self) -> None:
        self.cells: list[bytes] = []  # filled by scan()
        self._chunks: list[bytes] = []
        self._rows = 0

    def add_joined(self, payload: bytes, rows: int) -> None:
        """Cells already joined by newlines (from a worker)."""
        self._chunks.append(payload)
        self._rows += rows

    def take(self, last: bool = False) -> Optional[Batch]:
        if self.cells:
            self._rows += len(self.cells) // 2
            self._chunks.append(b"\n".join(self.cells))
            self.cells.clear()  # the scan holds this very list
        if not self._rows or (self._rows < CHUNK_ROWS and not last):
            return None
        values = _parse_cells(b"\n".join(self._chunks))
        self._chunks, self._rows = [], 0
        return values[0::2].copy(), values[1::2].copy()


def read_dice_columns(
    path: str | os.PathLike[str],
    on_bytes: Progress = None,
    *,
    block_size: int = BLOCK_SIZE,
    window: int = WINDOW_SIZE,
    workers: Optional[int] = None,
    parallel_min: int = PARALLEL_MIN,
) -> Iterator[Batch]:
    """Stream ``(mean, max)`` float64 arrays of a CheXmask CSV, in batches of about :data:`CHUNK_ROWS` rows.

    Missing and non-numeric cells are NaN. Only the two Dice columns are
    converted; every other byte is at most looked at by memchr.

    Args:
        path: A ``.csv`` or ``.csv.gz`` file in any CheXmask layout.
        on_bytes: Called with the number of bytes of the file read since its
            previous call (compressed bytes for gzip), for a progress bar.
        block_size: Bytes decompressed at a time (gzip).
        window: Bytes mapped at a time (plain files).
        workers: Processes scanning a plain file (default: the CPUs this
            process may use, at most :data:`MAX_WORKERS`); 1 scans here only.
        parallel_min: The smallest plain file scanned by several processes.

    Raises:
        ValueError: the file is not found, is empty, lacks a Dice column (the
            message names the file and the column), or ends inside a quoted
            field.

    """
    source = os.fspath(path)
    if not os.path.isfile(source):
        raise ValueError(f"CheXmask CSV not found: '{source}' is not a file")
    with open(source, "rb", buffering=0) as raw:
        gz = raw.read(2) == _GZIP_MAGIC
        raw.seek(0)
        try:
            if gz:
                with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
                    yield from _read_stream(source, raw, stream, on_bytes, block_size)
            else:
                if workers is None:
                    workers = _usable_cpus()
                yield from _read_plain(
                    source, raw.fileno(), on_bytes, window, max(1, workers), parallel_min
                )
        except UnclosedQuoteError:
            raise ValueError(f"'{source}' ends inside a quoted field (a '\"' is never closed)") from None


def _usable_cpus() -> int:
    try:
        count = len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, count))


def _read_header(source: str, fd: int, size: int) -> tuple[_Columns, int]:
    """The columns of a plain file and where its first data record starts."""
    length = 1 << 16
    while True:
        data = read_at(fd, length, 0)
        end = record_end(data, 0, len(data))
        if end >= 0:
            return _Columns(source, data[:end]), end + 1
        if len(data) >= size:
            if not data:
                raise ValueError(f"'{source}' is empty: no header row")
            if record_end(data + b"\n", 0, len(data) + 1) < 0:
                raise UnclosedQuoteError(source)
            return _Columns(source, data), size
        length *= 4


def _read_plain(
    source: str, fd: int, on_bytes: Progress, window: int, workers: int, parallel_min: int
) -> Iterator[Batch]:
    """Scan a plain file: the first part here, the others in worker processes (see the module docstring)."""
    size = os.fstat(fd).st_size
    cols, begin = _read_header(source, fd, size)
    batches = _Batches()
    parts = workers if size - begin >= parallel_min else 1
    bounds = [begin + (size - begin) * i // parts for i in range(parts)] + [size]
    helpers = [_Worker(source, bounds[i], bounds[i + 1], cols, window) for i in range(1, parts)]
    reported = 0

    def report(done: int) -> None:  # bytes scanned, here and by the workers
        nonlocal reported
        if on_bytes is not None and done > reported:
            on_bytes(done - reported)
            reported = done

    try:
        reached = begin
        for reached in scan_mapped(fd, size, begin, bounds[1], *cols.args, batches.cells, window):
            report(reached + sum(h.progress for h in helpers))
            batch = batches.take()
            if batch is not None:
                yield batch
        for helper in helpers:
            result = helper.result()
            if result is None or result[0] != reached:
                break  # a worker failed, or its part began inside a quoted field
            chunks, helper.chunks = helper.chunks, []
            for payload, rows in chunks:
                batches.add_joined(payload, rows)
                batch = batches.take()
                if batch is not None:
                    yield batch
            del chunks
            reached = result[1]
        if reached < size:  # sequentially, from the last boundary known to be exact
            for helper in helpers:
                helper.stop()
            start = reached
            for reached in scan_mapped(fd, size, start, size, *cols.args, batches.cells, window):
                report(reached)
                batch = batches.take()
                if batch is not None:
                    yield batch
        report(size)
        batch = batches.take(last=True)
        if batch is not None:
            yield batch
    finally:
        for helper in helpers:
            helper.stop()


class _Worker:
    """A worker process scanning one part of a plain file; its output is drained by a thread."""

    def __init__(self, source: str, at: int, stop: int, cols: _Columns, window: int) -> None:
        self.at = at
        self.chunks: list[tuple[bytes, int]] = []
        self.progress = 0
        self._end: Optional[tuple[int, int]] = None
        self._process: Optional[subprocess.Popen[bytes]] = None
        args = [source, str(at), str(stop), *map(str, cols.args), str(window)]
        executable = sys.executable
        if not executable:
            return
        try:
            self._process = subprocess.Popen(
                [executable, "-I", "-S", "-c", _BOOT, _rca_scan.__file__, *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return
        self._thread = threading.Thread(target=self._drain, name="chexmask-rca-worker", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stream = self._process.stdout
        header = struct.Struct("<cQ")
        try:
            while True:
                head = stream.read(header.size)
                if len(head) < header.size:
                    return
                kind, value = header.unpack(head)
                if kind == b"P":
                    self.progress = value - self.at
                elif kind == b"C":
                    payload = stream.read(value)
                    self.chunks.append((payload, (payload.count(b"\n") + 1) // 2))
                elif kind == b"E":
                    begin, end = struct.unpack("<QQ", stream.read(value))
                    self._end = (begin, end)
        except (OSError, ValueError, struct.error):
            return

    def result(self) -> Optional[tuple[int, int]]:
        """``(start boundary taken, end boundary reached)``, or ``None`` if the worker failed."""
        if self._process is None:
            return None
        self._thread.join()
        if self._process.wait() != 0:
            return None
        return self._end

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def _read_stream(
    source: str,
    raw: io.FileIO,
    stream: gzip.GzipFile,
    on_bytes: Progress,
    block_size: int,
) -> Iterator[Batch]:
    """Parse a decompressed stream, block by block."""
    batches = _Batches()
    cols: Optional[_Columns] = None
    data = b""  # the incomplete record carried over, then the blocks after it
    pending: list[bytes] = []
    pending_size = 0
    blocks = _blocks(raw, stream, on_bytes, block_size)
    eof = False
    try:
        while not eof:
            block = next(blocks, None)
            if block is None:
                eof = True
            else:
                pending.append(block)
                pending_size += len(block)
                # A record longer than a block: gather as many new bytes as are carried
                # over before scanning again, so that long records cost linear time.
                if pending_size < len(data):
                    continue
            data = b"".join([data, *pending])
            pending.clear()
            pending_size = 0
            if eof and data and not data.endswith(b"\n"):  # the last record has no newline
                data += b"\n"
            pos = 0
            if cols is None:
                header_end = record_end(data, 0, len(data))
                if header_end < 0:
                    if not eof:
                        continue
                    if data:
                        raise UnclosedQuoteError(source)
                    raise ValueError(f"'{source}' is empty: no header row")
                cols = _Columns(source, data[:header_end])
                pos = header_end + 1
            pos = scan(data, pos, len(data), len(data) + 1, *cols.args, batches.cells)
            if eof and pos < len(data):
                raise UnclosedQuoteError(source)
            data = data[pos:]
            batch = batches.take(last=eof)
            if batch is not None:
                yield batch
    finally:
        blocks.close()  # stops the reader thread before the file closes


def _blocks(
    raw: io.FileIO,
    stream: gzip.GzipFile,
    on_bytes: Progress,
    block_size: int,
) -> Iterator[bytes]:
    """The stream's bytes in blocks, read (and decompressed) ahead by a helper thread.

    zlib and file reads release the GIL, so the next blocks are decompressed
    while the caller scans this one. At most :data:`READ_AHEAD` blocks wait in
    memory. Progress is the compressed bytes read from disk.
    """
    blocks: queue.Queue[Any] = queue.Queue(maxsize=READ_AHEAD)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                blocks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            while True:
                block = stream.read(block_size)
                if not put((block, raw.tell())) or not block:
                    return
        except BaseException as exc:  # handed to the caller
            put(exc)

    worker = threading.Thread(target=work, name="chexmask-rca-reader", daemon=True)
    worker.start()
    reported = 0
    try:
        while True:
            item = blocks.get()
            if isinstance(item, BaseException):
                raise item
            block, at = item
            if on_bytes is not None and at > reported:
                on_bytes(at - reported)
                reported = at
            if not block:
                return
            yield block
    finally:
        stop.set()
        worker.join()
