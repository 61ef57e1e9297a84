"""The MIME bundle every displayable object of the package shares."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from ..types import MimeBundle


def mime_bundle(
    mime: str,
    payload: dict[str, Any],
    text: str,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The payload under its vendor MIME type, a ``text/plain`` fallback and any
    ``extra`` representations (a static picture), filtered as IPython asks."""
    bundle: dict[str, Any] = {mime: payload, "text/plain": text, **(extra or {})}
    return {
        key: data
        for key, data in bundle.items()
        if (include is None or key in include) and (exclude is None or key not in exclude)
    }


def display_bundle(
    mime: str,
    payload: dict[str, Any],
    text: str,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
    extra: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
) -> MimeBundle:
    """What ``_repr_mimebundle_`` returns: :func:`mime_bundle`, paired with the
    metadata of the representations kept (a static picture's alt text) when
    there is some. IPython takes either shape."""
    data = mime_bundle(mime, payload, text, include, exclude, extra)
    if not metadata:
        return data
    return data, {key: value for key, value in metadata.items() if key in data}


class PayloadDisplay:
    """A payload and its text summary that display as :attr:`MIME` (set by subclasses)."""

    MIME = ""

    def __init__(
        self,
        payload: dict[str, Any],
        summary: str,
        extra: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        """Wrap a JSON-serialisable payload, its plain-text summary and, optionally,
        extra representations (a static picture) with their metadata."""
        self._payload = payload
        self._summary = summary
        self._extra = extra or {}
        self._metadata = metadata or {}

    @property
    def payload(self) -> dict[str, Any]:
        """The JSON-serialisable payload sent under :attr:`MIME`."""
        return self._payload

    @property
    def summary(self) -> str:
        """The plain-text summary (the ``text/plain`` representation)."""
        return self._summary

    def _repr_mimebundle_(
        self,
        include: Container[str] | None = None,
        exclude: Container[str] | None = None,
    ) -> MimeBundle:
        """The MIME bundle: the payload under :attr:`MIME`, the summary as ``text/plain``
        and any static picture; with metadata (the picture's alt text) when there is some."""
        return display_bundle(
            self.MIME, self._payload, self._summary, include, exclude, self._extra, self._metadata
        )
