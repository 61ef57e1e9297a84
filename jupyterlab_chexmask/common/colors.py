"""The organ colours and fill opacity of the static pictures: the extension's settings defaults.

The frontend takes its defaults from ``schema/settings/plugin.json`` (``colors``,
``opacity``); the kernel cannot read that file from an installed package, so
they are written here once, as RGB bytes, and a test keeps the two equal.
"""

from __future__ import annotations

from ..format.columns import HEART_COLUMN, LEFT_LUNG_COLUMN, RIGHT_LUNG_COLUMN

#: An sRGB colour as bytes.
RGB = tuple[int, int, int]

#: The default organ colours (``colors`` in the settings), by organ column.
ORGAN_COLORS: dict[str, RGB] = {
    RIGHT_LUNG_COLUMN: (0xE6, 0x19, 0x4B),
    LEFT_LUNG_COLUMN: (0x1F, 0x6F, 0xE5),
    HEART_COLUMN: (0x2C, 0xA0, 0x2C),
}

#: The default fill opacity of the masks (``opacity`` in the settings).
OPACITY = 0.45
