#!/bin/bash
# The CUDA check of `occlunet bench exported` on a GPU machine that has a driver, CUDA 13 and cuDNN 9 libraries, and
# python3 with onnx, but no .NET, no NuGet and no network (docs/model.md "CUDA"). Everything else arrives in $BUNDLE,
# made by scripts/cuda-check/prepare.sh: the .NET runtime, the -p:OnnxBackend=cuda build without libtorch,
# the exported graphs with their TorchSharp references. The CUDA provider library is in $PROVIDER (sent separately:
# too large for one transfer). Results go to $OUT. STEPS (default "exported latency"): `bench exported` (parity and
# step times per provider), then `bench latency` (the live pipeline end to end on replay-data, exported folders on
# CUDA beside the CPU).
set -u
BUNDLE=${BUNDLE:-.devrun}; PROVIDER=${PROVIDER:-.devort/libonnxruntime_providers_cuda.so}; OUT=${OUT:-out}
[ -f "$PROVIDER" ] || PROVIDER=/tmp/devort/libonnxruntime_providers_cuda.so
STEPS=${STEPS:-exported latency}
mkdir -p /tmp/dn /tmp/app /tmp/g /tmp/rd "$OUT"
tar xJf "$BUNDLE/dotnet-rt.tar.xz" -C /tmp/dn && tar xJf "$BUNDLE/app.tar.xz" -C /tmp/app && tar xJf "$BUNDLE/graphs.tar.xz" -C /tmp/g \
  && tar xJf "$BUNDLE/replay-data.tar.xz" -C /tmp/rd || exit 2
cp "$PROVIDER" /tmp/app/ || exit 2
# The CUDA libraries the provider links or loads, wherever this machine keeps them (CUDA toolkit, Python wheels).
L=""
for n in libcublasLt.so.13 libcublas.so.13 libcurand.so.10 libcudart.so.13 libcudnn.so.9 libcufft.so.12 libnvrtc.so.13; do
  p=$(find /usr/local /opt /usr/lib -name "$n" 2>/dev/null | head -1); [ -n "$p" ] && L="$L:$(dirname "$p")"
done
export LD_LIBRARY_PATH="${L#:}" DOTNET_ROOT=/tmp/dn DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
${PYTHON:-python3} "$(dirname "$0")/onnx_weights.py" fill /tmp/g/s640-random/*.onnx
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "$OUT/gpu.txt"
nproc >> "$OUT/gpu.txt"
occlunet() { /tmp/dn/dotnet /tmp/app/occlunet.dll "$@" 2>&1 | grep -v '^\['; }
if [[ " $STEPS " == *" exported "* ]]; then
  occlunet bench exported /tmp/g/occlunet1 /tmp/g/occlunet2 /tmp/g/minip /tmp/g/s640-random \
    --device ${DEVICES:-cuda cuda-tf32 cpu} --threads 2 --repetitions ${REPETITIONS:-50} --json "$OUT/bench-exported-cuda.json" \
    | tee "$OUT/bench-exported-cuda.txt"
fi
if [[ " $STEPS " == *" latency "* ]]; then
  # At acquisition timing (each run's own frame rate): the shipped model and the paper's S-640 (random weights) on CUDA,
  # then the shipped model on 2 CPU threads of this machine; then as fast as the pipeline goes on CUDA.
  cd /tmp && occlunet bench latency --data /tmp/rd/replay-data --speed 1 --model /tmp/g/occlunet1-causal --compare /tmp/g/s640-random \
    --device cuda --threads 2 --json "$OUT/bench-latency-cuda-speed1.json" | tee "$OUT/bench-latency-cuda-speed1.txt"
  occlunet bench latency --data /tmp/rd/replay-data --speed 1 --model /tmp/g/occlunet1-causal --device cpu --threads 2 \
    --json "$OUT/bench-latency-cpu-speed1.json" | tee "$OUT/bench-latency-cpu-speed1.txt"
  occlunet bench latency --data /tmp/rd/replay-data --speed max --model /tmp/g/occlunet1-causal --compare /tmp/g/s640-random \
    --device cuda --threads 2 --json "$OUT/bench-latency-cuda-max.json" | tee "$OUT/bench-latency-cuda-max.txt"
fi
