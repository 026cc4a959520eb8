#!/usr/bin/env bash
# The video path beside the DICOM path on the same runs (issue 17, docs/video.md "Video path vs DICOM path"):
#   1. the runs placed into a monitor-layout video (occlunet synth --video), unless OUT/runs.mp4 exists;
#   2. replay of the DICOM runs and replay of the video, both at --speed max with the same model;
#   3. per run (the video path's runs matched to the layout's runs by the picture where each starts, from
#      --video-trace; a run the rule split counts once, with all its video runs): frames found on video = frames of
#      the run, the best-trajectory verdict (occlusion or none) equal, the box centres within 25 px at 640 scale; a
#      table and OUT/agreement.json.
# The video path's recorded runs (OUT/video.rec/run-NNN.dcm) are also copied beside the runs' ground truth as
# OUT/video-runs/<run>.dcm + <run>.json when the frame counts agree, so that `occlunet eval --data dicom:DIR` can score
# both paths (P/R).
#
# Usage: scripts/video-agreement.sh RUNS_DIR OUT_DIR [--model FILE]
# OCCLUNET overrides the command (default: dotnet src/Cli/bin/Release/net10.0/linux-x64/occlunet.dll); runs at nice 5.
# COMPARE_ONLY=1 compares the logs of an earlier run in OUT_DIR again without replaying.
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 RUNS_DIR OUT_DIR [--model FILE]" >&2; exit 2; fi
RUNS=$(realpath "$1"); OUT=$2; shift 2
MODEL=()
if [ "${1:-}" = "--model" ]; then MODEL=(--model "$2"); fi
[ -d "$RUNS" ] || { echo "$0: $RUNS is not a folder of runs" >&2; exit 2; }
cd "$(dirname "$0")/.."
read -r -a OCC <<< "${OCCLUNET:-dotnet src/Cli/bin/Release/net10.0/linux-x64/occlunet.dll}"
mkdir -p "$OUT"
OUT=$(realpath "$OUT")

if [ ! -f "$OUT/runs.mp4" ]; then
  nice -n 5 "${OCC[@]}" synth --video "$OUT/runs.mp4" --runs "$RUNS" --gap 1 -q > "$OUT/synth.log" 2>&1
fi
ROI=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(f\"{m['roiX']},{m['roiY']},{m['roiWidth']},{m['roiHeight']}\")" "$OUT/runs.layout.json")

if [ "${COMPARE_ONLY:-0}" != 1 ]; then
rm -rf "$OUT/dicom.audit" "$OUT/video.audit" "$OUT/video.rec" "$OUT/dicom.snap" "$OUT/video.snap"
nice -n 5 "${OCC[@]}" replay "$RUNS" "${MODEL[@]}" --speed max --headless --snapshots "$OUT/dicom.snap" --snapshot-every 100000 \
  --audit "$OUT/dicom.audit" > "$OUT/dicom.log" 2>&1
nice -n 5 "${OCC[@]}" replay --video "$OUT/runs.mp4" --roi "$ROI" "${MODEL[@]}" --speed max --headless --snapshots "$OUT/video.snap" \
  --snapshot-every 100000 --audit "$OUT/video.audit" --record "$OUT/video.rec" --video-trace "$OUT/video.trace.csv" > "$OUT/video.log" 2>&1
fi
rm -rf "$OUT/video-runs"

python3 - "$OUT" <<'EOF'
import csv, json, os, re, shutil, sys
out = sys.argv[1]
manifest = json.load(open(os.path.join(out, "runs.layout.json")))
scale = 640 / manifest["roiWidth"]
line = re.compile(r"^result (?P<name>[^:]+): (?P<text>.*)$")
box = re.compile(r"box \((\d+),(\d+)\)-\((\d+),(\d+)\) px")
frames = re.compile(r"(\d+) frames\)")

def results(log):
    found = []
    for text in open(log, errors="replace"):
        m = line.match(text.strip())
        if not m: continue
        b = box.search(m["text"]); f = frames.search(m["text"])
        found.append({"name": m["name"], "occlusion": m["text"].startswith("occlusion"),
                      "centre": None if not b else ((int(b[1]) + int(b[3])) / 2 * scale, (int(b[2]) + int(b[4])) / 2 * scale),
                      "frames": int(f[1]) if f else None, "text": m["text"]})
    return found

