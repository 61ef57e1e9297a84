"""Benchmark ``rca_histogram`` against pandas' chunked ``read_csv`` on a large CheXmask CSV.

Builds a CheXmask-format CSV of at least ``--size-mb`` MB (1 GB by default) in
``build/bench-rca/`` from the real rows in ``../shared/data/chexmask-preprocessed``
(every file's columns unified to one layout, the Dice values varied a little on
each repetition), then measures in one run, alternating passes:

(a) ``rca_histogram(path, progress=False)``;
(b) ``pandas.read_csv(path, usecols=[the two Dice columns], chunksize=100_000)``,
    binning each chunk with the same function;
(c) for reference, (a) with the worker processes turned off.

It prints each pass, the median MB/s of both, their ratio (the target is >= 3x)
and the peak RSS of each (each run in a fresh process so the peaks do not mix;
for ``rca_histogram`` also the largest of its worker processes, which scan
parts of the file on the other CPUs). MB/s is file bytes (10^6) per second of
the call, imports excluded. The big file is deleted at the end unless ``--keep``.

    .venv/bin/python scripts/bench_rca.py [--size-mb 1024] [--passes 3] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHEXMASK_SHARED_DATA") or REPO.parent / "shared" / "data")
OUT_DIR = REPO / "build" / "bench-rca"
MEAN, MAX = "Dice RCA (Mean)", "Dice RCA (Max)"
ID = "Path"
LAYOUT = [ID, MEAN, MAX, "Landmarks", "Left Lung", "Right Lung", "Heart", "Height", "Width"]
ID_COLUMNS = ["Path", "Image Index", "dicom_id", "ImageID", "image_id"]


def build_file(path: Path, size_mb: float, seed: int = 0) -> int:
    """Write a CheXmask CSV of at least ``size_mb`` MB; returns its row count."""
    frames = []
    for csv_path in sorted((SHARED / "chexmask-preprocessed").glob("*.csv")):
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        id_column = next(c for c in ID_COLUMNS if c in frame.columns)
        frames.append(frame.rename(columns={id_column: ID})[LAYOUT])
    rows = pd.concat(frames, ignore_index=True)
    # Everything after the two Dice columns, written once as CSV text, one line per row.
    tails = rows[LAYOUT[3:]].to_csv(index=False, header=False, lineterminator="\n").splitlines()
    assert len(tails) == len(rows), "a preprocessed row spans several lines"
    ids = rows[ID].tolist()
    mean = rows[MEAN].astype(float).to_numpy()
    top = rows[MAX].astype(float).to_numpy()
    rng = np.random.default_rng(seed)
    target = int(size_mb * 1024 * 1024)
    written = 0
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(",".join(LAYOUT) + "\n")
        rep = 0
        while written < target:
            jitter = rng.normal(0.0, 0.03, size=(2, len(ids)))
            m = np.clip(mean + jitter[0], 0.0, 1.0)
            x = np.clip(top + jitter[1], 0.0, 1.0)
            lines = [
                f"{rid}-{rep},{a!r},{b!r},{tail}\n"
                for rid, a, b, tail in zip(ids, m.tolist(), x.tolist(), tails, strict=True)
            ]
            block = "".join(lines)
            out.write(block)
            written += len(block.encode("utf-8"))
            count += len(ids)
            rep += 1
    return count


CHILD_OURS = """
import json, resource, sys, time
from jupyterlab_chexmask import rca_histogram
t = time.perf_counter()
h = rca_histogram(sys.argv[1], progress=False)
dt = time.perf_counter() - t
d = h.payload["datasets"][0]
print(json.dumps({"seconds": dt, "rows": d["rows"], "counts": sum(d["mean"]["counts"]),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

# The same in this process only (no worker processes), for reference.
CHILD_OURS_SINGLE = CHILD_OURS.replace(
    "from jupyterlab_chexmask import rca_histogram",
    "from jupyterlab_chexmask import rca_histogram\n"
    "from jupyterlab_chexmask.rca import reader\n"
    "reader.MAX_WORKERS = 1",
)

CHILD_PANDAS = """
import json, resource, sys, time
import numpy as np, pandas as pd
from jupyterlab_chexmask.rca.bins import bin_values
MEAN, MAX = "Dice RCA (Mean)", "Dice RCA (Max)"
t = time.perf_counter()
counts = np.zeros(1000, dtype=np.int64); rows = 0
for chunk in pd.read_csv(sys.argv[1], usecols=[MEAN, MAX], chunksize=100_000):
    rows += len(chunk)
    counts += bin_values(chunk[MEAN].to_numpy(dtype=float), 1000).counts
    bin_values(chunk[MAX].to_numpy(dtype=float), 1000)
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "rows": rows, "counts": int(counts.sum()),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_child(code: str, path: Path, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def prepare(doc: str, out_dir: Path, passes: int) -> tuple[argparse.Namespace, Path, float]:
    """The command line (``--size-mb``, ``--passes``, ``--keep``), the big file (built if
    needed) and its size in MB (10^6 bytes); shared with ``bench_measure.py``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1024.0)
    parser.add_argument("--passes", type=int, default=passes)
    parser.add_argument("--keep", action="store_true", help="keep the generated CSV")
    args = parser.parse_args()

    path = out_dir / f"bench-{int(args.size_mb)}mb.csv"
    if not path.exists() or path.stat().st_size < args.size_mb * 1024 * 1024:
        t = time.perf_counter()
        rows = build_file(path, args.size_mb)
        print(f"built {path.relative_to(REPO)}: {rows} rows in {time.perf_counter() - t:.1f} s")
    return args, path, path.stat().st_size / 1e6


def median_line(label: str, runs: list[dict], size_mb: float) -> float:
    """Print the median MB/s and the peak RSS of ``runs`` (and of their workers); the median."""
    median = statistics.median(size_mb / r["seconds"] for r in runs)
    workers = [r["worker_rss_mb"] for r in runs if "worker_rss_mb" in r]
    extra = f" (+ worker processes, each at most {max(workers):.0f} MB)" if workers else ""
    print(
        f"median {label}: {median:.1f} MB/s, "
        f"peak RSS {max(r['rss_mb'] for r in runs):.0f} MB{extra}"
    )
    return median


def main() -> None:
    args, path, size_mb = prepare(__doc__, OUT_DIR, 3)
    print(
        f"file: {size_mb:.0f} MB (1 MB = 10^6 bytes); load average {os.getloadavg()[0]:.2f}, "
        f"{os.cpu_count()} CPUs"
    )
    try:
        # A first read of each so both start with the file in the page cache.
        run_child(CHILD_OURS, path)
        ours, theirs, single = [], [], []
        for i in range(args.passes):
            a = run_child(CHILD_OURS, path)
            b = run_child(CHILD_PANDAS, path)
            c = run_child(CHILD_OURS_SINGLE, path)
            assert a["rows"] == b["rows"] == c["rows"]
            assert a["counts"] == b["counts"] == c["counts"]
            ours.append(a)
            theirs.append(b)
            single.append(c)
            print(
                f"pass {i + 1}: rca_histogram {size_mb / a['seconds']:7.1f} MB/s "
                f"({a['seconds']:.2f} s, peak RSS {a['rss_mb']:.0f} MB, "
                f"worker {a['worker_rss_mb']:.0f} MB) | "
                f"pandas {size_mb / b['seconds']:7.1f} MB/s "
                f"({b['seconds']:.2f} s, peak RSS {b['rss_mb']:.0f} MB) | "
                f"single process {size_mb / c['seconds']:7.1f} MB/s"
            )
        print(f"rows: {ours[0]['rows']}")
        med_a = median_line("rca_histogram", ours, size_mb)
        med_b = median_line("pandas usecols+chunksize", theirs, size_mb)
        med_c = statistics.median(size_mb / r["seconds"] for r in single)
        print(
            f"median rca_histogram in one process (workers off): {med_c:.1f} MB/s, "
            f"peak RSS {max(r['rss_mb'] for r in single):.0f} MB ({med_c / med_b:.2f}x pandas)"
        )
        print(
            f"ratio: {med_a / med_b:.2f}x (target >= 3x); load average now {os.getloadavg()[0]:.2f}"
        )
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)
            print(f"deleted {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
