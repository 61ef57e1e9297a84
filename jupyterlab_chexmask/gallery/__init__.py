"""The gallery: many CheXmask rows as tiles (:func:`gallery`)."""

from .display import MIME_GALLERY, Gallery, gallery

__all__ = ["MIME_GALLERY", "Gallery", "gallery"]
