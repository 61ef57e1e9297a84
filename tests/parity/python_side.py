"""The kernel side of the row parity test (``src/__tests__/row-parity.spec.ts``).

Reads cases ``[{"name": ..., "cells": {...}}]`` as JSON on stdin (non-finite
numbers as ``{"__float__": "nan" | "inf" | "-inf"}``), shows each row as a
user would (``cm.show(cells, static=True)``) and writes, per case, the payload
the view will get and what the kernel says about the row: its verdict (the
field of the error), warnings, areas, mask sources, ratio and the picture's
alt text.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.format.cells import row_cells
from jupyterlab_chexmask.row.picture import row_alt_text
from jupyterlab_chexmask.row.summary import summarize


def _decode(value: dict[str, Any]) -> Any:
    if set(value) == {"__float__"}:
        return float(value["__float__"])
    return value


def report(cells: dict[str, Any], static: bool) -> dict[str, Any]:
    """The payload and the kernel's verdict for one row.

    With ``static`` the picture is drawn and its alt text is the bundle's;
    otherwise (the many plain shared rows, to keep the test fast) it is the
    text the bundle would carry.
    """
    view = cm.show(cells, static=static)
    summary = summarize(row_cells(cells))
    if static:
        bundle = view._repr_mimebundle_()
        metadata = bundle[1] if isinstance(bundle, tuple) else {}
        alt = metadata.get("image/png", {}).get("alt")
    else:
        alt = None if summary.error else row_alt_text(summary)
    return {
        "payload": view.payload,
        "error_field": None if summary.error is None else summary.error.field,
        "error": None if summary.error is None else str(summary.error),
        "warnings": list(summary.warnings),
        "pixels": summary.pixels,
        "sources": summary.sources,
        "ctr": summary.ctr,
        "alt": alt,
    }


def main() -> None:
    cases = json.load(sys.stdin, object_hook=_decode)
    reports = [report(case["cells"], bool(case.get("static"))) for case in cases]
    json.dump(reports, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()
