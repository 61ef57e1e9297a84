"""rca_histogram: sources, the binning rule, exact statistics, the payload and its display."""

from __future__ import annotations

import json
import math
import shutil
from collections import UserList
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jupyterlab_chexmask as cx
from jupyterlab_chexmask import MIME_RCA, RcaHistogram, rca_histogram, read_csv
from jupyterlab_chexmask.rca.bins import ScoreHistogram, bin_index, bin_values

MEAN, MAX = "Dice RCA (Mean)", "Dice RCA (Max)"
ROW_COUNTS = {  # CheXmask 1.0 (and CANDID-PTX from 0.1)
    "CheXpert": 187_825,
    "ChestX-ray8": 112_120,
    "MIMIC-CXR-JPG": 243_334,
    "Padchest": 96_184,
    "VinDr-CXR": 18_000,
    "CANDID-PTX": 19_235,
}


def frame(mean, top=None, **extra) -> pd.DataFrame:
    mean = list(mean)
    return pd.DataFrame({MEAN: mean, MAX: list(top) if top is not None else mean, **extra})


def reference_bin(v: float, bins: int) -> int:
    """The binning rule, written out one value at a time."""
    if v == 1.0:
        return bins - 1
    i = math.floor(v * bins)
    if i / bins > v:
        i -= 1
    elif (i + 1) / bins <= v:
        i += 1
    return min(bins - 1, i)


# --- binning ------------------------------------------------------------------------------------


def test_edge_cases() -> None:
    below, above = np.nextafter(0.7, 0.0), np.nextafter(0.7, 1.0)
    values = [0.0, 1.0, 0.7, below, above, math.nan, -0.1, 1.5, math.inf, -math.inf]
    h = bin_values(values, 1000)
    assert np.flatnonzero(h.counts).tolist() == [0, 699, 700, 999]
    assert h.counts[700] == 2
    assert h.counts[699] == 1
    assert h.counts[0] == 1
    assert h.counts[999] == 1
    assert bin_index([0.7, below, above, 0.0, 1.0], 1000).tolist() == [700, 699, 700, 0, 999]
    assert (h.missing, h.out_of_range, h.count) == (1, 4, 5)
    assert h.min == 0.0
    assert h.max == 1.0
    assert h.sum == math.fsum([0.0, 1.0, 0.7, below, above])
    # A threshold on an edge keeps exactly the values >= it.
    assert h.counts[700:].sum() == 3  # 0.7, 0.7 + 1 ulp, 1.0


@pytest.mark.parametrize("bins", [1, 7, 10, 100, 1000, 4096])
def test_rule_matches_the_reference_everywhere(bins: int) -> None:
    rng = np.random.default_rng(bins)
    edges = np.arange(bins + 1) / bins
    values = np.concatenate(
        [
            rng.random(5000),
            edges,
            np.nextafter(edges, -1.0),
            np.nextafter(edges, 2.0),
            rng.integers(0, 10**6, 2000) / 10**6,  # decimals such as 0.7 written in a CSV
        ]
    )
    values = values[(values >= 0) & (values <= 1)]
    expected = [reference_bin(float(v), bins) for v in values]
    assert bin_index(values, bins).tolist() == expected
    lower = np.arange(bins) / bins
    i = bin_index(values, bins)
    assert np.all(lower[i] <= values)
    assert np.all((values < (i + 1) / bins) | (values == 1.0))
    counts = bin_values(values, bins).counts
    for j in range(bins):  # kept at every edge below 1.0 is a direct count
        assert counts[j:].sum() == np.count_nonzero(values >= j / bins)


def test_statistics_are_exact_and_independent_of_chunking() -> None:
    rng = np.random.default_rng(7)
    values = np.concatenate([rng.random(30_000), [1e-300, 5e-324, 0.0, 1.0], rng.random(10) * 1e-9])
    whole = bin_values(values)
    assert whole.sum == math.fsum(values.tolist())
    assert whole.sum_squares == math.fsum((values * values).tolist())
    parts = ScoreHistogram(1000)
    for chunk in np.array_split(rng.permutation(values), 13):
        parts.merge(bin_values(chunk))
    assert parts.to_payload() == whole.to_payload()
    assert whole.min == 0.0
    assert whole.max == 1.0


