"""Landmark plots: one row's 120 landmarks, or the shapes of up to 10,000 rows at once.

:func:`landmarks` sends the rows' raw ``Landmarks`` cells, unparsed, to the
JupyterLab extension, which parses them once with its TypeScript core (one
parser, not one per language) and draws them (MIME type
:data:`MIME_LANDMARKS`). The payload is described by the JSON Schema
``schema/payloads/landmarks.v1.json``. A plot of more than
:data:`~jupyterlab_chexmask.landmarks.packed.PACKED_ROWS` rows is sent as
version 2 instead (``landmarks.v2.json``): its rows as columns and their
landmarks coded along their rings in one string (see :mod:`.packed`).

The common frame is mask pixels when every row has the same Height x Width,
otherwise landmarks normalised by image size (x / Width, y / Height), so rows
of different resolutions can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Union

import pandas as pd

from ..common.display import PAYLOAD_VERSION, PayloadDisplay, mime_type
from ..format.cells import is_missing, json_safe, mask_size, row_cells
from ..format.columns import (
    HEIGHT_COLUMN,
    ID_COLUMNS,
    LANDMARKS_COLUMN,
    LANDMARKS_MEAN_COLUMN,
    LANDMARKS_STD_COLUMN,
    WIDTH_COLUMN,
    infer_dataset,
    is_index_column,
)
from ..types import Row, Rows
from .packed import PACKED_VERSION, pack_payload

if TYPE_CHECKING:
    from PIL import Image

#: The MIME type the JupyterLab extension renders as a landmark plot
#: (``application/vnd.chexmask.landmarks.v1+json``).
MIME_LANDMARKS = mime_type("landmarks")

#: The most rows one plot takes (the extension refuses more).
MAX_ROWS = 10_000

#: The most groups one plot tells apart (the extension refuses more).
MAX_GROUPS = 64

#: The grouping inferred from the id columns.
DATASET_GROUPING = "dataset"

_FRAMES = ("pixels", "normalized")

#: One part of ``rows``: a DataFrame or a single row. Evaluated at run time:
#: ``Union`` rather than ``X | Y`` (Python 3.9).
_Part = Union[pd.DataFrame, Row]  # noqa: UP007


class LandmarkPlot(PayloadDisplay):
    """A landmark plot ready to display; made by :func:`landmarks`.

    In JupyterLab (with the extension) it renders as the interactive plot;
    elsewhere as its picture (drawn in Python), or a short text summary when
    pictures are off. As a cell's last expression it is displayed;
    :meth:`show` displays it at once, :meth:`save` writes its picture.
    """

    MIME = MIME_LANDMARKS

    def _sent_payload(self) -> Any:
        """Version 2 (a large plot) as its JSON text, version 1 as the object.

        JupyterLab copies an output's JSON objects and arrays through
        ``JSON.stringify`` + ``JSON.parse`` on every read of its data (making its
        output model, rendering it, listing the notebook's headings), on the
        browser's main thread, but shares strings: the text of a 10,000-row plot
        crosses them all uncopied and the extension parses it once.
        """
        if self.payload.get("version") == PACKED_VERSION:
            return self.to_json()
        return self.payload

    def _draw(self) -> tuple[Image.Image, str]:
        # Imported here: Pillow only loads when a picture is drawn.
        from .picture import landmark_picture

        return landmark_picture(self._payload)

    @property
    def summary(self) -> str:
        """The plain-text summary (the ``text/plain`` representation)."""
        return self._text

    def __repr__(self) -> str:
        """One line: the summary's first line."""
        return f"<LandmarkPlot {self._text.splitlines()[0]}>"


def landmarks(
    rows: Rows,
    group_by: str | bool | None = None,
    *,
    title: str | None = None,
    underlay: bool = False,
    frame: Literal["pixels", "normalized"] | None = None,
    static: bool | None = None,
) -> LandmarkPlot:
    """Plot CheXmask landmarks: one row's contour set, or the shapes of many rows.

    One row is drawn as its three organ rings (120 points coloured by organ,
    hover for each point's organ, index and coordinates), optionally over its
    own masks. Several rows (up to 10,000) are drawn as contours in a common
    frame with the mean shape, a one-standard-deviation ellipse per landmark
    and the ten rows furthest from the mean shape.

    Args:
        rows: A pandas Series (one row, e.g. ``df.iloc[0]``), a DataFrame, a
            mapping of column name to value (one row), or a list of Series,
            mappings and DataFrames (e.g. one per CheXmask file). Each row
            needs a ``Landmarks`` cell (a CheXmask-U row: ``Landmarks
            (Mean)``); it is sent raw, unparsed, with a CheXmask-U row's
            ``Landmarks (Std)``, by whose mean σ the plot of several rows
            can colour its rows.
        group_by: A column to colour rows by, or ``"dataset"`` for the source
            dataset inferred from each row's id column. The default groups by
            dataset when the rows come from several datasets; ``True`` always
            groups by dataset and ``False`` never groups. At most 64 groups.
        title: A caption for the plot.
        underlay: Draw the row's own masks under its landmarks (one row only;
            the whole row is sent).
        frame: ``"pixels"`` or ``"normalized"`` to override the frame, which
            is mask pixels when every row has the same Height x Width and
            otherwise normalised by image size.
        static: Whether the output carries the plot drawn in Python (numpy
            and Pillow: one row's rings and points in the organ colours, or
            many rows' faint contours and each group's mean shape) as
            ``image/png`` and an ``<img alt>`` in ``text/html``. ``None``
            (default) follows :data:`~jupyterlab_chexmask.pictures`, as
            :func:`~jupyterlab_chexmask.row` does. Landmarks that do not
            parse leave a note in the text instead; the view reports them.

    Returns:
        A :class:`LandmarkPlot`; as the last expression of a cell it is
        displayed, and ``.show()`` displays it at once.

    Raises:
        TypeError: ``rows`` (or an element of it) is not a Series, DataFrame
            or mapping, or ``group_by`` is not a column name.
        ValueError: no rows, more than 10,000 rows (plot a sample, e.g.
            ``df.sample(10000)``), a row without ``Landmarks``, an invalid
            Height/Width, an unknown ``group_by`` column or more than 64
            groups, ``underlay`` with more than one row, or an unknown ``frame``.

    """
    if frame is not None and frame not in _FRAMES:
        raise ValueError(f"frame must be 'pixels', 'normalized' or None, got {frame!r}")
    parts = _parts(rows)
    total = sum(len(p) if isinstance(p, pd.DataFrame) else 1 for p in parts)
    if total == 0:
        raise ValueError("there are no rows to plot")
    if total > MAX_ROWS:
        raise ValueError(
            f"{total:,} rows are more than the {MAX_ROWS:,} a landmark plot draws: "
            f"plot a sample, e.g. landmarks(df.sample({MAX_ROWS}))"
        )
    if underlay and total != 1:
        raise ValueError(f"underlay draws one row's masks: pass one row, not {total:,}")
    if group_by is not None and not isinstance(group_by, (str, bool)):
        raise TypeError(f"group_by must be a column name, 'dataset' or False, got {group_by!r}")

    records = _records(parts, group_by if isinstance(group_by, str) else None)
    out_rows = [_plot_row(i, record) for i, record in enumerate(records)]

    grouping = _grouping(group_by, records, out_rows)
    if grouping is not None:
        names = [row["group"] for row in out_rows]
        distinct = list(dict.fromkeys(names))
        if len(distinct) > MAX_GROUPS:
            raise ValueError(
                f"group_by {grouping!r} has {len(distinct):,} distinct values; "
                f"a plot tells at most {MAX_GROUPS} groups apart"
            )
    if underlay:
        out_rows[0]["row"] = row_cells(_single_row(parts))

    sizes = {(row["height"], row["width"]) for row in out_rows}
    chosen = frame or ("pixels" if len(sizes) == 1 else "normalized")
    caption = None if title is None else str(title)
    payload = {
        "version": PAYLOAD_VERSION,
        "rows": out_rows,
        "groupBy": grouping,
        "frame": chosen,
        "title": caption,
    }
    text = _summary(out_rows, grouping, chosen, sizes, caption)
    return LandmarkPlot(pack_payload(payload) or payload, text, static)


def _parts(rows: object) -> list[_Part]:
    """``rows`` as a flat list of DataFrames, Series and mappings."""
    if isinstance(rows, (pd.DataFrame, pd.Series, Mapping)):
        return [rows]
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Sequence):
        raise TypeError(
            "rows must be a pandas Series or DataFrame, a mapping of column name to value, "
            f"or a list of those, got {type(rows).__name__}"
        )
    for i, item in enumerate(rows):
        if not isinstance(item, (pd.DataFrame, pd.Series, Mapping)):
            raise TypeError(
                f"rows[{i}] must be a pandas Series or DataFrame or a mapping, "
                f"got {type(item).__name__}"
            )
    return list(rows)


