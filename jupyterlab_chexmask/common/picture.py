"""The kernel's picture of a view: whether to draw it, how it is encoded, and how it is carried.

Every view (row, RCA histogram, landmark plot) carries a picture drawn in
Python (numpy and Pillow) in its output by default, so a notebook shows
pictures wherever it is read: exported HTML, GitHub, nbviewer, JupyterLab
without the extension, a notebook executed headless. In JupyterLab the
extension replaces it with its own picture after painting the view
(``src/common/picture-output.ts``).

The picture is carried as ``image/png`` (base64) with ``{'alt', 'width',
'height'}`` under ``metadata['image/png']``, and again as an ``<img>`` with
the escaped alt text in ``text/html``: nbconvert's default HTML template
(``lab``) writes no ``alt`` for an ``image/png`` output (only the ``classic``
template reads ``metadata['image/png']['alt']``), and exported HTML prefers
``text/html``. The pictures are small (palette PNGs where the colours allow),
so the copy costs little.

Whether a view carries a picture: its ``static`` argument when given (``True``
or ``False``), else :data:`pictures` (``cm.pictures.enabled``), which follows
the environment until set in Python.
"""

from __future__ import annotations

import base64
import html
import io
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL import Image

#: The environment variable that turns the kernel's pictures off (``0``) or on (``1``).
PICTURES_ENV = "CHEXMASK_PICTURES"
#: The earlier switch, from when pictures were off by default: ``1`` still turns them on.
STATIC_ENV = "CHEXMASK_STATIC"

_OFF = frozenset({"0", "false", "no", "off"})
_ON = frozenset({"1", "true", "yes", "on"})

PNG = "image/png"

#: zlib levels of the pictures' PNGs (``scripts/bench_pictures.py``). A palette picture
#: (flat colours) takes a few ms at 6; level 9, or Pillow's ``optimize``, takes 3-6 times
#: as long for a few percent less. An RGB picture (an x-ray, a contour density) is
#: noisy: past level 3 zlib takes 2-3 times as long for no smaller a file.
PALETTE_COMPRESS_LEVEL = 6
RGB_COMPRESS_LEVEL = 3

#: The most colours a picture may have to be stored as a palette PNG (exactly, not quantised).
PALETTE_COLORS = 256


def _environment_says() -> bool | None:
    """``CHEXMASK_PICTURES``, else ``CHEXMASK_STATIC``: ``True``, ``False`` or ``None`` (unset)."""
    for name in (PICTURES_ENV, STATIC_ENV):
        value = os.environ.get(name, "").strip().lower()
        if value in _OFF:
            return False
        if value in _ON:
            return True
    return None


class Pictures:
    """The switch for the kernel's pictures, in the style of plotly's ``pio.renderers``.

    There is one, :data:`jupyterlab_chexmask.pictures`::

        import jupyterlab_chexmask as cm
        cm.pictures.enabled = False   # no kernel-drawn pictures in this kernel's outputs
        cm.pictures.enabled = None    # back to the environment's choice

    A view's ``static=True`` or ``static=False`` overrides it for that view.
    """

    def __init__(self) -> None:
        self._enabled: bool | None = None

    @property
    def enabled(self) -> bool:
        """Whether a view made with ``static=None`` (the default) carries a picture.

        ``True`` or ``False`` once set in Python. Until then (or after setting
        ``None``) the environment decides: ``CHEXMASK_PICTURES=0`` turns the
        pictures off and ``1`` on (also ``false``/``true``, ``no``/``yes``,
        ``off``/``on``); without it, ``CHEXMASK_STATIC`` (the earlier switch)
        is read the same way; without either, pictures are on.
        """
        if self._enabled is not None:
            return self._enabled
        said = _environment_says()
        return True if said is None else said

    @enabled.setter
    def enabled(self, value: bool | None) -> None:
        if value is not None and not isinstance(value, bool):
            raise TypeError(f"pictures.enabled takes True, False or None, got {value!r}")
        self._enabled = value

    def __repr__(self) -> str:
        where = "set in Python" if self._enabled is not None else "from the environment"
        return f"<Pictures enabled={self.enabled} ({where})>"


#: The switch of this kernel (``cm.pictures``).
pictures = Pictures()


