#!/usr/bin/env bash
# make site: a report as a static site (JupyterLite), shared as plain files.
#   NOTEBOOKS="a.ipynb b.ipynb" SITE=build/site bash scripts/build_site.sh
# 1. executes each notebook headless (jupyter nbconvert --execute, in the notebook's own folder, so
#    relative paths work) into $SITE-contents/, with whatever CHEXMASK_* variables the caller has
#    (by default every view output carries the kernel's picture too);
# 2. `jupyter lite build --contents $SITE-contents --output-dir $SITE` with jupyterlite-core, which
#    takes the prebuilt extensions of the venv (sys.prefix/share/jupyter/labextensions), the CheXmask
#    one included: the saved outputs render as interactive views in the browser, no kernel needed;
# 3. prints the build time and the site's size.
# Jupyter's and IPython's own files stay in $SITE-work/ (only the venv's extensions go in the site).
# Serve it with any static web server, e.g. python -m http.server --directory build/site, and open
# lab/index.html?path=NAME.ipynb.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
VENV=${VENV:-$REPO/.venv}
SITE=${SITE:-build/site}
NOTEBOOKS=${NOTEBOOKS:-examples/demo.ipynb}
started=$SECONDS

say() { printf 'site: %s\n' "$*"; }
fail() { printf 'site: FAILED: %s\n' "$*" >&2; exit 1; }

# The notebooks first, so that a typo leaves the last site in place.
read -r -a notebooks <<< "$NOTEBOOKS"
[[ ${#notebooks[@]} -gt 0 ]] || fail "NOTEBOOKS is empty"
declare -A seen=()
for notebook in "${notebooks[@]}"; do
  [[ -f $notebook ]] || fail "no notebook $notebook"
  name=$(basename "$notebook")
  [[ $name == *.ipynb ]] || fail "$notebook is not a .ipynb file"
  [[ -z ${seen[$name]:-} ]] || fail "two notebooks named $name"
  seen[$name]=1
done

case $SITE in
  /*) ;;
  *) SITE=$REPO/$SITE ;;
esac
[[ $SITE != "$REPO" && $SITE != / ]] || fail "SITE=$SITE is not a folder to overwrite"
CONTENTS=$SITE-contents
WORK=$SITE-work
rm -rf "$SITE" "$CONTENTS" "$WORK"
mkdir -p "$CONTENTS" "$WORK"/{jupyter/config,jupyter/data,jupyter/runtime,ipython,tmp}
export JUPYTER_CONFIG_DIR=$WORK/jupyter/config JUPYTER_DATA_DIR=$WORK/jupyter/data \
  JUPYTER_RUNTIME_DIR=$WORK/jupyter/runtime IPYTHONDIR=$WORK/ipython TMPDIR=$WORK/tmp
export PATH=$VENV/bin:$PATH

# 1. Execute ------------------------------------------------------------------------------------
for notebook in "${notebooks[@]}"; do
  name=$(basename "$notebook")
  step=$SECONDS
  "$VENV/bin/jupyter" nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
    --output-dir "$CONTENTS" --output "$name" "$notebook" > "$WORK/nbconvert.log" 2>&1 \
    || { cat "$WORK/nbconvert.log" >&2; fail "executing $notebook"; }
  say "executed $notebook headless in $((SECONDS - step)) s"
done

# 2. JupyterLite ----------------------------------------------------------------------------------
ls "$VENV"/share/jupyter/labextensions/jupyterlab-chexmask/static/remoteEntry.*.js > /dev/null 2>&1 \
  || fail "the extension is not installed in $VENV (make install)"
step=$SECONDS
# From an empty folder, so that no stray jupyter_lite_config.json or overrides.json is picked up.
(cd "$WORK" && "$VENV/bin/jupyter" lite build --contents "$CONTENTS" --output-dir "$SITE" \
  --no-sourcemaps > "$WORK/lite-build.log" 2>&1) \
  || { tail -n 60 "$WORK/lite-build.log" >&2; fail "jupyter lite build (log: $WORK/lite-build.log)"; }
[[ -d $SITE/extensions/jupyterlab-chexmask ]] || fail "the site lacks the extension"
touch "$SITE/.nojekyll"  # GitHub Pages: serve the files as they are
for notebook in "${notebooks[@]}"; do
  [[ -f $SITE/files/$(basename "$notebook") ]] || fail "the site lacks $(basename "$notebook")"
done
say "jupyter lite build in $((SECONDS - step)) s"

# 3. Report ----------------------------------------------------------------------------------------
files=$(find "$SITE" -type f | wc -l)
size=$(du -sh "$SITE" | cut -f1)
say "built ${SITE#"$REPO"/} in $((SECONDS - started)) s: $size in $files files"
for notebook in "${notebooks[@]}"; do
  say "  open lab/index.html?path=$(basename "$notebook")"
done
say "serve it: python3 -m http.server --bind 127.0.0.1 --directory ${SITE#"$REPO"/} 8000"
