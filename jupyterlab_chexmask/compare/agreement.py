"""``agreement``: per image, how well two sets of CheXmask-format rows agree.

The rows of ``a_rows`` and ``b_rows`` are matched on their id column, then
measured in chunks of matched pairs (:func:`agreement_chunk`), by worker
processes for large inputs (:class:`..measure.workers.Worker`). A chunk's
masks are never decoded: every cell's runs are read at once (the measure
module's reader, which checks them as the row view does) and go through the
batched metrics of :mod:`.metrics` together, one plane per pair and organ.
"""

from __future__ import annotations

import warnings
from collections import deque
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from ..format.columns import ID_COLUMNS, LANDMARK_COUNT, LANDMARKS_COLUMN, ORGAN_COLUMNS
from ..format.csv_file import read_csv
from ..format.landmarks import parse_integer_cells, parse_landmarks
from ..measure.cell_runs import organ_runs
from ..measure.frame import mask_sides
from ..measure.workers import Worker
from ..rca.reader import usable_cpus
from ..rca.sources import is_path, progress_bar
from ..types import FloatArray, IntArray, SourceItem
from .metrics import Planes, Runs, plane_metrics

#: CheXmask-U's landmark column, used when a side has no ``Landmarks``.
LANDMARKS_MEAN_COLUMN = "Landmarks (Mean)"
LANDMARK_DISTANCE_COLUMN = "Mean landmark distance"
PROBLEM_COLUMN = "problem"
#: Matched pairs measured per task.
CHUNK_PAIRS = 256
#: Fewer matched pairs than this are measured here, without worker processes.
PARALLEL_MIN = 2048
_TARGET = "jupyterlab_chexmask.compare.agreement:agreement_chunk"


def dice_column(organ: str) -> str:
    """The output column of an organ's Dice."""
    return f"Dice {organ}"


def iou_column(organ: str) -> str:
    """The output column of an organ's IoU."""
    return f"IoU {organ}"


def hd95_column(organ: str) -> str:
    """The output column of an organ's HD95."""
    return f"HD95 {organ}"


def landmark_column(frame: pd.DataFrame) -> str | None:
    """The landmarks column of a frame: ``Landmarks``, else CheXmask-U's mean ones."""
    for column in (LANDMARKS_COLUMN, LANDMARKS_MEAN_COLUMN):
        if column in frame.columns:
            return column
    return None


def agreement(
    a_rows: SourceItem,
    b_rows: SourceItem,
    on: str | tuple[str, str] | None = None,
    *,
    distances: bool = True,
    progress: bool = True,
    workers: int | None = None,
) -> pd.DataFrame:
    """Per image, the agreement of two sets of CheXmask-format rows.

    Rows are matched on the id column (each side's own, as ``cm.read_csv``
    finds it: ``Path``, ``dicom_id``, ``ImageID``, …) or on ``on``. Each
    matched pair is compared organ by organ on the 0/1 masks (an empty cell
    is an empty mask): ``Dice <organ>`` and ``IoU <organ>`` (1 when both are
    empty, 0 when one is), ``HD95 <organ>`` (medpy's ``hd95`` with unit
    spacing: pixels; NaN when exactly one mask is empty, 0 when both are), for
    ``Right Lung``, ``Left Lung`` and ``Heart``; ``Mean landmark distance``
    (pixels, over the 120 landmarks) when both sides have landmarks; and
    ``problem``: ``""``, or why a pair's numbers are NaN (a malformed cell,
    named with its side, or sizes that differ).

    Unmatched ids are not dropped silently: a warning says how many and which,
    and ``result.attrs["unmatched"]`` holds them (``{"a": [...], "b": [...]}``).
    Sort the result (``.sort_values("Dice Heart")``) to review the worst rows.

    Args:
        a_rows: A DataFrame of rows or a CheXmask CSV path (the reference).
        b_rows: The same for the other source (any dataset layout).
        on: The id column of both sides, or ``(a column, b column)``.
        distances: Compute ``HD95`` (slower); ``False`` leaves those columns out.
        progress: Show a progress bar of the pairs measured.
        workers: Processes measuring large inputs (default: the CPUs this
            process may use, at most 4); 1 measures here only.

    Returns:
        One row per matched id, indexed by the id, in ``a_rows``' order.

    Raises:
        ValueError: an id column is missing, or an id occurs twice on a side.
        TypeError: a side is neither a DataFrame nor a path.

    """
    a = _frame(a_rows, "a_rows")
    b = _frame(b_rows, "b_rows")
    a_on, b_on = (on, on) if isinstance(on, str) else (on or (None, None))
    a_on = _id_column(a, a_on, "a_rows")
    b_on = _id_column(b, b_on, "b_rows")
    a_ids = _ids(a, a_on, "a_rows")
    b_ids = _ids(b, b_on, "b_rows")
    where = pd.Index(b_ids).get_indexer(a_ids)
    matched = where >= 0
    unmatched_a = a_ids[~matched].tolist()
    unmatched_b = b_ids[~pd.Index(b_ids).isin(a_ids)].tolist()
    if unmatched_a or unmatched_b:
        warnings.warn(_unmatched_message(unmatched_a, unmatched_b), stacklevel=2)
    a_rows_used = a.iloc[np.flatnonzero(matched)]
    b_rows_used = b.iloc[where[matched]]
    landmarks = landmark_column(a) is not None and landmark_column(b) is not None
    a_part = a_rows_used[_needed(a)]
    b_part = b_rows_used[_needed(b)]
    n = len(a_part)
    count = workers if workers is not None else usable_cpus()
    bar = progress_bar(n, progress, desc="agreement", unit="pair")
    parts: list[pd.DataFrame] = []
    try:
        for part in _measure(a_part, b_part, distances, count if n >= PARALLEL_MIN else 1):
            parts.append(part)
            if bar is not None:
                bar.update(len(part))
    finally:
        if bar is not None:
            bar.close()
    out = (
        pd.concat(parts, ignore_index=True) if parts else agreement_chunk(a_part, b_part, distances)
    )
    if not landmarks:
        out = out.drop(columns=[LANDMARK_DISTANCE_COLUMN])
    out.index = pd.Index(a_ids[matched], name=a_on)
    out.attrs["unmatched"] = {"a": unmatched_a, "b": unmatched_b}
    return out


