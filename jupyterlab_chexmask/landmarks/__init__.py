"""The landmark view: :func:`landmarks` of one row or many, as :class:`LandmarkPlot`.

``display`` makes the payload; ``frame`` lays the rows out as the view does
and ``picture`` draws the static picture from it.
"""

from .display import MIME_LANDMARKS, LandmarkPlot, landmarks

__all__ = ["MIME_LANDMARKS", "LandmarkPlot", "landmarks"]
