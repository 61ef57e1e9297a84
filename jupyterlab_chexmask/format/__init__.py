"""The CheXmask format, shared by every view (``src/core/`` in the frontend):
``columns`` (the vocabulary of the CSVs), ``cells`` (missing, JSON-safe and
malformed cells, the mask size), ``rle`` (the masks), ``landmarks`` (the
``Landmarks`` cell) and ``csv_file`` (reading a file into pandas).

Internal: the public API is what :mod:`jupyterlab_chexmask` exports.
"""
