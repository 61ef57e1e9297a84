"""What every view shares: ``display`` (the one base class of the displayed
objects, its MIME bundle, ``show()`` and ``save()``, the payload version and
MIME types), ``picture`` (the kernel's picture: when to draw it, the
``pictures`` switch, PNG encoding, how a bundle carries it), ``chart`` (the drawing
primitives of static charts), ``colors`` (the settings' default organ colours
and opacity) and ``js_numbers`` (numbers written as the frontend writes them).

Internal: the public API is what :mod:`jupyterlab_chexmask` exports.
"""