def pictures_wanted(static: bool | None) -> bool:
    """Whether a view carries its picture: ``static`` when given, else :data:`pictures`."""
    return pictures.enabled if static is None else bool(static)


@dataclass(frozen=True)
class StaticPicture:
    """A view's picture drawn in Python, or why it could not be drawn."""

    #: The PNG file's bytes; empty when the picture could not be drawn.
    png: bytes = b""
    alt: str = ""
    width: int = 0
    height: int = 0
    #: Why the picture could not be drawn, when it could not.
    error: Exception | None = None

    @property
    def note(self) -> str | None:
        """One line for the text summary when the picture could not be drawn, else ``None``."""
        if self.error is None:
            return None
        reason = " ".join(str(self.error).split())  # one line, whatever the message holds
        if not isinstance(self.error, ValueError):  # a bug, not the data: say what it was
            reason = f"{type(self.error).__name__}: {reason}"
        return f"picture: not drawn ({reason})"

    def bundle(self) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
        """The MIME data (``image/png``, ``text/html``) and metadata carrying the picture.

        Both empty when there is no picture.
        """
        if not self.png:
            return {}, {}
        text = base64.b64encode(self.png).decode("ascii")
        data = {PNG: text, "text/html": img_html(text, self.alt)}
        return data, {PNG: {"alt": self.alt, "width": self.width, "height": self.height}}


def encode_png(picture: Image.Image) -> bytes:
    """A picture as PNG bytes, small and fast.

    An RGB picture of at most 256 colours (a chart's flat fills, lines and
    text) is stored as a palette PNG with exactly those colours, a third of
    the size; a palette (``P``) picture stays one. zlib runs at
    :data:`PALETTE_COMPRESS_LEVEL` or :data:`RGB_COMPRESS_LEVEL`.
    """
    if picture.mode == "RGB":
        picture = exact_palette(picture) or picture
    level = PALETTE_COMPRESS_LEVEL if picture.mode == "P" else RGB_COMPRESS_LEVEL
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=level)
    return buffer.getvalue()


def exact_palette(picture: Image.Image) -> Image.Image | None:
    """An RGB picture as a ``P`` picture of exactly its colours, or ``None`` past 256 colours."""
    from PIL import Image

    counted = picture.getcolors(PALETTE_COLORS)
    if counted is None:
        return None
    rgb = sorted(color for _, color in counted if isinstance(color, tuple))
    pixels = np.asarray(picture)
    packed = (
        (pixels[..., 0].astype(np.uint32) << 16)
        | (pixels[..., 1].astype(np.uint32) << 8)
        | pixels[..., 2]
    )
    keys = np.asarray([(r << 16) | (g << 8) | b for r, g, b in rgb], dtype=np.uint32)
    indexed = Image.fromarray(np.searchsorted(keys, packed).astype(np.uint8), "P")
    indexed.putpalette([channel for color in rgb for channel in color])
    return indexed


def img_html(png: str, alt: str) -> str:
    """An ``<img>`` of a base64 PNG with escaped alt text (for exported HTML)."""
    return f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{png}">'


def draw_picture(draw: Callable[[], tuple[Image.Image, str]]) -> StaticPicture:
    """Draw and encode a view's picture; never raises.

    Args:
        draw: Returns the picture and its alt text; raises ``ValueError`` for
            data it cannot draw (a malformed row, landmarks that do not parse),
            having refused absurd sizes before allocating anything.

    Returns:
        The picture, or, when it could not be drawn, no picture but the error,
        for a one-line note in the text summary: a picture is a by-product,
        and must never cost the user the view, which reports malformed data in
        detail. Any other exception (a bug) is also kept, and warned about.
    """
    try:
        picture, alt = draw()
        png = encode_png(picture)
    except ValueError as error:
        return StaticPicture(error=error)
    except Exception as error:  # a bug: the view must still display
        warnings.warn(
            f"jupyterlab_chexmask could not draw a picture ({type(error).__name__}: {error}); "
            "the view is shown without one",
            RuntimeWarning,
            stacklevel=2,
        )
        return StaticPicture(error=error)
    return StaticPicture(png=png, alt=alt, width=picture.width, height=picture.height)
