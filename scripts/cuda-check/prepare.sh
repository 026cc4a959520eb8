#!/bin/bash
# Builds what scripts/cuda-check/device-run.sh needs, here (with NuGet): into $1 (default .devrun) the .NET runtime,
# the -p:OnnxBackend=cuda build's managed assemblies and ONNX Runtime (no libtorch: the exported graphs need none), and
# the shipped models exported with their TorchSharp references on replay-data, and replay-data itself (the live
# pipeline's runs for `bench latency` on the exported folders, in $3); into $2 (default .devprov) the CUDA
# provider with only its sm_90 (Hopper) kernels kept, xz-compressed (289 MB -> 58 MB). Run from the repository root
# after `dotnet build src/Cli -c Release`.
set -eu
RUN=$(realpath -m "${1:-.devrun}"); PROV=$(realpath -m "${2:-.devprov}"); LAT=$(realpath -m "${3:-.devlat}"); W=$(mktemp -d)
mkdir -p "$RUN" "$PROV" "$LAT"
occlunet() { src/Cli/bin/Release/net10.0/linux-x64/occlunet "$@"; }
git ls-files -co --exclude-standard | grep -v -E '^(tests/data|docs/results|replay-data)/' | tar cf - -T - | (mkdir -p "$W/src" && cd "$W/src" && tar xf -)
dotnet build "$W/src/src/Cli" -c Release -p:OnnxBackend=cuda -o "$W/cuda" | grep -E 'error|Elapsed'
mkdir -p "$W/app" && (cd "$W/cuda" && cp ./*.dll occlunet.runtimeconfig.json libonnxruntime.so libonnxruntime_providers_shared.so libSkiaSharp.so "$W/app/")
(cd "$W/app" && tar cf - . | xz -T1 -9 > "$RUN/app.tar.xz")
D=$(dirname "$(readlink -f "$(command -v dotnet)")")
(cd "$D" && tar cf - dotnet host shared/Microsoft.NETCore.App | xz -T1 -9 > "$RUN/dotnet-rt.tar.xz")
for m in occlunet1 occlunet2 minip occlunet1-causal; do occlunet export --model "models/$m.safetensors" --out "$W/g/$m" --reference dicom:replay-data; done
occlunet bench model --threads 1 --repetitions 1 --export-graphs "$W/bench" --json "$W/bench.json" > /dev/null
mv "$W/bench/OccluNet1-s-640-causal" "$W/g/s640-random" && /usr/bin/python3 scripts/cuda-check/onnx_weights.py strip "$W"/g/s640-random/*.onnx
(cd "$W/g" && tar cf - . | xz -T1 -9 > "$RUN/graphs.tar.xz")
cp scripts/cuda-check/device-run.sh scripts/cuda-check/onnx_weights.py "$RUN/"
# $3 (default .devlat), for STEPS=latency: the same runtime and build, replay-data, and only the graphs the live
# pipeline runs there (the causal shipped model, S-640), without references, so that it fits one transfer.
cp "$RUN"/app.tar.xz "$RUN"/dotnet-rt.tar.xz "$RUN"/device-run.sh "$RUN"/onnx_weights.py "$LAT/"
tar cf - replay-data/*.dcm replay-data/*.json | xz -T1 -9 > "$LAT/replay-data.tar.xz"
(cd "$W/g" && tar cf - occlunet1-causal/encoder.onnx occlunet1-causal/window_head.onnx s640-random | xz -T1 -9 > "$LAT/graphs.tar.xz")
/usr/bin/python3 scripts/cuda-check/fatbin_keep.py "$W/cuda/libonnxruntime_providers_cuda.so" 90 "$W/prov.so"
xz -T1 -9 -c "$W/prov.so" > "$PROV/prov90.so.xz"
rm -rf "$W"; du -sh "$RUN"/* "$PROV"/*