# --- sources ------------------------------------------------------------------------------------


def test_dataframe_with_a_dataset_column() -> None:
    df = frame([0.8, 0.6, 0.9, math.nan], [0.9, 0.7, 0.8, 0.5], site=["a", "b", "a", None])
    payload = rca_histogram(df, dataset_column="site", progress=False).payload
    assert [d["name"] for d in payload["datasets"]] == ["a", "b", "unknown"]
    a = payload["datasets"][0]
    assert a["rows"] == 2
    assert a["swapped"] == 1
    assert a["values"] == {"mean": [0.8, 0.9], "max": [0.9, 0.8]}
    assert payload["datasets"][2]["mean"]["missing"] == 1
    with pytest.raises(ValueError, match="'nope'"):
        rca_histogram(df, dataset_column="nope", progress=False)


def test_dataframe_datasets_inferred_per_row(shared_data: Path) -> None:
    frames = [read_csv(p) for p in sorted((shared_data / "chexmask-preprocessed").glob("*.csv"))]
    combined = pd.concat(frames, ignore_index=True)
    payload = rca_histogram(combined, progress=False).payload
    got = {d["name"]: d["rows"] for d in payload["datasets"]}
    assert got == {
        "CANDID-PTX": 50,
        "CheXpert": 56,
        "ChestX-ray8": 50,
        "MIMIC-CXR-JPG": 49,
        "Padchest": 50,
        "VinDr-CXR": 50,
    }
    by_name = {d["name"]: d for d in payload["datasets"]}
    for df in frames:
        alone = rca_histogram(df, progress=False).payload["datasets"]
        assert len(alone) == 1
        assert alone[0] == by_name[alone[0]["name"]]
    assert by_name["Padchest"]["swapped"] == 30
    # No id column: one dataset, "all".
    assert [d["name"] for d in rca_histogram(frame([0.5]), progress=False).payload["datasets"]] == [
        "all"
    ]


def test_dict_and_lists_and_same_name_merging(shared_data: Path, tmp_path: Path) -> None:
    chexpert = shared_data / "chexmask-preprocessed" / "CheXpert.csv"
    padchest = shared_data / "chexmask-preprocessed" / "Padchest.csv"
    (tmp_path / "other").mkdir()
    twin = tmp_path / "other" / "CheXpert.csv"
    shutil.copy(chexpert, twin)

    single = rca_histogram(chexpert, progress=False).payload["datasets"][0]
    listed = rca_histogram([chexpert, str(padchest), twin], progress=False).payload
    assert [d["name"] for d in listed["datasets"]] == ["CheXpert", "Padchest"]
    merged = listed["datasets"][0]
    assert merged["rows"] == 2 * single["rows"]
    assert merged["mean"]["counts"] == [2 * c for c in single["mean"]["counts"]]
    assert merged["mean"]["sum"] == math.fsum([single["mean"]["sum"]] * 2)
    assert merged["values"]["mean"] == single["values"]["mean"] * 2

    df = pd.read_csv(chexpert)
    by_dict = rca_histogram(
        {"mine": df, "files": [chexpert, padchest], "CheXpert": twin}, progress=False
    ).payload
    assert [d["name"] for d in by_dict["datasets"]] == ["mine", "files", "CheXpert"]
    mine = by_dict["datasets"][0]
    assert {k: v for k, v in mine.items() if k != "name"} == {
        k: v for k, v in single.items() if k != "name"
    }
    assert by_dict["datasets"][1]["rows"] == single["rows"] + 50
    # A DataFrame and a file of the same name add up too.
    mixed = rca_histogram({"CheXpert": [df, chexpert]}, progress=False).payload["datasets"]
    assert len(mixed) == 1
    assert mixed[0]["rows"] == 2 * single["rows"]


