"""The histogram view: :func:`histogram` of any numeric column per group, as :class:`Histogram`.

``display`` checks the table and makes the payload; ``payload`` counts
(vectorised) and merges; ``grid`` is the decimal lattice of the fine bins;
``summary`` the view's table in Python; ``picture`` the static picture.
"""

from .display import MIME_HISTOGRAM, Histogram, histogram

__all__ = ["MIME_HISTOGRAM", "Histogram", "histogram"]
