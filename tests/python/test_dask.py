"""Dask: ``cm.measure`` and ``cm.rca_histogram`` of a ``dask.dataframe`` on a real cluster.

A ``distributed.LocalCluster`` of 2 worker processes (loopback only) measures
and counts the shared CSVs partition by partition; both results equal the
pandas results exactly. dask is the optional extra ``[dask]``: the min-version
venv (``build/venv-min``, without it) skips this module; any other venv must
have it (requirements-dev.txt lists it), so the tests cannot pass by skipping.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import jupyterlab_chexmask as cm

REPO = Path(__file__).resolve().parents[2]

if "venv-min" in sys.prefix:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
else:  # the dev venv: the extra is in requirements-dev.txt, so a failed import is an error
    import dask.dataframe as dd
    import distributed


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    start = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        workers = len(dask_client.scheduler_info()["workers"])
        yield dask_client
        print(f"\ndask: {workers} worker processes, {time.perf_counter() - start:.1f} s")


def _csvs(shared_data: Path) -> list[Path]:
    return sorted(shared_data.glob("*/*.csv"))


def test_import_does_not_import_dask() -> None:
    code = (
        "import sys, jupyterlab_chexmask; "
        "assert not {'dask', 'distributed'} & set(sys.modules), 'dask imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_cluster_has_two_workers(client: distributed.Client) -> None:
    assert len(client.scheduler_info()["workers"]) == 2


def test_measure_equals_pandas(client: distributed.Client, shared_data: Path) -> None:
    for path in _csvs(shared_data):
        frame = pd.read_csv(path, dtype=str)
        expected = cm.measure(frame, progress=False)
        for ddf in (
            dd.read_csv(path, dtype=str, blocksize=50_000),
            dd.from_pandas(frame, npartitions=3),
        ):
            lazy = cm.measure(ddf)
            assert isinstance(lazy, dd.DataFrame), "a lazy dask DataFrame"
            assert list(lazy.columns) == list(expected.columns), path.name
            got = lazy.compute()
            pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, obj=path.name)


def test_measure_keeps_the_index(client: distributed.Client, shared_data: Path) -> None:
    frame = pd.read_csv(shared_data / "chexmask-preprocessed" / "CheXpert.csv", dtype=str)
    ddf = dd.from_pandas(frame, npartitions=4)
    got = cm.measure(ddf)
    assert got.divisions == ddf.divisions
    pd.testing.assert_frame_equal(got.compute(), cm.measure(frame, progress=False))


def test_rca_histogram_equals_pandas(client: distributed.Client, shared_data: Path) -> None:
    paths = _csvs(shared_data)
    frames = [pd.read_csv(p, dtype=str) for p in paths]
    # One frame of every dataset: the datasets split across partitions, in order.
    everything = pd.concat(frames, ignore_index=True)
    cases = [
        (f, dd.read_csv(p, dtype=str, blocksize=50_000)) for f, p in zip(frames, paths, strict=True)
    ]
    cases.append((everything, dd.from_pandas(everything, npartitions=7)))
    for frame, ddf in cases:
        for options in ({}, {"bins": 100, "raw_values_limit": 60}, {"raw_values_limit": 0}):
            expected = cm.rca_histogram(frame, progress=False, **options).payload
            got = cm.rca_histogram(ddf, progress=False, **options).payload
            assert got == expected
    # Raw values beyond the limit are dropped as the pandas path drops them.
    small = cm.rca_histogram(cases[-1][1], raw_values_limit=10, progress=False).payload
    assert small == cm.rca_histogram(everything, raw_values_limit=10, progress=False).payload
    # A dataset column.
    labelled = everything.assign(site="a")
    labelled.loc[labelled.index % 3 == 1, "site"] = "b"
    labelled.loc[labelled.index % 5 == 2, "site"] = None
    expected = cm.rca_histogram(labelled, dataset_column="site", progress=False).payload
    got = cm.rca_histogram(
        dd.from_pandas(labelled, npartitions=5), dataset_column="site", progress=False
    ).payload
    assert got == expected
    assert [d["name"] for d in got["datasets"]] == ["a", "b", "unknown"]


def test_rca_histogram_missing_column(client: distributed.Client) -> None:
    ddf = dd.from_pandas(pd.DataFrame({"Dice RCA (Mean)": ["0.9"]}), npartitions=1)
    with pytest.raises(ValueError, match="Dice RCA"):
        cm.rca_histogram(ddf, progress=False)


def test_histogram_of_lazy_measures_equals_pandas(
    client: distributed.Client, shared_data: Path
) -> None:
    """``cm.histogram(cm.measure(ddf), ...)``: the counted columns are computed, so the payload
    is that of the pandas measures, split by any column."""
    frames = [pd.read_csv(p, dtype=str) for p in _csvs(shared_data)]
    everything = pd.concat(frames, ignore_index=True)
    lazy = cm.measure(dd.from_pandas(everything, npartitions=5))
    measures = cm.measure(everything, progress=False)
    for column, by in (("CTR", "dataset"), ("Heart area", None), ("Dice RCA (Mean)", "swapped")):
        got = cm.histogram(lazy, column, by=by, threshold=0.5, static=False).payload
        assert got == cm.histogram(measures, column, by=by, threshold=0.5, static=False).payload
    with pytest.raises(ValueError, match=r"^column 'Nope' is not a column of the table"):
        cm.histogram(lazy, "Nope")
    with pytest.raises(ValueError, match=r"^by 'Nope' is not a column of the table"):
        cm.histogram(lazy, "CTR", by="Nope")
    with pytest.raises(ValueError, match="examples= is not available for a dask DataFrame"):
        cm.histogram(lazy, "CTR", examples=4)
