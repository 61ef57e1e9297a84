"""Write the report notebook of issue 14: many row views, one RCA histogram, two landmark plots.

    python scripts/make_report_notebook.py OUT.ipynb [--rows 50] [--data DIR] [--execute]

The notebook reads real rows from the shared preprocessed CSVs (``DIR/chexmask-preprocessed``;
``DIR`` defaults to ``$CHEXMASK_SHARED_DATA`` or ``../shared/data`` beside the repository) and
shows ``--rows`` of them with ``for r in ...: cm.show(r)`` in cells of ten, then the Dice RCA
histogram of every CSV and the landmark plots of one row and of every row: ``--rows`` + 3 view
outputs and nothing else that displays. The rows are taken in turn from each CSV, the first
rows of each file first.

Without ``--execute`` the notebook is written unexecuted (the JupyterLab test runs it in the
browser; the pytest runs it with ``jupyter nbconvert --execute``). With ``--execute`` it is
run here with nbclient (a ``python3`` kernel) and written with its outputs, e.g. for the
Notebook 7 test. The kernel inherits this process's environment: with no
``CHEXMASK_PICTURES`` every view output carries the kernel's picture.

Used by ui-tests/tests/report-export.spec.ts, ui-tests/tests/notebook7.spec.ts and
tests/python/test_report_export.py.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
#: Rows shown per code cell.
ROWS_PER_CELL = 10


def default_data() -> Path:
    """``$CHEXMASK_SHARED_DATA``, else ``../shared/data`` beside the repository."""
    return Path(os.environ.get("CHEXMASK_SHARED_DATA") or REPO.parent / "shared" / "data")


def report_notebook(rows: int, data: Path) -> nbformat.NotebookNode:
    """The unexecuted notebook: ``rows`` row views, an RCA histogram and two landmark plots."""
    folder = (data / "chexmask-preprocessed").resolve()
    files = sorted(str(p) for p in folder.glob("*.csv"))
    if not files:
        raise SystemExit(f"no CheXmask CSVs in {folder}")
    if rows < 1:
        raise SystemExit("--rows must be at least 1")
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    cell = nbformat.v4.new_code_cell
    notebook.cells = [
        nbformat.v4.new_markdown_cell(
            f"# A CheXmask report\n\n{rows} rows of the shared CheXmask CSVs, the Dice RCA "
            "histogram per dataset and the landmark shapes."
        ),
        cell(
            "import jupyterlab_chexmask as cm\n\n"
            "FILES = [\n" + "".join(f"    {f!r},\n" for f in files) + "]\n"
            "frames = [cm.read_csv(path) for path in FILES]\n"
            "# The first rows of each file in turn: row 0 of every file, then row 1, ...\n"
            "rows = [frame.iloc[i] for i in range(max(map(len, frames))) "
            "for frame in frames if i < len(frame)]\n"
            f"rows = rows[:{rows}]\n"
            "print(f'{len(rows)} of {sum(map(len, frames))} rows')"
        ),
    ]
    for start in range(0, rows, ROWS_PER_CELL):
        stop = min(start + ROWS_PER_CELL, rows)
        notebook.cells.append(cell(f"for r in rows[{start}:{stop}]:\n    cm.show(r)"))
    notebook.cells += [
        cell('cm.rca_histogram(FILES, progress=False, title="Dice RCA per dataset")'),
        cell("cm.landmarks(rows[0])"),
        cell('cm.landmarks(frames, title="Every row")'),
    ]
    return notebook


def execute(notebook: nbformat.NotebookNode, cwd: Path) -> None:
    """Run the notebook in a ``python3`` kernel, in place."""
    from nbclient import NotebookClient

    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
    ).execute()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the notebook to write")
    parser.add_argument("--rows", type=int, default=50, help="row views (50)")
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--execute", action="store_true", help="run it and keep the outputs")
    args = parser.parse_args()
    notebook = report_notebook(args.rows, args.data or default_data())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.execute:
        execute(notebook, args.out.parent.resolve())
    nbformat.write(notebook, args.out)


if __name__ == "__main__":
    main()
