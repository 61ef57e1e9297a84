"""Issue 14, part 3 (b): a report notebook executed headless exports one picture per view.

The notebook of ``scripts/make_report_notebook.py`` (50 row views shown in loops, one RCA
histogram, two landmark plots: 53 views; the same notebook the JupyterLab test runs in
ui-tests/tests/report-export.spec.ts) is executed with ``jupyter nbconvert --execute --to
html`` and no environment variable: the kernel draws a picture into every view output by
default, so the HTML has 53 ``<img>``, each with its alt text.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import time
from pathlib import Path

from executed_capture import export_executed

import jupyterlab_chexmask as cm

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "scripts" / "make_report_notebook.py"
ROWS = 50
VIEWS = {cm.MIME_ROW: ROWS, cm.MIME_RCA: 1, cm.MIME_LANDMARKS: 2}


def test_report_executed_headless_exports_53_pictures_with_alt(tmp_path, shared_data) -> None:
    notebook = tmp_path / "report.ipynb"
    generate = [sys.executable, str(GENERATOR), str(notebook), "--rows", str(ROWS)]
    subprocess.run(
        [*generate, "--data", str(shared_data)],
        check=True,
        timeout=120,
    )
    started = time.perf_counter()
    body, executed = export_executed(notebook, tmp_path)
    seconds = time.perf_counter() - started
    page = tmp_path / "report.html"

    outputs = [
        output
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.get("output_type") in ("display_data", "execute_result")
    ]
    views = [o for o in outputs if any(mime in o["data"] for mime in VIEWS)]
    assert len(views) == len(outputs) == sum(VIEWS.values()) == 53
    for mime, count in VIEWS.items():
        assert sum(mime in o["data"] for o in views) == count, mime
    for output in views:
        alt = output["metadata"]["image/png"]["alt"]
        assert output["data"]["image/png"].startswith("iVBORw0K")
        assert alt.strip()
        assert output["data"]["text/html"].startswith(f'<img alt="{html.escape(alt)}"')

    images = re.findall(r"<img\b[^>]*>", body)
    with_alt = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,', body)
    assert len(images) == len(with_alt) == 53
    alts = [html.unescape(a) for a in with_alt]
    assert sum(a.startswith("CheXmask segmentation of ") for a in alts) == ROWS
    assert sum(a.startswith("RCA histogram of Dice RCA (Mean) for 6 datasets") for a in alts) == 1
    assert sum(a.startswith("Landmark plot of ") for a in alts) == 2
    assert alts == [o["metadata"]["image/png"]["alt"] for o in views]
    print(
        f"\nreport of 53 views executed headless and exported in {seconds:.1f} s: "
        f"{len(with_alt)} <img alt> in {page.stat().st_size / 2**20:.1f} MB of HTML"
    )
