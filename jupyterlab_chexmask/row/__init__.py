"""The row view: :func:`show` one CheXmask row, as :class:`RowView`.

Its modules check and measure the row as the TypeScript core does (``check``,
``measure``, ``summary``), embed its x-ray (``image``) and draw its static
picture (``picture``); ``display`` makes the payload.
"""

from .display import MIME_ROW, RowView, show

__all__ = ["MIME_ROW", "RowView", "show"]
