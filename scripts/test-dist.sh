#!/usr/bin/env bash
# make test-dist: the wheel that `make dist` built, in a clean venv (build/venv-min) at the lowest
# versions the package declares (requirements-min.txt), on a PATH without Node.js:
#   1. install the wheel with no node/npm on PATH (asserted), at the pinned versions (asserted);
#   2. `jupyter labextension list` shows the extension enabled and OK under that JupyterLab;
#   3. execute examples/demo.ipynb there (nbconvert), serve it with `jupyter lab` on loopback and
#      load it headless in Debian's Chromium (ui-tests/check-install.js): plugin active, one painted
#      view of each kind, no console error from the extension;
#   4. the Python tests (tests/python) with that venv's python, importing the installed wheel.
# Jupyter's and IPython's files stay in build/test-dist, like the Makefile's TEST_ENV.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
VENV=${VENV_MIN:-$REPO/build/venv-min}
OUT=$REPO/build/test-dist
PYTHON=${PYTHON:-python3}
export CHROMIUM_PATH=${CHROMIUM:-/usr/bin/chromium}
started=$SECONDS

say() { printf 'test-dist: %s\n' "$*"; }
fail() { printf 'test-dist: FAILED: %s\n' "$*" >&2; exit 1; }

shopt -s nullglob
wheels=(dist/jupyterlab_chexmask-*.whl)
[[ ${#wheels[@]} -eq 1 ]] || fail "expected one wheel in dist/ (run make dist), found ${#wheels[*]}"
wheel=$REPO/${wheels[0]}
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' package.json | head -n 1)
jlab_min=$(sed -n 's/^jupyterlab==\([^ ;#]*\).*/\1/p' requirements-min.txt)
[[ -n $version && -n $jlab_min ]] || fail "no version in package.json or no jupyterlab pin in requirements-min.txt"

rm -rf "$VENV" "$OUT"
mkdir -p "$OUT"/{jupyter/config,jupyter/data,jupyter/runtime,ipython,tmp,root}
export JUPYTER_CONFIG_DIR=$OUT/jupyter/config JUPYTER_DATA_DIR=$OUT/jupyter/data \
  JUPYTER_RUNTIME_DIR=$OUT/jupyter/runtime IPYTHONDIR=$OUT/ipython TMPDIR=$OUT/tmp
unset PYTHONPATH

# The venv's bin, then every directory of PATH that holds neither node nor npm.
nodefree_path=$VENV/bin
IFS=: read -r -a path_dirs <<< "$PATH"
for dir in "${path_dirs[@]}"; do
  if [[ -n $dir && ! -e $dir/node && ! -e $dir/nodejs && ! -e $dir/npm ]]; then
    nodefree_path+=:$dir
  fi
done
# Runs a command of the min venv without Node.js on PATH.
nodefree() { env PATH="$nodefree_path" PYTHONSAFEPATH=1 "$@"; }

# 1. Install --------------------------------------------------------------------------------------
"$PYTHON" -m venv "$VENV"
install_start=$SECONDS
(
  export PATH=$nodefree_path
  if command -v node || command -v nodejs || command -v npm; then
    fail "node/npm still on the install's PATH"
  fi
  python -m pip install -q --disable-pip-version-check \
    -c "$REPO/requirements-min.txt" -r "$REPO/requirements-min.txt" "$wheel"
)
say "clean-venv install of $(basename "$wheel") without Node.js: $((SECONDS - install_start)) s"
nodefree "$VENV/bin/python" - "$REPO/requirements-min.txt" <<'EOF'
import importlib.metadata as metadata
import re
import sys

pins = dict(re.findall(r"(?m)^([A-Za-z0-9_.-]+)==(\S+)", open(sys.argv[1]).read()))
got = {name: metadata.version(name) for name in pins}
wrong = {name: (got[name], pin) for name, pin in pins.items() if got[name] != pin}
if wrong:
    sys.exit(f"test-dist: FAILED: installed != pinned: {wrong}")
print("test-dist: min venv: " + ", ".join(f"{n} {v}" for n, v in got.items()))
EOF

# 2. jupyter labextension list ----------------------------------------------------------------------
listing=$(nodefree "$VENV/bin/jupyter" labextension list 2>&1 | sed 's/\x1b\[[0-9;]*m//g') \
  || fail "jupyter labextension list failed"
line=$(grep -E "^[[:space:]]*jupyterlab-chexmask v${version//./\\.} enabled[[:space:]]+OK\b" <<< "$listing") \
  || { printf '%s\n' "$listing" >&2; fail "jupyterlab-chexmask v$version is not enabled and OK"; }
grep -qxF "JupyterLab v$jlab_min" <<< "$listing" \
  || { printf '%s\n' "$listing" >&2; fail "labextension list is not from JupyterLab v$jlab_min"; }
say "labextension list (JupyterLab v$jlab_min): $(sed 's/^[[:space:]]*//' <<< "$line")"

# 3. Headless load of the executed demo ----------------------------------------------------------
cp examples/demo.ipynb "$OUT/root/demo.ipynb"
(cd "$OUT/root" && nodefree "$VENV/bin/jupyter" nbconvert --to notebook --execute --inplace \
  --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=300 demo.ipynb)
nodefree "$VENV/bin/python" - "$OUT/root/demo.ipynb" <<'EOF'
import json
import sys

KINDS = ("row", "rca", "landmarks")
cells = json.load(open(sys.argv[1]))["cells"]
data = [o.get("data", {}) for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
counts = {k: sum(f"application/vnd.chexmask.{k}.v1+json" in d for d in data) for k in KINDS}
if not all(counts.values()):
    sys.exit(f"test-dist: FAILED: the executed demo lacks a view output: {counts}")
print(f"test-dist: executed demo holds view outputs {counts}")
EOF

port=$(nodefree "$VENV/bin/python" -c \
  'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server=
stop_server() {
  if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  server=
}
trap stop_server EXIT
trap 'exit 143' INT TERM
# A simple command, so that $! is the server itself (env execs it): SIGTERM stops it and its kernels.
env PATH="$nodefree_path" PYTHONSAFEPATH=1 "$VENV/bin/jupyter-lab" --no-browser \
  --port="$port" --ServerApp.port_retries=0 --ServerApp.ip=127.0.0.1 --ServerApp.token= --ServerApp.password= --ServerApp.allow_root=True \
  --ServerApp.root_dir="$OUT/root" --LabApp.expose_app_in_browser=True \
  > "$OUT/server.log" 2>&1 &
server=$!
node ui-tests/check-install.js "http://127.0.0.1:$port" demo.ipynb \
  || { tail -n 40 "$OUT/server.log" >&2; fail "headless load (server log: $OUT/server.log)"; }
pid=$server
stop_server
! kill -0 "$pid" 2>/dev/null || fail "the server $pid did not stop"

# 4. Python tests against the installed wheel -------------------------------------------------------
# From build/test-dist with PYTHONSAFEPATH, so neither the repository nor the current folder is on
# sys.path; the package is imported (and checked) before pytest collects anything.
(cd "$OUT" && nodefree "$VENV/bin/python" -c '
import pathlib, sys
import jupyterlab_chexmask
where = pathlib.Path(jupyterlab_chexmask.__file__).resolve()
if pathlib.Path(sys.prefix).resolve() not in where.parents:
    sys.exit(f"test-dist: FAILED: jupyterlab_chexmask imported from {where}, not the min venv")
print(f"test-dist: pytest imports jupyterlab_chexmask {jupyterlab_chexmask.__version__} from {where}")
import pytest
sys.exit(pytest.main(sys.argv[1:]))
' "$REPO/tests/python" -q -p no:cacheprovider --rootdir="$REPO")

say "OK in $((SECONDS - started)) s"