def _frame(source: object, name: str) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source
    if is_path(source):
        return read_csv(source)
    raise TypeError(f"{name} must be a DataFrame or a CSV path, got {type(source).__name__}")


def _id_column(frame: pd.DataFrame, on: str | None, name: str) -> str:
    if on is not None:
        if on not in frame.columns:
            raise ValueError(f"{name} has no column {on!r} to match on")
        return on
    found = next((c for c in ID_COLUMNS if c in frame.columns), None)
    if found is None:
        raise ValueError(
            f"{name} has no id column (one of {', '.join(ID_COLUMNS)}): pass on= to match rows"
        )
    return found


def _ids(frame: pd.DataFrame, column: str, name: str) -> np.ndarray:
    ids = frame[column].astype(str).to_numpy(dtype=object)
    duplicated = pd.Index(ids).duplicated()
    if duplicated.any():
        shown = ", ".join(repr(i) for i in pd.unique(ids[duplicated])[:3])
        raise ValueError(
            f"{name}: {column} must identify each row once, but {int(duplicated.sum())} "
            f"ids occur again ({shown}, …)"
        )
    return ids


def _unmatched_message(a: list[Any], b: list[Any]) -> str:
    def some(ids: list[Any]) -> str:
        return ", ".join(repr(i) for i in ids[:3]) + (", …" if len(ids) > 3 else "")

    parts = []
    if a:
        parts.append(f"{len(a)} ids of a_rows are not in b_rows ({some(a)})")
    if b:
        parts.append(f"{len(b)} ids of b_rows are not in a_rows ({some(b)})")
    return "agreement: " + "; ".join(parts) + ' (all listed in result.attrs["unmatched"])'


def _needed(frame: pd.DataFrame) -> list[str]:
    wanted = [*ORGAN_COLUMNS, "Height", "Width", landmark_column(frame)]
    return [c for c in wanted if c is not None and c in frame.columns]


def _measure(
    a: pd.DataFrame, b: pd.DataFrame, distances: bool, workers: int
) -> Iterator[pd.DataFrame]:
    """The chunks' results in order, by worker processes when there are several."""
    bounds = range(0, len(a), CHUNK_PAIRS)
    if workers <= 1:
        for i in bounds:
            yield agreement_chunk(
                a.iloc[i : i + CHUNK_PAIRS], b.iloc[i : i + CHUNK_PAIRS], distances
            )
        return
    pool = [Worker(_TARGET) for _ in range(workers)]
    pending: deque[Worker] = deque()
    try:
        for k, i in enumerate(bounds):
            worker = pool[k % workers]
            worker.submit((a.iloc[i : i + CHUNK_PAIRS], b.iloc[i : i + CHUNK_PAIRS], distances))
            pending.append(worker)
            while len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for worker in pool:
            worker.close()


