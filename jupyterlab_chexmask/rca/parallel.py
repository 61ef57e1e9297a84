"""Scanning one plain CheXmask CSV with several processes.

See :func:`.reader.read_dice_columns`.

The file is split into parts, one per process: this process scans the first
while worker processes (``python -I -S`` running :mod:`.scan` alone,
which starts in milliseconds) scan the others and stream their cells back. A
worker starts just past the first newline of its part; that is a record
boundary unless the part begins inside a multi-line quoted field, so it is
checked against where this process's exact parse of the previous part ended,
and on a mismatch (or any failure of a worker) the rest of the file is
scanned here, sequentially. The result never depends on the split. With one
part, this is the sequential memory-mapped scan.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator

from . import scan
from .cells import Batch, Batches, Columns, Progress
from .scan import UnclosedQuoteError, read_at, record_end, scan_mapped

# The worker loads scan.py by its file path, not as part of the package,
# so that it imports nothing else (see the scan module's docstring).
_BOOT = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('_chexmask_rca_scan', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "module.worker_main(sys.argv[2:])\n"
)


def read_header(source: str, fd: int, size: int) -> tuple[Columns, int]:
    """The columns of a plain file and where its first data record starts."""
    length = 1 << 16
    while True:
        data = read_at(fd, length, 0)
        end = record_end(data, 0, len(data))
        if end >= 0:
            return Columns(source, data[:end]), end + 1
        if len(data) >= size:
            if not data:
                raise ValueError(f"'{source}' is empty: no header row")
            if record_end(data + b"\n", 0, len(data) + 1) < 0:
                raise UnclosedQuoteError(source)
            return Columns(source, data), size
        length *= 4


def read_plain(
    source: str, fd: int, on_bytes: Progress, window: int, workers: int, parallel_min: int
) -> Iterator[Batch]:
    """Scan a plain file: the first part here, the others in worker processes.

    See the module docstring.
    """
    size = os.fstat(fd).st_size
    cols, begin = read_header(source, fd, size)
    batches = Batches()
    parts = workers if size - begin >= parallel_min else 1
    bounds = [begin + (size - begin) * i // parts for i in range(parts)] + [size]
    helpers = [Worker(source, bounds[i], bounds[i + 1], cols, window) for i in range(1, parts)]
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


class Worker:
    """A worker process scanning one part of a plain file; its output is drained by a thread."""

    def __init__(self, source: str, at: int, stop: int, cols: Columns, window: int) -> None:
        self.at = at
        self.chunks: list[tuple[bytes, int]] = []
        self.progress = 0
        self._end: tuple[int, int] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        args = [source, str(at), str(stop), *map(str, cols.args), str(window)]
        executable = sys.executable
        if not executable:
            return
        try:
            self._process = subprocess.Popen(
                [executable, "-I", "-S", "-c", _BOOT, scan.__file__, *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return
        self._thread = threading.Thread(target=self._drain, name="chexmask-rca-worker", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        assert self._process is not None
        assert self._process.stdout is not None
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

    def result(self) -> tuple[int, int] | None:
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
