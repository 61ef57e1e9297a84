"""The σ colour scale's ports equal d3: viridis, ``tickIncrement`` and a linear scale's nice top.

``jupyterlab_chexmask.common.sigma_scale`` ports them so the kernel's pictures
colour σ as the views do (``src/common/sigma-scale.ts``). Every expected value
is d3's own, asked under node (``d3_node.py``), over grids that cross the
places where a port could slip: powers of ten, the 1–2–5 thresholds, the
table's 256 band edges and their neighbouring doubles.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from d3_node import d3_eval

from jupyterlab_chexmask.common.sigma_scale import (
    VIRIDIS,
    SigmaScale,
    interpolate_viridis,
    nice_linear,
    nice_max,
    sigma_scale,
    tick_increment,
)


def _around(value: float) -> list[float]:
    """A value and its neighbouring doubles."""
    return [math.nextafter(value, -math.inf), value, math.nextafter(value, math.inf)]


def _maxima() -> list[float]:
    """Largest σ to make scales for: round and threshold values at many scales, their
    neighbours, every σ of two decimals up to 30 px and log-spread random values."""
    values: set[float] = set()
    for power in range(-6, 7):
        for mantissa in (1, 1.5, 2, 2.5, 3, 3.7, 5, 7.5, 9.3, 9.99, 10):
            values.update(_around(mantissa * 10.0**power))
        for threshold in (math.sqrt(2), math.sqrt(10), math.sqrt(50)):
            # tickSpec compares the step (a tenth of the max) with these.
            values.update(_around(threshold * 10.0 ** (power + 1)))
    values.update(k / 100 for k in range(1, 3001))
    rng = np.random.default_rng(17)
    values.update((10.0 ** rng.uniform(-5, 6, 3000)).tolist())
    return sorted(values)


def test_nice_max_and_tick_increment_equal_d3() -> None:
    """The nice top equals d3's on the whole grid, the tick step from a largest σ of 0.01 px
    up (σ are written with two decimals).

    Below, the step's power of ten is 10⁻⁴ or less, and the error
    ``step / Math.pow(10, power)`` is compared with the 1–2–5 thresholds: V8's
    ``Math.pow(10, -4)`` is 0.00009999999999999999, not 0.0001 (nor is
    ``-5``; other engines may round it right), so within one ulp of a threshold
    node's step can differ from libm's. The nice top does not: the last round
    of ``nice`` takes the step of the widened domain, away from the threshold.
    """
    maxima = _maxima()
    expected = d3_eval(
        "return data.map(m => [d3.scaleLinear().domain([0, m]).nice().domain()[1],"
        " d3.tickIncrement(0, m, 10)]);",
        maxima,
    )
    tops = [(m, nice_max(m), e[0]) for m, e in zip(maxima, expected, strict=True)]
    wrong = [case for case in tops if case[1] != case[2]]
    assert not wrong, f"{len(wrong)} of {len(maxima)} nice tops differ from d3, e.g. {wrong[:5]}"
    steps = [
        (m, tick_increment(0, m, 10), e[1])
        for m, e in zip(maxima, expected, strict=True)
        if m >= 0.01
    ]
    wrong = [case for case in steps if case[1] != case[2]]
    assert not wrong, f"{len(wrong)} of {len(steps)} steps differ from d3, e.g. {wrong[:5]}"
    assert len(steps) > 4000


def test_nice_of_a_domain_not_from_zero_equals_d3() -> None:
    domains = [(a, b) for a in (-7.3, 0.02, 1.1, 97.0) for b in (1.2, 3.3, 150.0, 1e4) if a < b]
    expected = d3_eval("return data.map(d => d3.scaleLinear().domain(d).nice().domain());", domains)
    assert [list(nice_linear(a, b)) for a, b in domains] == expected


def test_a_few_nice_tops_checked_by_hand() -> None:
    """Ten ticks over [0, 3.7] step 0.5 → 4; over [0, 0.93] step 0.1 → 1; over [0, 12.3]
    step 1 → 13 (d3 says 13, checked under node too); no positive σ → 1."""
    assert [nice_max(m) for m in (3.7, 0.93, 12.3, 0.0, -1.0, math.nan)] == [4, 1, 13, 1, 1, 1]
    assert d3_eval(
        "return data.map(m => d3.scaleLinear().domain([0, m]).nice().domain()[1]);",
        [3.7, 0.93, 12.3],
    ) == [4, 1, 13]


def test_viridis_equals_d3() -> None:
    ts = {i / 2000 for i in range(-20, 2021)}
    for k in range(257):
        ts.update(_around(k / 256))
    grid = sorted(ts)
    expected = d3_eval("return data.map(t => d3.interpolateViridis(t));", grid)
    got = ["#{:02x}{:02x}{:02x}".format(*interpolate_viridis(t)) for t in grid]
    wrong = [(t, g, e) for t, g, e in zip(grid, got, expected, strict=True) if g != e]
    assert not wrong, f"{len(wrong)} of {len(grid)} differ from d3, e.g. {wrong[:5]}"
    assert len(VIRIDIS) == 256  # every entry is hit by the grid: (k + 0.5) / 256 lies in it


def test_a_sigma_colour_equals_the_views() -> None:
    """``sigmaScale(largest).color(σ)``: viridis of σ / nice top, clamped, NaN as 0."""
    rng = np.random.default_rng(4)
    cases = [
        (float(m), float(s))
        for m, s in zip(rng.uniform(0.1, 12, 300), rng.uniform(-1, 14, 300), strict=True)
    ]
    cases += [(5.0, math.nan), (5.0, 0.0), (5.0, 5.0), (0.0, 0.3)]
    expected = d3_eval(
        # src/common/sigma-scale.ts's colour, on d3's scale and viridis.
        "return data.map(([m, s]) => {"
        " const top = m > 0 ? m : 1;"
        " const max = d3.scaleLinear().domain([0, top]).nice().domain()[1];"
        " return d3.interpolateViridis(Math.min(1, Math.max(0, s / max)) || 0); });",
        [[m, None if math.isnan(s) else s] for m, s in cases],
    )
    got = ["#{:02x}{:02x}{:02x}".format(*sigma_scale(m).color(s)) for m, s in cases]
    assert got == expected


def test_bad_domains_are_refused() -> None:
    for start, stop in ((1.0, 1.0), (2.0, 1.0), (0.0, math.inf), (math.nan, 1.0)):
        with pytest.raises(ValueError, match="start < stop"):
            tick_increment(start, stop, 10)
    assert SigmaScale(4.0).color(math.inf) == VIRIDIS[-1]