def agreement_chunk(a: pd.DataFrame, b: pd.DataFrame, distances: bool) -> pd.DataFrame:
    """The agreement of pairs of rows aligned by position (a worker's task)."""
    n = len(a)
    problems: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    a_problems: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    b_problems: list[list[tuple[int, str]]] = [[] for _ in range(n)]
    ha, wa, ok_a, _, _ = mask_sides(a, a_problems)
    hb, wb, ok_b, _, _ = mask_sides(b, b_problems)
    same = (ha == hb) & (wa == wb)
    usable = ok_a & ok_b & same
    for i in np.flatnonzero(ok_a & ok_b & ~same):
        problems[i].append(
            (0, f"size: a_rows' mask is {ha[i]}×{wa[i]}, b_rows' is {hb[i]}×{wb[i]}")
        )
    # Organ-major planes (organ k of pair i is plane k·n + i): each organ's runs are in
    # pair order, so the three organs' runs one after the other are in plane order.
    planes = Planes.of_sizes(np.tile(ha, 3), np.tile(wa, 3))
    # A plane is measured when both cells are usable and both sides have the column.
    organ_ok = np.repeat(usable[:, None], 3, axis=1)
    sides: list[list[tuple[IntArray, IntArray, IntArray]]] = [[], []]
    for side, (frame, h, w, ok, found) in enumerate(
        ((a, ha, wa, ok_a, a_problems), (b, hb, wb, ok_b, b_problems))
    ):
        for k, column in enumerate(ORGAN_COLUMNS):
            present = column in frame.columns
            values = list(frame[column].to_numpy(dtype=object)) if present else [None] * n
            before = [len(p) for p in found]
            runs, _ = organ_runs(values, column, h, w, ok, found, 1 + k)
            organ_ok[:, k] &= present
            organ_ok[:, k] &= [len(p) == m for p, m in zip(found, before, strict=True)]
            plane = k * n + runs.rows
            sides[side].append((planes.offsets[plane] + runs.starts - 1, runs.lengths, plane))
    for label, found in (("a_rows", a_problems), ("b_rows", b_problems)):
        for row, listed in enumerate(found):
            problems[row].extend((order + 1, f"{label} {text}") for order, text in listed)
    a_runs, b_runs = (_batch_runs(parts, organ_ok.T.ravel()) for parts in sides)
    metrics = plane_metrics(a_runs, b_runs, planes, distances=distances)
    out: dict[str, Any] = {}
    for name, metric in (("Dice", metrics.dice), ("IoU", metrics.iou), ("HD95", metrics.hd95)):
        if name == "HD95" and not distances:
            continue
        grid = np.where(organ_ok, metric.reshape(3, n).T, np.nan)
        for k, organ in enumerate(ORGAN_COLUMNS):
            out[f"{name} {organ}"] = grid[:, k]
    out[LANDMARK_DISTANCE_COLUMN] = np.where(usable, _landmark_distances(a, b), np.nan)
    out[PROBLEM_COLUMN] = [min(p)[1] if p else "" for p in problems]
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def _batch_runs(parts: list[tuple[IntArray, IntArray, IntArray]], keep_plane: np.ndarray) -> Runs:
    """One side's runs of all organs, of usable planes only, sorted by global pixel."""
    starts = np.concatenate([p[0] for p in parts])
    lengths = np.concatenate([p[1] for p in parts])
    plane = np.concatenate([p[2] for p in parts])
    keep = keep_plane[plane]
    if not keep.all():
        starts, lengths, plane = starts[keep], lengths[keep], plane[keep]
    if len(starts) > 1 and (starts[1:] < starts[:-1]).any():
        # Cells the row checks read one by one come last in their organ: sort them in.
        order = np.argsort(starts, kind="stable")
        starts, lengths, plane = starts[order], lengths[order], plane[order]
    return Runs(starts, lengths, plane)


def _landmark_distances(a: pd.DataFrame, b: pd.DataFrame) -> FloatArray:
    """Per pair, the mean distance between corresponding landmarks (NaN where either is bad)."""
    n = len(a)
    ca, cb = landmark_column(a), landmark_column(b)
    if ca is None or cb is None:
        return np.full(n, np.nan)
    points = []
    for frame, column in ((a, ca), (b, cb)):
        cells = list(frame[column].to_numpy(dtype=object))
        coords, slow = parse_integer_cells(cells)
        valid = np.ones(n, dtype=bool)
        for i in slow:
            try:
                coords[i] = parse_landmarks(cells[i], column)
            except ValueError:  # missing or malformed: no distance
                valid[i] = False
        points.append((coords, valid))
    (pa, va), (pb, vb) = points
    delta = pa - pb
    each = np.sqrt(delta[..., 0] * delta[..., 0] + delta[..., 1] * delta[..., 1])
    mean: FloatArray = each.reshape(n, LANDMARK_COUNT).mean(axis=1) if n else np.zeros(0)
    out: FloatArray = np.where(va & vb, mean, np.nan)
    return out
