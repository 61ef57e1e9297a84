"""Benchmark ``measure`` against pandas merely reading the same CheXmask CSV.

Builds a CheXmask-format CSV of at least ``--size-mb`` MB (1 GB by default) in
``build/bench-measure/`` with :func:`bench_rca.build_file` (the real rows of
``../shared/data/chexmask-preprocessed``, repeated), then measures in one run,
alternating passes, each in a fresh process (so peak RSS values do not mix):

(a) ``jupyterlab_chexmask.measure(path, progress=False)`` with the compiled
    loops (``engine="numba"``; skipped, and said, when numba is not installed);
(b) the same with ``engine="pandas"`` (pandas reads every cell; worker processes);
(c) ``pandas.read_csv(path)``: all columns, nothing computed.

It prints each pass, the median MB/s of each (file bytes, 10^6, per second of
the call, imports excluded: a first call in the child loads the compiled
loops from numba's cache before the clock starts), the ratios of (a) and (b)
to (c) (the goal is > 1) and the peak RSS of each (also the largest worker
process). The file is deleted at the end unless ``--keep``.

    .venv/bin/python scripts/bench_measure.py [--size-mb 1024] [--passes 2] [--keep]
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_rca import REPO, median_line, prepare, run_child

OUT_DIR = REPO / "build" / "bench-measure"

CHILD_OURS = """
import json, resource, sys, time
import numpy as np
import jupyterlab_chexmask as cm
engine = sys.argv[2]
warm = 0.0
if engine == "numba":  # load the compiled loops (from numba's cache) before the clock starts
    from jupyterlab_chexmask.measure import compiled, fast
    t = time.perf_counter()
    fast.measure_chunk_bytes(["Path", "Heart"], np.frombuffer(b"a,1 2\\n", np.uint8), "x")
    compiled.record_cut(np.frombuffer(b"a\\n", np.uint8), 0, 2)
    warm = time.perf_counter() - t
t = time.perf_counter()
m = cm.measure(sys.argv[1], progress=False, engine=engine)
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "warm": warm, "rows": len(m),
                  "problems": int((m["problem"] != "").sum()),
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
    engines = ["numba", "pandas"] if importlib.util.find_spec("numba") else ["pandas"]
    if len(engines) == 1:
        print("numba is not installed: engine='numba' skipped")
    try:
        ours: dict[str, list[dict]] = {e: [] for e in engines}
        theirs = []
        for i in range(args.passes):
            line = [f"pass {i + 1}:"]
            for engine in engines:
                a = run_child(CHILD_OURS, path, engine)
                ours[engine].append(a)
                line.append(
                    f"measure[{engine}] {size_mb / a['seconds']:6.1f} MB/s "
                    f"({a['seconds']:.2f} s, warm-up {a['warm']:.2f} s, peak RSS "
                    f"{a['rss_mb']:.0f} MB, worker {a['worker_rss_mb']:.0f} MB, "
                    f"{a['problems']} problems) |"
                )
            b = run_child(CHILD_PANDAS, path)
            assert all(r[-1]["rows"] == b["rows"] for r in ours.values()), (ours, b)
            theirs.append(b)
            line.append(
                f"pd.read_csv {size_mb / b['seconds']:6.1f} MB/s "
                f"({b['seconds']:.2f} s, peak RSS {b['rss_mb']:.0f} MB)"
            )
            print(" ".join(line))
        print(f"rows: {theirs[0]['rows']}; load average {os.getloadavg()[0]:.1f}")
        medians = {e: median_line(f"measure[{e}]", ours[e], size_mb) for e in engines}
        med_b = median_line("pd.read_csv (all columns)", theirs, size_mb)
        for engine, med_a in medians.items():
            print(f"ratio measure[{engine}] / pd.read_csv: {med_a / med_b:.2f}x (goal > 1x)")
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)
            print(f"deleted {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
