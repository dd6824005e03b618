#!/usr/bin/env bash
# The package smoke test: packs AlexNet.Core and AlexNet.Data, creates a fresh console app in a temporary folder,
# adds AlexNet.Core (from the local feed) and TorchSharp-cpu (from nuget.org) exactly as a user would, calls
# AlexNetFactory.Create(Variant.Paper, 10) and runs one forward pass. Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="0.1.0-smoke.$(date +%Y%m%d%H%M%S)"
feed="$root/artifacts/packages"
work="$(mktemp -d)"
trap 'rm -rf "$work" "$feed"/AlexNet.*."$version".nupkg' EXIT
# The TorchSharp version the repository builds against (TorchSharpVersion in Directory.Packages.props).
torchsharp_version="$(dotnet msbuild "$root/src/AlexNet.Core/AlexNet.Core.csproj" -getProperty:TorchSharpVersion)"
if [[ -z "$torchsharp_version" ]]; then
  echo "pack-smoke: could not read TorchSharpVersion from Directory.Packages.props" >&2
  exit 1
fi

echo "pack-smoke: packing AlexNet.Core and AlexNet.Data $version into $feed"
dotnet pack "$root/src/AlexNet.Core/AlexNet.Core.csproj" -c Release -p:Version="$version" -o "$feed" -nologo -v quiet
dotnet pack "$root/src/AlexNet.Data/AlexNet.Data.csproj" -c Release -p:Version="$version" -o "$feed" -nologo -v quiet

cd "$work"
cat > nuget.config <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="alexnet-local" value="$feed" />
  </packageSources>
</configuration>
CONFIG
dotnet new console -n SmokeApp -o SmokeApp --framework net10.0 >/dev/null
cd SmokeApp
dotnet add package AlexNet.Core --version "$version" >/dev/null
dotnet add package TorchSharp-cpu --version "$torchsharp_version" >/dev/null
cat > Program.cs <<'PROGRAM'
using AlexNet.Core.Models;
using static TorchSharp.torch;

var model = AlexNetFactory.Create(Variant.Paper, 10);
model.eval();
using var input = randn(1, 3, 227, 227);
using var logits = model.call(input);
System.Console.WriteLine($"AlexNetFactory.Create(Variant.Paper, 10): output shape [{string.Join(", ", logits.shape)}]");
return logits.shape.Length == 2 && logits.shape[0] == 1 && logits.shape[1] == 10 ? 0 : 1;
PROGRAM
dotnet run -c Release
echo "pack-smoke: passed (a fresh app added AlexNet.Core $version and ran a forward pass)"
