"""``cm.histogram(..., examples=k)``: rows per group per band, exact and deterministic.

The table is ``cm.measure`` of every shared CheXmask row (../shared/data)
joined with those rows as ``cm.read_csv`` reads them. The sampled rows are
checked against the test's own pandas selection: each row's fine bin by
comparisons with the grid's edges, and per (group, band) the ``k`` rows of
smallest key (53 bits of pandas' hash of the image id); the same sample
whatever the row order; merged halves keep exactly the sample of the whole
at the merged bands; a table without the masks is a clear error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import jupyterlab_chexmask as cm
from jupyterlab_chexmask.format.columns import ID_COLUMNS
from jupyterlab_chexmask.histogram.grid import edge_values

SCHEMAS = Path(__file__).resolve().parents[2] / "schema" / "payloads"


@pytest.fixture(scope="module")
def table(shared_data: Path) -> pd.DataFrame:
    """Measures and rows of every shared row, joined on the image id."""
    files = sorted((shared_data / "chexmask-preprocessed").glob("*.csv"))
    measured = cm.measure(files, progress=False)
    rows = pd.concat([cm.read_csv(f) for f in files], ignore_index=True)
    ids = [c for c in ID_COLUMNS if c in rows.columns]
    m_id = measured[ids].bfill(axis=1).iloc[:, 0]
    r_id = rows[ids].bfill(axis=1).iloc[:, 0]
    extra = rows[[c for c in rows.columns if c not in measured.columns]].assign(_id=r_id)
    joined = measured.assign(_id=m_id).merge(extra, on="_id", validate="one_to_one")
    assert len(joined) == len(measured) > 300
    return joined


def expected_sample(t: pd.DataFrame, payload: dict[str, Any], k: int, band_bins: int) -> dict:
    """The test's own selection: per (group, band) the ids of the k smallest keys."""
    start, bins, exponent = payload["start"], payload["bins"], payload["exponent"]
    edges = edge_values(np.arange(start, start + bins + 1), exponent)
    values = t[payload["column"]].to_numpy(dtype=float)
    fine = np.searchsorted(edges, values, side="right") - 1 + start  # edges[i] <= v < edges[i+1]
    ok = np.isfinite(values) & (values >= edges[0]) & (values < edges[-1])
    ident = t["_id"].astype(str)
    key = pd.util.hash_pandas_object(ident, index=False).to_numpy(np.uint64) >> np.uint64(11)
    frame = pd.DataFrame(
        {
            "group": t[payload["by"]].astype(str) if payload["by"] else "all",
            "band": fine // band_bins,
            "bin": fine,
            "key": key.astype(object),
            "id": ident,
            "place": np.arange(len(t)),
        }
    )[ok]
    frame = frame.sort_values(["group", "band", "key", "place"])
    chosen = frame.groupby(["group", "band"], sort=False).head(k)
    return {
        g: list(zip(part["id"], part["bin"].astype(int), strict=True))
        for g, part in chosen.groupby("group", sort=True)
    }


def sample_of(payload: dict[str, Any]) -> dict:
    return {
        g["name"]: [(r["id"], r["bin"]) for r in g["examples"]["rows"]] for g in payload["groups"]
    }


@pytest.mark.parametrize(("column", "by", "k"), [("CTR", "dataset", 2), ("Heart area", None, 3)])
def test_sample_equals_pandas_selection(table: pd.DataFrame, column: str, by, k: int) -> None:
    payload = cm.histogram(table, column, by=by, examples=k, static=False).payload
    band_bins = payload["groups"][0]["examples"]["bandBins"]
    assert sample_of(payload) == expected_sample(table, payload, k, band_bins)
    value_of = table.set_index("_id")[column]
    for g in payload["groups"]:
        ex = g["examples"]
        assert ex["perBand"] == k
        assert ex["bandBins"] == band_bins
        for row in ex["rows"]:
            # The tile shows the row's own value of the column, and small tiles.
            assert row["values"] == {column: value_of[row["id"]]}
            assert max(row["tile"]["height"], row["tile"]["width"]) in (48, 40)
            assert row["landmarks"] is None
            assert len(json.dumps(row)) <= 1024
    # Some band holds more than k rows, so the sample does choose.
    assert sum(len(v) for v in sample_of(payload).values()) < len(table)


def test_band_is_the_first_drawn_bar(table: pd.DataFrame) -> None:
    from jupyterlab_chexmask.histogram.grid import width_for

    payload = cm.histogram(table, "CTR", bins=20, examples=1, static=False).payload
    ex = payload["groups"][0]["examples"]
    assert ex["bandBins"] == width_for(payload["start"], payload["bins"], 20)


def test_deterministic_whatever_the_row_order(table: pd.DataFrame) -> None:
    a = cm.histogram(table, "CTR", by="dataset", examples=2, static=False).payload
    b = cm.histogram(table, "CTR", by="dataset", examples=2, static=False).payload
    shuffled = table.sample(frac=1.0, random_state=7)
    c = cm.histogram(shuffled, "CTR", by="dataset", examples=2, static=False).payload
    assert json.dumps(a) == json.dumps(b)
    assert sample_of(a) == sample_of(c)


def test_merged_halves_keep_the_sample_of_the_whole(table: pd.DataFrame) -> None:
    # Alternate rows: every group is in both parts.
    opts: dict[str, Any] = {"by": "dataset", "step": 0.001, "examples": 2, "static": False}
    a = cm.histogram(table.iloc[::2], "CTR", bins=40, **opts)
    b = cm.histogram(table.iloc[1::2], "CTR", bins=15, **opts)
    merged = (a + b).payload
    widths = {p.payload["groups"][0]["examples"]["bandBins"] for p in (a, b)}
    band_bins = int(np.lcm.reduce(list(widths)))
    for g in merged["groups"]:
        assert g["examples"]["bandBins"] == band_bins
    assert sample_of(merged) == expected_sample(table, merged, 2, band_bins)


def test_no_row_data_is_an_error_naming_the_columns(table: pd.DataFrame) -> None:
    measured = table.drop(columns=["Right Lung", "Left Lung", "Heart"])
    with pytest.raises(ValueError, match="'Right Lung', 'Left Lung', 'Heart'"):
        cm.histogram(measured, "CTR", examples=2)
    with pytest.raises(ValueError, match="examples must be a whole number"):
        cm.histogram(table, "CTR", examples=-1)
    payload = cm.histogram(measured, "CTR", static=False).payload
    assert all("examples" not in g for g in payload["groups"])


def test_schema_and_size(table: pd.DataFrame) -> None:
    schemas = {f.name.split(".")[0]: json.loads(f.read_text()) for f in SCHEMAS.glob("*.v1.json")}
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    validator = Draft202012Validator(schemas["histogram"], registry=registry)
    payload = cm.histogram(table, "CTR", by="dataset", examples=8, static=False).payload
    sent = json.loads(json.dumps(payload, allow_nan=False))
    assert [e.message[:200] for e in validator.iter_errors(sent)] == []
    bare = {**sent, "groups": [{**g, "examples": None} for g in sent["groups"]]}
    assert [e.message[:200] for e in validator.iter_errors(bare)] == []
    rows = sum(len(g["examples"]["rows"]) for g in sent["groups"])
    size, without = len(json.dumps(sent)), len(json.dumps(bare))
    print(
        f"\nCTR by dataset, examples=8: {rows} example rows, payload {size:,} bytes "
        f"({without:,} without examples; {(size - without) / rows:,.0f} bytes per example row)"
    )
