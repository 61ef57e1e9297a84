"""The row view: :func:`row` of one CheXmask row, as :class:`RowView`, and :func:`show`.

Its modules check and measure the row as the TypeScript core does (``check``,
``measure``, ``summary``), embed its x-ray (``image``) and draw its picture
(``picture``); ``display`` makes the payload.
"""

from .display import MIME_ROW, RowView, row, show

__all__ = ["MIME_ROW", "RowView", "row", "show"]