def test_raw_values_only_for_small_datasets() -> None:
    df = frame(np.linspace(0, 1, 11), site=["a"] * 5 + ["b"] * 6)
    payload = rca_histogram(df, dataset_column="site", raw_values_limit=5, progress=False).payload
    assert payload["datasets"][0]["values"]["mean"] == np.linspace(0, 1, 11)[:5].tolist()
    assert payload["datasets"][1]["values"] is None
    assert (
        rca_histogram(df, raw_values_limit=0, progress=False).payload["datasets"][0]["values"]
        is None
    )


def test_any_sequence_of_sources_reads_as_a_list() -> None:
    """The annotation says ``Sequence``: a tuple or any other sequence is a list of sources."""
    listed = rca_histogram([frame([0.5]), frame([0.9])], progress=False).payload
    assert rca_histogram((frame([0.5]), frame([0.9])), progress=False).payload == listed
    assert rca_histogram(UserList([frame([0.5]), frame([0.9])]), progress=False).payload == listed
    named = rca_histogram({"a": UserList([frame([0.5])])}, progress=False).payload
    assert [(d["name"], d["rows"]) for d in named["datasets"]] == [("a", 1)]


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        rca_histogram(42)
    with pytest.raises(TypeError):
        rca_histogram([frame([0.5]), 3])
    for bins in (0, -1, 100_001, 1.5, True):
        with pytest.raises(ValueError, match="bins"):
            rca_histogram(frame([0.5]), bins=bins)
    with pytest.raises(ValueError, match="raw_values_limit"):
        rca_histogram(frame([0.5]), raw_values_limit=-1)
    with pytest.raises(ValueError, match=r"the DataFrame has no column 'Dice RCA \(Max\)'"):
        rca_histogram(pd.DataFrame({MEAN: [0.5]}))
    with pytest.raises(ValueError, match=r"the DataFrame 'x' has no column 'Dice RCA \(Mean\)'"):
        rca_histogram({"x": pd.DataFrame({MAX: [0.5]})})
    many = frame([0.5] * 65, site=[str(i) for i in range(65)])
    with pytest.raises(ValueError, match="more than 64 datasets"):
        rca_histogram(many, dataset_column="site")


def test_non_numeric_cells_are_missing() -> None:
    df = pd.DataFrame({MEAN: ["0.8", "", None, "abc"], MAX: [0.9, pd.NA, 0.5, 0.6]}, dtype=object)
    d = rca_histogram(df, progress=False).payload["datasets"][0]
    assert d["mean"]["missing"] == 3
    assert d["max"]["missing"] == 1
    nullable = pd.DataFrame({MEAN: pd.array([0.8, None], dtype="Float64"), MAX: [0.9, 0.95]})
    assert rca_histogram(nullable, progress=False).payload["datasets"][0]["mean"]["missing"] == 1


# --- payload and display ------------------------------------------------------------------------


def realistic(seed: int = 0) -> RcaHistogram:
    rng = np.random.default_rng(seed)
    frames = {}
    for name, rows in ROW_COUNTS.items():
        mean = np.clip(rng.beta(14, 3, rows), 0, 1)
        top = np.clip(mean + np.abs(rng.normal(0.04, 0.03, rows)), 0, 1)
        mean[rng.random(rows) < 0.001] = np.nan
        frames[name] = pd.DataFrame({MEAN: mean, MAX: top})
    return rca_histogram(frames, progress=False, title="CheXmask 1.0")


