"""The MIME bundle every displayable object of the package shares."""

from __future__ import annotations

from collections.abc import Container
from typing import Any, Optional


def mime_bundle(
    mime: str,
    payload: dict[str, Any],
    text: str,
    include: Optional[Container[str]] = None,
    exclude: Optional[Container[str]] = None,
) -> dict[str, Any]:
    """The payload under its vendor MIME type plus a ``text/plain`` fallback, filtered as IPython asks."""
    bundle: dict[str, Any] = {mime: payload, "text/plain": text}
    return {
        key: data
        for key, data in bundle.items()
        if (include is None or key in include) and (exclude is None or key not in exclude)
    }


class PayloadDisplay:
    """A payload and its text summary that display as :attr:`MIME` (set by subclasses)."""

    MIME = ""

    def __init__(self, payload: dict[str, Any], summary: str) -> None:
        """Wrap a JSON-serialisable payload and its plain-text summary."""
        self._payload = payload
        self._summary = summary

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
        include: Optional[Container[str]] = None,
        exclude: Optional[Container[str]] = None,
    ) -> dict[str, Any]:
        """The MIME bundle: the payload under :attr:`MIME` and the summary as ``text/plain``."""
        return mime_bundle(self.MIME, self._payload, self._summary, include, exclude)
