#!/usr/bin/env bash
# The package smoke test. Runs the README's install commands exactly as written there (the shell blocks between the
# install-pack and install-app markers): packs AlexNet.Core and AlexNet.Data into artifacts/packages, creates a fresh
# console app in a temporary folder, and adds the packages through a nuget.config with that feed plus nuget.org. The
# app then builds a model (AlexNet.Core), reads a type of AlexNet.Data and runs one forward pass. Exits non-zero on any
# failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The shell block between <!-- NAME:begin --> and <!-- NAME:end --> in README.md, without the fence lines.
readme_block() {
  awk -v name="$1" '
    $0 == "<!-- " name ":begin -->" { inside = 1; next }
    $0 == "<!-- " name ":end -->" { inside = 0 }
    inside && !/^```/ { print }
  ' "$root/README.md"
}

pack_lines="$(readme_block install-pack)"
app_lines="$(readme_block install-app)"
if [[ -z "$pack_lines" || -z "$app_lines" ]]; then
  echo "pack-smoke: README.md lacks the install-pack or install-app block" >&2
  exit 1
fi

# The README packs the version in Directory.Build.props; NuGet would reuse a cached older pack of that same version.
version="$(dotnet msbuild "$root/src/AlexNet.Core/AlexNet.Core.csproj" -getProperty:Version)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$packages/alexnet.core/$version" "$packages/alexnet.data/$version"

echo "pack-smoke: README install-pack block, in $root:"
echo "$pack_lines"
echo "pack-smoke: README install-app block, in a new console app:"
echo "$app_lines"
mkdir -p "$work/SmokeApp"
(cd "$work/SmokeApp" && dotnet new console --framework net10.0 >/dev/null)
# One shell for both blocks, as the README says (the first exports ALEXNET_FEED for the second).
bash -euo pipefail -c "cd \"$root\"
$pack_lines
cd \"$work/SmokeApp\"
$app_lines"

cd "$work/SmokeApp"
cat > Program.cs <<'PROGRAM'
using AlexNet.Core.Models;
using AlexNet.Data.Datasets;
using static TorchSharp.torch;

var model = AlexNetFactory.Create(Variant.Paper, 10);
model.eval();
using var input = randn(1, 3, 227, 227);
using var logits = model.call(input);
System.Console.WriteLine($"AlexNetFactory.Create(Variant.Paper, 10): output shape [{string.Join(", ", logits.shape)}]; CIFAR-10 classes: {Cifar10.Classes.Count}");
return logits.shape.Length == 2 && logits.shape[0] == 1 && logits.shape[1] == 10 && Cifar10.Classes.Count == 10 ? 0 : 1;
PROGRAM
dotnet run -c Release
echo "pack-smoke: passed (the README's install lines added AlexNet.Core and AlexNet.Data $version to a fresh app, which ran a forward pass)"
