"""Benchmark ``measure`` against pandas merely reading the same CheXmask CSV.

Builds a CheXmask-format CSV of at least ``--size-mb`` MB (1 GB by default) in
``build/bench-measure/`` with :func:`bench_rca.build_file` (the real rows of
``../shared/data/chexmask-preprocessed``, repeated), then measures in one run,
alternating passes, each in a fresh process (so peak RSS values do not mix):

(a) ``jupyterlab_chexmask.measure(path, progress=False)``;
(b) ``pandas.read_csv(path)``: all columns, nothing computed.

It prints each pass, the median MB/s of both (file bytes, 10^6, per second of
the call, imports excluded), their ratio (the goal is > 1) and the peak RSS of
each (for ``measure`` also the largest worker process). The file is deleted
at the end unless ``--keep``.

    .venv/bin/python scripts/bench_measure.py [--size-mb 1024] [--passes 2] [--keep]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_rca import REPO, median_line, prepare, run_child

OUT_DIR = REPO / "build" / "bench-measure"

CHILD_OURS = """
import json, resource, sys, time
import jupyterlab_chexmask as cm
t = time.perf_counter()
m = cm.measure(sys.argv[1], progress=False)
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "rows": len(m), "problems": int((m["problem"] != "").sum()),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

CHILD_PANDAS = """
import json, resource, sys, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1])
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "rows": len(df),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    args, path, size_mb = prepare(__doc__, OUT_DIR, 2)
    print(f"file: {size_mb:.0f} MB (1 MB = 10^6 bytes); {os.cpu_count()} CPUs")
    try:
        ours, theirs = [], []
        for i in range(args.passes):
            a = run_child(CHILD_OURS, path)
            b = run_child(CHILD_PANDAS, path)
            assert a["rows"] == b["rows"], (a, b)
            ours.append(a)
            theirs.append(b)
            print(
                f"pass {i + 1}: measure {size_mb / a['seconds']:6.1f} MB/s "
                f"({a['seconds']:.2f} s, peak RSS {a['rss_mb']:.0f} MB, "
                f"worker {a['worker_rss_mb']:.0f} MB, {a['problems']} problems) | "
                f"pd.read_csv {size_mb / b['seconds']:6.1f} MB/s "
                f"({b['seconds']:.2f} s, peak RSS {b['rss_mb']:.0f} MB)"
            )
        print(f"rows: {ours[0]['rows']}")
        med_a = median_line("measure", ours, size_mb)
        med_b = median_line("pd.read_csv (all columns)", theirs, size_mb)
        print(f"ratio: {med_a / med_b:.2f}x (goal > 1x)")
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)
            print(f"deleted {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
