"""Numbers written as the frontend (JavaScript) writes them.

So the kernel's messages, summaries and alt text say what the view says, to the digit.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def js_number(number: float) -> str:
    """A number as JavaScript's ``String(n)`` writes it (``1`` not ``1.0``)."""
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    return repr(number)


def to_fixed(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals, rounded as JavaScript's ``toFixed`` rounds.

    ``toFixed`` rounds the exact binary value half up, where Python's format
    rounds half to even: 0.0625 is ``0.063`` in the view and would be ``0.062``.
    """
    exact = Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{exact:.{digits}f}"
