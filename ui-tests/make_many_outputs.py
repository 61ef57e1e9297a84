"""Write a notebook of many CheXmask row outputs, for the UI scale test.

    python make_many_outputs.py OUT.ipynb COUNT SHARED_DATA_DIR [--views | --saved | --reference]

Each code cell holds one real 1024×1024 row from the shared preprocessed
CSVs (cycling through them when COUNT is larger) with its output already
saved, as if the notebook had been run and sent to someone: opening it is
what is measured, not running it. The outputs hold:

- ``--views`` (the default): the views' payloads alone, without the kernel's
  picture, so that the views alone are measured;
- ``--saved``: the views with their kernel pictures, as ``cm.show`` writes
  them by default (what a notebook run and saved holds);
- ``--reference``: the same rows' kernel pictures as plain ``image/png``
  (what JupyterLab shows without this extension), the reference the figures
  are compared with.
"""

import glob
import os
import sys

import nbformat

import jupyterlab_chexmask as cm


def main(out: str, count: int, shared: str, kind: str = "views") -> None:
    rows = []
    for path in sorted(glob.glob(os.path.join(shared, "chexmask-preprocessed", "*.csv"))):
        frame = cm.read_csv(path)
        name = os.path.basename(path)
        rows.extend((name, i, frame.iloc[i]) for i in range(len(frame)))
    if not rows:
        raise SystemExit(f"no CheXmask rows under {shared}")
    notebook = nbformat.v4.new_notebook()
    # A kernel named, so opening it asks nothing.
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    notebook.cells.append(nbformat.v4.new_markdown_cell(f"# {count} CheXmask rows"))
    for k in range(count):
        name, i, row = rows[k % len(rows)]
        # --views: no kernel picture (static=False), so the view alone is measured.
        data, metadata = cm.row(row, static=kind != "views")._repr_mimebundle_(), {}
        if isinstance(data, tuple):
            data, metadata = data
        if kind == "reference":
            data = {"image/png": data["image/png"], "text/plain": data["text/plain"]}
        cell = nbformat.v4.new_code_cell(f"cm.show(rows[{name!r}].iloc[{i}])")
        cell.outputs = [nbformat.v4.new_output("display_data", data=data, metadata=metadata)]
        notebook.cells.append(cell)
    nbformat.write(notebook, out)


if __name__ == "__main__":
    kinds = [a[2:] for a in sys.argv[4:] if a in ("--views", "--saved", "--reference")]
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], kinds[-1] if kinds else "views")
