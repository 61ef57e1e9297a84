"""Check what `make dist` built: the wheel, the sdist and the npm tarball in ``dist/``.

Usage: ``python scripts/check_dist.py [DIST]`` (default ``dist``). Fails (exit 1) naming every
missing or unwanted file, and prints the size of each artefact. Besides the listings it checks
that the wheel's prebuilt extension is the production build on disk
(``jupyterlab_chexmask/labextension``, byte for byte) and that the lower bounds of the wheel's
``Requires-Dist`` are the exact pins of ``requirements-min.txt`` (what ``make test-dist`` tests).
"""

from __future__ import annotations

import fnmatch
import json
import re
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[1]
EXTENSION = "jupyterlab-chexmask"
PACKAGE = "jupyterlab_chexmask"
LABEXTENSION = REPO / PACKAGE / "labextension"
#: The Python package's subpackages: one per view, and what they share.
SUBPACKAGES = ("row", "rca", "landmarks", "common", "format")

#: The payload contracts (JSON Schema), shipped with the npm package and the sdist.
PAYLOAD_SCHEMAS = [
    *(f"schema/payloads/{view}.v1.json" for view in ("row", "rca", "landmarks")),
    "schema/payloads/landmarks.v2.json",
]

#: Patterns every wheel entry list must match, relative to the wheel's root.
WHEEL_REQUIRED = [
    f"*.data/data/share/jupyter/labextensions/{EXTENSION}/static/remoteEntry.*.js",
    f"*.data/data/share/jupyter/labextensions/{EXTENSION}/package.json",
    f"*.data/data/share/jupyter/labextensions/{EXTENSION}/install.json",
    f"*.data/data/share/jupyter/labextensions/{EXTENSION}/schemas/{EXTENSION}/plugin.json",
    f"{PACKAGE}/__init__.py",
    *(f"{PACKAGE}/{sub}/__init__.py" for sub in SUBPACKAGES),
    # Loaded by its path in the RCA reader's worker processes: a file, not only a module.
    f"{PACKAGE}/rca/scan.py",
    f"{PACKAGE}/py.typed",
    f"{PACKAGE}/data/sample.csv",
    "*.dist-info/licenses/LICENSE",
    "*.dist-info/licenses/THIRD-PARTY-NOTICES.md",
]
#: The npm tarball, relative to its ``package/`` folder.
NPM_REQUIRED = [
    "package.json",
    "lib/index.js",
    "lib/index.d.ts",
    "style/index.css",
    "schema/settings/plugin.json",
    *PAYLOAD_SCHEMAS,
    "LICENSE",
]
#: The sdist, relative to its top folder.
SDIST_REQUIRED = [
    "package.json",
    "pyproject.toml",
    "tsconfig.json",
    "install.json",
    "LICENSE",
    "src/index.ts",
    "src/plugin.ts",
    "schema/settings/plugin.json",
    *PAYLOAD_SCHEMAS,
    "style/index.css",
    f"{PACKAGE}/__init__.py",
    f"{PACKAGE}/labextension/package.json",
]
#: Path components that must not appear in the sdist.
SDIST_FORBIDDEN = {"node_modules", ".venv", "build", "dist", ".git", "lib", "__pycache__"}


def one(dist: Path, pattern: str, problems: list[str]) -> Path | None:
    """The single file of ``dist`` matching ``pattern``, or ``None`` with a problem noted."""
    found = sorted(dist.glob(pattern))
    if len(found) != 1:
        problems.append(f"expected one {pattern} in {dist}, found {[p.name for p in found]}")
        return None
    return found[0]


def missing(names: list[str], patterns: list[str]) -> list[str]:
    """The patterns that no name matches."""
    return [p for p in patterns if not any(fnmatch.fnmatchcase(n, p) for n in names)]


def size(path: Path) -> str:
    """The file's size in kB, as a short string."""
    return f"{path.stat().st_size / 1024:,.0f} kB"


