#!/usr/bin/env bash
# Idempotent setup of the benchmark *peer* environment (never a runtime dependency of mta).
#
#   bash bench/peers/setup.sh                 # main venv: /work/main/.venv-bench (or $VENV)
#   bash bench/peers/setup.sh --legacy-mam    # also the optional DP6 MAM 1.x venv (.venv-bench-mam1)
#
# Needs: python3.11 (pyenv), g++ (C++17) for ChannelAttribution, PyPI access.
# Re-running is cheap: existing venv is reused, pinned packages already present are skipped.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${VENV:-$ROOT/.venv-bench}"
VENV_LEGACY="${VENV_LEGACY:-$ROOT/.venv-bench-mam1}"
PYTHON="${PYTHON:-python3.11}"
LEGACY=0
for a in "$@"; do
  case "$a" in
    --legacy-mam) LEGACY=1 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done

export PIP_DISABLE_PIP_VERSION_CHECK=1

step() {  # step "label" cmd...   -> runs cmd, prints wall time
  local label="$1"; shift
  local t0=$SECONDS
  echo "==> $label"
  "$@"
  echo "    ($label: $((SECONDS - t0))s)"
}

need_venv() {  # need_venv DIR
  local dir="$1"
  if [[ -x "$dir/bin/python" ]] && "$dir/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "==> reusing venv $dir ($("$dir/bin/python" -V))"
  else
    command -v "$PYTHON" >/dev/null || { echo "error: $PYTHON not found" >&2; exit 1; }
    rm -rf "$dir"
    step "create venv $dir" "$PYTHON" -m venv "$dir"
  fi
}

command -v g++ >/dev/null || {
  echo "g++ missing: ChannelAttribution builds from sdist (C++17). Try: apt-get install -y g++" >&2
  exit 1
}

# ---- main venv --------------------------------------------------------------
need_venv "$VENV"
PIP=("$VENV/bin/python" -m pip install --quiet --constraint "$HERE/constraints.txt")

step "build tools (setuptools/wheel/Cython)" "${PIP[@]}" -r "$HERE/build-requirements.txt"
step "numpy/pandas/polars/matplotlib" "${PIP[@]}" numpy pandas polars matplotlib
# ChannelAttribution: sdist only (no wheels on PyPI). Build against the venv's numpy and
# pinned Cython instead of an isolated env (which would pull oldest-supported-numpy).
step "ChannelAttribution (compiles C++ if not installed/cached)" \
  "${PIP[@]}" --no-build-isolation ChannelAttribution
step "mta + marketing-attribution-models + rest" "${PIP[@]}" -r "$HERE/requirements.txt"

"$VENV/bin/python" - <<'EOF'
import contextlib, io
from importlib.metadata import version
with contextlib.redirect_stdout(io.StringIO()):   # ChannelAttribution prints a banner on import
    import ChannelAttribution  # noqa: F401
import mta, mam, polars, pandas, numpy  # noqa: F401,E401
print("==> OK:", ", ".join(f"{p}=={version(p)}" for p in
      ["ChannelAttribution", "mta", "marketing-attribution-models", "polars", "pandas", "numpy"]))
EOF

# ---- optional legacy DP6 MAM 1.x venv ----------------------------------------
if [[ $LEGACY == 1 ]]; then
  need_venv "$VENV_LEGACY"
  step "legacy marketing-attribution-models 1.0.10" \
    "$VENV_LEGACY/bin/python" -m pip install --quiet -r "$HERE/requirements-legacy-mam.txt"
  "$VENV_LEGACY/bin/python" -c '
import matplotlib.style as s
s.library.setdefault("seaborn-white", s.library["seaborn-v0_8-white"])
from marketing_attribution_models import MAM
print("==> OK: legacy marketing_attribution_models.MAM importable (with style shim)")'
fi
