"""The CheXmask format, shared by every view: ``columns`` (the vocabulary of the
CSVs), ``rle`` (the masks) and ``csv_file`` (reading a file into pandas).

Internal: the public API is what :mod:`jupyterlab_chexmask` exports.
"""
