"""A gallery of CheXmask rows: the payload and the object that carries it.

:func:`gallery` makes a :class:`Gallery`. The payload is described by the JSON
Schema ``schema/payloads/gallery.v1.json``: per row its id, dataset, numeric
columns, its masks sampled at tile size (:mod:`.tiles`), its landmarks for the
large view and, with ``images=``, a JPEG thumbnail (:mod:`.images`). A row whose
cells are malformed is carried as an error row naming the column.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..common.display import PAYLOAD_VERSION, PayloadDisplay, mime_type
from ..common.js_numbers import js_number
from ..format.cells import RowFormatError, is_missing, row_cells
from ..format.columns import (
    DICE_MAX_COLUMN,
    DICE_MEAN_COLUMN,
    HEIGHT_COLUMN,
    ID_COLUMNS,
    WIDTH_COLUMN,
    infer_dataset,
    is_index_column,
)
from ..row.check import CheckedRow, check_row, dice_score
from ..types import Rows
from .images import ImageFinder, ImageSource
from .picture import gallery_alt_text, gallery_picture
from .tiles import TILE_SIDE, tile_rle, tile_size

if TYPE_CHECKING:
    from PIL import Image

#: The MIME type the JupyterLab extension renders as a gallery
#: (``application/vnd.chexmask.gallery.v1+json``).
MIME_GALLERY = mime_type("gallery")

#: The most rows a payload may carry (``MAX_GALLERY_ROWS`` in TypeScript).
MAX_ROWS = 100_000
#: The most numeric columns carried (``MAX_COLUMNS``).
MAX_COLUMNS = 64

_ORGAN_KEYS = {"Right Lung": "rightLung", "Left Lung": "leftLung", "Heart": "heart"}
_NOT_VALUES = {HEIGHT_COLUMN, WIDTH_COLUMN}


class Gallery(PayloadDisplay):
    """CheXmask rows as a gallery of tiles; made by :func:`gallery`.

    In JupyterLab (with the extension) it renders as the interactive grid;
    elsewhere as a contact sheet of its first tiles (drawn in Python) or a
    text summary.
    """

    MIME = MIME_GALLERY

    def _draw(self) -> tuple[Image.Image, str]:
        rows = self._payload["rows"]
        if not rows:
            raise ValueError("the gallery has no rows")
        return gallery_picture(rows), gallery_alt_text(rows)

    @property
    def summary(self) -> str:
        """The plain-text summary."""
        return self._text

    def __repr__(self) -> str:
        """One line: the summary's first line."""
        return f"<Gallery {self._text.splitlines()[0]}>"


