"""The demo notebook runs top to bottom on a fresh machine (synthetic sample, no data)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import jupyterlab_chexmask as cm

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo.ipynb"
VIEWS = (cm.MIME_ROW, cm.MIME_RCA, cm.MIME_LANDMARKS)


def test_demo_notebook_executes_and_shows_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first row as a view object (the cell's last expression), then flagged rows shown
    in a loop: one output each, the first of them swapped; every view carries a picture (the
    default: the kernel inherits no switch)."""
    monkeypatch.delenv("CHEXMASK_PICTURES", raising=False)
    monkeypatch.delenv("CHEXMASK_STATIC", raising=False)
    notebook = nbformat.read(DEMO, as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(DEMO.parent)}},
    ).execute()
    outputs = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.get("output_type") in ("execute_result", "display_data")
    ]
    rows = [o for o in outputs if cm.MIME_ROW in o["data"]]
    assert [o["output_type"] for o in rows] == ["execute_result"] + ["display_data"] * 3
    assert rows[0]["data"][cm.MIME_ROW]["image"]["mimeType"] == "image/png"
    assert "values look swapped" in rows[1]["data"]["text/plain"]
    views = [o for o in outputs if any(m in o["data"] for m in VIEWS)]
    assert len(views) == 7
    assert all("image/png" in o["data"] and o["metadata"]["image/png"]["alt"] for o in views)
    assert not any(o["data"].get("text/plain") == "None" for o in outputs)
