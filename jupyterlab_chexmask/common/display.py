"""The one base class of what every view displays, its MIME type and payload version.

:func:`~jupyterlab_chexmask.row`, :func:`~jupyterlab_chexmask.rca_histogram`
and :func:`~jupyterlab_chexmask.landmarks` return a :class:`PayloadDisplay`
(a :class:`~jupyterlab_chexmask.RowView`,
:class:`~jupyterlab_chexmask.RcaHistogram` or
:class:`~jupyterlab_chexmask.LandmarkPlot`): a JSON payload under the view's
vendor MIME type, which the JupyterLab extension renders, a plain-text
fallback and, by default, the kernel's picture (:mod:`.picture`). It displays
as a cell's last expression, or at once with :meth:`PayloadDisplay.show`
(:func:`~jupyterlab_chexmask.show`); :meth:`PayloadDisplay.save` writes its
picture. The payloads are described by the JSON Schemas in ``schema/payloads/``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Container
from typing import IO, TYPE_CHECKING, Any, ClassVar

from ..types import MimeBundle, PathLike
from .picture import StaticPicture, draw_picture, pictures_wanted

if TYPE_CHECKING:
    from PIL import Image

#: The ``version`` of every payload, also in its MIME type (``PAYLOAD_VERSION``
#: in ``src/common/payload.ts``).
PAYLOAD_VERSION = 1


def mime_type(view: str) -> str:
    """The MIME type of a view's payload, e.g. ``application/vnd.chexmask.row.v1+json``."""
    return f"application/vnd.chexmask.{view}.v{PAYLOAD_VERSION}+json"


class PayloadDisplay:
    """A payload that displays as :attr:`MIME` (set by each view's subclass), with a
    plain-text fallback and, unless turned off, the kernel's picture.

    The picture is drawn when the view is first displayed or saved (not when it
    is made), then kept.
    """

    #: The MIME type the JupyterLab extension renders.
    MIME: ClassVar[str] = ""

    def __init__(self, payload: dict[str, Any], text: str, static: bool | None = None) -> None:
        """Wrap a JSON-serialisable payload and its plain-text summary.

        Args:
            payload: The payload sent under :attr:`MIME`.
            text: The ``text/plain`` summary.
            static: Whether the outputs carry the picture: ``None`` follows
                :data:`~jupyterlab_chexmask.pictures` when displayed.
        """
        self._payload = payload
        self._text = text
        self._static = static
        self._picture: StaticPicture | None = None

    @property
    def payload(self) -> dict[str, Any]:
        """The JSON-serialisable payload sent under :attr:`MIME`."""
        return self._payload

    def to_json(self) -> str:
        """The payload as compact JSON text."""
        return json.dumps(self._payload, allow_nan=False, separators=(",", ":"))

    def _draw(self) -> tuple[Image.Image, str]:
        """The picture and its alt text (each view draws its own).

        Raises:
            ValueError: the data cannot be drawn (the message says why).
        """
        raise NotImplementedError

    def _kernel_picture(self) -> StaticPicture:
        """The picture, drawn once (or why it could not be)."""
        if self._picture is None:
            self._picture = draw_picture(self._draw)
        return self._picture

    def _bundle(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The whole MIME bundle: data and metadata (empty without a picture)."""
        picture = self._kernel_picture() if pictures_wanted(self._static) else StaticPicture()
        note = picture.note
        text = self._text if note is None else f"{self._text}\n  {note}"
        pictured, metadata = picture.bundle()
        return {self.MIME: self._sent_payload(), "text/plain": text, **pictured}, metadata

    def _sent_payload(self) -> Any:
        """What the bundle carries under :attr:`MIME`: the payload itself (a view
        may send a large one as its JSON text instead, see ``LandmarkPlot``)."""
        return self._payload

    def _repr_mimebundle_(
        self,
        include: Container[str] | None = None,
        exclude: Container[str] | None = None,
    ) -> MimeBundle:
        """The MIME bundle, filtered as IPython asks: the payload under :attr:`MIME`,
        the text summary as ``text/plain`` and, unless turned off, the picture
        (``image/png``, and an ``<img alt>`` in ``text/html``) paired with its
        metadata (alt text, size) when ``image/png`` is kept, or a note in the text
        saying why there is none. IPython takes either shape."""
        bundle, metadata = self._bundle()
        data = {
            key: value
            for key, value in bundle.items()
            if (include is None or key in include) and (exclude is None or key not in exclude)
        }
        kept = {key: value for key, value in metadata.items() if key in data}
        return (data, kept) if kept else data

    def show(self) -> None:
        """Display the view now, as ``IPython.display.display`` does (e.g. in a loop).

        Outside IPython (a script), print its text summary instead.
        """
        try:
            from IPython import get_ipython
            from IPython.display import display
        except ImportError:  # IPython is not a dependency
            shell = None
        else:
            shell = get_ipython()
        if shell is None:
            print(self._bundle()[0]["text/plain"])
            return
        display(self)  # type: ignore[no-untyped-call]

    def save(self, file: PathLike | IO[bytes]) -> None:
        """Write the kernel's picture of the view as a PNG file.

        The picture is the one the outputs carry, drawn whether or not
        pictures are turned off.

        Args:
            file: A path (any extension is written as PNG) or a binary file object.

        Raises:
            ValueError: the data cannot be drawn (e.g. a malformed row; the
                message names the field).
        """
        picture = self._kernel_picture()
        if picture.error is not None:
            raise picture.error
        if isinstance(file, (str, os.PathLike)):
            with open(file, "wb") as out:
                out.write(picture.png)
        else:
            file.write(picture.png)
