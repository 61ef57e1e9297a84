"""Measures of every row of a CheXmask release: :func:`measure`."""

from .api import measure

__all__ = ["measure"]
