"""Comparing two segmentations: :func:`agreement` over files of rows (and its metrics)."""

from .agreement import agreement

__all__ = ["agreement"]
