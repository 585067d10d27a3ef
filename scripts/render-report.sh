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
    # python3-pil trims the tall screenshot to the page's height (below).
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y chromium python3-pil
    browser=chromium
fi

# A Python with Pillow (Debian's, if a version manager shadows it), for trimming.
python=""
for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import PIL' >/dev/null 2>&1; then
        python=$candidate; break
    fi
done

# The report fetches nothing; --no-proxy-server and a throwaway profile make sure a
# screenshot never depends on the network or on a previous run.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
common=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-proxy-server
        --user-data-dir="$profile" --force-device-scale-factor=1 --run-all-compositor-stages-before-draw
        --virtual-time-budget=2000)

# Full page height: the report has no script to measure itself, so render into a
# tall window, and if the page reaches its bottom edge, render again twice as tall.
# (A window far taller than the page can stall Chromium, so start modestly.)
# Every Chromium call has a time limit: a stalled browser must not hang the script.
fits() {  # prints "yes" and trims when the screenshot ends in blank space
    "$python" - "$1" <<'PY'
import sys
from PIL import Image, ImageChops
p = sys.argv[1]
im = Image.open(p).convert("RGB")
box = ImageChops.difference(im, Image.new("RGB", im.size, (255, 255, 255))).getbbox()
if box and box[3] < im.size[1] - 40:
    im.crop((0, 0, im.size[0], box[3] + 24)).save(p)
    print("yes")
PY
}

shot() {
    local width=$1 file=$2 height
    for height in 12000 24000 48000 72000; do
        timeout 600 "$browser" "${common[@]}" --window-size="$width,$height" --screenshot="$file" "file://$html" >/dev/null 2>&1 \
            || { echo "chromium failed or timed out at $width x $height" >&2; exit 1; }
        if [ -z "$python" ] || [ "$(fits "$file")" = yes ]; then break; fi
    done
    echo "$file"
}

shot 1280 "$out/$name-1280.png"
shot 800 "$out/$name-800.png"
timeout 600 "$browser" "${common[@]}" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$html" >/dev/null 2>&1
echo "$out/$name.pdf"
