"""Example rows of an RCA histogram: up to ``k`` rows per dataset per 0.05-wide score band.

The sample is deterministic and uniform within each band: every row gets a
key, a hash (splitmix64) of its source's position and its own position in
that source, and each (dataset, band) keeps the ``k`` rows of smallest key
(a bottom-k sample, which merges across batches and sources in any order).
The band is ``floor(Dice RCA (Mean) / 0.05)`` (1.0 in the last band); rows
without a Mean score in [0, 1] are not sampled.

For CSV files the sample is drawn while the reader scans the two score
columns, from record numbers only; afterwards :func:`read_records` reads
just the sampled records' other cells, in a second pass that finds record
ends (memchr, as the reader does) and parses only those records.
"""

from __future__ import annotations

import gzip
import mmap
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from ..format.cells import row_cells
from ..types import FloatArray, IntArray
from .cells import Columns
from .scan import csv_fields, record_end

#: The width of a score band.
BAND_WIDTH = 0.05
#: Bands over [0, 1].
BANDS = 20
#: Bytes decompressed at a time in the second pass (gzip).
_BLOCK = 8 << 20
_BOM = b"\xef\xbb\xbf"

_U64 = np.uint64
_MASK = (1 << 64) - 1


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser: a fixed, well-spread hash of each value."""
    with np.errstate(over="ignore"):
        z = values + _U64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> _U64(27))) * _U64(0x94D049BB133111EB)
        result: npt.NDArray[np.uint64] = z ^ (z >> _U64(31))
    return result


def score_bands(mean: FloatArray) -> IntArray:
    """Each score's band (0–19), or -1 for a score that is missing or outside [0, 1]."""
    ok = np.isfinite(mean) & (mean >= 0) & (mean <= 1)
    bands = np.full(mean.shape, -1, dtype=np.int64)
    bands[ok] = np.minimum(np.floor(mean[ok] / BAND_WIDTH).astype(np.int64), BANDS - 1)
    return bands


@dataclass
class _Kept:
    """One dataset's kept rows: band, key, source and position, at most ``k`` per band."""

    band: IntArray = field(default_factory=lambda: np.empty(0, np.int64))
    key: npt.NDArray[np.uint64] = field(default_factory=lambda: np.empty(0, np.uint64))
    source: IntArray = field(default_factory=lambda: np.empty(0, np.int64))
    position: IntArray = field(default_factory=lambda: np.empty(0, np.int64))


class ExampleSampler:
    """The bottom-k sample of every (dataset, band); see the module's comment."""

    def __init__(self, per_band: int) -> None:
        self.per_band = per_band
        self._kept: dict[str, _Kept] = {}

    def add(self, dataset: str, source: int, positions: IntArray, mean: FloatArray) -> None:
        """Offer rows of ``source`` at ``positions`` (their places in that source)."""
        bands = score_bands(mean)
        ok = bands >= 0
        if not ok.any():
            self._kept.setdefault(dataset, _Kept())
            return
        positions = positions[ok].astype(np.int64)
        salt = np.uint64((source * 0x9E3779B97F4A7C15) & _MASK)
        keys = _mix(positions.astype(np.uint64) ^ salt)
        kept = self._kept.setdefault(dataset, _Kept())
        band = np.concatenate([kept.band, bands[ok]])
        key = np.concatenate([kept.key, keys])
        src = np.concatenate([kept.source, np.full(positions.size, source, np.int64)])
        pos = np.concatenate([kept.position, positions])
        order = np.lexsort((key, band))
        band, key, src, pos = band[order], key[order], src[order], pos[order]
        first = np.searchsorted(band, band, side="left")
        keep = np.arange(band.size) - first < self.per_band
        self._kept[dataset] = _Kept(band[keep], key[keep], src[keep], pos[keep])

    def datasets(self) -> list[str]:
        return list(self._kept)

    def chosen(self, dataset: str) -> list[tuple[int, int, int]]:
        """``(band, source, position)`` of the dataset's sample, by band, then by key."""
        kept = self._kept.get(dataset, _Kept())
        return [
            (int(b), int(s), int(p))
            for b, s, p in zip(kept.band, kept.source, kept.position, strict=True)
        ]

    def wanted(self, source: int) -> set[int]:
        """The positions sampled from ``source``, in every dataset."""
        return {
            int(p)
            for kept in self._kept.values()
            for s, p in zip(kept.source, kept.position, strict=True)
            if s == source
        }