def gallery(
    rows: Rows,
    sort_by: str | None = None,
    ascending: bool = True,
    images: ImageSource | None = None,
    limit: int = 2000,
    title: str | None = None,
    *,
    static: bool | None = None,
) -> Gallery:
    """CheXmask rows as a gallery of tiles: sort, filter, select, export, open one large.

    Each tile shows the row's three masks (sampled at tile size from its RLE,
    exact at that size) over its x-ray thumbnail or a neutral background, its
    short id, dataset, ``Dice RCA (Mean)`` with a badge under the settings'
    threshold, and flags (swapped scores, an empty organ, a malformed cell).
    Opened large, a row is drawn from its landmark rings, filled as CheXmask
    filled its masks (the view says so).

    Args:
        rows: A DataFrame (e.g. of :func:`~jupyterlab_chexmask.read_csv` or
            :func:`~jupyterlab_chexmask.measure`), a row (Series or mapping), or
            a list of those. Numeric columns besides Height and Width are
            carried for sorting and export (at most 64).
        sort_by: A column to sort by before ``limit`` applies (rows without a
            value last), or ``None`` for the order given.
        ascending: The sort's direction.
        images: The x-rays: a column of paths, a callable ``row → path | array
            | PIL image | None`` (given the row's cells as a dict), or a folder
            joined with each row's id. Each becomes a JPEG thumbnail at tile
            size; a row whose image cannot be used keeps a neutral background
            and is counted in the summary.
        limit: The most rows carried (the first after sorting), 1 to 100,000.
        title: A caption.
        static: Whether the output carries the kernel's contact sheet
            (``None`` follows :data:`~jupyterlab_chexmask.pictures`).

    Returns:
        A :class:`Gallery`.

    Raises:
        TypeError: ``rows`` or ``images`` of an unsupported kind.
        ValueError: ``limit`` out of range, ``sort_by`` not a column, or a text
            ``images`` that is neither a column nor a folder.
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_ROWS:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_ROWS}, got {limit!r}")
    records = list(_records(rows))
    total = len(records)
    names = {name for record in records for name in record}
    columns = _value_columns(records)
    if sort_by is not None:
        if sort_by not in names:
            raise ValueError(f"sort_by={sort_by!r} is not a column of the rows")
        records = _sorted(records, sort_by, ascending)
    records = records[:limit]
    finder = None if images is None else ImageFinder(images, names)
    failures: list[str] = []
    out_rows = [gallery_row(record, columns, finder, failures) for record in records]
    caption = None if title is None else str(title)
    payload = {
        "version": PAYLOAD_VERSION,
        "rows": out_rows,
        "columns": columns,
        "total": total,
        "sortBy": sort_by,
        "ascending": bool(ascending),
        "title": caption,
    }
    return Gallery(payload, _summary(out_rows, total, columns, sort_by, failures, caption), static)


def _records(rows: Rows) -> Iterator[dict[str, Any]]:
    """Each row's cells, JSON-safe, in order."""
    parts: Sequence[object]
    if isinstance(rows, (pd.DataFrame, pd.Series, Mapping)):
        parts = [rows]
    elif isinstance(rows, Sequence) and not isinstance(rows, (str, bytes)):
        parts = rows
    else:
        raise TypeError(
            "rows must be a DataFrame, a Series, a mapping of column name to value, "
            f"or a list of those, got {type(rows).__name__}"
        )
    for i, part in enumerate(parts):
        if isinstance(part, pd.DataFrame):
            for _, series in part.iterrows():
                yield row_cells(series)
        elif isinstance(part, (pd.Series, Mapping)):
            yield row_cells(part)
        else:
            raise TypeError(
                f"rows[{i}] must be a DataFrame, a Series or a mapping, got {type(part).__name__}"
            )


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _value_columns(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """The Dice columns, then every other column holding numbers (not sizes or ids)."""
    found: dict[str, None] = {DICE_MEAN_COLUMN: None, DICE_MAX_COLUMN: None}
    for record in records:
        for name, value in record.items():
            if (
                name not in found
                and name not in _NOT_VALUES
                and name not in ID_COLUMNS
                and not is_index_column(name)
                and _is_number(value)
            ):
                found[name] = None
    return list(found)[:MAX_COLUMNS]


def _number(record: Mapping[str, Any], column: str) -> float | None:
    """A column's value as a number, or ``None`` (missing, text, or a malformed score)."""
    if column in (DICE_MEAN_COLUMN, DICE_MAX_COLUMN):
        try:
            return dice_score(record, column)
        except RowFormatError:
            return None
    value = record.get(column)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _sorted(records: list[dict[str, Any]], column: str, ascending: bool) -> list[dict[str, Any]]:
    """Stably sorted by a column, rows without a number last (pandas' ``na_position="last"``)."""
    with_value = [r for r in records if _number(r, column) is not None]
    without = [r for r in records if _number(r, column) is None]
    with_value.sort(key=lambda r: _number(r, column) or 0.0, reverse=not ascending)
    return with_value + without


def _identity(cells: Mapping[str, Any]) -> dict[str, Any]:
    """id, idColumn and dataset: the first id column with a value (a concatenation of
    several datasets' frames has every id column, each empty outside its own rows)."""
    column = next((c for c in ID_COLUMNS if not is_missing(cells.get(c))), None)
    if column is None:
        column = next((c for c in ID_COLUMNS if c in cells), None)
    value = None if column is None else cells.get(column)
    image_id: str | None = None
    if isinstance(value, str) and not is_missing(value):
        image_id = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        image_id = js_number(float(value))
    return {"id": image_id, "idColumn": column, "dataset": infer_dataset(column, image_id)}


def _own_id_cells(cells: Mapping[str, Any], id_column: str | None) -> dict[str, Any]:
    """The cells with only the row's own id column (so the check reads that id)."""
    return {k: v for k, v in cells.items() if k not in ID_COLUMNS or k == id_column}


def _landmark_text(row: CheckedRow) -> str | None:
    if row.landmarks is None:
        return None
    return ",".join(js_number(float(v)) for v in row.landmarks.ravel())


def gallery_row(
    cells: Mapping[str, Any],
    columns: Sequence[str],
    finder: ImageFinder | None = None,
    failures: list[str] | None = None,
    side: int = TILE_SIDE,
    landmarks: bool = True,
) -> dict[str, Any]:
    """One payload row (``schema/payloads/gallery.v1.json``): a tile row with its tile
    masks at ``side`` on the long side, or an error row naming the column at fault.

    An image that cannot be used is left out and described in ``failures``.
    Without ``landmarks`` the row carries none (``null``): it is smaller, and
    opened large it is drawn at tile size.
    """
    who = _identity(cells)
    values = {c: _number(cells, c) for c in columns}
    try:
        checked = check_row(_own_id_cells(cells, who["idColumn"]))
    except RowFormatError as error:
        return {**who, "values": values, "error": {"field": error.field, "message": str(error)}}
    tile = tile_size(checked.height, checked.width, side)
    masks = {
        _ORGAN_KEYS[column]: tile_rle(checked.runs.get(column), checked.height, checked.width, tile)
        for column in _ORGAN_KEYS
    }
    image = None
    if finder is not None:
        try:
            image = finder.thumbnail(cells, who["id"], checked.height, checked.width)
        except (OSError, ValueError, TypeError) as error:
            if failures is not None:
                failures.append(
                    f"{who['id'] or 'a row without id'}: {' '.join(str(error).split())}"
                )
    return {
        **who,
        "values": values,
        "height": checked.height,
        "width": checked.width,
        "tile": {"height": tile[0], "width": tile[1], **masks},
        "landmarks": _landmark_text(checked) if landmarks else None,
        "image": image,
    }


def _summary(
    rows: Sequence[Mapping[str, Any]],
    total: int,
    columns: Sequence[str],
    sort_by: str | None,
    failures: Sequence[str],
    caption: str | None,
) -> str:
    """The text summary: rows, datasets, errors, images that could not be used."""
    datasets: dict[str, int] = {}
    for row in rows:
        key = row.get("dataset") or "(no dataset)"
        datasets[key] = datasets.get(key, 0) + 1
    errors = [row for row in rows if row.get("error")]
    lines = [
        f"CheXmask gallery: {len(rows)} rows"
        + (f" (the first {len(rows)} of {total})" if total > len(rows) else "")
        + (f", sorted by {sort_by}" if sort_by else ""),
        "  datasets: " + ", ".join(f"{name} {n}" for name, n in datasets.items()),
        f"  columns: {', '.join(columns)}",
    ]
    if errors:
        first = errors[0]
        lines.append(f"  malformed rows: {len(errors)} (first: {first['error']['message']})")
    if failures:
        lines.append(f"  images not used: {len(failures)} (first: {failures[0]})")
    if caption is not None:
        lines.append(f"  title: {caption}")
    return "\n".join(lines)
