"""An nbconvert preprocessor that saves the notebook as it passes, for the headless-export test.

Given to ``jupyter nbconvert --execute --to html`` as
``--HTMLExporter.preprocessors=executed_capture.SaveExecuted``, it runs after the
default preprocessors (execution included), so the test can compare the exported
HTML with the outputs of the very same run instead of executing the notebook twice.
"""

from __future__ import annotations

import os

import nbformat
from nbconvert.preprocessors import Preprocessor

#: Where the executed notebook is written.
TARGET_ENV = "CHEXMASK_TEST_EXECUTED"


class SaveExecuted(Preprocessor):
    """Write the notebook to ``$CHEXMASK_TEST_EXECUTED`` and pass it on unchanged."""

    def preprocess(self, nb, resources):  # type: ignore[no-untyped-def]
        """Save ``nb`` and return it as it is."""
        nbformat.write(nb, os.environ[TARGET_ENV])
        return nb, resources
