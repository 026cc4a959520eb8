#!/bin/bash
# The CUDA check of `occlunet bench exported` on a GPU machine that has a driver, CUDA 13 and cuDNN 9 libraries, and
# python3 with onnx, but no .NET, no NuGet and no network (docs/model.md "CUDA"). Everything else arrives in $BUNDLE,
# made by scripts/cuda-check/prepare.sh: the .NET runtime, the -p:OnnxBackend=cuda build without libtorch,
# the exported graphs with their TorchSharp references. The CUDA provider library is in $PROVIDER (sent separately:
# too large for one transfer). Results go to $OUT.
set -u
BUNDLE=${BUNDLE:-.devrun}; PROVIDER=${PROVIDER:-.devort/libonnxruntime_providers_cuda.so}; OUT=${OUT:-out}
[ -f "$PROVIDER" ] || PROVIDER=/tmp/devort/libonnxruntime_providers_cuda.so
mkdir -p /tmp/dn /tmp/app /tmp/g "$OUT"
tar xJf "$BUNDLE/dotnet-rt.tar.xz" -C /tmp/dn && tar xJf "$BUNDLE/app.tar.xz" -C /tmp/app && tar xJf "$BUNDLE/graphs.tar.xz" -C /tmp/g || exit 2
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
/tmp/dn/dotnet /tmp/app/occlunet.dll bench exported /tmp/g/occlunet1 /tmp/g/occlunet2 /tmp/g/minip /tmp/g/s640-random \
  --device ${DEVICES:-cuda cuda-tf32 cpu} --threads 2 --repetitions ${REPETITIONS:-50} --json "$OUT/bench-exported-cuda.json" 2>&1 \
  | grep -v '^\[' | tee "$OUT/bench-exported-cuda.txt"
