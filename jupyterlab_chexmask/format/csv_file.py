"""Reading CheXmask CSV files into pandas."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, overload

import pandas as pd

from ..types import PathLike
from .columns import CHEXMASK_COLUMNS, TEXT_COLUMNS, is_index_column

if TYPE_CHECKING:
    from pandas._typing import UsecolsArgType
    from pandas.io.parsers import TextFileReader

#: The first bytes of a gzip file (recognised by content, whatever its name).
GZIP_MAGIC = b"\x1f\x8b"

_HEADER_ERRORS = (
    pd.errors.EmptyDataError,
    pd.errors.ParserError,
    UnicodeDecodeError,
    EOFError,
    OSError,
)
#: read_csv options that change how the header is read.
_HEADER_OPTIONS = (
    "compression",
    "sep",
    "delimiter",
    "quotechar",
    "escapechar",
    "comment",
    "header",
    "skiprows",
    "encoding",
    "encoding_errors",
)


@overload
def read_csv(
    path: PathLike,
    nrows: int | None = None,
    usecols: UsecolsArgType[str] = None,
    *,
    chunksize: None = None,
    iterator: Literal[False] = False,
    **kwargs: Any,
) -> pd.DataFrame: ...


@overload
def read_csv(
    path: PathLike,
    nrows: int | None = None,
    usecols: UsecolsArgType[str] = None,
    *,
    chunksize: int,
    iterator: bool = False,
    **kwargs: Any,
) -> TextFileReader: ...


@overload
def read_csv(
    path: PathLike,
    nrows: int | None = None,
    usecols: UsecolsArgType[str] = None,
    *,
    chunksize: int | None = None,
    iterator: Literal[True],
    **kwargs: Any,
) -> TextFileReader: ...


def read_csv(
    path: PathLike,
    nrows: int | None = None,
    usecols: UsecolsArgType[str] = None,
    **kwargs: Any,
) -> pd.DataFrame | TextFileReader:
    """Read a CheXmask CSV (``.csv`` or ``.csv.gz``) into a pandas DataFrame.

    Any CheXmask layout is accepted: every dataset's id column, either order of
    the Dice columns, the 0.1 Padchest layout without ``Height``/``Width`` and
    the OriginalResolution files whose ``Landmarks`` cells span several lines.
    Columns are addressed by name, never by position.

    - The id columns, the masks (``Right Lung``, ``Left Lung``, ``Heart``) and
      ``Landmarks`` are read as text (an empty cell becomes NaN); other columns
      get pandas' usual inference (Dice as float, ``Height``/``Width`` as int
      or float).
    - A pandas index column (empty first header cell, ``Unnamed: 0`` in pandas)
      becomes the frame's index, so ``df.iloc[i]`` holds only CheXmask cells
      (unless ``usecols`` or ``index_col`` is given).
    - Gzip is recognised by content as well as by the ``.gz`` suffix.
    - pandas' C parser is used: it has no field-size limit, unlike Python's
      ``csv`` module (131072 characters), which original-resolution masks
      approach. ``engine="python"`` is honoured with that limit lifted.

    Args:
        path: The local file to read.
        nrows: Read only the first ``nrows`` rows (CheXmask files are large).
        usecols: As in :func:`pandas.read_csv`.
        **kwargs: Passed on to :func:`pandas.read_csv`; a ``dtype`` mapping is
            merged over the text columns above.

    Returns:
        The rows, one per image (pandas' chunk reader if ``chunksize`` or
        ``iterator`` is passed).

    Raises:
        ValueError: ``path`` is not a file, cannot be parsed as CSV, or has
            none of the CheXmask columns; the message names the file.

    """
    source = existing_file(path)
    if "compression" not in kwargs:
        kwargs["compression"] = "gzip" if _starts_with(source, GZIP_MAGIC) else "infer"

    header_options = {k: v for k, v in kwargs.items() if k in _HEADER_OPTIONS}
    columns = _read_header(source, header_options)
    if not any(c in columns for c in CHEXMASK_COLUMNS):
        shown = ", ".join(repr(c) for c in columns[:12]) + (", ..." if len(columns) > 12 else "")
        raise ValueError(
            f"'{source}' is not a CheXmask CSV: it has none of the columns "
            f"{', '.join(CHEXMASK_COLUMNS)} (its columns: {shown or 'none'})"
        )

    dtype: Any = {c: str for c in columns if c in TEXT_COLUMNS}
    user_dtype = kwargs.pop("dtype", None)
    if isinstance(user_dtype, Mapping):
        dtype.update(user_dtype)
    elif user_dtype is not None:
        dtype = user_dtype
    engine = kwargs.pop("engine", "c")
    if "index_col" not in kwargs and usecols is None and columns and is_index_column(columns[0]):
        kwargs["index_col"] = 0

    with _csv_field_limit_lifted(engine == "python"):
        # The options in kwargs decide which of pandas' overloads applies.
        result: pd.DataFrame | TextFileReader = pd.read_csv(
            source, nrows=nrows, usecols=usecols, dtype=dtype, engine=engine, **kwargs
        )
    return result


def existing_file(path: PathLike) -> str:
    """``path`` as text, once it is known to name a file.

    Raises:
        ValueError: it does not (the message names it).
    """
    source = os.fspath(path)
    if not os.path.isfile(source):
        raise ValueError(f"CheXmask CSV not found: '{source}' is not a file")
    return source


def _read_header(source: str, options: dict[str, Any]) -> list[str]:
    """The column names of a CSV file, as pandas names them."""
    try:
        header = pd.read_csv(source, nrows=0, engine="c", **options)
    except _HEADER_ERRORS as exc:
        raise ValueError(f"'{source}' could not be read as a CSV file: {exc}") from exc
    return [str(c) for c in header.columns]


def _starts_with(source: str, magic: bytes) -> bool:
    """Whether the file's first bytes are ``magic``."""
    with open(source, "rb") as handle:
        return handle.read(len(magic)) == magic


@contextmanager
def _csv_field_limit_lifted(active: bool) -> Iterator[None]:
    """Lift the ``csv`` module's field-size limit while the block runs (if ``active``)."""
    if not active:
        yield
        return
    previous = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(previous)