dicom = {r["name"]: r for r in results(os.path.join(out, "dicom.log"))}
video = results(os.path.join(out, "video.log"))
# The video path's runs start where the trace has new_run = 1; each belongs to the layout run whose pictures hold that
# start (a run split by the rule gives that layout run several video runs; results come in run order).
starts = [int(r["picture"]) for r in csv.DictReader(open(os.path.join(out, "video.trace.csv"))) if r["new_run"] == "1"]
firsts = [run["firstPictures"][0] - 3 for run in manifest["runs"]] + [float("inf")]
owner = [max(j for j in range(len(manifest["runs"])) if firsts[j] <= p) if p >= firsts[0] else None for p in starts]
rec = sorted(p for p in os.listdir(os.path.join(out, "video.rec")) if p.endswith(".dcm")) if os.path.isdir(os.path.join(out, "video.rec")) else []
rows = []
os.makedirs(os.path.join(out, "video-runs"), exist_ok=True)
for i, run in enumerate(manifest["runs"]):
    name = os.path.basename(run["file"])
    d = dicom.get(name)
    mine = [k for k, o in enumerate(owner) if o == i and k < len(video)]
    found = [video[k] for k in mine]
    v = None
    if found:
        hit = next((f for f in found if f["occlusion"]), found[0])
        v = {"occlusion": hit["occlusion"], "centre": hit["centre"], "frames": sum(f["frames"] or 0 for f in found)}
    row = {"run": name, "frames": run["frames"], "dicomFrames": d and d["frames"], "videoRuns": len(found), "videoFrames": v and v["frames"],
           "dicom": d and (d["occlusion"], d["centre"]), "video": v and (v["occlusion"], v["centre"])}
    row["framesEqual"] = len(found) == 1 and v["frames"] == run["frames"]
    row["verdictEqual"] = d is not None and v is not None and d["occlusion"] == v["occlusion"]
    if row["verdictEqual"] and d["occlusion"]:
        row["centreDistance"] = ((d["centre"][0] - v["centre"][0]) ** 2 + (d["centre"][1] - v["centre"][1]) ** 2) ** 0.5
    rows.append(row)
    truth = os.path.splitext(run["file"])[0] + ".json"
    if row["framesEqual"] and mine[0] < len(rec) and os.path.exists(truth):
        stem = os.path.splitext(name)[0]
        shutil.copyfile(os.path.join(out, "video.rec", rec[mine[0]]), os.path.join(out, "video-runs", stem + ".dcm"))
        shutil.copyfile(truth, os.path.join(out, "video-runs", stem + ".json"))

n = len(rows)
both = [r for r in rows if r.get("centreDistance") is not None]
summary = {
    "runs": n, "videoResults": len(video), "videoRunStarts": len(starts), "dicomResults": len(dicom),
    "runsSplit": sum(r["videoRuns"] > 1 for r in rows), "runsNotFound": sum(r["videoRuns"] == 0 for r in rows),
    "framesEqual": sum(r["framesEqual"] for r in rows),
    "framesFoundOnVideo": sum(r["videoFrames"] or 0 for r in rows), "framesOfRuns": sum(r["frames"] for r in rows),
    "verdictEqual": sum(r["verdictEqual"] for r in rows),
    "bothOcclusion": len(both), "centresWithin25px": sum(r["centreDistance"] <= 25 for r in both),
    "maxCentreDistance": max((r["centreDistance"] for r in both), default=None),
}
json.dump({"summary": summary, "runs": rows}, open(os.path.join(out, "agreement.json"), "w"), indent=1)
print(f"{'run':<22} {'frames':>6} {'video':>5} {'runs':>4}  {'DICOM path':<22} {'video path':<22} {'dist':>5}")
fmt = lambda p: "-" if p is None else ("none" if not p[0] else f"({p[1][0]:.0f},{p[1][1]:.0f})")
for r in rows:
    dist = f"{r['centreDistance']:.1f}" if r.get("centreDistance") is not None else ""
    print(f"{r['run']:<22} {r['frames']:>6} {str(r['videoFrames']):>5} {r['videoRuns']:>4}  {fmt(r['dicom']):<22} {fmt(r['video']):<22} {dist:>5}")
s = summary
print(f"frames found = frames of the run: {s['framesEqual']}/{n} runs ({s['framesFoundOnVideo']} found, {s['framesOfRuns']} in the runs); "
      f"{s['videoRunStarts']} video runs for {n} runs ({s['runsSplit']} split, {s['runsNotFound']} not found)")
print(f"best-trajectory verdict equal: {s['verdictEqual']}/{n} ({100 * s['verdictEqual'] / max(n, 1):.1f} %)")
print(f"both paths find a box: {s['bothOcclusion']} runs, centres within 25 px (640 scale): {s['centresWithin25px']}, max {s['maxCentreDistance']}")
EOF
