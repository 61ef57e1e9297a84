"""Distributions of the CheXmask quality scores (Dice RCA Mean and Max), per dataset.

:func:`rca_histogram` counts both scores of every row into fine bins over
[0, 1], per dataset (:mod:`.bins`), from DataFrames or straight from CSV files
of any size (streamed, see :mod:`.reader`). The result displays in JupyterLab
as an interactive histogram (MIME type :data:`MIME_RCA`) and as a text table
elsewhere (:mod:`.summary`).

The payload is described by the JSON Schema ``schema/payloads/rca.v1.json``;
the binning rule and the exactness of the sums are those of :mod:`.bins`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..common.display import PAYLOAD_VERSION, PayloadDisplay, mime_type
from ..common.examples import check_examples, example_row
from ..format.columns import DICE_MAX_COLUMN, DICE_MEAN_COLUMN, RECOMMENDED_MIN_DICE_MEAN
from ..types import FloatArray, Source
from .bins import Dataset
from .examples import BAND_WIDTH, ExampleSampler, frame_records, read_records
from .reader import dataset_name_of, read_dice_columns
from .sources import (
    DEFAULT_DATASET,
    add_frame,
    collect_sources,
    frame_names,
    is_dask_frame,
    is_path,
    progress_bar,
)
from .summary import Score, summary_frame, summary_text

if TYPE_CHECKING:
    from PIL import Image

#: The MIME type the JupyterLab extension renders as an RCA histogram
#: (``application/vnd.chexmask.rca.v1+json``).
MIME_RCA = mime_type("rca")

#: Limits the frontend accepts (``MAX_BINS`` and ``MAX_DATASETS`` in ``src/rca/payload.ts``).
MAX_BINS = 100_000
MAX_DATASETS = 64


class RcaHistogram(PayloadDisplay):
    """Per-dataset histograms of Dice RCA (Mean) and (Max); made by :func:`rca_histogram`.

    In JupyterLab (with the extension) it renders as an interactive histogram;
    elsewhere as its picture (drawn in Python), or as a table of the datasets
    (see :meth:`summary`) when pictures are off. As a cell's last expression it
    is displayed; :meth:`show` displays it at once, :meth:`save` writes its picture.
    """

    MIME = MIME_RCA

    def __init__(self, payload: dict[str, Any], static: bool | None = None) -> None:
        """Wrap a payload (the text is its table); ``static`` as for :func:`rca_histogram`."""
        super().__init__(payload, summary_text(payload), static)

    def _draw(self) -> tuple[Image.Image, str]:
        # Imported here: Pillow only loads when a picture is drawn.
        from .picture import rca_picture

        return rca_picture(self._payload)

    def summary(
        self, threshold: float = RECOMMENDED_MIN_DICE_MEAN, score: Score = "mean"
    ) -> pd.DataFrame:
        """One row per dataset: counts, the rows kept at ``threshold``, mean, median and p5.

        Columns: ``rows``; ``missing`` and ``out_of_range`` (of the score);
        ``kept``, the values ``>= threshold``; ``kept %``, kept as a percentage
        of the binned values (rows with a score in [0, 1]); ``mean``, exact
        (``sum / count``); ``median`` and ``p5``, the **centre of the fine
        bin** holding the value of rank ``max(1, ceil(q * count))`` (the
        "inverted CDF" quantile), so they are within half a bin width
        (0.0005 at 1000 bins) of the exact quantile; ``swapped``. The same
        numbers as the JupyterLab view's table.

        ``threshold`` snaps to the nearest fine-bin edge (0.7 is an edge for
        any multiple of 10 bins); at an edge ``kept`` is exact.

        Args:
            threshold: The minimum score kept (CheXmask recommends 0.7 for the Mean).
            score: ``"mean"`` for Dice RCA (Mean) or ``"max"`` for Dice RCA (Max).

        """
        return summary_frame(self._payload, threshold, score)

    def __repr__(self) -> str:
        """One line: the datasets and their row counts."""
        parts = ", ".join(f"{d['name']} {d['rows']} rows" for d in self._payload["datasets"])
        return f"<RcaHistogram {self._payload['bins']} bins: {parts}>"


def rca_histogram(
    source: Source,
    *,
    bins: int = 1000,
    dataset_column: str | None = None,
    raw_values_limit: int = 10_000,
    progress: bool = True,
    title: str | None = None,
    static: bool | None = None,
    examples: int = 0,
) -> RcaHistogram:
    """Histograms of Dice RCA (Mean) and (Max) per dataset, from DataFrames or CSVs of any size.

    CSV files are streamed reading only the two Dice columns, never the masks,
    in bounded memory (a 32 MB memory-mapped window, whatever the file's
    size) and several times faster than ``pandas.read_csv(usecols=...)``
    (see ``scripts/bench_rca.py``); a plain file of 512 MB or more is split
    between this process and worker processes on the other CPUs (see
    :mod:`.reader`).

    Args:
        source: One of
            - a pandas DataFrame, or a ``dask.dataframe`` DataFrame (each
              partition counted by dask, on a cluster's workers if a
              ``distributed`` client is active, and merged: the same payload
              as the pandas DataFrame of its rows, exactly;
              ``pip install jupyterlab_chexmask[dask]``), with the columns
              ``Dice RCA (Mean)`` and
              ``Dice RCA (Max)``; each row's dataset is ``dataset_column`` if
              given, else inferred from the image-id column (``Path`` is
              CheXpert, ``ImageID`` Padchest or CANDID-PTX by the id, ...),
              else ``"all"``;
            - a dict of dataset name to a DataFrame, a CSV path or a list of
              CSV paths;
            - a CSV path (``str`` or ``Path``; ``.csv`` or ``.csv.gz``, any
              CheXmask layout) or a list of paths (or DataFrames). A file's
              dataset is its name without ``.csv``/``.csv.gz``:
              ``MIMIC-CXR-JPG.csv.gz`` is ``MIMIC-CXR-JPG``.
            Sources with the same dataset name add up.
        bins: Fine bins over [0, 1] (1 to 100,000); the view merges them into
            coarser ones exactly, so keep a multiple of 10 for a 0.7 edge.
        dataset_column: For DataFrames: the column naming each row's dataset.
        raw_values_limit: Send each dataset's raw values too when it has at
            most this many rows (0: never).
        progress: Show a progress bar (bytes read from disk; compressed bytes
            for gzip) while reading files.
        title: A caption for the view.
        examples: Carry up to this many example rows per dataset per 0.05-wide band of
            Dice RCA (Mean) (0: none; at most 100), a deterministic uniform sample
            (see :mod:`.examples`), which the view shows as a gallery under the
            chart. For CSV files the sample is drawn while scanning the two score
            columns; only the sampled records are parsed afterwards.
        static: Whether the output carries the histogram drawn in Python
            (numpy and Pillow: Dice RCA (Mean) per dataset, the threshold 0.7)
            as ``image/png`` and an ``<img alt>`` in ``text/html``. ``None``
            (default) follows :data:`~jupyterlab_chexmask.pictures`, as
            :func:`~jupyterlab_chexmask.row` does.

    Returns:
        An :class:`RcaHistogram`; as the last expression of a cell it is
        displayed, and ``.show()`` displays it at once.

    Raises:
        ValueError: a file or DataFrame lacks a Dice column (the message names
            it and the column), a file is not found or not CSV, ``bins`` is
            out of range, or there are more than 64 datasets.
        TypeError: ``source`` is of an unsupported kind.

    """
    if (
        isinstance(bins, bool)
        or not isinstance(bins, (int, np.integer))
        or not 1 <= bins <= MAX_BINS
    ):
        raise ValueError(f"bins must be a whole number from 1 to {MAX_BINS}, got {bins!r}")
    bins = int(bins)
    if (
        isinstance(raw_values_limit, bool)
        or not isinstance(raw_values_limit, (int, np.integer))
        or raw_values_limit < 0
    ):
        raise ValueError(f"raw_values_limit must be a whole number >= 0, got {raw_values_limit!r}")
    examples = check_examples(examples)
    sampler = ExampleSampler(examples) if examples else None

    datasets: dict[str, Dataset] = {}

    def new_dataset(name: str) -> Dataset:
        if len(datasets) >= MAX_DATASETS:
            raise ValueError(
                f"more than {MAX_DATASETS} datasets; the view shows at most {MAX_DATASETS}"
            )
        dataset = datasets[name] = Dataset(name, bins, int(raw_values_limit))
        return dataset

    if is_dask_frame(source):
        if sampler is not None:
            raise ValueError("examples= is not available for a dask DataFrame: sample it first")
        from .dask_source import dask_datasets

        for part in dask_datasets(source, bins, dataset_column, int(raw_values_limit)):
            for key, counted in part.items():
                (datasets.get(key) or new_dataset(key)).merge(counted)
        if not datasets:
            new_dataset(DEFAULT_DATASET)
        return _histogram(datasets, bins, title, static)

    items = collect_sources(source)  # (name or None, DataFrame or path) in order

    def add(name: str, mean: FloatArray, top: FloatArray) -> None:
        dataset = datasets.get(name) or new_dataset(name)
        if len(mean):
            dataset.add(mean, top)

    paths = [os.fspath(v) for _, v in items if is_path(v)]
    bar = progress_bar(sum(os.path.getsize(p) for p in paths), progress)
    try:
        for index, (name, value) in enumerate(items):
            if isinstance(value, pd.DataFrame):
                where = "the DataFrame" if name is None else f"the DataFrame {name!r}"
                add_frame(add, value, dataset_column, where, name)
                if sampler is not None:
                    _sample_frame(sampler, index, value, dataset_column, where, name)
                continue
            path = os.fspath(value)
            label = name if name is not None else dataset_name_of(path)
            add(label, np.empty(0), np.empty(0))  # a file with no rows still shows
            if bar is not None:
                bar.set_description(os.path.basename(path))
            on_bytes = bar.update if bar is not None else None
            seen = 0
            for mean, top in read_dice_columns(path, on_bytes=on_bytes):
                add(label, mean, top)
                if sampler is not None:
                    sampler.add(label, index, np.arange(seen, seen + len(mean)), mean)
                seen += len(mean)
    finally:
        if bar is not None:
            bar.close()

    if not datasets:
        new_dataset(DEFAULT_DATASET)
    histogram = _histogram(datasets, bins, title, static)
    if sampler is not None:
        _add_examples(histogram.payload, sampler, items)
    return histogram


def _sample_frame(
    sampler: ExampleSampler,
    index: int,
    frame: pd.DataFrame,
    dataset_column: str | None,
    where: str,
    name: str | None,
) -> None:
    """Offer a DataFrame's rows to the sampler, by dataset as the histogram splits them."""
    mean = pd.to_numeric(frame[DICE_MEAN_COLUMN], errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan
    )
    names = (
        np.full(len(frame), name, dtype=object)
        if name is not None
        else frame_names(frame, dataset_column, where)
    )
    for label in pd.unique(names):
        positions = np.flatnonzero(names == label)
        sampler.add(str(label), index, positions, mean[positions])


