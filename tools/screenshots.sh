#!/usr/bin/env bash
# Saves pictures of every main surface of Assay at the three review settings, for a person to
# look through (issue 17):
#   <out>/1366x768                  1366x768 at 100%
#   <out>/2880x1800-200pct          1440x900 logical at 200% (QT_SCALE_FACTOR=2): 2880x1800 pixels
#   <out>/1440x900-14pt-dark        1440x900 with a 14 pt font and a dark palette
#
#   tools/screenshots.sh [OUT]      OUT defaults to ./screenshots; BUILD_DIR defaults to ./build
#
# It builds nothing: build the tool first (`ninja -C build assay-screenshots`). Each run prepares
# the Demo Shop in a throwaway catalog, so it never touches your own catalog or settings. Without
# DISPLAY it renders offscreen; with DISPLAY the screen must be at least as large as the window.
set -euo pipefail

build_dir="${BUILD_DIR:-build}"
tool="${build_dir}/bin/assay-screenshots"
out="${1:-screenshots}"

if [[ ! -x "${tool}" ]]; then
    echo "screenshots.sh: ${tool} is missing; build it first:" >&2
    echo "    ninja -C ${build_dir} assay-screenshots" >&2
    exit 1
fi

if [[ -z "${DISPLAY:-}" ]]; then
    export QT_QPA_PLATFORM=offscreen
fi

run() {
    local name="$1"
    shift
    echo "== ${name}" >&2
    "$@" --out "${out}/${name}"
}

run 1366x768 "${tool}" --size 1366x768
run 2880x1800-200pct env QT_SCALE_FACTOR=2 "${tool}" --size 1440x900
run 1440x900-14pt-dark "${tool}" --size 1440x900 --font-pt 14 --dark

echo "Pictures in ${out}/" >&2
