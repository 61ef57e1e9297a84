"""Comparing two segmentations: :func:`compare` of one pair (a view), :func:`agreement` over
files of rows (a DataFrame), and their exact metrics."""

from .agreement import agreement
from .display import MIME_COMPARE, CompareView, compare

__all__ = ["MIME_COMPARE", "CompareView", "agreement", "compare"]