def check_wheel(wheel: Path, problems: list[str]) -> None:
    """The wheel's listing, its extension against the build on disk, its dependency bounds."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        problems += [f"wheel: no {p}" for p in missing(names, WHEEL_REQUIRED)]
        problems += [
            f"wheel: the extension is also inside the package: {n}"
            for n in names
            if n.startswith(f"{PACKAGE}/labextension/")
        ]
        # JupyterLab reads every file under the extension's schemas folder as a
        # settings schema: the payload contracts must not end up there.
        problems += [
            f"wheel: not a settings schema: {n}"
            for n in names
            if f"/labextensions/{EXTENSION}/schemas/" in n
            and not n.endswith(("/plugin.json", "/package.json.orig"))
        ]
        prefix = next(
            (
                n.split("/static/")[0] + "/"
                for n in names
                if "/labextensions/" in n and "/static/" in n
            ),
            None,
        )
        if prefix is not None:
            check_extension(archive, names, prefix, problems)
        metadata_name = next((n for n in names if n.endswith(".dist-info/METADATA")), None)
        if metadata_name is None:
            problems.append("wheel: no METADATA")
        else:
            metadata = Parser().parsestr(archive.read(metadata_name).decode())
            check_bounds(metadata.get_all("Requires-Dist") or [], problems)


def check_extension(
    archive: zipfile.ZipFile, names: list[str], prefix: str, problems: list[str]
) -> None:
    """The wheel's labextension is the production build in ``jupyterlab_chexmask/labextension``."""
    shipped = {n[len(prefix) :] for n in names if n.startswith(prefix) and not n.endswith("/")}
    shipped.discard("install.json")  # from the repository's root, not the build
    on_disk = {
        p.relative_to(LABEXTENSION).as_posix() for p in LABEXTENSION.rglob("*") if p.is_file()
    }
    if shipped != on_disk:
        problems.append(
            "wheel: labextension differs from the build on disk: "
            f"only in wheel {sorted(shipped - on_disk)}, only on disk {sorted(on_disk - shipped)}"
        )
        return
    for name in sorted(shipped):
        if archive.read(prefix + name) != (LABEXTENSION / name).read_bytes():
            problems.append(f"wheel: {name} differs from {LABEXTENSION / name}")
    built = json.loads(archive.read(prefix + "package.json"))
    source = json.loads((REPO / "package.json").read_text())
    if built.get("version") != source["version"]:
        problems.append(f"wheel: extension version {built.get('version')} != {source['version']}")
    # A development build (`npm run build`) ships source maps; `build:prod` does not.
    maps = [n for n in shipped if n.endswith(".js.map")]
    if maps:
        problems.append(f"wheel: development build of the extension (source maps: {maps[:3]})")


def check_bounds(requires: list[str], problems: list[str]) -> None:
    """Each ``name>=X`` the wheel needs (extras aside) is pinned ``==X`` in requirements-min.txt."""
    pins: dict[str, str] = {}
    for line in (REPO / "requirements-min.txt").read_text().splitlines():
        match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;#]+).*", line)
        if match:
            pins[match[1].lower()] = match[2]
    for requirement in requires:
        if "extra ==" in requirement:
            # An optional extra (dask): make test-dist installs none of them; the
            # extra's own tests run in the development venv (tests/python/test_dask.py).
            continue
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*>=\s*([^\s,;]+)", requirement)
        if match is None:
            problems.append(f"wheel: dependency without a tested lower bound: {requirement}")
        elif pins.get(match[1].lower()) not in {match[2], match[2] + ".0"}:
            problems.append(
                f"wheel: {match[1]}>={match[2]} but requirements-min.txt pins "
                f"{match[1]}=={pins.get(match[1].lower())}"
            )


def check_npm(tarball: Path, problems: list[str]) -> None:
    """The npm tarball's listing."""
    with tarfile.open(tarball) as archive:
        names = [str(PurePosixPath(n).relative_to("package")) for n in archive.getnames()]
    problems += [f"npm tarball: no {p}" for p in missing(names, NPM_REQUIRED)]


def check_sdist(sdist: Path, problems: list[str]) -> None:
    """The sdist's listing: sources in, installed or built folders out."""
    with tarfile.open(sdist) as archive:
        names = [str(PurePosixPath(*PurePosixPath(n).parts[1:])) for n in archive.getnames()]
    problems += [f"sdist: no {p}" for p in missing(names, SDIST_REQUIRED)]
    if not any(fnmatch.fnmatchcase(n, "src/*/*.ts") for n in names):
        problems.append("sdist: no TypeScript sources under src/*/")
    unwanted = sorted({n for n in names if SDIST_FORBIDDEN & set(PurePosixPath(n).parts)})
    problems += [f"sdist: should not contain {n}" for n in unwanted[:20]]


def main(argv: list[str]) -> int:
    """Check ``dist`` (``argv[1]``, default ``dist``); print sizes and problems."""
    dist = Path(argv[1] if len(argv) > 1 else REPO / "dist")
    problems: list[str] = []
    wheel = one(dist, f"{PACKAGE}-*.whl", problems)
    sdist = one(dist, f"{PACKAGE}-*.tar.gz", problems)
    tarball = one(dist, f"{EXTENSION}-*.tgz", problems)
    if wheel:
        check_wheel(wheel, problems)
    if sdist:
        check_sdist(sdist, problems)
    if tarball:
        check_npm(tarball, problems)
    for artefact in (wheel, sdist, tarball):
        if artefact:
            print(f"  {artefact.name}: {size(artefact)}")
    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    if problems:
        return 1
    print("check_dist: wheel, sdist and npm tarball hold what they should")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
