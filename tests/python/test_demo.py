"""The demo notebook runs top to bottom on a fresh machine (synthetic sample, no data)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

import jupyterlab_chexmask as cm

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo.ipynb"


def test_demo_notebook_executes_and_shows_rows() -> None:
    notebook = nbformat.read(DEMO, as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(DEMO.parent)}},
    ).execute()
    bundles = [
        output["data"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.get("output_type") == "execute_result"
    ]
    rows = [b for b in bundles if cm.MIME_ROW in b]
    assert len(rows) == 2
    assert rows[0][cm.MIME_ROW]["image"]["mimeType"] == "image/png"
    assert "values look swapped" in rows[1]["text/plain"]
