#!/usr/bin/env bash
# Renders an mta HTML report the way a person sees it: PNG screenshots at desktop
# width (1280) and at a print-like width (800), full page height, plus the PDF
# Chromium prints. Installs Debian's chromium when it is missing.
#
#   scripts/render-report.sh report.html out/
#   → out/<name>-1280.png, out/<name>-800.png, out/<name>.pdf
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 HTML OUTDIR" >&2
    exit 2
fi
html=$(realpath "$1")
out=$2
mkdir -p "$out"
out=$(realpath "$out")
name=$(basename "$html" .html)

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
    echo "chromium not found; installing Debian's chromium" >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
    $sudo_cmd apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y chromium
    browser=chromium
fi

# The report fetches nothing; --no-proxy-server and a throwaway profile make sure a
# screenshot never depends on the network or on a previous run.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
common=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-proxy-server
        --user-data-dir="$profile" --force-device-scale-factor=1 --run-all-compositor-stages-before-draw
        --virtual-time-budget=2000)

# Full page height: measure the document first (dump the DOM of a tiny probe page
# that reports the height is not possible without script, so render tall and trim).
shot() {
    local width=$1 file=$2
    "$browser" "${common[@]}" --window-size="$width,20000" --screenshot="$file" "file://$html" >/dev/null 2>&1
    if command -v python3 >/dev/null 2>&1 && python3 -c 'import PIL' >/dev/null 2>&1; then
        # Trim the white below the page's last content.
        python3 - "$file" <<'PY'
import sys
from PIL import Image, ImageChops
p = sys.argv[1]
im = Image.open(p).convert("RGB")
bg = Image.new("RGB", im.size, (255, 255, 255))
box = ImageChops.difference(im, bg).getbbox()
if box:
    im.crop((0, 0, im.size[0], min(im.size[1], box[3] + 24))).save(p)
PY
    fi
    echo "$file"
}

shot 1280 "$out/$name-1280.png"
shot 800 "$out/$name-800.png"
"$browser" "${common[@]}" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$html" >/dev/null 2>&1
echo "$out/$name.pdf"
