"""What every view shares: ``display`` (the one base class of the displayed
objects and their MIME bundle), ``picture`` (the static picture and the
``static`` switch) and ``chart`` (the drawing primitives of static charts).

Internal: the public API is what :mod:`jupyterlab_chexmask` exports.
"""
