"""An nbconvert preprocessor that saves the notebook as it passes, for the headless-export test.

Given to ``jupyter nbconvert --execute --to html`` as
``--HTMLExporter.preprocessors=executed_capture.SaveExecuted``, it runs after the
default preprocessors (execution included), so the test can compare the exported
HTML with the outputs of the very same run instead of executing the notebook twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor

#: Where the executed notebook is written.
TARGET_ENV = "CHEXMASK_TEST_EXECUTED"

REPO = Path(__file__).resolve().parents[2]


def headless_env(executed: Path) -> dict[str, str]:
    """The environment of a headless ``jupyter nbconvert --execute`` run as a user has it.

    No ``CHEXMASK_*`` picture variables (the defaults), this module importable by the
    nbconvert process (``--HTMLExporter.preprocessors=executed_capture.SaveExecuted``
    saves the executed notebook to ``executed``), and, for a run outside make, the
    Makefile's Jupyter folders under ``build/`` so nothing lands in ``$HOME``.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CHEXMASK_PICTURES", "CHEXMASK_STATIC")
    }
    env[TARGET_ENV] = str(executed)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")])
    )
    for name, folder in [
        ("JUPYTER_CONFIG_DIR", "jupyter/config"),
        ("JUPYTER_DATA_DIR", "jupyter/data"),
        ("JUPYTER_RUNTIME_DIR", "jupyter/runtime"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env.setdefault(name, str(REPO / "build" / folder))
    return env


def export_executed(notebook: Path, out_dir: Path) -> tuple[str, nbformat.NotebookNode]:
    """``jupyter nbconvert --execute --to html notebook`` as a user runs it headless.

    Returns the HTML and the notebook as executed in that very run (saved by
    :class:`SaveExecuted`). Runs in ``out_dir``, where the HTML is written.
    """
    executed = out_dir / "executed.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--execute",
            "--to",
            "html",
            "--ExecutePreprocessor.kernel_name=python3",
            "--ExecutePreprocessor.timeout=600",
            "--HTMLExporter.preprocessors=executed_capture.SaveExecuted",
            "--output-dir",
            str(out_dir),
            str(notebook),
        ],
        env=headless_env(executed),
        cwd=out_dir,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    html = (out_dir / f"{notebook.stem}.html").read_text(encoding="utf-8")
    return html, nbformat.read(executed, as_version=4)


class SaveExecuted(Preprocessor):
    """Write the notebook to ``$CHEXMASK_TEST_EXECUTED`` and pass it on unchanged."""

    def preprocess(self, nb, resources):  # type: ignore[no-untyped-def]
        """Save ``nb`` and return it as it is."""
        nbformat.write(nb, os.environ[TARGET_ENV])
        return nb, resources
