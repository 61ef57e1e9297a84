"""The RCA view: :func:`rca_histogram` of the Dice RCA scores per dataset, as :class:`RcaHistogram`.

``display`` makes the payload from ``sources`` (DataFrames and CSV paths),
counted into ``bins``; CSV files are streamed by ``reader`` (the byte-level
``scan``, its ``cells`` and the ``parallel`` scan of large files); ``picture``
draws the static picture.
"""

from .display import MIME_RCA, RcaHistogram, rca_histogram

__all__ = ["MIME_RCA", "RcaHistogram", "rca_histogram"]
