#!/usr/bin/env bash
# Installs what AlexNet.Lib's tests and samples need on a fresh Debian 12 (or Ubuntu 22.04+) machine:
#   - dataset-fashion-mnist: the real Fashion-MNIST IDX files in /usr/share/datasets/fashion-mnist (about 30 MB)
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

if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "Installing dataset-fashion-mnist (real Fashion-MNIST for the integration tests and the main sample)..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq dataset-fashion-mnist
fi
echo "setup: .NET SDK $(dotnet --version), Fashion-MNIST in /usr/share/datasets/fashion-mnist"
