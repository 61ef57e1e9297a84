"""A static picture in a MIME bundle: when to draw one, and how it is carried.

Every view (row, RCA histogram, landmark plot) adds its Python-drawn picture
the same way, and the same way the frontend writes its own back
(``src/common/payload-view.ts``): ``image/png`` (base64), an ``<img>`` with
escaped alt text in ``text/html`` (exported HTML prefers ``text/html``, and
nbconvert's ``image/png`` template has no alt), and ``{'alt', 'width',
'height'}`` under ``metadata['image/png']``.
"""

from __future__ import annotations

import base64
import html
import io
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

#: The environment variable that turns static pictures on for every view.
STATIC_ENV = "CHEXMASK_STATIC"

PNG = "image/png"


def static_requested(static: bool | None) -> bool:
    """Whether to draw a static picture: ``static`` if given, else ``CHEXMASK_STATIC=1``.

    A kernel cannot tell whether a frontend will render its output, so the
    default is decided by whoever runs the notebook (nbconvert, papermill).
    """
    if static is None:
        return os.environ.get(STATIC_ENV) == "1"
    return bool(static)


def encode_png(picture: Image.Image) -> str:
    """A Pillow image as base64 PNG text (optimised: pictures live in notebooks)."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def img_html(png: str, alt: str) -> str:
    """An ``<img>`` of a base64 PNG with escaped alt text (for exported HTML)."""
    return f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{png}">'


def picture_bundle(picture: Image.Image, alt: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The extra representations of a picture and their metadata, as every view carries them."""
    png = encode_png(picture)
    extra = {PNG: png, "text/html": img_html(png, alt)}
    metadata = {PNG: {"alt": alt, "width": picture.width, "height": picture.height}}
    return extra, metadata


def static_bundle(
    static: bool | None, draw: Callable[[], tuple[Image.Image, str]]
) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    """Draw a view's picture if asked (see :func:`static_requested`).

    Args:
        static: The view's ``static`` argument.
        draw: Returns the picture and its alt text; raises ``ValueError`` for
            data it cannot draw.

    Returns:
        ``(extra, metadata, note)``: the representations to add and their
        metadata (both empty when not drawn), and a line for the text summary
        when the data could not be drawn. A malformed row must not cost the
        user the interactive view, which reports the problem in detail.
    """
    if not static_requested(static):
        return {}, {}, None
    try:
        picture, alt = draw()
    except ValueError as error:
        return {}, {}, f"picture: not drawn ({error})"
    extra, metadata = picture_bundle(picture, alt)
    return extra, metadata, None
