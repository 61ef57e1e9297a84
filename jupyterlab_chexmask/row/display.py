"""Showing a CheXmask row in JupyterLab: the payload and the object that carries it.

The payload is described by the JSON Schema ``schema/payloads/row.v1.json``.
"""

from __future__ import annotations

from ..common.display import PAYLOAD_VERSION, PayloadDisplay, mime_type
from ..common.picture import static_picture
from ..format.cells import mask_size, row_cells
from ..types import ImageLike, Row
from .image import embed_image
from .picture import row_alt_text, row_picture
from .summary import format_summary, summarize

#: The MIME type the JupyterLab extension renders as a row view
#: (``application/vnd.chexmask.row.v1+json``).
MIME_ROW = mime_type("row")


class RowView(PayloadDisplay):
    """A CheXmask row ready to display; made by :func:`show`.

    In JupyterLab (with the extension) it renders as the interactive viewer;
    elsewhere as a short text summary.
    """

    MIME = MIME_ROW

    @property
    def summary(self) -> str:
        """The plain-text summary (the ``text/plain`` representation)."""
        return self._text

    def __repr__(self) -> str:
        """One line: the summary's first line, the title and the embedded image's size."""
        parts = [self._text.splitlines()[0]]
        if self._payload.get("title"):
            parts.append(f"title {self._payload['title']!r}")
        image = self._payload.get("image")
        if image:
            parts.append(f"image {image['width']}x{image['height']} {image['mimeType']}")
        return f"<RowView {'; '.join(parts)}>"


def show(
    row: Row,
    image: ImageLike | None = None,
    *,
    max_side: int = 1024,
    title: str | None = None,
    static: bool | None = None,
) -> RowView:
    """Display one CheXmask row (masks, landmarks, RCA quality), optionally over its x-ray.

    Args:
        row: A pandas Series (e.g. ``df.iloc[0]`` of :func:`read_csv`) or a dict
            of column name to value, from any CheXmask CSV. Cells are passed
            on raw (made JSON-safe); the frontend parses and validates them.
        image: The chest x-ray the row belongs to: a file path, a numpy array
            (H, W), (H, W, 3) or (H, W, 4), or a PIL image. It must have the
            mask's aspect ratio (``Width``/``Height``, 1024 when missing)
            within 2%; it is resized to the mask size with the long side capped
            at ``max_side`` (see :func:`~jupyterlab_chexmask.row.image.embed_image`).
        max_side: The largest width or height of the embedded image, to keep
            notebooks small.
        title: A caption for the view.
        static: Also draw the overlay in Python (numpy and Pillow) and add it as
            ``image/png`` and an ``<img alt>`` in ``text/html``, so a notebook
            executed headless (nbconvert, papermill) shows a picture in exports.
            ``None`` (default) does so when the environment variable
            ``CHEXMASK_STATIC`` is ``1``: a kernel cannot tell whether a
            frontend will render it. In JupyterLab the extension replaces the
            picture with its own after rendering.

    Returns:
        A :class:`RowView`; as the last expression of a cell it is displayed.

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
    picture = static_picture(
        static, lambda: (row_picture(cells, embedded, max_side), row_alt_text(summary))
    )
    return RowView(payload, text, picture)