def _single_row(parts: list[_Part]) -> Row:
    """The one row of ``parts`` (a Series or mapping), for the underlay."""
    part = parts[0]
    return part.iloc[0] if isinstance(part, pd.DataFrame) else part


def _records(parts: list[_Part], group_column: str | None) -> list[dict[str, Any]]:
    """One dict per row with just the cells the plot needs (id columns, size, landmarks, group)."""
    wanted = (
        *ID_COLUMNS,
        HEIGHT_COLUMN,
        WIDTH_COLUMN,
        LANDMARKS_COLUMN,
        LANDMARKS_MEAN_COLUMN,
        LANDMARKS_STD_COLUMN,
    )
    if group_column is not None:
        wanted = (*wanted, group_column)
    records: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, pd.DataFrame):
            # Only the needed columns: never copy 10,000 rows of RLE masks.
            columns = [c for c in part.columns if c in wanted and not is_index_column(c)]
            records.extend(
                {str(k): v for k, v in record.items()}
                for record in part[columns].to_dict("records")
            )
        else:
            records.append({str(k): v for k, v in part.items() if str(k) in wanted})
    return records


def _plot_row(i: int, record: Mapping[str, Any]) -> dict[str, Any]:
    """A payload row from a record: id, dataset, size, the raw landmarks and σ.

    A CheXmask-U row's landmarks are its ``Landmarks (Mean)`` (``Landmarks``
    otherwise), and its raw ``Landmarks (Std)`` goes as ``sigma``.
    """
    # The first id column with a value: a concatenation of several datasets'
    # frames has every id column, each empty outside its own rows.
    id_column = next((c for c in ID_COLUMNS if not is_missing(record.get(c))), None)
    if id_column is None:
        id_column = next((c for c in ID_COLUMNS if c in record), None)
    raw_id = None if id_column is None else json_safe(record.get(id_column))
    image_id = None if raw_id is None else str(raw_id)
    where = f"row {i}" + (f" ({image_id})" if image_id is not None else "")
    try:
        sides = (HEIGHT_COLUMN, WIDTH_COLUMN)
        height, width = mask_size({c: json_safe(record.get(c)) for c in sides})
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from exc
    cell = record.get(LANDMARKS_MEAN_COLUMN)
    if is_missing(cell):
        cell = record.get(LANDMARKS_COLUMN)
    if is_missing(cell):
        raise ValueError(f"{where} has no {LANDMARKS_COLUMN}: a landmark plot needs them")
    out = {
        "id": image_id,
        "dataset": infer_dataset(id_column, image_id),
        "height": height,
        "width": width,
        # Strings go as they are; the extension's core parses them.
        "landmarks": cell if isinstance(cell, str) else json_safe(cell),
    }
    sigma = record.get(LANDMARKS_STD_COLUMN)
    if not is_missing(sigma):
        out["sigma"] = sigma if isinstance(sigma, str) else json_safe(sigma)
    return out


