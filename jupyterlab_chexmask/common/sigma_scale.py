"""The colour scale of landmark uncertainty (CheXmask-U's σ), as the views make it.

``src/common/sigma-scale.ts`` colours a σ with d3's viridis from 0 to d3's
"nice" round number at or above the largest σ shown. The kernel's pictures
must give the same colours, so both halves are ported here to the bit:

- :func:`interpolate_viridis` is d3-scale-chromatic's ``interpolateViridis``
  (``ramp(colors("440154…"))``: a 256-colour table, the entry at
  ``floor(t × 256)`` clamped), with its table (ISC licence, see
  ``THIRD-PARTY-NOTICES.md``);
- :func:`nice_max` is d3-scale's ``scaleLinear().domain([0, max]).nice()``
  (ten ticks), on d3-array's ``tickIncrement``.

Same IEEE operations in the same order as the JavaScript, so the same
doubles, with two libm calls: ``log10`` (only its floor counts) and
``10 ** power`` for a step below 1 (the same down to 10⁻³; node's
``Math.pow(10, -4)`` is one ulp off, 0.00009999999999999999): for a step below
0.001 within an ulp of the 1–2–5 thresholds, ``tick_increment`` may differ
from node's; the nice top did not on any value tested. A test checks both
against the repository's d3 under node.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .colors import RGB

#: viridis as d3-scale-chromatic 3.1.1 writes it (``src/sequential-multi/viridis.js``):
#: 256 colours, six hex digits each, from dark purple to yellow.
_VIRIDIS_HEX = (
    "44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164471365481467481668481769"
    "48186a481a6c481b6d481c6e481d6f481f70482071482173482374482475482576482677482878482979472a7a472c7a"
    "472d7b472e7c472f7d46307e46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85"
    "4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a3d4e8a3c4f8a3c508b3b518b"
    "3b528b3a538b3a548c39558c39568c38588c38598c375a8c375b8d365c8d365d8d355e8d355f8d34608d34618d33628d"
    "33638d32648e32658e31668e31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e"
    "2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e277e8e277f8e27808e26818e"
    "26828e26828e25838e25848e25858e24868e24878e23888e23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d"
    "21918c20928c20928c20938c1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88"
    "1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa8325ab8225ac8226ad8127ad81"
    "28ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b32b67a34b67935b77937b87838b9773aba763bbb753dbc74"
    "3fbc7340bd7242be7144bf7046c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863"
    "5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d1537ad1517cd2507fd34e81d34d"
    "84d44b86d54989d5488bd6468ed64590d74393d74195d84098d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32"
    "addc30b0dd2fb2dd2db5de2bb8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a"
    "d8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61ef6e620f8e621fbe723fde725"
)

#: The 256 colours of viridis, dark to light.
VIRIDIS: tuple[RGB, ...] = tuple(
    (
        int(_VIRIDIS_HEX[i : i + 2], 16),
        int(_VIRIDIS_HEX[i + 2 : i + 4], 16),
        int(_VIRIDIS_HEX[i + 4 : i + 6], 16),
    )
    for i in range(0, len(_VIRIDIS_HEX), 6)
)


def interpolate_viridis(t: float) -> RGB:
    """d3's ``interpolateViridis(t)``: the table's entry ``floor(t × 256)``, clamped to it.

    ``Math.max(0, Math.min(n - 1, Math.floor(t * n)))`` in ``ramp``; a NaN
    ``t`` gives NaN there and ``undefined`` in JavaScript, so it is refused here.
    """
    if math.isnan(t):
        raise ValueError("viridis of NaN")
    n = len(VIRIDIS)
    scaled = t * n
    index = 0 if scaled < 0 else n - 1 if scaled >= n else math.floor(scaled)
    return VIRIDIS[index]


# d3-array's thresholds between steps of 1, 2, 5 and 10.
_E10, _E5, _E2 = math.sqrt(50), math.sqrt(10), math.sqrt(2)


def _tick_spec(start: float, stop: float, count: float) -> tuple[int, int, float]:
    """d3-array's ``tickSpec``: the first and last tick indices and the increment (negative:
    its inverse, for steps below 1). ``stop > start`` and ``count > 0``, finite."""
    step = (stop - start) / count
    power = math.floor(math.log10(step))
    error = step / 10.0**power  # a libm pow below 1, as Math.pow; compared with the thresholds only
    factor = 10 if error >= _E10 else 5 if error >= _E5 else 2 if error >= _E2 else 1
    if power < 0:
        inc = 10.0**-power / factor  # an exact power of ten, divided once: as in JavaScript
        i1, i2 = _js_round(start * inc), _js_round(stop * inc)
        if i1 / inc < start:
            i1 += 1
        if i2 / inc > stop:
            i2 -= 1
        inc = -inc
    else:
        inc = 10.0**power * factor
        i1, i2 = _js_round(start / inc), _js_round(stop / inc)
        if i1 * inc < start:
            i1 += 1
        if i2 * inc > stop:
            i2 -= 1
    if i2 < i1 and 0.5 <= count < 2:
        return _tick_spec(start, stop, count * 2)
    return i1, i2, inc


def _js_round(x: float) -> int:
    """JavaScript's ``Math.round``: to the nearest integer, halves up (Python's ``round``
    takes halves to even). ``x - floor(x)`` is exact for the non-negative ``x`` used here."""
    floor = math.floor(x)
    return floor + 1 if x - floor >= 0.5 else floor


def tick_increment(start: float, stop: float, count: float) -> float:
    """d3-array's ``tickIncrement``: the tick step, or its negated inverse for steps below 1
    (``-10`` for 0.1), so that ticks are exact multiples.

    Raises:
        ValueError: not ``start < stop`` (finite) and ``count > 0``.
    """
    if not (math.isfinite(start) and math.isfinite(stop) and start < stop and count > 0):
        raise ValueError(
            f"tick_increment needs start < stop and count > 0, got {start}, {stop}, {count}"
        )
    return _tick_spec(start, stop, count)[2]


def nice_linear(start: float, stop: float, count: int = 10) -> tuple[float, float]:
    """d3-scale's ``linear.nice(count)`` of the domain ``[start, stop]``, ``start < stop``.

    Widened to multiples of the tick step until the step stops changing; as
    d3, the domain is left as it was when that takes more than 10 rounds.
    """
    low, high = start, stop
    prestep: float | None = None
    for _ in range(10):
        step = tick_increment(low, high, count)
        if step == prestep:
            return low, high
        if step > 0:
            low, high = math.floor(low / step) * step, math.ceil(high / step) * step
        else:  # the inverse of a step below 1
            low, high = math.ceil(low * step) / step, math.floor(high * step) / step
        prestep = step
    return start, stop


def nice_max(largest: float) -> float:
    """The top of the σ scale for σ up to ``largest`` pixels: d3's nice round number at or
    above it (``scaleLinear().domain([0, largest]).nice()``), 1 without a positive σ."""
    top = largest if math.isfinite(largest) and largest > 0 else 1.0
    return nice_linear(0.0, top)[1]


@dataclass(frozen=True)
class SigmaScale:
    """A σ colour scale (``ISigmaScale``): viridis from 0 to :attr:`max` pixels."""

    #: The top of the domain, in pixels: a round number ≥ the largest σ.
    max: float

    def color(self, sigma: float) -> RGB:
        """The colour of a σ in pixels, clamped to the domain (a NaN σ is 0, as ``|| 0``)."""
        t = sigma / self.max
        return interpolate_viridis(0.0 if math.isnan(t) else min(1.0, max(0.0, t)))


def sigma_scale(largest: float) -> SigmaScale:
    """The scale for σ up to ``largest`` pixels (``sigmaScale`` in TypeScript)."""
    return SigmaScale(nice_max(largest))
