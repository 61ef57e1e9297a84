"""Benchmark the kernel's pictures (issue 14): time and size per view kind, against the budgets.

For each kind of view, in one run:

- a 1024×1024 row of ``../shared/data/chexmask-preprocessed/CheXpert.csv`` (``cm.read_csv``),
  without an x-ray and over the package's sample x-ray;
- an RCA histogram of 657,566 rows: random Dice RCA scores across six datasets, binned by
  ``cm.rca_histogram`` of a DataFrame (the picture depends on the bins, not on the rows);
- a landmark plot of 10,000 rows: the 305 shared rows' landmarks, copied with a few pixels of
  random jitter;
- a comparison (``cm.compare``) of that row with the next CheXpert row: its agreement map;
- a gallery of the 305 shared rows over the sample x-ray (its picture: a contact sheet of
  the first 24 tiles).

it measures, as the median of ``--repeat`` runs, in wall-clock and CPU time (this process's;
on a machine other jobs share, CPU time is the steadier figure):

- ``floor``: the view's output without a picture (``static=False``): for a row, making the view
  and its MIME bundle (what ``cm.show`` costs when pictures are off); for the RCA histogram and
  the landmark plot, the bundle of a view made from the same payload (making the payload from
  the data is not the picture's business);
- ``picture``: drawing and encoding the picture alone (what ``static=True`` adds);
- ``with``: the same output with its picture;

and the picture's size: the PNG, and the bundle's two copies of it (``image/png`` in base64 and
the ``<img alt>`` in ``text/html``). The budgets are those of issue 14 (picture time; for a
1024² row also ≤ 25 KB of PNG and ≤ 45 KB for both copies), and the reference is the issue's
figure for today's row picture (144–333 ms); the older code is not run here.

    .venv/bin/python scripts/bench_pictures.py [--repeat 9] [--check]

With ``--check`` the exit status is 1 when a median CPU time or a size is over its budget.
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's package, whatever is installed

import jupyterlab_chexmask as cm  # noqa: E402
from jupyterlab_chexmask.common.display import PayloadDisplay  # noqa: E402
from jupyterlab_chexmask.common.picture import draw_picture  # noqa: E402

SHARED = Path(os.environ.get("CHEXMASK_SHARED_DATA") or REPO.parent / "shared" / "data")
PREPROCESSED = SHARED / "chexmask-preprocessed"
DATASETS = ["CANDID-PTX", "CheXpert", "ChestX-ray8", "MIMIC-CXR-JPG", "Padchest", "VinDr-CXR"]
RCA_ROWS = 657_566
LANDMARK_ROWS = 10_000
#: Issue 14's figure for today's picture of a 1024² row.
ROW_REFERENCE = "144–333 ms"


@dataclass(frozen=True)
class Case:
    """One kind of view: how to make it (with a given ``static``), and its budgets."""

    name: str
    make: Callable[[bool], PayloadDisplay]
    budget_ms: float
    budget_png_kb: float | None = None
    budget_total_kb: float | None = None
    reference: str = "—"


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``run``."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def rca_frame(rows: int, seed: int = 0) -> pd.DataFrame:
    """Random Dice RCA scores of ``rows`` rows across the six datasets (Mean ≤ Max mostly)."""
    rng = np.random.default_rng(seed)
    mean = rng.beta(12, 2.5, rows)
    return pd.DataFrame(
        {
            "Dice RCA (Mean)": mean,
            "Dice RCA (Max)": np.minimum(1.0, mean + rng.exponential(0.03, rows)),
            "dataset": rng.choice(DATASETS, rows),
        }
    )


def jittered_landmarks(rows: int, seed: int = 0) -> pd.DataFrame:
    """``rows`` rows: shared rows (with their id columns, so six datasets) whose landmarks
    are moved by up to 3 pixels per point, each copy differently."""
    from jupyterlab_chexmask.format.columns import ID_COLUMNS
    from jupyterlab_chexmask.format.landmarks import parse_landmarks

    shared = pd.concat([cm.read_csv(p) for p in sorted(PREPROCESSED.glob("*.csv"))])
    shared = shared.reset_index(drop=True)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(shared), rows)
    shapes = np.stack([parse_landmarks(v) for v in shared["Landmarks"]])
    moved = shapes[picks] + rng.integers(-3, 4, (rows, *shapes.shape[1:]))
    columns = [c for c in (*ID_COLUMNS, "Height", "Width") if c in shared.columns]
    frame = shared.iloc[picks][columns].reset_index(drop=True)
    frame["Landmarks"] = [",".join(map(str, shape.astype(int).ravel())) for shape in moved]
    return frame


def cases() -> list[Case]:
    row = cm.read_csv(PREPROCESSED / "CheXpert.csv").iloc[0]
    if (int(row["Height"]), int(row["Width"])) != (1024, 1024):
        raise SystemExit("the first CheXpert row is not 1024×1024")
    rca = cm.rca_histogram(rca_frame(RCA_ROWS), dataset_column="dataset", progress=False)
    rca_payload = rca.payload
    plot_payload = cm.landmarks(jittered_landmarks(LANDMARK_ROWS), static=False).payload
    frame = rca_frame(RCA_ROWS)
    histogram_payload = cm.histogram(
        frame, "Dice RCA (Mean)", by="dataset", threshold=0.7, static=False
    ).payload
    if len(plot_payload["rows"]) != LANDMARK_ROWS:
        raise SystemExit("the landmark plot lost rows")
    other = cm.read_csv(PREPROCESSED / "CheXpert.csv").iloc[1]
    shared = pd.concat([cm.read_csv(p) for p in sorted(PREPROCESSED.glob("*.csv"))])
    gallery_payload = cm.gallery(shared, images=lambda _: cm.sample_xray(), static=False).payload
    return [
        Case(
            "row 1024², no x-ray",
            lambda static: cm.row(row, static=static),
            30,
            25,
            45,
            ROW_REFERENCE,
        ),
        Case(
            "row 1024², sample x-ray",
            lambda static: cm.row(row, cm.sample_xray(), static=static),
            30,
            reference=ROW_REFERENCE,
        ),
        Case(
            f"RCA histogram, {RCA_ROWS:,} rows",
            lambda static: cm.RcaHistogram(rca_payload, static),
            50,
        ),
        Case(
            f"histogram by dataset, {RCA_ROWS:,} rows",
            lambda static: cm.Histogram(histogram_payload, static),
            50,
        ),
        Case(
            f"landmark plot, {LANDMARK_ROWS:,} rows",
            lambda static: cm.LandmarkPlot(plot_payload, "", static),
            300,
        ),
        Case(
            "compare 1024² pair (agreement map)",
            lambda static: cm.compare(row, other, static=static),
            30,
            25,
            45,
        ),
        Case(
            f"gallery, {len(gallery_payload['rows'])} rows with thumbnails",
            lambda static: cm.Gallery(gallery_payload, "", static),
            150,
        ),
    ]


def sizes(view: PayloadDisplay) -> tuple[float, float]:
    """The PNG's KB, and the KB of its two copies in the bundle (image/png and text/html)."""
    bundle = view._repr_mimebundle_()
    data: dict[str, Any] = bundle[0] if isinstance(bundle, tuple) else bundle
    png = base64.b64decode(data["image/png"])
    return len(png) / 1000, (len(data["image/png"]) + len(data["text/html"])) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs per figure (median)")
    parser.add_argument("--check", action="store_true", help="exit 1 when over a budget")
    args = parser.parse_args()
    if not PREPROCESSED.is_dir():
        raise SystemExit(f"no CheXmask data at {PREPROCESSED} (set CHEXMASK_SHARED_DATA)")

    print(f"building the views' data ({RCA_ROWS:,} RCA rows, {LANDMARK_ROWS:,} landmark rows)…")
    over = []
    header = (
        f"{'view':32} {'floor ms':>15} {'picture ms':>15} {'with ms':>15} {'budget':>7} "
        f"{'PNG KB':>7} {'2 copies KB':>11}  reference (today)"
    )
    print(f"median of {args.repeat}, wall / CPU\n{header}\n{'-' * len(header)}")
    for case in cases():
        floor = timed(lambda: case.make(False)._repr_mimebundle_(), args.repeat)  # noqa: B023
        view = case.make(True)
        picture = timed(lambda: draw_picture(view._draw), args.repeat)  # noqa: B023
        total = timed(lambda: case.make(True)._repr_mimebundle_(), args.repeat)  # noqa: B023
        png_kb, total_kb = sizes(view)
        budgets = f"≤{case.budget_ms:g}"
        flags = []
        if picture[1] > case.budget_ms:
            flags.append("time")
        if case.budget_png_kb is not None and png_kb > case.budget_png_kb:
            flags.append("PNG size")
        if case.budget_total_kb is not None and total_kb > case.budget_total_kb:
            flags.append("copies' size")
        over += [f"{case.name}: {flag}" for flag in flags]
        print(
            f"{case.name:32} {floor[0]:7.1f}/{floor[1]:<7.1f} {picture[0]:7.1f}/{picture[1]:<7.1f} "
            f"{total[0]:7.1f}/{total[1]:<7.1f} {budgets:>7} {png_kb:7.1f} {total_kb:11.1f}  "
            f"{case.reference}{'  OVER: ' + ', '.join(flags) if flags else ''}"
        )
    print(
        "\nbudgets (issue 14): a 1024² row's picture ≤ 30 ms and ≤ 25 KB (both copies ≤ 45 KB); "
        f"an RCA histogram of {RCA_ROWS:,} rows ≤ 50 ms; a landmark plot of "
        f"{LANDMARK_ROWS:,} rows ≤ 300 ms; a 1024² comparison's agreement map as a row's; "
        "a gallery's contact sheet ≤ 150 ms (picture CPU time)"
    )
    if over:
        print("over budget: " + "; ".join(over))
        if args.check:
            sys.exit(1)


if __name__ == "__main__":
    main()
