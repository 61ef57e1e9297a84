"""Type aliases of the public API's arguments, defined once for every module.

They are evaluated at run time (``typing.get_type_hints`` resolves them), so
they are written with ``typing.Union`` rather than ``X | Y``, which needs
Python 3.10 outside annotations. Pillow is named by a string: importing this
module must not import it (Pillow loads only when a picture is made).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

if TYPE_CHECKING:
    from typing import TypeAlias

    import PIL.Image

#: A file path: ``str`` or ``pathlib.Path`` (any ``os.PathLike[str]``).
PathLike: TypeAlias = Union[str, "os.PathLike[str]"]

#: One CheXmask row: a pandas Series (``df.iloc[0]``) or a mapping of column name to value.
Row: TypeAlias = Union["pd.Series[Any]", Mapping[str, object]]

#: What :func:`~jupyterlab_chexmask.landmarks` plots: one row, a DataFrame, or a
#: sequence (a list) of rows and DataFrames.
Rows: TypeAlias = Union[Row, pd.DataFrame, Sequence[Union[Row, pd.DataFrame]]]

#: One source of rows for :func:`~jupyterlab_chexmask.rca_histogram`: a DataFrame or a CSV path.
SourceItem: TypeAlias = Union[pd.DataFrame, PathLike]

#: What :func:`~jupyterlab_chexmask.rca_histogram` reads: a source, a sequence
#: (a list) of them, or a mapping of dataset name to a source or a sequence of them.
Source: TypeAlias = Union[
    SourceItem,
    Sequence[SourceItem],
    Mapping[str, Union[SourceItem, Sequence[SourceItem]]],
]

#: A chest x-ray: a file path, a numpy array (H, W), (H, W, 3) or (H, W, 4), or a PIL image.
ImageLike: TypeAlias = Union[PathLike, "npt.NDArray[Any]", "PIL.Image.Image"]

#: Where :func:`~jupyterlab_chexmask.gallery` finds x-rays: a column name, a folder, or a
#: callable given a row's cells returning its image (or ``None`` for none).
GalleryImages: TypeAlias = Union[
    str, "os.PathLike[str]", Callable[[Mapping[str, Any]], Union[ImageLike, None]]
]

#: What ``_repr_mimebundle_`` returns: the data by MIME type, with its metadata when there is some.
MimeBundle: TypeAlias = Union[dict[str, Any], tuple[dict[str, Any], dict[str, Any]]]

#: numpy arrays by element type, for the modules' internals.
FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
AnyArray: TypeAlias = npt.NDArray[Any]

__all__ = [
    "AnyArray",
    "FloatArray",
    "GalleryImages",
    "ImageLike",
    "IntArray",
    "MimeBundle",
    "PathLike",
    "Row",
    "Rows",
    "Source",
    "SourceItem",
]
