"""The uncertainty layer of a CheXmask-U row in the kernel's picture.

As ``src/row/uncertainty.ts`` and ``drawRowAnnotations`` in ``src/row/picture.ts``
draw it: each landmark a disc in the colour of its σ, (σx + σy) / 2, on the
row's σ scale (viridis from 0 to d3's nice round number at or above its
largest landmark σ: :mod:`~jupyterlab_chexmask.common.sigma_scale`), ringed in
white, in index order. The view shows the layer by default whenever the row
carries σ (``showUncertainty`` in ``initialRowState``), landmarks shown or
not, so the picture always draws it for such a row. The 1σ ellipses are off
by default in the view, and so not drawn here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..common.colors import RGB
from ..common.sigma_scale import SigmaScale, sigma_scale
from ..types import FloatArray
from .check import CheckedRow

if TYPE_CHECKING:
    from PIL import Image

#: The ring around each disc, as the view's picture strokes it.
RING: RGB = (255, 255, 255)

#: A disc's radius and its ring's width in mask pixels, times the picture's scale
#: (``max(1, longest side / 512)``): ``drawUncertainty``'s ``3 * scale`` and ``0.75 * scale``.
DISC_RADIUS = 3.0
RING_WIDTH = 0.75


@dataclass(frozen=True)
class SigmaNode:
    """One landmark with its σ (``ISigmaNode``): mask pixels, and its colour on the scale."""

    index: int
    x: float
    y: float
    sigma: float
    color: RGB


def row_sigma_scale(sigma: FloatArray) -> SigmaScale:
    """The σ scale of a row: 0 to a round number ≥ its largest landmark σ (``rowSigmaScale``)."""
    return sigma_scale(max(0.0, *((sx + sy) / 2 for sx, sy in sigma.tolist())))


def sigma_nodes(landmarks: FloatArray, sigma: FloatArray) -> list[SigmaNode]:
    """Every landmark with its σ, (σx + σy) / 2, and its colour on the row's scale."""
    scale = row_sigma_scale(sigma)
    nodes = []
    for index, ((x, y), (sx, sy)) in enumerate(
        zip(landmarks.tolist(), sigma.tolist(), strict=True)
    ):
        s = (sx + sy) / 2
        nodes.append(SigmaNode(index, x, y, s, scale.color(s)))
    return nodes


def draw_uncertainty(picture: Image.Image, row: CheckedRow) -> None:
    """Draw a CheXmask-U row's uncertainty layer onto its picture (nothing for another row).

    ``picture`` is the row's mask scaled to its size: a palette picture (the
    layer's colours are added to its palette, which keeps it small) or RGB.
    Positions are the landmark's pixel centre, scaled as the masks were.
    """
    if row.sigma is None or row.landmarks is None:
        return
    from PIL import ImageDraw

    nodes = sigma_nodes(row.landmarks, row.sigma)
    fx, fy = picture.width / row.width, picture.height / row.height
    scale = max(1.0, max(row.width, row.height) / 512) * min(fx, fy)
    # Disc and ring as the canvas strokes them: the ring centred on the disc's edge.
    outer = (DISC_RADIUS + RING_WIDTH / 2) * scale
    ring_width = max(1, round(RING_WIDTH * scale))
    fills: dict[RGB, int | RGB] = {n.color: n.color for n in nodes}
    ring: int | RGB = RING
    if picture.mode == "P":
        # The organ combinations' colours, then white and the nodes' colours: at most
        # 8 + 1 + 120 entries, within a palette's 256.
        palette = picture.getpalette() or []
        used = len(palette) // 3
        added = [RING, *dict.fromkeys(n.color for n in nodes)]
        picture.putpalette([*palette, *(c for color in added for c in color)])
        ring = used
        fills = {color: used + k for k, color in enumerate(added) if k}
    draw = ImageDraw.Draw(picture)
    for n in nodes:
        cx, cy = (n.x + 0.5) * fx, (n.y + 0.5) * fy
        draw.ellipse(
            (cx - outer, cy - outer, cx + outer, cy + outer),
            fill=fills[n.color],
            outline=ring,
            width=ring_width,
        )
