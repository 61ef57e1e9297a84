"""Where a gallery's x-ray thumbnails come from, and how they are embedded.

``images`` of :func:`~jupyterlab_chexmask.gallery` is one of:

- the name of a column of the rows holding each row's image path;
- a callable ``row → path | numpy array | PIL image | None`` (given the row's cells);
- a folder: each row's image is the folder joined with its id (CheXpert's
  ``Path`` and most other ids are relative paths or file names).

A thumbnail is the image at tile size (long side :data:`~.tiles.TILE_SIDE`),
JPEG, checked against the mask's aspect ratio as the row view checks it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from ..format.cells import is_missing
from ..row.image import embed_image
from ..types import GalleryImages, ImageLike, PathLike
from .tiles import TILE_SIDE

#: What ``images=`` may be.
ImageSource = GalleryImages


class ImageFinder:
    """Finds and embeds each row's thumbnail from one ``images=`` source."""

    def __init__(self, source: ImageSource, columns: set[str]) -> None:
        """Decide what ``source`` is: a column of ``columns``, a callable or a folder.

        Raises:
            TypeError: ``source`` is none of those.
            ValueError: a text ``source`` is neither a column nor an existing folder.
        """
        self._column: str | None = None
        self._folder: PathLike | None = None
        self._call: Callable[[Mapping[str, Any]], ImageLike | None] | None = None
        if callable(source):
            self._call = source
        elif isinstance(source, str) and source in columns:
            self._column = source
        elif isinstance(source, (str, os.PathLike)):
            if not os.path.isdir(source):
                raise ValueError(
                    f"images={os.fspath(source)!r} is neither a column of the rows "
                    "nor an existing folder"
                )
            self._folder = source
        else:
            raise TypeError(
                "images must be a column name, a folder or a callable row -> image, "
                f"got {type(source).__name__}"
            )

    @property
    def kind(self) -> str:
        """``"column"``, ``"folder"`` or ``"callable"``."""
        return "column" if self._column else "folder" if self._folder else "callable"

    def image_of(self, cells: Mapping[str, Any], image_id: str | None) -> ImageLike | None:
        """The row's image (path, array or PIL image), or ``None`` when it has none."""
        if self._call is not None:
            return self._call(cells)
        if self._column is not None:
            value = cells.get(self._column)
            return None if is_missing(value) else str(value)
        if image_id is None:
            return None
        assert self._folder is not None
        return os.path.join(self._folder, image_id)

    def thumbnail(
        self, cells: Mapping[str, Any], image_id: str | None, height: int, width: int
    ) -> dict[str, Any] | None:
        """The row's embedded thumbnail, or ``None`` when it has no image.

        Raises:
            ValueError, OSError, TypeError: the image cannot be read or does not
                fit the mask (the caller reports it per row).
        """
        image = self.image_of(cells, image_id)
        if image is None:
            return None
        return embed_image(image, width, height, TILE_SIDE, jpeg=True)
