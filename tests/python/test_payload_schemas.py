"""The payload contracts: every payload the kernel builds satisfies its JSON Schema.

``schema/payloads/{row,rca,landmarks,histogram,compare,gallery}.v1.json`` describe the
six MIME payloads (draft 2020-12). Each test builds payloads through the public API only
(``import jupyterlab_chexmask as cm``; ``view.payload``), sends them through
JSON as the kernel does (``allow_nan=False``) and validates them with
``jsonschema``: every shared CheXmask row through ``cm.row`` (with and
without a title, over an x-ray, with empty and NaN cells, with unknown
columns), ``cm.rca_histogram`` of every shared CSV and of DataFrames (bins,
raw values, missing and out-of-range scores), ``cm.landmarks`` (one row,
many rows, groups, underlay, frames, titles), ``cm.histogram`` (every
measure of the shared rows, groups, missing and out-of-range values, steps,
ranges, merged halves), ``cm.compare`` and ``cm.gallery`` (every shared row,
thumbnails, malformed rows, extra numeric columns). Every field the kernel writes
must be declared in the schema (unknown fields are allowed, so a misspelt
field would otherwise pass). The schemas must also refuse broken payloads,
so a schema that accepts everything fails here.

The TypeScript side checks its fixtures against the same files
(``src/__tests__/payload-schemas.spec.ts``).
"""

from __future__ import annotations

import copy
import csv
import functools
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from chexmask_u import chexmask_u_frame, synthetic_std
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import jupyterlab_chexmask as cm

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema" / "payloads"
KINDS = ("row", "rca", "landmarks", "histogram", "compare", "gallery")

#: Payloads validated per kind in this session (printed at the end with ``-s``).
VALIDATED: Counter[str] = Counter()

Json = dict[str, Any]


def _load_schemas() -> dict[str, Json]:
    return {kind: json.loads((SCHEMA_DIR / f"{kind}.v1.json").read_text()) for kind in KINDS}


#: Version 2 of the landmark payload (rows as columns, landmarks packed), beside version 1.
LANDMARKS_V2 = "landmarks.v2"


def _schema_of(kind: str, data: Any) -> str:
    """The schema a payload is checked against: a landmark payload's version's."""
    if kind == "landmarks" and isinstance(data, dict) and data.get("version") == 2:
        return LANDMARKS_V2
    return kind


@pytest.fixture(scope="module")
def landmarks_v2() -> Json:
    """The version-2 landmark schema, as written."""
    schema: Json = json.loads((SCHEMA_DIR / "landmarks.v2.json").read_text())
    return schema


@pytest.fixture(scope="module")
def schemas() -> dict[str, Json]:
    """The three schemas, as written."""
    return _load_schemas()


@pytest.fixture(scope="module")
def validators(
    schemas: dict[str, Json], landmarks_v2: Json
) -> Iterator[dict[str, Draft202012Validator]]:
    """A draft 2020-12 validator per kind (and for version 2 of the landmark payload); the
    landmark schemas refer to the row schema."""
    every = {**schemas, LANDMARKS_V2: landmarks_v2}
    for schema in every.values():
        Draft202012Validator.check_schema(schema)
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in every.values()
    )
    yield {kind: Draft202012Validator(schema, registry=registry) for kind, schema in every.items()}
    counts = ", ".join(f"{kind} {VALIDATED[kind]}" for kind in KINDS)
    sys.stdout.write(f"\npayloads validated against the schemas: {counts}\n")


def row_view(row: Any, image: Any = None, **options: Any) -> Any:
    """The view of one row, made by ``cm.row`` (or by ``cm.show``, which returned the
    view before ``cm.row`` existed; ``cm.row`` was then the subpackage)."""
    make = getattr(cm, "row", None)
    return (make if callable(make) else cm.show)(row, image, **options)


def as_sent(payload: Json) -> Any:
    """The payload as the frontend receives it: JSON with no NaN or infinity."""
    return json.loads(json.dumps(payload, allow_nan=False))