class _Walk:
    """Walks records, counting them (blank lines skipped, as the reader skips them),
    and parses only the wanted ones; stops after the last one wanted."""

    def __init__(self, path: str, positions: set[int]) -> None:
        self.path = path
        self.positions = positions
        self.last = max(positions)
        self.names: list[str] | None = None
        self.number = 0
        self.found: dict[int, dict[str, Any]] = {}
        self.done = False

    def walk(self, buf: bytes | mmap.mmap, pos: int, end: int) -> int:
        """Records of ``buf[pos:end]`` until one is incomplete; returns where that one starts."""
        while not self.done:
            stop = record_end(buf, pos, end)
            if stop < 0:
                return pos
            if self.names is None:
                header = bytes(buf[pos:stop]).rstrip(b"\r")
                Columns(self.path, header)  # the same header checks as the scan
                self.names = csv_fields(header[3:] if header.startswith(_BOM) else header)
            elif stop > pos and not (stop == pos + 1 and buf[pos : pos + 1] == b"\r"):
                if self.number in self.positions:
                    cells = csv_fields(bytes(buf[pos:stop]).rstrip(b"\r"))
                    record = dict(zip(self.names, cells, strict=False))
                    self.found[self.number] = row_cells(record)
                self.done = self.number >= self.last
                self.number += 1
            pos = stop + 1
        return pos


def read_records(path: str | os.PathLike[str], positions: set[int]) -> dict[int, dict[str, Any]]:
    """The cells of the records at ``positions`` (record numbers after the header, blank lines
    skipped as the reader skips them), by position.

    Only record ends are looked for (``find``, as the reader does) until the last
    position wanted; only the wanted records are parsed. Plain files are mapped,
    gzip files decompressed block by block.
    """
    if not positions:
        return {}
    source = os.fspath(path)
    walk = _Walk(source, positions)
    with open(source, "rb") as raw:
        if raw.read(2) == b"\x1f\x8b":
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
                data = b""
                while not walk.done:
                    block = stream.read(_BLOCK)
                    data += block if block else (b"" if data.endswith(b"\n") else b"\n")
                    data = data[walk.walk(data, 0, len(data)) :]
                    if not block:
                        break
        else:
            size = os.fstat(raw.fileno()).st_size
            if size:
                with mmap.mmap(raw.fileno(), size, access=mmap.ACCESS_READ) as view:
                    pos = walk.walk(view, 0, size)
                    if not walk.done and pos < size:  # a last record without a newline
                        tail = bytes(view[pos:size]) + b"\n"
                        walk.walk(tail, 0, len(tail))
    return walk.found


def frame_records(frame: Any, positions: set[int]) -> dict[int, dict[str, Any]]:
    """The cells of a DataFrame's rows at ``positions`` (0-based places in the frame)."""
    return {int(p): row_cells(frame.iloc[int(p)]) for p in sorted(positions)}


def band_label(band: int) -> str:
    """A band as text, e.g. ``0.65–0.70``."""
    return f"{band * BAND_WIDTH:.2f}–{(band + 1) * BAND_WIDTH:.2f}"


def example_rows(
    sampler: ExampleSampler, dataset: str, cells: Mapping[tuple[int, int], Mapping[str, Any]]
) -> list[tuple[int, Mapping[str, Any]]]:
    """The dataset's sampled rows as ``(band, cells)``, by band then key."""
    return [(band, cells[(source, position)]) for band, source, position in sampler.chosen(dataset)]