def _add_examples(
    payload: dict[str, Any],
    sampler: ExampleSampler,
    items: list[tuple[str | None, Any]],
) -> None:
    """Read the sampled rows (only those) and put them in each dataset as gallery rows."""
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for index, (_, value) in enumerate(items):
        wanted = sampler.wanted(index)
        if not wanted:
            continue
        found = (
            frame_records(value, wanted)
            if isinstance(value, pd.DataFrame)
            else read_records(value, wanted)
        )
        cells.update({(index, position): row for position, row in found.items()})
    columns = [DICE_MEAN_COLUMN, DICE_MAX_COLUMN]
    for dataset in payload["datasets"]:
        rows = [
            example_row(cells[(source, position)], columns, {"band": band})
            for band, source, position in sampler.chosen(dataset["name"])
        ]
        dataset["examples"] = {"bandWidth": BAND_WIDTH, "perBand": sampler.per_band, "rows": rows}


def _histogram(
    datasets: dict[str, Dataset], bins: int, title: str | None, static: bool | None
) -> RcaHistogram:
    payload = {
        "version": PAYLOAD_VERSION,
        "bins": bins,
        "datasets": [d.to_payload() for d in datasets.values()],
        "title": None if title is None else str(title),
    }
    return RcaHistogram(payload, static)