def problems(validator: Draft202012Validator, data: Any) -> list[str]:
    """The schema's complaints, with where they are, shortened (RLE cells are long)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(payload)'}: {error.message[:300]}"
        for error in validator.iter_errors(data)
    ]


@pytest.fixture
def check(validators: dict[str, Draft202012Validator], schemas: dict[str, Json]):
    """``check(kind, payload)``: the payload (as sent) is valid and, unless ``declared=False``,
    every field it has is declared in the schema."""

    def run(kind: str, payload: Json, declared: bool = True) -> None:
        data = as_sent(payload)
        assert problems(validators[_schema_of(kind, data)], data) == []
        if declared:
            assert undeclared_fields(kind, data, schemas) == []
        VALIDATED[kind] += 1

    return run


@pytest.fixture
def refuses(validators: dict[str, Draft202012Validator]):
    """``refuses(kind, payload)``: the schema finds something wrong with the payload."""

    def run(kind: str, payload: Any) -> None:
        validator = validators[_schema_of(kind, payload)]
        assert problems(validator, payload) != [], "the schema accepted a broken payload"

    return run


def undeclared_fields(kind: str, data: Json, schemas: dict[str, Json]) -> list[str]:
    """Fields the kernel wrote that the schema does not declare (any row column goes)."""
    schema = schemas[kind]
    defs_of = {name: s["$defs"] for name, s in schemas.items()}
    found: list[str] = []

    def declared(part: Json, value: Json, where: str) -> None:
        found.extend(f"{where}.{key}" for key in value if key not in part["properties"])

    if _schema_of(kind, data) == LANDMARKS_V2:
        # Version 2: columns of plain values, declared at the top level.
        v2 = json.loads((SCHEMA_DIR / "landmarks.v2.json").read_text())
        declared(v2, data, LANDMARKS_V2)
        return found
    declared(schema, data, kind)
    if kind == "row" and data.get("image") is not None:
        declared(defs_of["row"]["image"], data["image"], "row.image")
    if kind == "rca":
        for i, dataset in enumerate(data["datasets"]):
            declared(defs_of["rca"]["dataset"], dataset, f"rca.datasets[{i}]")
            for score in ("mean", "max"):
                declared(defs_of["rca"]["score"], dataset[score], f"rca.datasets[{i}].{score}")
            if dataset.get("values") is not None:
                declared(
                    defs_of["rca"]["rawValues"], dataset["values"], f"rca.datasets[{i}].values"
                )
    if kind == "histogram":
        for i, group in enumerate(data["groups"]):
            declared(defs_of["histogram"]["group"], group, f"histogram.groups[{i}]")
    if kind == "landmarks":
        for i, row in enumerate(data["rows"]):
            declared(defs_of["landmarks"]["plotRow"], row, f"landmarks.rows[{i}]")
    if kind == "compare":
        for side in ("a", "b"):
            declared(defs_of["compare"]["segmentation"], data[side], f"compare.{side}")
        for i, entry in enumerate(data.get("table") or []):
            declared(defs_of["compare"]["tableEntry"], entry, f"compare.table[{i}]")
        if data.get("resizedFrom") is not None:
            declared(defs_of["compare"]["size"], data["resizedFrom"], "compare.resizedFrom")
        if data.get("image") is not None:
            declared(defs_of["row"]["image"], data["image"], "compare.image")
    if kind == "gallery":
        identity = defs_of["gallery"]["identity"]["properties"]
        for i, row in enumerate(data["rows"]):
            shape = defs_of["gallery"]["errorRow" if row.get("error") else "tileRow"]
            declared({"properties": {**identity, **shape["properties"]}}, row, f"rows[{i}]")
            if row.get("tile"):
                declared(shape["properties"]["tile"], row["tile"], f"rows[{i}].tile")
            if row.get("image"):
                declared(defs_of["row"]["image"], row["image"], f"rows[{i}].image")
    return found


def test_schemas_are_draft_2020_12_with_urn_ids(schemas: dict[str, Json]) -> None:
    for kind, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"urn:jupyterlab-chexmask:payload:{kind}:v1"
        Draft202012Validator.check_schema(schema)
        assert schema["properties"]["version"] == {
            "description": schema["properties"]["version"]["description"],
            "const": 1,
        }


def test_every_property_is_described(schemas: dict[str, Json]) -> None:
    """The schemas are the documentation: every field and definition says what it is."""
    by_id = {schema["$id"]: schema for schema in schemas.values()}

    def resolve(schema: Json, node: Json) -> Json:
        if "$ref" not in node:
            return node
        base, _, pointer = node["$ref"].partition("#/$defs/")
        return (by_id[base] if base else schema)["$defs"][pointer]

    def visit(schema: Json, node: Any, where: str) -> Iterator[str]:
        if isinstance(node, list):
            for i, sub in enumerate(node):
                yield from visit(schema, sub, f"{where}/{i}")
            return
        if not isinstance(node, dict):
            return
        # Properties inside if/then/else and anyOf only narrow fields declared (and
        # described) beside them.
        narrowing = any(f"/{k}" in where for k in ("if", "then", "else", "anyOf", "allOf"))
        for name, sub in node.get("properties", {}).items():
            if not narrowing and "description" not in {**resolve(schema, sub), **sub}:
                yield f"{where}/properties/{name}"
        for key, sub in node.items():
            yield from visit(schema, sub, f"{where}/{key}")

    for kind, schema in schemas.items():
        for name, definition in schema["$defs"].items():
            assert "description" in definition, f"{kind}: $defs/{name} has no description"
        assert list(visit(schema, schema, kind)) == []


# --- row payloads -------------------------------------------------------------------------------


def raw_csv_rows(path: Path) -> list[dict[str, str]]:
    """A CSV's rows as raw text cells, as a program without pandas would send them."""
    previous = csv.field_size_limit(1 << 30)  # restored: other tests rely on the default
    try:
        with path.open(newline="") as handle:
            return list(csv.DictReader(handle))
    finally:
        csv.field_size_limit(previous)