def test_payload_shape_and_size() -> None:
    h = realistic()
    payload = h.payload
    assert payload["version"] == 1
    assert payload["bins"] == 1000
    assert payload["title"] == "CheXmask 1.0"
    assert [d["name"] for d in payload["datasets"]] == list(ROW_COUNTS)
    for d in payload["datasets"]:
        assert set(d) == {"name", "rows", "swapped", "mean", "max", "values"}
        assert d["values"] is None  # more rows than raw_values_limit
        for score in ("mean", "max"):
            s = d[score]
            assert set(s) == {
                "counts",
                "missing",
                "outOfRange",
                "count",
                "sum",
                "sumSquares",
                "min",
                "max",
            }
            assert len(s["counts"]) == 1000
            assert all(type(c) is int for c in s["counts"])
            assert sum(s["counts"]) == s["count"]
            assert s["count"] + s["missing"] + s["outOfRange"] == d["rows"] == ROW_COUNTS[d["name"]]
            assert all(type(s[k]) is int for k in ("missing", "outOfRange", "count"))
            assert all(type(s[k]) is float for k in ("sum", "sumSquares", "min", "max"))
    text = json.dumps(payload, allow_nan=False)
    assert len(text.encode()) < 100_000, len(text)
    assert json.loads(h.to_json()) == payload


def test_payload_is_json_safe_with_nan_and_empty_datasets() -> None:
    df = frame([math.nan, math.inf, 0.5], [math.nan, 2.0, -math.inf])
    payload = rca_histogram(df, progress=False).payload
    json.dumps(payload, allow_nan=False)
    d = payload["datasets"][0]
    assert d["values"] == {"mean": [None, None, 0.5], "max": [None, 2.0, None]}
    assert d["max"]["min"] is None
    assert d["max"]["max"] is None
    assert d["max"]["count"] == 0
    empty = rca_histogram(pd.DataFrame({MEAN: [], MAX: []}), progress=False).payload
    assert empty["datasets"][0]["rows"] == 0
    json.dumps(empty, allow_nan=False)


def test_summary_is_exact_to_the_bin() -> None:
    rng = np.random.default_rng(3)
    mean = rng.beta(12, 3, 5000)
    mean[:7] = np.nan
    df = frame(mean, np.minimum(1, mean + 0.05))
    h = rca_histogram(df, progress=False)
    table = h.summary()
    row = table.loc["all"]
    values = mean[~np.isnan(mean)]
    assert row["rows"] == 5000
    assert row["missing"] == 7
    assert row["kept"] == np.count_nonzero(values >= 0.7)
    assert row["kept %"] == pytest.approx(100 * row["kept"] / values.size)
    assert row["mean"] == pytest.approx(values.mean(), rel=1e-12)
    for column, q in (("median", 0.5), ("p5", 0.05)):
        direct = np.quantile(values, q, method="inverted_cdf")
        assert abs(row[column] - direct) <= 0.0005 + 1e-12
        assert math.floor(row[column] * 1000) == bin_index([direct], 1000)[0]
    assert table.attrs["threshold"] == 0.7
    assert h.summary(threshold=0.8).loc["all", "kept"] == np.count_nonzero(values >= 0.8)
    maxes = h.summary(score="max")
    assert maxes.loc["all", "missing"] == 7
    with pytest.raises(ValueError, match="score must be 'mean' or 'max'"):
        h.summary(score="median")  # type: ignore[arg-type]


def test_mime_bundle_and_text(shared_data: Path) -> None:
    h = rca_histogram(
        sorted((shared_data / "chexmask-preprocessed").glob("*.csv")), progress=False, title="six"
    )
    bundle, metadata = h._repr_mimebundle_()  # with the kernel's picture, by default
    assert set(bundle) == {MIME_RCA, "text/plain", "image/png", "text/html"}
    assert set(metadata) == {"image/png"}
    assert bundle[MIME_RCA] is h.payload
    text = bundle["text/plain"]
    assert text.startswith("six\n")
    for name in ("CANDID-PTX", "CheXpert", "ChestX-Ray8", "MIMIC-CXR-JPG", "Padchest", "VinDr-CXR"):
        assert name in text
    assert "0.7" in text
    assert "kept" in text
    assert set(h._repr_mimebundle_(include=["text/plain"])) == {"text/plain"}
    assert set(h._repr_mimebundle_(exclude=["text/plain", "image/png", "text/html"])) == {MIME_RCA}
    assert "CheXpert 56 rows" in repr(h)
    assert MIME_RCA == "application/vnd.chexmask.rca.v1+json"
    assert cx.rca_histogram.__doc__
    assert cx.RcaHistogram.__doc__
