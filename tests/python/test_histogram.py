"""``cm.histogram``: any numeric column per group, exact against numpy and pandas.

The table is ``cm.measure`` of every shared CheXmask row (../shared/data),
with a deterministic ``View Position`` column merged in as a user would.
Counts are checked bin by bin against direct comparisons with the grid's
edges, and the kept counts at every edge against pandas' own ``>=`` and
``<``; NaN is missing, infinity out of range, nothing is dropped; bad input
is a clear error naming the column; the payloads of two halves merge into
that of the whole.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.histogram.grid import edge_values

COLUMNS = ("CTR", "Heart area", "Right Lung area", "Dice RCA (Mean)")


@pytest.fixture(scope="module")
def measured(shared_data: Path) -> pd.DataFrame:
    """The measures of every shared row, with a View Position every third row AP."""
    files = sorted((shared_data / "chexmask-preprocessed").glob("*.csv"))
    table = cm.measure(files, progress=False)
    assert len(table) > 300
    table["View Position"] = np.where(np.arange(len(table)) % 3 == 0, "AP", "PA")
    return table


def edges_of(payload: dict) -> np.ndarray:
    start, bins = payload["start"], payload["bins"]
    return edge_values(np.arange(start, start + bins + 1), payload["exponent"])


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("by", [None, "dataset", "View Position"])
def test_counts_equal_direct_comparisons(measured: pd.DataFrame, column: str, by) -> None:
    payload = cm.histogram(measured, column, by=by, static=False).payload
    edges = edges_of(payload)
    groups = (
        {"all": measured}
        if by is None
        else {str(name): part for name, part in measured.groupby(by, sort=True)}
    )
    assert [g["name"] for g in payload["groups"]] == sorted(groups)
    for g in payload["groups"]:
        values = groups[g["name"]][column].to_numpy(dtype=float)
        present = values[~np.isnan(values)]
        # Bin i holds edges[i] <= v < edges[i + 1], by comparisons with the edges themselves.
        direct = [
            int(((present >= lo) & (present < hi)).sum()) for lo, hi in itertools.pairwise(edges)
        ]
        assert g["counts"] == direct
        assert g["rows"] == len(values)
        assert g["missing"] == int(np.isnan(values).sum())
        assert g["count"] == len(present)
        assert g["outOfRange"] == 0
        assert g["min"] == present.min()
        assert g["max"] == present.max()
        assert g["sum"] == pytest.approx(present.sum(), rel=1e-12)


@pytest.mark.parametrize("column", ["CTR", "Heart area"])
def test_kept_counts_equal_pandas_at_every_edge(measured: pd.DataFrame, column: str) -> None:
    h = cm.histogram(measured, column, by="View Position", static=False)
    payload = h.payload
    edges = edges_of(payload)
    for t in [*edges[:: max(1, len(edges) // 60)].tolist(), edges[-1]]:
        for keep, compare in ((">=", np.greater_equal), ("<", np.less)):
            table = h.summary(threshold=t, keep=keep)
            assert table.attrs["threshold"] == t
            for name, part in measured.groupby("View Position"):
                values = part[column].to_numpy(dtype=float)
                assert table.loc[name, "kept"] == int(compare(values, t).sum()), (t, keep)


def test_ctr_by_view_position_at_half(measured: pd.DataFrame) -> None:
    """What the Galata test checks in the view, here on the kernel's side."""
    h = cm.histogram(measured, "CTR", by="View Position", threshold=0.5, static=False)
    table = h.summary()
    counts = measured[measured["CTR"] >= 0.5].groupby("View Position").size()
    assert table["kept"].to_dict() == counts.to_dict()
    from jupyterlab_chexmask.histogram.picture import histogram_alt_text

    alt = histogram_alt_text(h.payload)
    assert alt.startswith("Histogram of CTR by View Position, keeping CTR ≥ 0.5")
    assert (
        f"AP {int((measured['View Position'] == 'AP').sum()):,} rows, {counts['AP']:,} kept" in alt
    )


def test_missing_and_infinite_values_are_counted(measured: pd.DataFrame) -> None:
    table = measured[["CTR", "dataset"]].copy()
    table.loc[table.index[:7], "CTR"] = np.nan
    table.loc[table.index[7:9], "CTR"] = np.inf
    table.loc[table.index[9], "CTR"] = -np.inf
    payload = cm.histogram(table, "CTR", static=False).payload
    (g,) = payload["groups"]
    assert (g["rows"], g["missing"], g["outOfRange"]) == (len(table), 7, 3)
    assert g["count"] == len(table) - 10 == sum(g["counts"])
    # With a range, values outside it are out of range too; nullable and object columns work.
    nullable = table["CTR"].astype("Float64")
    nullable.iloc[10] = pd.NA
    ranged = cm.histogram(
        pd.DataFrame({"CTR": nullable}), "CTR", range=(0.4, 0.6), static=False
    ).payload["groups"][0]
    finite = table["CTR"].to_numpy()[np.isfinite(table["CTR"].to_numpy())]
    assert ranged["missing"] == 8
    assert ranged["count"] == int(((finite >= 0.4) & (finite <= 0.6)).sum()) - (
        1 if 0.4 <= table["CTR"].iloc[10] <= 0.6 else 0
    )
    assert ranged["rows"] == ranged["count"] + ranged["missing"] + ranged["outOfRange"]
    objects = pd.DataFrame({"x": [0.5, None, 2, np.nan]}, dtype=object)
    g = cm.histogram(objects, "x", static=False).payload["groups"][0]
    assert (g["count"], g["missing"]) == (2, 2)
    booleans = cm.histogram(measured, "swapped", static=False).payload["groups"][0]
    assert booleans["count"] + booleans["missing"] == len(measured)