def _grouping(
    group_by: str | bool | None,
    records: list[dict[str, Any]],
    out_rows: list[dict[str, Any]],
) -> str | None:
    """Decide the grouping and set each row's ``group``; returns its name or ``None``."""
    if group_by is False:
        return None
    if group_by is None or group_by is True:
        # By default, group only when the rows come from several datasets.
        if group_by is None and len({row["dataset"] for row in out_rows}) < 2:
            return None
        group_by = DATASET_GROUPING
    column_present = any(group_by in record for record in records)
    if group_by == DATASET_GROUPING and not column_present:
        for row in out_rows:
            row["group"] = row["dataset"]
        return DATASET_GROUPING
    if not column_present:
        raise ValueError(
            f"group_by column {group_by!r} is in none of the rows "
            f"(use 'dataset' for the dataset inferred from the id column)"
        )
    for row, record in zip(out_rows, records, strict=True):
        value = json_safe(record.get(group_by))
        row["group"] = None if value is None else str(value)
    return group_by


def _summary(
    rows: list[dict[str, Any]],
    grouping: str | None,
    frame: str,
    sizes: set[tuple[int, int]],
    title: str | None,
) -> str:
    """The plain-text summary: rows, groups, frame."""
    n = len(rows)
    if n == 1:
        row = rows[0]
        origin = f" from {row['dataset']}" if row["dataset"] else ""
        shown = repr(row["id"]) if row["id"] is not None else "no id"
        lines = [f"CheXmask landmark plot: 1 row{origin} ({shown}), 120 landmarks"]
    else:
        lines = [f"CheXmask landmark plot: {n:,} rows"]
    if grouping is not None:
        counts: dict[str | None, int] = {}
        for row in rows:
            counts[row["group"]] = counts.get(row["group"], 0) + 1
        shown_groups = ", ".join(
            f"{'(none)' if name is None else name} {count:,}" for name, count in counts.items()
        )
        lines[0] += f" in {len(counts)} group{'s' if len(counts) != 1 else ''} by {grouping}"
        lines.append(f"  groups: {shown_groups}")
    if frame == "pixels":
        if len(sizes) == 1:
            height, width = next(iter(sizes))
            lines.append(f"  frame: mask pixels ({height}x{width}, height x width)")
        else:
            lines.append(f"  frame: mask pixels (sizes differ: {len(sizes)} sizes)")
    else:
        note = "" if len(sizes) == 1 else f"; {len(sizes)} image sizes"
        lines.append(f"  frame: normalised by image size (x / Width, y / Height{note})")
    if n > 1:
        lines.append(
            "  outliers: rows furthest from the mean shape (mean distance of the 120 landmarks)"
        )
    with_sigma = sum("sigma" in row for row in rows)
    if with_sigma and n > 1:
        lines.append(
            f"  σ: {with_sigma:,} of {n:,} rows carry {LANDMARKS_STD_COLUMN} (CheXmask-U); "
            "the plot can colour rows by their mean σ"
        )
    if title is not None:
        lines.append(f"  title: {title}")
    return "\n".join(lines)
