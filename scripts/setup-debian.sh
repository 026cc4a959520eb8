#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages OccluNet.Live needs at run and test time. Idempotent: does nothing when all
# are present. Needs root (or sudo) only when something is missing.
set -euo pipefail
packages=(
  dcmtk                 # dcmdump/dcmj2pnm: the DICOM oracle in tests and benchmarks
  libcharls2            # JPEG-LS decoding (P/Invoke)
  libopenjp2-7          # JPEG 2000 decoding (P/Invoke)
  libegl1 libegl-mesa0 libgbm1 libgl1-mesa-dri   # headless OpenGL (EGL surfaceless, Mesa llvmpipe)
  libglfw3 xvfb         # windowed OpenGL, and a virtual display where there is none
  libxtst6              # real key presses into the Xvfb window in the overlay tests (XTEST)
  fontconfig fonts-dejavu-core   # text in snapshots and plots
  python3-onnx          # onnx.checker: the exported ONNX graphs checked by the ONNX project's own code (Model.Tests)
  orthanc               # a real PACS for the --send tests (started by the test fixture on loopback ports)
  dicom3tools           # dciodvfy: checks the presentation states and structured reports we write
  bsdutils              # `script`: the progress tests run occlunet under a pseudo-terminal (essential on Debian; listed for Ubuntu minimal images)
  xz-utils              # tar -xJ: the kept AFL++ corpus the reader is replayed against (required on Debian; listed for minimal images)
  ffmpeg                # the video input (frame grabber, stream, file): run as a child process writing raw grey frames
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