def test_every_shared_row(csv_file: Path, check) -> None:
    """Every shared row, read by pandas and as raw CSV text, with and without a title."""
    frame = cm.read_csv(csv_file)
    raw = raw_csv_rows(csv_file)
    assert len(raw) == len(frame)
    for i in range(len(frame)):
        for row in (frame.iloc[i], raw[i]):
            check("row", row_view(row, static=False).payload)
            check("row", row_view(row, title=f"{csv_file.name} row {i}", static=False).payload)


@pytest.fixture(scope="module")
def sample_rows() -> pd.DataFrame:
    """The synthetic sample that ships in the package (12 rows, 1024 x 1024)."""
    return cm.read_csv(cm.sample_csv())


def test_rows_over_an_xray(sample_rows: pd.DataFrame, tmp_path: Path, check) -> None:
    """The sample x-ray as PNG, as a large JPEG file (sent as JPEG), as arrays and PIL images."""
    from PIL import Image

    xray = Image.open(cm.sample_xray())
    jpeg = tmp_path / "xray.jpg"
    xray.resize((1024, 1024)).save(jpeg, quality=85)
    pixels = np.asarray(xray)
    images: list[Any] = [
        cm.sample_xray(),
        str(cm.sample_xray()),
        jpeg,
        xray,
        pixels,
        pixels.astype(np.uint16) * 200,
        np.stack([pixels, pixels // 2, pixels], axis=-1),  # colour: kept as RGB
        pixels > 128,
    ]
    kinds = set()
    for i, image in enumerate(images):
        row = sample_rows.iloc[i % len(sample_rows)]
        for max_side in (1024, 300, 1):
            for title in (None, "over its x-ray"):
                payload = row_view(row, image, max_side=max_side, title=title, static=False).payload
                check("row", payload)
                kinds.add(payload["image"]["mimeType"])
    assert kinds == {"image/png", "image/jpeg"}


def test_original_resolution_row_over_an_xray(shared_data: Path, check) -> None:
    """A 2828 x 2320 row (multi-line numpy landmarks) over an x-ray of its aspect ratio."""
    path = shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
    row = cm.read_csv(path).iloc[0]
    image = np.linspace(0, 1, 707 * 580).reshape(707, 580)  # 580 / 707 = 2320 / 2828
    for max_side in (1024, 4096):
        payload = row_view(row, image, max_side=max_side, static=False).payload
        assert payload["image"]["height"] == min(2828, max_side)
        check("row", payload)


#: Ways a cell can be empty on the kernel side: each becomes null or stays empty text.
EMPTY_VALUES: list[Any] = [None, math.nan, np.float64("nan"), pd.NA, pd.NaT, "", "   "]


def test_rows_with_empty_and_nan_cells(sample_rows: pd.DataFrame, check) -> None:
    base = sample_rows.iloc[0].to_dict()
    organs = ("Right Lung", "Left Lung", "Heart")
    variants: list[dict[str, Any]] = []
    for empty in EMPTY_VALUES:
        for column in (*organs, "Dice RCA (Mean)", "Dice RCA (Max)", "Height", "Width"):
            variants.append({**base, column: empty})
        variants.append({**base, **dict.fromkeys(organs, empty)})  # landmarks only
        variants.append({**base, "Landmarks": empty})  # masks only
        variants.append({**base, "Path": empty})  # an empty id
        variants.append({**base, "Height": empty, "Width": empty})  # 1024 by default
    variants.append({k: v for k, v in base.items() if k not in ("Height", "Width")})
    variants.append({k: v for k, v in base.items() if k != "Path"})  # no id column at all
    variants.append({**base, "Dice RCA (Mean)": "nan", "Dice RCA (Max)": "NaN"})
    for cells in variants:
        check("row", row_view(cells, static=False).payload)
        check("row", row_view(pd.Series(cells, dtype=object), static=False).payload)
    # Empty cells of a DataFrame as pandas reads them (NaN in object and float columns).
    frame = sample_rows.copy()
    frame.loc[0, ["Heart", "Dice RCA (Max)"]] = np.nan
    frame["Height"] = frame["Height"].astype(float)
    frame.loc[1, "Height"] = np.nan
    for i in range(3):
        check("row", row_view(frame.iloc[i], static=False).payload)


def test_rows_with_unknown_columns(sample_rows: pd.DataFrame, check) -> None:
    """Unknown columns of any kind are sent on (JSON-safe) and allowed: the view ignores them."""
    extra: dict[str, Any] = {
        "Unnamed: 0": 7,  # the pandas index column: dropped
        "": 7,
        "note": "<script>alert(1)</script>",
        "count": np.int64(3),
        "ratio": np.float32(0.25),
        "infinite": math.inf,
        "flag": True,
        "numpy flag": np.bool_(False),
        "array": np.arange(4),
        "list": [1, "two", None],
        "nested": {"a": {"b": [1.5]}},
        "when": pd.Timestamp("2024-01-02"),
        "missing": pd.NA,
        "dataset": "CheXpert",
        "Landmarks (Std)": synthetic_std(3),  # CheXmask-U's σ (synthetic), read and drawn
        # A second id column is ignored: only the first present (Path) is read.
        "id": {"not": "an id"},
    }
    base = sample_rows.iloc[1].to_dict()
    check("row", row_view({**base, **extra}, static=False).payload)
    check("row", row_view(pd.Series({**extra, **base}), title="extra", static=False).payload)
    with_index = sample_rows.reset_index().rename(columns={"index": "Unnamed: 0"})
    check("row", row_view(with_index.iloc[2], static=False).payload)


# --- RCA histograms -----------------------------------------------------------------------------


def test_rca_of_each_shared_csv(csv_file: Path, check) -> None:
    for raw_values_limit in (0, 10_000):
        payload = cm.rca_histogram(
            csv_file, raw_values_limit=raw_values_limit, progress=False, static=False
        ).payload
        check("rca", payload)
    frame = cm.read_csv(csv_file)
    check("rca", cm.rca_histogram(frame, title=csv_file.name, static=False).payload)


def test_rca_of_all_shared_csvs(shared_data: Path, check) -> None:
    files = sorted(shared_data.glob("*/*.csv"))
    check("rca", cm.rca_histogram(files, progress=False, static=False).payload)
    by_name = {f"{p.parent.name}/{p.stem}": cm.read_csv(p) for p in files}
    check("rca", cm.rca_histogram(by_name, title="a dict of DataFrames", static=False).payload)
    mixed = {"frames": list(by_name.values())[:2], "files": [str(p) for p in files[:2]]}
    check("rca", cm.rca_histogram(mixed, progress=False, static=False).payload)


def scores_frame() -> pd.DataFrame:
    """Scores with missing, out-of-range, infinite, non-numeric and swapped values."""
    mean = [0.0, 1.0, 0.7, 0.69999, 0.95, np.nan, None, -0.5, 1.5, np.inf, -np.inf, "abc", ""]
    top = [0.1, 1.0, 0.8, 0.75, 0.9, 0.8, np.nan, 0.9, 2.0, 0.5, np.nan, 0.3, "0.5"]
    site = ["a", "b"] * 6 + ["a"]
    return pd.DataFrame({"Dice RCA (Mean)": mean, "Dice RCA (Max)": top, "site": site})


@pytest.mark.parametrize("bins", [1, 7, 10, 1000, 100_000])
def test_rca_bins_and_odd_values(bins: int, check) -> None:
    frame = scores_frame()
    payload = cm.rca_histogram(frame, bins=bins, static=False).payload
    score = payload["datasets"][0]["mean"]
    assert (score["missing"], score["outOfRange"]) == (4, 4)
    check("rca", payload)
    if bins <= 1000:  # 100,000 bins take seconds per dataset to validate
        by_site = cm.rca_histogram(frame, bins=bins, dataset_column="site", static=False).payload
        check("rca", by_site)


@pytest.mark.parametrize("raw_values_limit", [0, 1, 13, 10**6])
def test_rca_raw_values(raw_values_limit: int, check) -> None:
    payload = cm.rca_histogram(
        scores_frame(), raw_values_limit=raw_values_limit, static=False
    ).payload
    sent = payload["datasets"][0]["values"]
    assert (sent is None) == (raw_values_limit < 13)
    check("rca", payload)


def test_rca_of_nothing(tmp_path: Path, check) -> None:
    """No rows: an empty DataFrame, a CSV of only its header; all-missing scores."""
    empty = pd.DataFrame({"Dice RCA (Mean)": [], "Dice RCA (Max)": []})
    header_only = tmp_path / "Empty.csv"
    header_only.write_text("Path,Dice RCA (Mean),Dice RCA (Max)\n")
    nothing = pd.DataFrame({"Dice RCA (Mean)": [np.nan] * 3, "Dice RCA (Max)": [None] * 3})
    for source in (empty, header_only, nothing, {"x": empty, "y": nothing}):
        payload = cm.rca_histogram(source, progress=False, static=False).payload
        assert payload["datasets"][0]["mean"]["min"] is None
        check("rca", payload)


def test_rca_of_64_datasets(check) -> None:
    frames = {f"dataset {i}": scores_frame() for i in range(64)}
    check("rca", cm.rca_histogram(frames, bins=20, static=False).payload)


# --- histograms of any column -------------------------------------------------------------------


@pytest.fixture(scope="module")
def measured(shared_data: Path) -> pd.DataFrame:
    """``cm.measure`` of every shared Preprocessed row, with a made-up View Position."""
    table = cm.measure(sorted((shared_data / "chexmask-preprocessed").glob("*.csv")), False)
    table["View Position"] = np.where(np.arange(len(table)) % 3 == 0, "AP", "PA")
    return table


@pytest.mark.parametrize("by", [None, "dataset", "View Position"])
def test_histograms_of_measures(measured: pd.DataFrame, by: str | None, check) -> None:
    numeric = [c for c in measured.columns if pd.api.types.is_numeric_dtype(measured[c])]
    assert "CTR" in numeric
    for column in numeric:
        check("histogram", cm.histogram(measured, column, by=by, static=False).payload)


def test_histogram_options_and_odd_values(measured: pd.DataFrame, check) -> None:
    odd = measured[["CTR", "dataset"]].copy()
    odd.loc[odd.index[:3], "CTR"] = [np.nan, np.inf, -np.inf]
    odd.loc[odd.index[3:6], "dataset"] = None
    for options in (
        {"threshold": 0.5, "keep": "<", "bins": 12, "title": "odd"},
        {"step": 0.01, "range": (0.4, 0.6)},
        {"step": 1},
    ):
        check("histogram", cm.histogram(odd, "CTR", by="dataset", static=False, **options).payload)
    empty = pd.DataFrame({"x": [np.nan, None]}, dtype=float)
    check("histogram", cm.histogram(empty, "x", static=False).payload)
    negative = pd.DataFrame({"x": [-1e6, 3.5, 2e6]})
    check("histogram", cm.histogram(negative, "x", static=False).payload)
    half = len(measured) // 2
    parts = [
        cm.histogram(p, "CTR", by="dataset", step=0.001, static=False)
        for p in (measured.iloc[:half], measured.iloc[half:])
    ]
    check("histogram", (parts[0] + parts[1]).payload)


# --- landmark plots -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_rows(shared_data: Path) -> pd.DataFrame:
    """Every shared Preprocessed and 0.1 row in one frame (each id column NaN in other datasets)."""
    frames = [cm.read_csv(p) for p in sorted(shared_data.glob("chexmask-*/*.csv"))]
    return pd.concat(frames, ignore_index=True)


def test_landmarks_of_one_row(
    shared_rows: pd.DataFrame, sample_rows: pd.DataFrame, shared_data: Path, check
) -> None:
    synthetic = shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
    rows = [
        sample_rows.iloc[0],
        sample_rows.iloc[1].to_dict(),
        shared_rows.iloc[0].dropna(),
        shared_rows.iloc[-1],  # the 0.1 Padchest layout: no Height/Width
        cm.read_csv(synthetic).iloc[0],  # numpy's multi-line landmarks, 2828 x 2320
        raw_csv_rows(synthetic)[0],
    ]
    for row in rows:
        for underlay in (False, True):
            for frame in (None, "pixels", "normalized"):
                for title in (None, "one row"):
                    payload = cm.landmarks(
                        row, underlay=underlay, frame=frame, title=title, static=False
                    ).payload
                    assert ("row" in payload["rows"][0]) == underlay
                    check("landmarks", payload)


def test_landmarks_of_many_rows(
    shared_rows: pd.DataFrame, sample_rows: pd.DataFrame, shared_data: Path, check
) -> None:
    synthetic = cm.read_csv(
        shared_data / "original-resolution-synthetic" / "CheXpert_synthetic_2828x2320.csv"
    )
    many = shared_rows.assign(
        site=[("north", "south", None)[i % 3] for i in range(len(shared_rows))]
    )
    sources: list[Any] = [
        many,
        sample_rows,
        [sample_rows, synthetic],  # two sizes: normalised
        [sample_rows.iloc[0], sample_rows.iloc[1].to_dict(), synthetic],
    ]
    for rows in sources:
        for group_by in (None, True, False, "dataset"):
            for frame in (None, "pixels", "normalized"):
                payload = cm.landmarks(
                    rows, group_by=group_by, frame=frame, title="many", static=False
                ).payload
                check("landmarks", payload)
    many["kept"] = many["Dice RCA (Mean)"] >= 0.7
    for column in ("site", "Height", "kept"):
        payload = cm.landmarks(many, group_by=column, static=False).payload
        assert payload["groupBy"] == column
        check("landmarks", payload)


def test_chexmask_u_rows(shared_rows: pd.DataFrame, check) -> None:
    """CheXmask-U rows (synthetic σ, ``chexmask_u.py``): row payloads and landmark plots."""
    u = chexmask_u_frame(shared_rows.iloc[:40].reset_index(drop=True))
    for i in range(3):
        check("row", cm.row(u.iloc[i], static=False).payload)
    for rows in (u, [u, shared_rows.iloc[40:60]], u.iloc[0]):
        payload = cm.landmarks(rows, static=False).payload
        check("landmarks", payload)
        for i, row in enumerate(payload["rows"][: len(u)]):
            assert row["sigma"] == synthetic_std(i)
            assert row["landmarks"] == u["Landmarks (Mean)"].iloc[i]


def test_landmarks_of_10000_rows(sample_rows: pd.DataFrame, check) -> None:
    """10,000 rows are packed (version 2); 1,000 are not; both satisfy their schema."""
    rows = pd.concat([sample_rows] * 834, ignore_index=True).iloc[:10_000]
    packed = cm.landmarks(rows, static=False).payload
    assert packed["version"] == 2
    check("landmarks", packed)
    grouped = cm.landmarks(rows, group_by="dataset", static=False).payload
    assert grouped["version"] == 2
    # Grouped by dataset the groups are the datasets, which stand for them.
    assert "groups" not in grouped
    assert grouped["groupBy"] == "dataset"
    check("landmarks", grouped)
    by_column = cm.landmarks(
        rows.assign(side=[i % 3 for i in range(10_000)]), group_by="side", static=False
    ).payload
    assert len(by_column["groups"]) == 10_000
    check("landmarks", by_column)
    assert cm.landmarks(rows.iloc[:1000], static=False).payload["version"] == 1


def test_landmarks_v2_schema(landmarks_v2: Json) -> None:
    """Version 2 of the landmark schema: its own URN, version 2, every field described."""
    assert landmarks_v2["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert landmarks_v2["$id"] == "urn:jupyterlab-chexmask:payload:landmarks:v2"
    assert landmarks_v2["properties"]["version"]["const"] == 2
    for name, field in landmarks_v2["properties"].items():
        assert field.get("description"), name


def _packed_payload(sample_rows: pd.DataFrame) -> Json:
    rows = pd.concat([sample_rows] * 84, ignore_index=True).iloc[:1001]
    payload: Json = as_sent(cm.landmarks(rows, group_by="dataset", static=False).payload)
    assert payload["version"] == 2
    return payload


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("version 3", lambda p: p.update(version=3)),
        ("rowCount missing", lambda p: p.pop("rowCount")),
        ("rowCount 10,001", lambda p: p.update(rowCount=10_001)),
        ("rowCount as text", lambda p: p.update(rowCount="1001")),
        ("landmarks missing", lambda p: p.pop("landmarks")),
        ("landmarks a number", lambda p: p.update(landmarks=7)),
        ("landmarks with padding", lambda p: p.update(landmarks=p["landmarks"][:-2] + "==")),
        ("landmarks of markup", lambda p: p.update(landmarks="<script>" + p["landmarks"][8:])),
        ("landmarks with a line break", lambda p: p.update(landmarks="\n" + p["landmarks"][1:])),
        ("heights as text", lambda p: p.update(heights="1024")),
        ("a height of 0", lambda p: p["heights"].__setitem__(3, 0)),
        ("an id an object", lambda p: p["ids"].__setitem__(3, {"a": 1})),
        ("a group an object", lambda p: p.update(groups=[{"a": 1}] * p["rowCount"])),
        ("a σ of 239 numbers", lambda p: p.update(sigma=["1," * 238 + "1"] * p["rowCount"])),
    ],
)
def test_landmarks_v2_schema_refuses(
    name: str, change: Callable[[Json], Any], sample_rows: pd.DataFrame, refuses
) -> None:
    payload = _packed_payload(sample_rows)
    change(payload)
    refuses("landmarks", payload)


# --- the schemas refuse broken payloads ---------------------------------------------------------


Change = Callable[[Json], None]


def changed(payload: Json, change: Change) -> Json:
    """A deep copy of a (valid) payload, as sent, with one change."""
    data = copy.deepcopy(as_sent(payload))
    change(data)
    return data


def setter(path: str, value: Any) -> Change:
    """Set (or, with ``...``, delete) the field at a dotted path; digits index lists."""

    def apply(data: Json) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is ...:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return apply


BROKEN_ROWS: dict[str, Change] = {
    "version 2": setter("version", 2),
    'version "1"': setter("version", "1"),
    "version missing": setter("version", ...),
    "row missing": setter("row", ...),
    "row a list of cells": lambda p: p.update(row=list(p["row"].values())),
    "image mimeType image/gif": setter("image.mimeType", "image/gif"),
    "image a data: URL": lambda p: p.update(image="data:image/png;base64," + p["image"]["data"]),
    "image data with a data: prefix": lambda p: p["image"].update(
        data="data:image/png;base64," + p["image"]["data"]
    ),
    "image data a JPEG declared PNG": setter("image.data", "/9j/4AAQSkZJRgABAQAAAQABAAD="),
    "image width 0": setter("image.width", 0),
    "image height 10⁵": setter("image.height", 100_000),
    "image width missing": setter("image.width", ...),
    "title a number": setter("title", 42),
    "Heart with a zero length": setter("row.Heart", "1 0"),
    "Heart with a letter": setter("row.Heart", "3 x"),
    "Heart a number": setter("row.Heart", 12),
    "Landmarks of 239 numbers": lambda p: p["row"].update(
        Landmarks=p["row"]["Landmarks"].rsplit(",", 1)[0]
    ),
    "Landmarks an object": setter("row.Landmarks", {"x": 1}),
    "Dice above 1": setter("row.Dice RCA (Max)", 1.5),
    "Dice a word": setter("row.Dice RCA (Mean)", "high"),
    "Height 0": setter("row.Height", 0),
    "Width fractional text": setter("row.Width", "4.5"),
    "Path an object": setter("row.Path", {"a": 1}),
    "neither masks nor landmarks": lambda p: p["row"].update(
        {"Right Lung": None, "Left Lung": "", "Heart": "  ", "Landmarks": None}
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_ROWS))
def test_row_schema_refuses(name: str, sample_rows: pd.DataFrame, check, refuses) -> None:
    payload = row_view(sample_rows.iloc[0], cm.sample_xray(), title="t", static=False).payload
    check("row", payload)
    refuses("row", changed(payload, BROKEN_ROWS[name]))


BROKEN_RCA: dict[str, Change] = {
    "version 2": setter("version", 2),
    "bins 0": setter("bins", 0),
    "bins above 100,000": setter("bins", 100_001),
    "bins missing": setter("bins", ...),
    "datasets missing": setter("datasets", ...),
    "datasets empty": setter("datasets", []),
    "a name of blanks": setter("datasets.0.name", " \n"),
    "rows negative": setter("datasets.0.rows", -1),
    "rows 2⁶⁰": setter("datasets.0.rows", 2**60),
    "a negative count": setter("datasets.0.mean.counts.3", -1),
    "a fractional count": setter("datasets.0.mean.counts.3", 0.5),
    "a count as text": setter("datasets.0.mean.counts.3", "1"),
    "missing negative": setter("datasets.0.max.missing", -2),
    "min above 1": setter("datasets.0.mean.min", 1.5),
    "a negative sum": setter("datasets.0.mean.sum", -1.0),
    "mean missing": setter("datasets.0.mean", ...),
    "values a list": setter("datasets.0.values", [0.5]),
    "values with text": setter("datasets.0.values.mean.0", "NaN"),
    "title a number": setter("title", 1),
}


@pytest.mark.parametrize("name", list(BROKEN_RCA))
def test_rca_schema_refuses(name: str, check, refuses) -> None:
    payload = cm.rca_histogram(scores_frame(), bins=10, static=False).payload
    check("rca", payload)
    refuses("rca", changed(payload, BROKEN_RCA[name]))


@functools.cache
def sample_cells() -> Json:
    """A valid CSV row (the sample's first), as a row payload carries it."""
    return as_sent(row_view(cm.read_csv(cm.sample_csv()).iloc[0], static=False).payload)["row"]


BROKEN_LANDMARKS: dict[str, Change] = {
    "version 2": setter("version", 2),
    "rows missing": setter("rows", ...),
    "rows empty": setter("rows", []),
    "landmarks missing": setter("rows.0.landmarks", ...),
    "landmarks null": setter("rows.0.landmarks", None),
    "landmarks empty text": setter("rows.0.landmarks", ""),
    "landmarks of 241 numbers": lambda p: p["rows"][0].update(
        landmarks=p["rows"][0]["landmarks"] + ",1"
    ),
    "a coordinate of 10⁶": setter("rows.0.landmarks", [1e6] + [1] * 239),
    "height 0": setter("rows.0.height", 0),
    "width as text": setter("rows.0.width", "1024"),
    "an id that is an object": setter("rows.0.id", {"id": 1}),
    "a group that is an object": setter("rows.0.group", {}),
    "frame polar": setter("frame", "polar"),
    "groupBy a number": setter("groupBy", 1),
    "an underlay in a plot of two rows": lambda p: p["rows"][0].update(row=sample_cells()),
    "an underlay with a bad Heart": lambda p: p.update(
        rows=[{**p["rows"][0], "row": {"Heart": "0 2", "Landmarks": None}}]
    ),
    "an underlay that is text": lambda p: p.update(rows=[{**p["rows"][0], "row": "Heart,1 1"}]),
}


@pytest.mark.parametrize("name", list(BROKEN_LANDMARKS))
def test_landmark_schema_refuses(name: str, sample_rows: pd.DataFrame, check, refuses) -> None:
    payload = cm.landmarks(sample_rows.iloc[:2], group_by=True, static=False).payload
    check("landmarks", payload)
    refuses("landmarks", changed(payload, BROKEN_LANDMARKS[name]))


def test_what_the_view_ignores_is_allowed(sample_rows: pd.DataFrame, check) -> None:
    """Unknown fields, a group without a grouping and ids after the first id column are ignored."""
    row = row_view(sample_rows.iloc[0], static=False).payload
    check("row", {**row, "extra": {"deep": [1, 2]}, "version ": 2}, declared=False)
    check("row", {**row, "row": {**row["row"], "image_id": [1, 2], "id": True}})
    plot = cm.landmarks(sample_rows.iloc[:2], group_by=False, static=False).payload
    assert plot["groupBy"] is None
    plot["rows"][0]["group"] = {"ignored": True}
    check("landmarks", plot)
    rca = cm.rca_histogram(scores_frame(), static=False).payload
    rca["datasets"][0]["mean"]["median"] = 0.5
    check("rca", rca, declared=False)


BROKEN_HISTOGRAMS: dict[str, Change] = {
    "version 2": setter("version", 2),
    "column missing": setter("column", ...),
    "column blank": setter("column", " "),
    "by a number": setter("by", 3),
    "exponent 0.5": setter("exponent", 0.5),
    "exponent 400": setter("exponent", 400),
    "start as text": setter("start", "1"),
    "bins 0": setter("bins", 0),
    "groups empty": setter("groups", []),
    "a name of blanks": setter("groups.0.name", "  "),
    "rows negative": setter("groups.0.rows", -1),
    "a fractional count": setter("groups.0.counts.0", 0.5),
    "sumSquares negative": setter("groups.0.sumSquares", -1.0),
    "min as text": setter("groups.0.min", "0"),
    "threshold as text": setter("threshold", "0.5"),
    "keep both": setter("keep", "both"),
    "shownBins 0": setter("shownBins", 0),
    "title a number": setter("title", 1),
}


# --- comparisons --------------------------------------------------------------------------------


def compare_payloads(shared_rows: pd.DataFrame, sample_rows: pd.DataFrame) -> Iterator[Json]:
    """Payloads of ``cm.compare`` for rows, dicts of masks, resizing, an x-ray and titles."""
    a, b = sample_rows.iloc[0], sample_rows.iloc[1]
    yield cm.compare(a, b, static=False).payload
    yield cm.compare(a, b.to_dict(), labels=("A <b>", "B"), title="t", static=False).payload
    yield cm.compare(a, b, image=cm.sample_xray(), static=False).payload
    masks = {o: cm.decode_rle(b[o], 1024, 1024) for o in ("Right Lung", "Left Lung", "Heart")}
    masks["Heart"] = np.zeros_like(masks["Heart"])
    yield cm.compare(a, masks, static=False).payload
    yield cm.compare(a, {"Heart": b["Heart"]}, static=False).payload
    small = {o: m[::2, ::2] for o, m in masks.items()}
    yield cm.compare(a, small, resize="nearest", static=False).payload
    real = shared_rows[shared_rows["Height"].notna()].iloc[:4]
    for i in range(3):
        yield cm.compare(real.iloc[i], real.iloc[i + 1], static=False).payload


def test_compare_payloads(shared_rows: pd.DataFrame, sample_rows: pd.DataFrame, check) -> None:
    count = 0
    for payload in compare_payloads(shared_rows, sample_rows):
        check("compare", payload)
        count += 1
    assert count == 9


BROKEN_COMPARE: dict[str, Change] = {
    "version 2": setter("version", 2),
    "labels missing": setter("labels", ...),
    "one label": setter("labels", ["CheXmask"]),
    "a blank label": setter("labels.1", "  "),
    "height 0": setter("height", 0),
    "width as text": setter("width", "1024"),
    "b missing": setter("b", ...),
    "masks missing": setter("b.masks", ...),
    "an unknown organ": setter("b.masks.heart", "1 2"),
    "Heart with a zero length": setter("b.masks.Heart", "1 0"),
    "Heart with a letter": setter("a.masks.Heart", "3 x"),
    "landmarks an object": setter("a.landmarks", {"x": 1}),
    "table of two": lambda p: p.update(table=p["table"][:2]),
    "an unknown organ in the table": setter("table.0.organ", "Liver"),
    "Dice above 1": setter("table.0.dice", 1.5),
    "HD negative": setter("table.1.hd", -1),
    "area fractional": setter("table.2.areaA", 2.5),
    "landmarkDistance missing": setter("table.2.landmarkDistance", ...),
    "resizedFrom 0": setter("resizedFrom", {"height": 0, "width": 2}),
    "title a number": setter("title", 1),
}


@pytest.mark.parametrize("name", list(BROKEN_HISTOGRAMS))
def test_histogram_schema_refuses(name: str, measured: pd.DataFrame, check, refuses) -> None:
    payload = cm.histogram(measured, "CTR", by="dataset", static=False).payload
    check("histogram", payload)
    refuses("histogram", changed(payload, BROKEN_HISTOGRAMS[name]))


@pytest.mark.parametrize("name", list(BROKEN_COMPARE))
def test_compare_schema_refuses(name: str, sample_rows: pd.DataFrame, check, refuses) -> None:
    payload = cm.compare(sample_rows.iloc[0], sample_rows.iloc[1], static=False).payload
    check("compare", payload)
    refuses("compare", changed(payload, BROKEN_COMPARE[name]))


# --- gallery payloads ---------------------------------------------------------------------------


def test_gallery_of_every_shared_row(shared_rows: pd.DataFrame, check, refuses) -> None:
    payload = cm.gallery(shared_rows).payload
    assert len(payload["rows"]) == len(shared_rows)
    check("gallery", payload)
    broken = as_sent(payload)
    broken["rows"][3]["tile"]["heart"] = "0 4"
    refuses("gallery", broken)


def test_gallery_with_thumbnails_errors_and_columns(sample_rows: pd.DataFrame, check) -> None:
    rows = sample_rows.head(6).copy()
    rows["CTR"] = np.linspace(0.3, 0.6, len(rows))
    rows.loc[rows.index[2], "Heart"] = "5 3 1 2"  # decreasing runs: an error row
    payload = cm.gallery(rows, images=lambda row: cm.sample_xray(), sort_by="CTR").payload
    assert payload["columns"] == ["Dice RCA (Mean)", "Dice RCA (Max)", "CTR"]
    assert [row.get("error", {}) and row["error"]["field"] for row in payload["rows"]].count(
        "Heart"
    ) == 1
    check("gallery", payload)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("version", 2),
        ("rows/0/tile/width", 513),
        ("rows/0/values/Dice RCA (Mean)", 1.5),
        ("rows/0/idColumn", "Image"),
        ("rows/0/landmarks", "1,2"),
        ("rows/0/error", {"field": "Heart"}),
    ],
)
def test_gallery_schema_refuses(sample_rows: pd.DataFrame, refuses, path: str, value: Any) -> None:
    data = as_sent(cm.gallery(sample_rows.head(2)).payload)
    *parents, last = path.split("/")
    node: Any = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[last] = value
    refuses("gallery", data)
