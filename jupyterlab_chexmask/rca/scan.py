"""The byte-level core of the RCA reader: where records end and their two Dice cells.

Standard library only, and no imports from the package, so that a worker
process can load this file alone by its path and start in milliseconds (see
:func:`worker_main` and :mod:`.parallel`).

A CheXmask file is mostly masks and landmarks (about 18 kB a row); the two
scores are a few dozen bytes at the start of each record. So records are
never tokenized; only their ends are found, and their first few fields split:

- Record ends. In CSV a record ends at the first newline outside quotes, i.e.
  where the number of ``"`` since the record began is even (an escaped ``""``
  counts twice, so it never changes the parity). :func:`scan` jumps from
  quote to quote and newline to newline with ``find`` (memchr) and looks at
  no other byte. This handles multi-line quoted fields: the OriginalResolution
  landmarks are numpy's multi-line print inside quotes. Quoting is taken to
  follow RFC 4180, as pandas and the csv module write it: a ``"`` inside an
  unquoted field (which pandas reads literally) would be taken as opening a
  quoted stretch. No CheXmask file has one.
- Cells. In every CheXmask layout the Dice columns come before ``Landmarks``
  and the masks, so a record's start up to its first quote (the Landmarks
  field) or its first :data:`HEAD_BYTES` is split on commas, ``split(b",",
  k)`` with ``k`` one past the later Dice column, and the two cells are kept
  as raw text (the caller converts them in bulk). When a ``"`` comes before
  the k-th comma (a quoted id, which may hold commas), or the fields do not
  fit in the head, the record is parsed by :func:`parse_record`: a longer
  head, else the :mod:`csv` module with its field-size limit lifted.

Blank lines are skipped, as pandas does; a last record without a newline is
read.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
import struct
import sys
from collections.abc import Callable, Iterator

#: Bytes of a record's start in which the Dice cells are looked for first...
HEAD_BYTES = 192
#: ... then, for long ids, this many.
LONG_HEAD_BYTES = 1 << 16
#: Bytes of a plain file mapped at a time.
WINDOW_SIZE = 32 << 20

NAN = float("nan")
_MADV_SEQUENTIAL = getattr(mmap, "MADV_SEQUENTIAL", None)
_FRAME = struct.Struct("<cQ")
_END = struct.Struct("<QQ")


class UnclosedQuoteError(ValueError):
    """The data ends inside a quoted field."""


def record_end(buf: bytes | mmap.mmap, start: int, end: int) -> int:
    """The newline ending the record that starts at ``start``; -1 if it is not in ``buf[:end]``."""
    find = buf.find
    nq = find(b'"', start, end)
    nn = find(b"\n", start, end)
    while nn >= 0 and 0 <= nq < nn:
        close = find(b'"', nq + 1, end)
        if close < 0:
            return -1
        nq = find(b'"', close + 1, end)
        if nn < close:
            nn = find(b"\n", close + 1, end)
    return nn


def csv_fields(record: bytes) -> list[str]:
    """One record's fields, parsed by :mod:`csv` (quotes, escaped quotes, newlines in quotes)."""
    text = record.decode("utf-8", errors="replace")
    previous = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # original-resolution fields pass the default 131072
    try:
        return next(csv.reader(io.StringIO(text, newline="")), [])
    finally:
        csv.field_size_limit(previous)


def number(text: object) -> float:
    """A cell as a float; empty, ``nan`` and anything that is not a number are NaN."""
    try:
        return float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return NAN


def scan(
    buf: bytes | mmap.mmap,
    pos: int,
    end: int,
    stop: int,
    k: int,
    im: int,
    ix: int,
    cells: list[bytes],
) -> int:
    """Find the complete records of ``buf[pos:end]`` that start before ``stop``.

    ``pos`` must be a record start. Appends each record's Mean and Max cells
    (raw text) to ``cells``, in that order. Returns where it stopped: the start
    of the first record that is incomplete in ``buf[:end]`` or starts at or
    after ``stop``. This is the hot loop: per record three ``find`` calls, one
    short slice and split, two appends.
    """
    find = buf.find
    add = cells.append
    nq = find(b'"', pos, end)
    nn = find(b"\n", pos, end)
    while nn >= 0 and pos < stop:
        start = pos
        first_quote = nq
        # Walk the quoted stretches until a newline outside quotes ends the record.
        while 0 <= nq < nn:
            close = find(b'"', nq + 1, end)
            if close < 0:
                return start
            nq = find(b'"', close + 1, end)
            if nn < close:
                nn = find(b"\n", close + 1, end)
                if nn < 0:
                    return start
        pos = nn + 1
        if start < first_quote < nn and first_quote - start <= HEAD_BYTES:
            # The usual case: the cells lie before the first quote (Landmarks).
            parts = buf[start:first_quote].split(b",", k)
            if len(parts) > k:
                add(parts[im])
                add(parts[ix])
                nn = find(b"\n", pos, end)
                continue
        else:
            head = buf[start : start + HEAD_BYTES]
            parts = head.split(b",", k)
            if len(parts) > k:
                clean = start + len(head) - len(parts[k])  # just past the k-th comma
                if clean <= nn and (first_quote < 0 or first_quote >= clean):
                    add(parts[im])
                    add(parts[ix])
                    nn = find(b"\n", pos, end)
                    continue
        # A quote among the first k fields, a long prefix, or few fields.
        head = buf[start : min(nn, start + LONG_HEAD_BYTES)].rstrip(b"\r")
        if head:  # pandas skips blank lines
            mean, top = parse_record(head, buf, start, nn, first_quote, k, im, ix)
            add(repr(mean).encode())
            add(repr(top).encode())
        nn = find(b"\n", pos, end)
    return pos


