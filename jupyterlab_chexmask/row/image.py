"""Embedding a chest x-ray in the display payload.

Pillow is imported only when an image is actually embedded.
"""

from __future__ import annotations

import base64
import io
import os
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..types import AnyArray, ImageLike

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image as PILImage

#: How far (relative) the image's aspect ratio may be from the mask's.
ASPECT_TOLERANCE = 0.02

#: A JPEG source larger than this many pixels (after resizing) is re-encoded as
#: JPEG quality 90: its noise makes PNG several times bigger for no gain, and it
#: was lossy to begin with. Anything else is encoded losslessly as PNG.
JPEG_MIN_PIXELS = 256 * 256
JPEG_QUALITY = 90


def embed_image(
    image: ImageLike,
    width: int,
    height: int,
    max_side: int = 1024,
    *,
    jpeg: bool | None = None,
) -> dict[str, Any]:
    """Encode ``image`` for a mask of ``width`` × ``height`` pixels.

    The image is converted to 8-bit greyscale (``L``), or kept as RGB when it
    really is colour; checked to have the mask's aspect ratio (within 2%);
    resized to the mask size, with the long side capped at ``max_side``; and
    encoded as PNG, or as JPEG quality 90 when the source was a JPEG file and
    the embedded image has more than 256×256 pixels (see ``JPEG_MIN_PIXELS``).

    Args:
        image: A file path, a numpy array (H, W), (H, W, 3) or (H, W, 4), or a
            PIL image. Arrays other than uint8 (floats, uint16 …) are scaled
            min–max to 0–255; bool arrays map to 0/255.
        width: The mask's ``Width``.
        height: The mask's ``Height``.
        max_side: The largest width or height embedded.
        jpeg: ``True`` encodes JPEG quality 90 whatever the source (a gallery's
            thumbnails, where PNG of x-ray noise costs three times more);
            ``None`` follows the rule above.

    Returns:
        ``{"mimeType", "data" (base64, no ``data:`` prefix), "width", "height"}``
        with the embedded size.

    Raises:
        ValueError: the aspect ratios differ by more than 2% (both sizes are
            named), or the array has an unusable shape.
        TypeError: ``image`` is none of the accepted kinds.

    """
    picture, source_format = _load(image)
    picture = _display_mode(picture)
    check_aspect(picture.size, (width, height))
    target = fit_size(width, height, max_side)
    if picture.size != target:
        from PIL import Image

        lanczos = getattr(Image, "Resampling", Image).LANCZOS  # Pillow < 9.1 has no Resampling
        picture = picture.resize(target, lanczos, reducing_gap=3.0)
    mime_type, data = _encode(picture, "JPEG" if jpeg else source_format, force=bool(jpeg))
    return {"mimeType": mime_type, "data": data, "width": target[0], "height": target[1]}


def fit_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """``(width, height)`` scaled down (keeping the aspect ratio) to fit within ``max_side``."""
    if max_side < 1:
        raise ValueError(f"max_side must be a positive number of pixels, got {max_side!r}")
    scale = max_side / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def check_aspect(image_size: tuple[int, int], mask_size: tuple[int, int]) -> None:
    """Raise ``ValueError`` unless two (width, height) sizes have the same aspect within 2%."""
    (iw, ih), (mw, mh) = image_size, mask_size
    image_aspect, mask_aspect = iw / ih, mw / mh
    if abs(image_aspect - mask_aspect) <= ASPECT_TOLERANCE * mask_aspect:
        return
    hint = ""
    if (mw, mh) == (1024, 1024):
        hint = (
            "; a Preprocessed row's 1024x1024 mask belongs to the zero-padded square "
            "network input, not to the original image"
        )
    raise ValueError(
        f"the image is {iw}x{ih} (width x height) but the row's mask is {mw}x{mh}: "
        f"aspect ratios {image_aspect:.3f} and {mask_aspect:.3f} differ by more than "
        f"{ASPECT_TOLERANCE:.0%}{hint}"
    )


def _load(image: ImageLike) -> tuple[PILImage.Image, str | None]:
    """A PIL image and the format it was stored in (``None`` for in-memory data)."""
    from PIL import Image, ImageOps

    if isinstance(image, (str, os.PathLike)):
        with Image.open(image) as opened:
            source_format = opened.format
            upright = ImageOps.exif_transpose(opened)
            # the file closes on leaving the block: keep a loaded copy
            return (opened.copy() if upright is opened else upright), source_format
    if isinstance(image, np.ndarray):
        return _from_array(image), None
    if isinstance(image, Image.Image):
        return image, image.format
    raise TypeError(
        f"image must be a file path, a numpy array or a PIL image, got {type(image).__name__}"
    )


def _from_array(array: AnyArray) -> PILImage.Image:
    """A PIL ``L`` or ``RGB`` image from an (H, W), (H, W, 1), (H, W, 3) or (H, W, 4) array."""
    from PIL import Image

    a = np.asarray(array)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[..., 0]
    if not (a.ndim == 2 or (a.ndim == 3 and a.shape[2] in (3, 4))) or a.size == 0:
        raise ValueError(
            f"an image array must be (H, W), (H, W, 3) or (H, W, 4), got shape {a.shape}"
        )
    if a.ndim == 3:
        a = a[..., :3]  # drop alpha
    if a.dtype == np.bool_:
        a = a.astype(np.uint8) * 255
    elif a.dtype != np.uint8:
        if a.dtype.kind not in "iuf":
            raise TypeError(f"an image array must hold numbers, got dtype {a.dtype}")
        a = _scale_to_uint8(a)
    return Image.fromarray(np.ascontiguousarray(a))


def _scale_to_uint8(a: AnyArray) -> npt.NDArray[np.uint8]:
    """Scale min–max to 0–255; non-finite values become 0."""
    values = a.astype(np.float64)
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros(a.shape, np.uint8)
    lo, hi = values[finite].min(), values[finite].max()
    scale = 255.0 / (hi - lo) if hi > lo else 0.0
    scaled = np.where(finite, (values - lo) * scale, 0.0)
    result: npt.NDArray[np.uint8] = np.clip(np.rint(scaled), 0, 255).astype(np.uint8)
    return result


def _display_mode(picture: PILImage.Image) -> PILImage.Image:
    """8-bit greyscale, or RGB when the picture really has colour."""
    mode = picture.mode
    if mode == "L":
        return picture
    if mode in ("1", "LA", "La"):
        return picture.convert("L")
    if mode in ("I", "F") or mode.startswith("I;"):
        return _from_array(np.asarray(picture))  # 16/32-bit: scale, do not clip
    rgb = picture.convert("RGB")
    pixels = np.asarray(rgb)
    if (pixels[..., 0] == pixels[..., 1]).all() and (pixels[..., 1] == pixels[..., 2]).all():
        return rgb.convert("L")
    return rgb


def _encode(
    picture: PILImage.Image, source_format: str | None, force: bool = False
) -> tuple[str, str]:
    """``(mime type, base64 data)``: JPEG for large JPEG sources (or when forced), PNG otherwise."""
    buffer = io.BytesIO()
    width, height = picture.size
    if force or (source_format in ("JPEG", "MPO") and width * height > JPEG_MIN_PIXELS):
        picture.save(buffer, format="JPEG", quality=JPEG_QUALITY)
        mime_type = "image/jpeg"
    else:
        picture.save(buffer, format="PNG")
        mime_type = "image/png"
    return mime_type, base64.b64encode(buffer.getvalue()).decode("ascii")
