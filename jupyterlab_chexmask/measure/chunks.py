"""A CSV file cut into chunks of whole records, for :func:`.api.measure`.

A chunk ends at the last newline outside quotes (:func:`cut`: found from the
parity of the quotes before it), so multi-line quoted cells are never split.
Plain and gzip-compressed files alike; plain ones are handed out as
``(path, offset, length)`` for worker processes to read themselves.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator

from ..format.csv_file import GZIP_MAGIC
from ..rca.scan import record_end

#: The UTF-8 byte-order mark some CSV writers put first.
BOM = b"\xef\xbb\xbf"


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


def read_header(path: str, read: Iterator[bytes]) -> tuple[bytes, bytes]:
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


def file_chunks(
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
        header, data = read_header(path, read)
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