def test_missing_by_values_form_a_group(measured: pd.DataFrame) -> None:
    table = measured[["CTR", "View Position"]].copy()
    table.loc[table.index[:5], "View Position"] = None
    payload = cm.histogram(table, "CTR", by="View Position", static=False).payload
    assert [g["name"] for g in payload["groups"]] == ["AP", "PA", "(missing)"]
    assert [g["rows"] for g in payload["groups"]][-1] == 5
    assert sum(g["rows"] for g in payload["groups"]) == len(table)


def test_two_halves_merge_into_the_whole(measured: pd.DataFrame) -> None:
    half = len(measured) // 2
    options = {"by": "dataset", "step": 0.001, "static": False}
    whole = cm.histogram(measured, "CTR", **options)
    merged = cm.histogram(measured.iloc[:half], "CTR", **options) + cm.histogram(
        measured.iloc[half:], "CTR", **options
    )
    a, b = whole.payload, merged.payload
    assert (a["start"], a["bins"], a["exponent"]) == (b["start"], b["bins"], b["exponent"])
    by_name = {g["name"]: g for g in b["groups"]}
    assert sorted(by_name) == [g["name"] for g in a["groups"]]
    for g in a["groups"]:
        m = by_name[g["name"]]
        for key in ("rows", "counts", "missing", "outOfRange", "count", "min", "max"):
            assert m[key] == g[key], key
        assert m["sum"] == pytest.approx(g["sum"], rel=1e-12)
    with pytest.raises(ValueError, match="exponent differs"):
        whole + cm.histogram(measured, "CTR", by="dataset", step=0.01, static=False)


def test_the_picture_and_text(measured: pd.DataFrame, tmp_path: Path) -> None:
    h = cm.histogram(measured, "Heart area", by="dataset", bins=20, title="hearts")
    data, metadata = h._bundle()
    assert data["image/png"].startswith("iVBORw0K")
    assert (
        "Histogram of Heart area by dataset, keeping Heart area ≥" in metadata["image/png"]["alt"]
    )
    assert data["text/plain"].splitlines()[0] == "hearts"
    h.save(tmp_path / "h.png")
    assert (tmp_path / "h.png").read_bytes()[:4] == b"\x89PNG"
    assert "<Histogram of Heart area by dataset: CANDID-PTX" in repr(h)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda t: cm.histogram(t, "CTRX"), ValueError, "column 'CTRX' is not a column"),
        (lambda t: cm.histogram(t, "CTR", by="View"), ValueError, "by 'View' is not a column"),
        (lambda t: cm.histogram(t, "dataset"), ValueError, "column 'dataset' is not numeric"),
        (lambda t: cm.histogram(t, "problem"), ValueError, "column 'problem' is not numeric"),
        (
            lambda t: cm.histogram(
                t.assign(x=["a", 1.0] * (len(t) // 2) + [1.0] * (len(t) % 2)), "x"
            ),
            ValueError,
            "column 'x' is not numeric: row 0 holds 'a'",
        ),
        (lambda t: cm.histogram(t, "CTR", by="CTR"), ValueError, "more than 64|at most 64"),
        (lambda t: cm.histogram(t, "CTR", bins=0), ValueError, "bins must be"),
        (lambda t: cm.histogram(t, "CTR", keep=">"), ValueError, "keep must be"),
        (lambda t: cm.histogram(t, "CTR", step=0.003), ValueError, "power of ten"),
        (lambda t: cm.histogram(t, "CTR", step=1e-9), ValueError, "more than 100,000"),
        (lambda t: cm.histogram(t, "CTR", threshold=np.nan), ValueError, "threshold must be"),
        (lambda t: cm.histogram(t, "CTR", range=(1, 0)), ValueError, "range must be"),
        (lambda t: cm.histogram(t["CTR"], "CTR"), TypeError, "DataFrame"),
    ],
)
def test_bad_input_is_a_clear_error(measured: pd.DataFrame, call, error, message) -> None:
    with pytest.raises(error, match=message):
        call(measured)


def test_657566_rows_in_one_pass(measured: pd.DataFrame) -> None:
    """The release's size: every row counted, the same counts as the shared rows repeated."""
    reps = -(-657_566 // len(measured))
    big = pd.concat([measured] * reps, ignore_index=True).iloc[:657_566]
    small = cm.histogram(measured, "CTR", by="dataset", step=0.0001, static=False).payload
    payload = cm.histogram(big, "CTR", by="dataset", step=0.0001, static=False).payload
    assert sum(g["rows"] for g in payload["groups"]) == 657_566
    counts = np.asarray([g["counts"] for g in payload["groups"]])
    whole = np.asarray([g["counts"] for g in small["groups"]])
    # reps - 1 whole copies, then the first rows of one more.
    tail = cm.histogram(
        measured.iloc[: 657_566 - (reps - 1) * len(measured)],
        "CTR",
        by="dataset",
        step=0.0001,
        static=False,
    )
    expected = whole * (reps - 1)
    offset = tail.payload["start"] - small["start"]
    names = [g["name"] for g in small["groups"]]
    for g in tail.payload["groups"]:
        row = expected[names.index(g["name"])]
        row[offset : offset + tail.payload["bins"]] += g["counts"]
    assert (payload["start"], payload["bins"]) == (small["start"], small["bins"])
    assert counts.tolist() == expected.tolist()
    assert counts.sum() == np.isfinite(big["CTR"]).sum()
    assert (counts <= whole * reps).all()
