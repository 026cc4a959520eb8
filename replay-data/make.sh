#!/usr/bin/env bash
# Regenerates the shipped replay runs (byte-identical: the phantom is deterministic by seed on every machine).
# Usage: replay-data/make.sh [path/to/occlunet]   (default: dotnet run --project src/Cli -c Release --)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
occlunet=(${1:-dotnet run --project "$here/../src/Cli" -c Release --})
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
while read -r seed cls view frames fps; do
  "${occlunet[@]}" synth --out "$tmp/$seed" --count 1 --seed "$seed" --size 512 --class "$cls" --view "$view" \
    --frames "$frames" --fps "$fps" --deflate
  cp "$tmp/$seed"/ph*.dcm "$tmp/$seed"/ph*.json "$here/"
done <<'RUNS'
122 m1 ap 14 1.5
701 m1 ap 14 2
201 m2 lat 12 2
301 icai ap 12 2
401 icae ap 12 2
501 unknown lat 10 2
601 neg lat 12 2
RUNS
