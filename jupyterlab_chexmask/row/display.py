"""Showing a CheXmask row in JupyterLab: the payload and the object that carries it.

:func:`row` makes a :class:`RowView`; :func:`show` displays a row, or any view,
at once. The payload is described by the JSON Schema ``schema/payloads/row.v1.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..common.display import PAYLOAD_VERSION, PayloadDisplay, mime_type
from ..format.cells import mask_size, row_cells
from ..types import ImageLike, Row
from .image import embed_image
from .picture import row_alt_text, row_picture
from .summary import RowSummary, format_summary, summarize

if TYPE_CHECKING:
    from PIL import Image

#: The MIME type the JupyterLab extension renders as a row view
#: (``application/vnd.chexmask.row.v1+json``).
MIME_ROW = mime_type("row")


class RowView(PayloadDisplay):
    """A CheXmask row ready to display; made by :func:`row`.

    In JupyterLab (with the extension) it renders as the interactive viewer;
    elsewhere as its picture (drawn in Python) or a short text summary. As a
    cell's last expression it is displayed; :meth:`show` displays it at once,
    :meth:`save` writes its picture.
    """

    MIME = MIME_ROW

    def __init__(
        self,
        payload: dict[str, Any],
        text: str,
        summary: RowSummary,
        *,
        max_side: int = 1024,
        static: bool | None = None,
    ) -> None:
        """Wrap a row payload, its text, what the kernel found about the row and the
        picture's size limit (see :func:`row`)."""
        super().__init__(payload, text, static)
        self._summary = summary
        self._max_side = max_side

    @property
    def summary(self) -> str:
        """The plain-text summary (the ``text/plain`` representation, without picture notes)."""
        return self._text

    def _draw(self) -> tuple[Image.Image, str]:
        alt = row_alt_text(self._summary)  # refuses a malformed row first
        assert self._summary.checked is not None  # a summary without an error has its row
        return row_picture(
            self._summary.checked,
            self._payload["image"],
            self._max_side,
            self._summary.ratio_widths,
        ), alt

    def __repr__(self) -> str:
        """One line: the summary's first line, the title and the embedded image's size."""
        parts = [self._text.splitlines()[0]]
        if self._payload.get("title"):
            parts.append(f"title {self._payload['title']!r}")
        image = self._payload.get("image")
        if image:
            parts.append(f"image {image['width']}x{image['height']} {image['mimeType']}")
        return f"<RowView {'; '.join(parts)}>"


def row(
    row: Row,
    image: ImageLike | None = None,
    *,
    max_side: int = 1024,
    title: str | None = None,
    static: bool | None = None,
) -> RowView:
    """One CheXmask row (masks, landmarks, RCA quality) as a view, optionally over its x-ray.

    As a cell's last expression it is displayed; ``row(...).show()`` (or
    :func:`show`) displays it at once, ``.save(path)`` writes its picture.

    Args:
        row: A pandas Series (e.g. ``df.iloc[0]`` of :func:`read_csv`) or a dict
            of column name to value, from any CheXmask CSV. Cells are passed
            on raw (made JSON-safe); the frontend parses and validates them.
        image: The chest x-ray the row belongs to: a file path, a numpy array
            (H, W), (H, W, 3) or (H, W, 4), or a PIL image. It must have the
            mask's aspect ratio (``Width``/``Height``, 1024 when missing)
            within 2%; it is resized to the mask size with the long side capped
            at ``max_side`` (see :func:`~jupyterlab_chexmask.row.image.embed_image`).
        max_side: The largest width or height of the embedded image and of the
            picture, to keep notebooks small.
        title: A caption for the view.
        static: Whether the output carries the overlay drawn in Python (numpy
            and Pillow) as ``image/png`` and an ``<img alt>`` in ``text/html``,
            which exported HTML, GitHub, nbviewer and JupyterLab without the
            extension show. ``None`` (default) follows
            :data:`~jupyterlab_chexmask.pictures` (on unless turned off, e.g.
            ``CHEXMASK_PICTURES=0``). In JupyterLab the extension replaces it
            with its own picture after painting. A malformed row gets no
            picture, but a note naming the field in the text. Over an x-ray the
            picture's longest side is at most 512.

    Returns:
        A :class:`RowView`.

    Raises:
        TypeError: ``row`` is not a Series or mapping, or ``image`` is of an
            unsupported kind.
        ValueError: the image's aspect ratio does not match the mask's,
            ``Height``/``Width`` is not a positive integer while an image is
            given, or ``max_side`` is not positive.

    """
    if isinstance(max_side, bool) or not isinstance(max_side, int) or max_side < 1:
        raise ValueError(f"max_side must be a positive integer, got {max_side!r}")
    cells = row_cells(row)
    embedded = None
    if image is not None:
        height, width = mask_size(cells)
        embedded = embed_image(image, width, height, max_side)
    caption = None if title is None else str(title)

    payload = {"version": PAYLOAD_VERSION, "row": cells, "image": embedded, "title": caption}
    summary = summarize(cells)
    text = format_summary(summary)
    if caption is not None:
        text += f"\n  title: {caption}"
    if embedded is not None:
        text += f"\n  image: {embedded['width']}x{embedded['height']} {embedded['mimeType']}"
    return RowView(payload, text, summary, max_side=max_side, static=static)


def show(
    view: Row | PayloadDisplay,
    image: ImageLike | None = None,
    *,
    max_side: int = 1024,
    title: str | None = None,
    static: bool | None = None,
) -> None:
    """Display a CheXmask row, or any view, now; returns ``None``, so it works in loops.

    ``show(df.iloc[0])`` is ``row(df.iloc[0]).show()``: the interactive view in
    JupyterLab, with the kernel's picture for everywhere else. A view object
    (:func:`row`, :func:`~jupyterlab_chexmask.rca_histogram`,
    :func:`~jupyterlab_chexmask.landmarks`) is displayed as it is. Outside
    IPython the text summary is printed. To keep the view (its payload, its
    picture: ``.save(path)``), use :func:`row`.

    Args:
        view: A row (a pandas Series such as ``df.iloc[0]``, or a mapping of
            column name to value) or a view object.
        image: For a row: its chest x-ray (see :func:`row`).
        max_side: For a row: see :func:`row`.
        title: For a row: a caption.
        static: For a row: whether the output carries the kernel's picture
            (see :func:`row`).

    Raises:
        TypeError: row options given with a view object, or what :func:`row` raises.
        ValueError: what :func:`row` raises.
    """
    if isinstance(view, PayloadDisplay):
        given = {
            "image": image is not None,
            "max_side": max_side != 1024,
            "title": title is not None,
            "static": static is not None,
        }
        if any(given.values()):
            options = ", ".join(name for name, on in given.items() if on)
            raise TypeError(
                f"show() of a {type(view).__name__} takes no row options ({options}): "
                "give them when making the view"
            )
        view.show()
        return
    row(view, image, max_side=max_side, title=title, static=static).show()
