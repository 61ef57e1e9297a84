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
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class StaticPicture:
    """A view's picture drawn in Python, as its MIME bundle carries it.

    Empty (no picture) by default.
    """

    #: ``image/png`` (base64) and ``text/html`` (an ``<img>`` with escaped alt text).
    data: dict[str, Any] = field(default_factory=dict)
    #: ``{'image/png': {'alt', 'width', 'height'}}``.
    metadata: dict[str, Any] = field(default_factory=dict)
    #: A line for the text summary when the data could not be drawn.
    note: str | None = None


def encode_png(picture: Image.Image) -> str:
    """A Pillow image as base64 PNG text (optimised: pictures live in notebooks)."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def img_html(png: str, alt: str) -> str:
    """An ``<img>`` of a base64 PNG with escaped alt text (for exported HTML)."""
    return f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{png}">'


def static_picture(
    static: bool | None, draw: Callable[[], tuple[Image.Image, str]]
) -> StaticPicture:
    """Draw a view's picture if asked (see :func:`static_requested`).

    Args:
        static: The view's ``static`` argument.
        draw: Returns the picture and its alt text; raises ``ValueError`` for
            data it cannot draw.

    Returns:
        The picture, empty when not asked for; when the data could not be
        drawn, empty but for a note saying why. A malformed row must not cost
        the user the interactive view, which reports the problem in detail.
    """
    if not static_requested(static):
        return StaticPicture()
    try:
        picture, alt = draw()
    except ValueError as error:
        return StaticPicture(note=f"picture: not drawn ({error})")
    png = encode_png(picture)
    return StaticPicture(
        data={PNG: png, "text/html": img_html(png, alt)},
        metadata={PNG: {"alt": alt, "width": picture.width, "height": picture.height}},
    )
