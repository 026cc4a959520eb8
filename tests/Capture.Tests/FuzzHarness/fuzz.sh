#!/usr/bin/env bash
# Coverage-guided fuzz campaign of the DICOM reader: SharpFuzz instruments OccluNet.Live.Capture.dll, AFL++ mutates
# the small samples in tests/data. Needs: apt-get install afl++; dotnet tool install --tool-path /tmp/sftools SharpFuzz.CommandLine.
# usage: fuzz.sh SECONDS [OUT_DIR] [EXTRA_SEED_DIR]   (e.g. an earlier campaign's findings/default/queue)
# FUZZ_EXECS=N also ends the campaign after about N executions (afl-fuzz -E), whichever comes first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-600}"
out="${2:-/tmp/occlunet-afl}"
samples="$here/../../data/dicom-samples"
sharpfuzz="${SHARPFUZZ:-/tmp/sftools/sharpfuzz}"
build="$out/build"
rm -rf "$build" && mkdir -p "$out/corpus" "$build"
# No hard links: the instrumented copy must never share an inode with the build outputs.
dotnet publish "$here/OccluNet.Live.Capture.FuzzHarness.csproj" -c Release -o "$build" --nologo -v q \
  -p:CreateHardLinksForCopyLocalIfPossible=false -p:CreateHardLinksForPublishFilesIfPossible=false -p:CreateHardLinksForCopyFilesToOutputDirectoryIfPossible=false
"$sharpfuzz" "$build/OccluNet.Live.Capture.dll"
find "$samples" -maxdepth 1 -name '*.dcm' -size -100k -exec cp {} "$out/corpus/" \;
if [ -n "${3:-}" ]; then find "$3" -maxdepth 1 -type f -name 'id*' -size -100k -exec cp {} "$out/corpus/" \; ; fi
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1
execs=()
if [ -n "${FUZZ_EXECS:-}" ]; then execs=(-E "$FUZZ_EXECS"); fi
timeout --preserve-status "$seconds" afl-fuzz "${execs[@]}" -i "$out/corpus" -o "$out/findings" -t 10000 -m none -- dotnet "$build/OccluNet.Live.Capture.FuzzHarness.dll" || true
cat "$out/findings/default/fuzzer_stats" 2>/dev/null | grep -E "execs_done|corpus_count|saved_crashes|saved_hangs|run_time|bitmap_cvg" || true
ls "$out/findings/default/crashes" 2>/dev/null | head
