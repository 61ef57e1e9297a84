"""The kernel side of the row parity test (``src/__tests__/row-parity.spec.ts``).

Reads cases ``[{"name": ..., "cells": {...}}]`` as JSON on stdin (non-finite
numbers as ``{"__float__": "nan" | "inf" | "-inf"}``), makes each row's view
as a user would (``cm.row(cells)``, with its picture for the cases flagged
``static``) and writes, per case, the payload the view will get and what the
kernel says about the row: its verdict (the field of the error), warnings,
areas, mask sources, ratio, the picture's alt text, whether it has a picture
and the note saying why not.

The kernel's picture follows the view's rules on the same table of cases: a row
the view refuses gets no picture but a one-line note naming the field, any
other row gets one. This script checks that itself and fails (exit status 1,
the case named on stderr) otherwise.
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

    Raises:
        SystemExit: the picture broke the rules above.
    """
    view = cm.row(cells, static=static)
    summary = summarize(row_cells(cells))
    picture, note = False, None
    if static:
        bundle = view._repr_mimebundle_()
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        alt = metadata.get("image/png", {}).get("alt")
        picture = "image/png" in data
        lines = data["text/plain"].splitlines()
        note = lines[-1].strip() if lines[-1].strip().startswith("picture:") else None
        field = None if summary.error is None else summary.error.field
        if picture == (field is not None) or (
            field is not None and not (note or "").startswith(f"picture: not drawn ({field}:")
        ):
            raise SystemExit(
                f"python_side: the picture breaks the view's rules: error field {field!r}, "
                f"picture {picture}, note {note!r}"
            )
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
        "picture": picture,
        "note": note,
    }


def main() -> None:
    cases = json.load(sys.stdin, object_hook=_decode)
    reports = [report(case["cells"], bool(case.get("static"))) for case in cases]
    json.dump(reports, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()