def parse_record(
    head: bytes,
    buf: bytes | mmap.mmap,
    start: int,
    nn: int,
    first_quote: int,
    k: int,
    im: int,
    ix: int,
) -> tuple[float, float]:
    """The two Dice values of the record ``buf[start:nn]``, off the fast path of :func:`scan`.

    ``head`` is the record's start. Split on commas when no quote comes before
    the k-th comma (or before the record's end, when it has exactly k
    fields); else parse the whole record with :mod:`csv`.
    """
    parts = head.split(b",", k)
    if len(parts) > k:
        clean = start + len(head) - len(parts[k])
    elif len(parts) == k and start + len(head) >= nn - 1:  # the whole record, k fields
        clean = nn
    else:
        clean = -1
    if clean >= 0 and (first_quote < 0 or first_quote >= clean):
        return number(parts[im]), number(parts[ix])
    fields = csv_fields(bytes(buf[start:nn]).rstrip(b"\r"))
    mean = number(fields[im]) if im < len(fields) else NAN
    top = number(fields[ix]) if ix < len(fields) else NAN
    return mean, top


def scan_mapped(
    fd: int,
    size: int,
    begin: int,
    stop: int,
    k: int,
    im: int,
    ix: int,
    cells: list[bytes],
    window: int = WINDOW_SIZE,
) -> Iterator[int]:
    """Scan a plain file's records that start in ``[begin, stop)``, a mapped window at a time.

    ``begin`` must be a record start. Cells are appended to ``cells``; after
    each window the offset reached (a record start) is yielded, and the last
    one yielded is the start of the first record at or after ``stop`` (or the
    file's size). Only one window is mapped at a time, so resident memory
    grows by at most a window whatever the file's size; a record longer than
    a window gets a larger one.

    Raises:
        UnclosedQuoteError: the file ends inside a quoted field.

    """
    offset = begin
    span = window
    if offset >= size or offset >= stop:
        yield offset
    while offset < size and offset < stop:
        base = offset - offset % mmap.ALLOCATIONGRANULARITY
        length = min(size - base, span)
        last = base + length == size
        with mmap.mmap(fd, length, access=mmap.ACCESS_READ, offset=base) as view:
            if _MADV_SEQUENTIAL is not None:
                view.madvise(_MADV_SEQUENTIAL)
            pos = scan(view, offset - base, length, stop - base, k, im, ix, cells)
            tail = view[pos:length] if last and base + pos < stop else b""
        if tail:  # the last record has no newline, or a quote is never closed
            if not tail.endswith(b"\n"):
                tail += b"\n"
            if scan(tail, 0, len(tail), len(tail), k, im, ix, cells) < len(tail):
                raise UnclosedQuoteError("a quoted field is never closed")
            pos = length
        if base + pos == offset and not last:  # one record longer than the window
            span *= 2
            continue
        offset = base + pos
        span = window
        yield offset


def read_at(fd: int, length: int, offset: int) -> bytes:
    """``length`` bytes of the file at ``offset`` (fewer at its end).

    By ``os.pread`` where there is one.
    """
    pread: Callable[[int, int, int], bytes] | None = getattr(os, "pread", None)
    if pread is not None:
        return pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows
    return os.read(fd, length)


def first_line_start(fd: int, size: int, at: int) -> int:
    """Just past the first newline at or after ``at - 1`` (``size`` when there is none)."""
    if at <= 0:
        return 0
    pos = at - 1
    while pos < size:
        block = read_at(fd, 1 << 16, pos)
        found = block.find(b"\n")
        if found >= 0:
            return pos + found + 1
        pos += len(block)
    return size


def worker_main(argv: list[str]) -> None:
    """Scan one part of a plain file and stream the cells to stdout, in a worker process.

    Arguments: the file, the part's first byte, the byte where the next part
    starts, ``k``, the Mean and Max column indexes, the window size. The part
    is taken to begin just past the first newline at or after its first byte;
    the parent checks that this is where its own exact parse got to, and
    rescans the rest itself otherwise.

    Output frames: ``P`` + offset reached (progress), ``C`` + length + cells
    joined by newlines, and last ``E`` + 16 bytes: the start boundary taken
    and the end boundary reached.
    """
    path, at, stop, k, im, ix, window = argv[0], *map(int, argv[1:7])
    out = sys.stdout.buffer
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        begin = first_line_start(fd, size, at)
        cells: list[bytes] = []
        reached = begin
        for reached in scan_mapped(fd, size, begin, stop, k, im, ix, cells, window):
            if cells:
                payload = b"\n".join(cells)
                out.write(_FRAME.pack(b"C", len(payload)))
                out.write(payload)
                cells.clear()
            out.write(_FRAME.pack(b"P", reached))
        out.write(_FRAME.pack(b"E", _END.size))
        out.write(_END.pack(begin, reached))
        out.flush()
    finally:
        os.close(fd)
