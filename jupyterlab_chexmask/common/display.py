"""The one base class of what every view displays, its MIME type and payload version.

:func:`~jupyterlab_chexmask.show`, :func:`~jupyterlab_chexmask.rca_histogram`
and :func:`~jupyterlab_chexmask.landmarks` return a :class:`PayloadDisplay`
(a :class:`~jupyterlab_chexmask.RowView`,
:class:`~jupyterlab_chexmask.RcaHistogram` or
:class:`~jupyterlab_chexmask.LandmarkPlot`): a JSON payload under the view's
vendor MIME type, which the JupyterLab extension renders, a plain-text
fallback, and, when asked, a static picture (:mod:`.picture`). The payloads
are described by the JSON Schemas in ``schema/payloads/``.
"""

from __future__ import annotations

import json
from collections.abc import Container
from typing import Any, ClassVar

from ..types import MimeBundle
from .picture import StaticPicture

#: The ``version`` of every payload, also in its MIME type (``PAYLOAD_VERSION``
#: in ``src/common/payload.ts``).
PAYLOAD_VERSION = 1


def mime_type(view: str) -> str:
    """The MIME type of a view's payload, e.g. ``application/vnd.chexmask.row.v1+json``."""
    return f"application/vnd.chexmask.{view}.v{PAYLOAD_VERSION}+json"


class PayloadDisplay:
    """A payload that displays as :attr:`MIME` (set by each view's subclass), with a
    plain-text fallback and, optionally, a static picture."""

    #: The MIME type the JupyterLab extension renders.
    MIME: ClassVar[str] = ""

    def __init__(
        self, payload: dict[str, Any], text: str, picture: StaticPicture | None = None
    ) -> None:
        """Wrap a JSON-serialisable payload, its plain-text summary and, optionally,
        the static picture (or the note saying why it was not drawn)."""
        self._payload = payload
        self._picture = picture if picture is not None else StaticPicture()
        note = self._picture.note
        self._text = text if note is None else f"{text}\n  {note}"

    @property
    def payload(self) -> dict[str, Any]:
        """The JSON-serialisable payload sent under :attr:`MIME`."""
        return self._payload

    def to_json(self) -> str:
        """The payload as compact JSON text."""
        return json.dumps(self._payload, allow_nan=False, separators=(",", ":"))

    def _repr_mimebundle_(
        self,
        include: Container[str] | None = None,
        exclude: Container[str] | None = None,
    ) -> MimeBundle:
        """The MIME bundle, filtered as IPython asks: the payload under :attr:`MIME`,
        the text summary as ``text/plain`` and any static picture, paired with the
        picture's metadata (its alt text) when there is a picture. IPython takes
        either shape."""
        bundle: dict[str, Any] = {self.MIME: self._payload, "text/plain": self._text}
        bundle.update(self._picture.data)
        data = {
            key: value
            for key, value in bundle.items()
            if (include is None or key in include) and (exclude is None or key not in exclude)
        }
        if not self._picture.metadata:
            return data
        return data, {key: value for key, value in self._picture.metadata.items() if key in data}
