"""Ask the repository's d3 (``node_modules/d3``, what the extension imports) under node.

The kernel ports a few d3 functions (viridis, a linear scale's ``nice``) to
draw the view's colours; the tests compare the ports with d3 itself rather
than with numbers copied from it. Without node (or the installed
``node_modules``) the tests are skipped with the reason, except under
``CI=true``, where that is an error (CI never passes by skipping them) but in
the minimum-versions venv of ``make test-dist``, which has no Node.js by design.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

#: d3's ES module bundle in the repository's installs (re-exports d3-array, d3-scale, …).
D3 = Path(__file__).resolve().parents[2] / "node_modules" / "d3" / "dist" / "d3.mjs"


def d3_eval(body: str, data: Any) -> Any:
    """Run ``body`` (JavaScript with ``d3`` and ``data`` in scope, returning a JSON-able value)
    under node and return what it returns. ``data`` goes in as JSON on stdin."""
    node = shutil.which("node")
    if node is None or not D3.is_file():
        reason = f"node and the repository's d3 ({D3}) are needed to compare with d3"
        # The minimum-versions venv (make test-dist) runs without Node.js on purpose;
        # the development venv's run (make pytest) has compared with d3 already.
        if os.environ.get("CI") == "true" and "venv-min" not in sys.prefix:
            raise RuntimeError(reason)
        pytest.skip(reason)
    script = (
        f"import * as d3 from {json.dumps(D3.as_uri())};\n"
        "let input = '';\n"
        "for await (const chunk of process.stdin) input += chunk;\n"
        "const data = JSON.parse(input);\n"
        f"const result = (() => {{ {body} }})();\n"
        "process.stdout.write(JSON.stringify(result));\n"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"node failed: {done.stderr}")
    return json.loads(done.stdout)
