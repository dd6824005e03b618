#!/usr/bin/env bash
# Installs what AlexNet.Lib's tests and samples need on a fresh Debian 12 (or Ubuntu 22.04+) machine:
#   - dataset-fashion-mnist: the real Fashion-MNIST IDX files in /usr/share/datasets/fashion-mnist (about 30 MB)
#   - python3-torch, python3-torchvision, python3-pil: Debian's PyTorch 1.13 / torchvision 0.14 (CPU), the reference the
#     interop tests write .pth files with and the peer benchmarks run against (tests that need them are skipped, with the
#     reason, where /usr/bin/python3 cannot import torch)
#   - mpich: MPICH 4 (mpirun.mpich, libmpich.so.12), the MPI the distributed strategy binds to; `dotnet test` runs the
#     distributed tests under `mpirun.mpich -np 2` (they are skipped, with the reason, where mpirun.mpich is missing)
#   - libturbojpeg0: the system's libjpeg-turbo with SIMD (TurboJPEG API), which AlexNet.Data decodes JPEGs with where it
#     is installed (about 2.5 times faster than SkiaSharp's build, same pixels; SkiaSharp decodes where it is missing)
# and checks that the .NET 10 SDK is on PATH (it is not installed from here: see docs/getting-started.md).
# Nothing else is installed: TorchSharp and its native LibTorch come from NuGet at the first `dotnet build`.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not on PATH. Install the .NET 10 SDK first (see docs/getting-started.md)." >&2
  exit 1
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "error: AlexNet.Lib needs the .NET 10 SDK; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
  exit 1
fi

packages=()
[ -d /usr/share/datasets/fashion-mnist ] || packages+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import torch, torchvision, PIL' >/dev/null 2>&1 || packages+=(python3-torch python3-torchvision python3-pil)
command -v mpirun.mpich >/dev/null 2>&1 || packages+=(mpich)
ls /usr/lib/*/libturbojpeg.so.0 >/dev/null 2>&1 || packages+=(libturbojpeg0)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "Installing ${packages[*]} (real Fashion-MNIST; the PyTorch reference for the interop tests and peer benchmarks; MPICH for distributed training; SIMD JPEG decoding)..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}"
fi
echo "setup: .NET SDK $(dotnet --version), Fashion-MNIST in /usr/share/datasets/fashion-mnist, PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), $(mpirun.mpich --version 2>/dev/null | grep -m1 -i version | tr -s ' ')"
