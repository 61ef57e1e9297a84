"""What every view shares: ``display`` (the one base class of the displayed
objects, its MIME bundle, the payload version and MIME types), ``picture``
(the static picture and the ``static`` switch), ``chart`` (the drawing
primitives of static charts), ``colors`` (the settings' default organ colours
and opacity) and ``js_numbers`` (numbers written as the frontend writes them).

Internal: the public API is what :mod:`jupyterlab_chexmask` exports.
"""
