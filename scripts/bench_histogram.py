"""Benchmark ``cm.histogram``'s payload on a table of the release's size, against references.

The table: ``cm.measure`` of the real shared rows (``../shared/data/chexmask-preprocessed``)
repeated to 657,566 rows (the masks of CheXmask 1.0), with a deterministic
``View Position`` column (every third row AP) as a user would merge in. In
one run, alternating passes, it times (median wall-clock ms):

(a) ``cm.histogram(table, "CTR", by=...)``: the whole payload (fine counts per
    group, missing and out-of-range counts, sums, extremes), for ``by`` the
    dataset and the View Position;
(b) references on the same rows: ``numpy.histogram`` of the column alone
    (one group, 1,000 equal bins: the least a histogram can cost),
    ``pandas.cut`` + ``groupby(...).value_counts()`` on the same fine edges
    per group (what a user would write), and ``cm.rca_histogram`` of the two
    Dice columns per dataset (the RCA view's payload).

It prints each time and the ratios to the references; nothing is asserted
(the machine is shared: compare ratios within a run).

    .venv/bin/python scripts/bench_histogram.py [--passes 5] [--rows 657566]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's package, installed or not

import jupyterlab_chexmask as cm  # noqa: E402
from jupyterlab_chexmask.histogram.grid import edge_values  # noqa: E402

PREPROCESSED = REPO.parent / "shared" / "data" / "chexmask-preprocessed"


def release_table(rows: int) -> pd.DataFrame:
    """The measured shared rows repeated to ``rows`` rows, with a View Position column."""
    measured = cm.measure(sorted(PREPROCESSED.glob("*.csv")), progress=False)
    reps = -(-rows // len(measured))
    table = pd.concat([measured] * reps, ignore_index=True).iloc[:rows].copy()
    table["View Position"] = np.where(np.arange(rows) % 3 == 0, "AP", "PA")
    return table


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--rows", type=int, default=657_566)
    args = parser.parse_args()
    table = release_table(args.rows)
    payload = cm.histogram(table, "CTR", by="dataset", static=False).payload
    edges = edge_values(
        np.arange(payload["start"], payload["start"] + payload["bins"] + 1),
        payload["exponent"],
    )
    ctr = table["CTR"].to_numpy()
    print(
        f"{len(table):,} rows; CTR in {payload['bins']:,} fine bins of 10^{payload['exponent']}; "
        f"{len(table['dataset'].unique())} datasets"
    )

    def pandas_cut() -> object:
        binned = pd.cut(table["CTR"], edges, right=False)
        return binned.groupby(table["dataset"], observed=False).value_counts()

    runs: dict[str, Callable[[], object]] = {
        "cm.histogram(CTR, by=dataset)": lambda: cm.histogram(
            table, "CTR", by="dataset", static=False
        ),
        "cm.histogram(CTR, by=View Position)": lambda: cm.histogram(
            table, "CTR", by="View Position", static=False
        ),
        "numpy.histogram(CTR, 1000 bins)": lambda: np.histogram(ctr[np.isfinite(ctr)], 1000),
        "pandas.cut + groupby value_counts": pandas_cut,
        "cm.rca_histogram(by dataset)": lambda: cm.rca_histogram(
            table[["Dice RCA (Mean)", "Dice RCA (Max)", "dataset"]],
            dataset_column="dataset",
            raw_values_limit=0,
            progress=False,
            static=False,
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.passes):
        for name, run in runs.items():
            times[name].append(timed(run))
    medians = {name: statistics.median(t) for name, t in times.items()}
    ours = medians["cm.histogram(CTR, by=dataset)"]
    print(f"median of {args.passes} passes, wall-clock ms (ratio: that / cm.histogram by dataset)")
    for name, ms in medians.items():
        print(f"  {name:38} {ms:9.1f} ms   ×{ms / ours:5.2f}")


if __name__ == "__main__":
    main()
