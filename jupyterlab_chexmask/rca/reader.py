"""Streaming the two Dice RCA columns out of CheXmask CSVs of any size, fast and in bounded memory.

The byte-level work (where records end, the two cells of each) is in
:mod:`.scan`; this module drives it over a file and converts the cells:

- A plain file is memory-mapped one window (32 MB) at a time, so nothing is
  copied and resident memory grows by about a window whatever the file's
  size. A file of :data:`PARALLEL_MIN` bytes or more is split into parts, one
  per CPU (at most :data:`MAX_WORKERS`), scanned by this process and worker
  processes (see :mod:`.parallel`). The result never depends on the split.
- A gzip file (recognised by its magic bytes, whatever its name) is
  decompressed a block ahead by a helper thread (zlib releases the GIL).
- Cells are converted in batches by pandas' C parser (see :mod:`.cells`),
  so the values are exactly those of ``pandas.read_csv`` on the file, with the
  same missing-value markers (empty, ``nan``, ``NA``, ``NULL``...).

Progress is reported in bytes of the file on disk (compressed bytes for gzip).
"""

from __future__ import annotations

import gzip
import io
import os
import queue
import threading
from collections.abc import Generator, Iterator

from ..format.csv_file import GZIP_MAGIC, existing_file
from ..types import PathLike
from .cells import Batch, Batches, Columns, Progress
from .parallel import read_plain
from .scan import WINDOW_SIZE, UnclosedQuoteError, record_end, scan

#: Bytes decompressed at a time (gzip).
BLOCK_SIZE = 1 << 20
#: Blocks read ahead by the reader thread (gzip).
READ_AHEAD = 4
#: Plain files at least this large are scanned by several processes.
PARALLEL_MIN = 512 << 20
#: The most processes scanning one file.
MAX_WORKERS = 4


def dataset_name_of(path: str) -> str:
    """The dataset a file holds, from its name: ``MIMIC-CXR-JPG.csv.gz`` -> ``MIMIC-CXR-JPG``."""
    name = os.path.basename(path)
    for suffix in (".gz", ".csv"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def read_dice_columns(
    path: PathLike,
    on_bytes: Progress = None,
    *,
    block_size: int = BLOCK_SIZE,
    window: int = WINDOW_SIZE,
    workers: int | None = None,
    parallel_min: int = PARALLEL_MIN,
) -> Iterator[Batch]:
    """Stream ``(mean, max)`` float64 arrays of a CheXmask CSV, in batches.

    A batch holds about :data:`.cells.CHUNK_ROWS` rows.

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
    source = existing_file(path)
    with open(source, "rb", buffering=0) as raw:
        gz = raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        raw.seek(0)
        try:
            if gz:
                with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
                    yield from _read_stream(source, raw, stream, on_bytes, block_size)
            else:
                if workers is None:
                    workers = usable_cpus()
                yield from read_plain(
                    source, raw.fileno(), on_bytes, window, max(1, workers), parallel_min
                )
        except UnclosedQuoteError:
            raise ValueError(
                f"'{source}' ends inside a quoted field (a '\"' is never closed)"
            ) from None


def usable_cpus() -> int:
    """The CPU cores this process may use (its affinity where the platform says, else the count)."""
    try:
        # Not on every platform (macOS, Windows): mypy only knows it where it exists.
        count = len(os.sched_getaffinity(0))  # type: ignore[attr-defined, unused-ignore]
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, count))


def _read_stream(
    source: str,
    raw: io.FileIO,
    stream: gzip.GzipFile,
    on_bytes: Progress,
    block_size: int,
) -> Iterator[Batch]:
    """Parse a decompressed stream, block by block."""
    batches = Batches()
    cols: Columns | None = None
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
                cols = Columns(source, data[:header_end])
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
) -> Generator[bytes, None, None]:
    """The stream's bytes in blocks, read (and decompressed) ahead by a helper thread.

    zlib and file reads release the GIL, so the next blocks are decompressed
    while the caller scans this one. At most :data:`READ_AHEAD` blocks wait in
    memory. Progress is the compressed bytes read from disk.
    """
    blocks: queue.Queue[tuple[bytes, int] | BaseException] = queue.Queue(maxsize=READ_AHEAD)
    stop = threading.Event()

    def put(item: tuple[bytes, int] | BaseException) -> bool:
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
