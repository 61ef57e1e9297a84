"""The fine grid of a histogram payload: a decimal lattice (as ``src/histogram/grid.ts``).

Fine bins are ``10**exponent`` wide and aligned on its multiples. Edge ``k`` is
``k / 10**-exponent`` for a negative exponent and ``k * 10**exponent``
otherwise, in float64, with ``10**n`` the correctly rounded literal ``1en``
(so edge 700 at exponent -3 is the double nearest 0.7, which ``0.7`` is). A
value ``v`` lies in lattice bin ``k`` when ``edge(k) <= v < edge(k + 1)``:
the frontend bins with the same rule, so a threshold on an edge keeps
exactly the values ``>=`` it (or ``<`` it), and pandas' own comparisons
with that threshold count the same rows.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from ..types import FloatArray, IntArray

#: The exponents a payload may have (``MIN_EXPONENT``, ``MAX_EXPONENT`` in ``grid.ts``).
MIN_EXPONENT = -300
MAX_EXPONENT = 300

#: An automatic grid gives the data's range at least this many fine bins (and fewer than
#: ten times as many).
MIN_FINE_BINS = 500
#: The drawn bins when the payload does not say (``DEFAULT_SHOWN_BINS``).
DEFAULT_SHOWN_BINS = 50

#: Lattice indices stay below this, so they and their neighbours are exact in float64.
_SAFE_INDEX = 2.0**52


def power_of_ten(n: int) -> float:
    """``10**n`` as the correctly rounded double (the literal ``1e<n>``, as in JavaScript)."""
    return float(f"1e{n}")


def edge_values(k: npt.ArrayLike, exponent: int) -> FloatArray:
    """The values of lattice edges ``k`` (an array or a number)."""
    kf = np.asarray(k, dtype=np.float64)
    if exponent < 0:
        return np.asarray(kf / power_of_ten(-exponent), dtype=np.float64)
    return np.asarray(kf * power_of_ten(exponent), dtype=np.float64)


def edge_value(k: int, exponent: int) -> float:
    """The value of one lattice edge."""
    return float(edge_values(k, exponent))


def lattice_index(values: npt.ArrayLike, exponent: int) -> IntArray:
    """The lattice bin of each finite value: ``edge(k) <= v < edge(k + 1)`` (``latticeIndex``)."""
    v = np.asarray(values, dtype=np.float64)
    scaled = v * power_of_ten(-exponent) if exponent < 0 else v / power_of_ten(exponent)
    k = np.floor(scaled).astype(np.int64)
    k -= edge_values(k, exponent) > v
    k += edge_values(k + 1, exponent) <= v
    return k


def nearest_edge(value: float, exponent: int) -> int:
    """The lattice edge nearest ``value``, a tie going up (``nearestEdge``)."""
    k = int(lattice_index(value, exponent))
    below = value - edge_value(k, exponent)
    above = edge_value(k + 1, exponent) - value
    return k + 1 if above <= below else k


def decimals_of(exponent: int) -> int:
    """Decimals that write every edge exactly: 3 at exponent -3, none from 0 up."""
    return max(0, -exponent)


def auto_exponent(low: float, high: float) -> int:
    """The largest power of ten giving ``[low, high]`` at least :data:`MIN_FINE_BINS` bins.

    Also coarse enough that lattice indices stay exact. One value (``low ==
    high``) gets bins of a thousandth of its magnitude; zero, of 0.001.
    """
    span = high - low
    magnitude = max(abs(low), abs(high))
    if span > 0:
        e = math.floor(math.log10(span / MIN_FINE_BINS))
        # log10 of a float can land a hair off: settle on the rule itself.
        while e > MIN_EXPONENT and span / power_of_ten(e) < MIN_FINE_BINS:
            e -= 1
        while span / power_of_ten(e) >= 10 * MIN_FINE_BINS:
            e += 1
    else:
        e = math.floor(math.log10(magnitude)) - 3 if magnitude > 0 else -3
    if magnitude > 0:
        e = max(e, math.ceil(math.log10(magnitude / _SAFE_INDEX)))
    return min(MAX_EXPONENT, max(MIN_EXPONENT, e))


def exponent_of_step(step: float) -> int:
    """The exponent of a fine-bin width that must be a power of ten (``0.001``, ``1``, ``100``).

    Raises:
        ValueError: ``step`` is not a positive power of ten in the lattice's range.
    """
    if (
        isinstance(step, bool)
        or not isinstance(step, (int, float, np.integer, np.floating))
        or not math.isfinite(step)
        or step <= 0
    ):
        raise ValueError(f"step must be a power of ten such as 0.001, 1 or 100, got {step!r}")
    e = round(math.log10(step))
    if not MIN_EXPONENT <= e <= MAX_EXPONENT or not math.isclose(
        float(step), power_of_ten(e), rel_tol=1e-9
    ):
        raise ValueError(f"step must be a power of ten such as 0.001, 1 or 100, got {step!r}")
    return e


def nice_factors(limit: int) -> list[int]:
    """The nice widths of drawn bins, in fine bins: 1, 2, 5, 10, 20, 50, ... up to ``limit``."""
    factors: list[int] = []
    p = 1
    while p <= limit:
        factors += [m * p for m in (1, 2, 5) if m * p <= limit]
        p *= 10
    return factors


def drawn_range(start: int, bins: int, factor: int) -> tuple[int, int]:
    """The drawn bins of width ``factor`` covering the fine bins: the first's index and how many."""
    first = start // factor
    last = (start + bins - 1) // factor
    return first, last - first + 1


def width_choices(start: int, bins: int) -> list[int]:
    """Nice widths drawing 2 to 2,000 bins over the fine grid (``widthChoices``)."""
    usable = [
        f for f in nice_factors(max(1, bins * 10)) if 2 <= drawn_range(start, bins, f)[1] <= 2000
    ]
    return usable or [1]


def width_for(start: int, bins: int, target: int) -> int:
    """The width drawing the number of bins nearest ``target``, on a log scale (``widthFor``)."""
    best = None
    for f in width_choices(start, bins):
        n = drawn_range(start, bins, f)[1]
        if best is None or abs(math.log(n / target)) < abs(
            math.log(drawn_range(start, bins, best)[1] / target)
        ):
            best = f
    assert best is not None  # width_choices is never empty
    return best
