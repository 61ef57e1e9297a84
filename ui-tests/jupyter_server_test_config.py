"""JupyterLab server configuration for the Galata UI tests.

Galata needs its own server set-up (``configure_jupyter_server``); CI and the
sessions run as root; deleted test folders must not pile up in a trash.
"""

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821
c.FileContentsManager.delete_to_trash = False  # noqa: F821
c.ServerApp.open_browser = False  # noqa: F821
