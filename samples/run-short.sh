#!/usr/bin/env bash
# Short runs of the samples, as CI does them (.ci/run calls this script): builds the samples in Release, runs
# QuickStart, GettingStarted on 1,000 training images, then a one-epoch FashionMnist run on a small subset into a
# temporary folder, and checks that every output exists. Exits non-zero on any failure. Takes one to three minutes on 2 CPU cores after the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$root"

fail() { echo "run-short: $*" >&2; exit 1; }

echo "run-short: building the samples (Release)"
dotnet build samples/QuickStart/QuickStart.csproj -c Release -nologo -v quiet
dotnet build samples/FashionMnist/FashionMnist.csproj -c Release -nologo -v quiet

echo "run-short: QuickStart"
start=$SECONDS
dotnet run -c Release --no-build --project samples/QuickStart | tee "$out/quickstart.log"
grep -q "^Reloaded model's logits on a batch of 32: identical" "$out/quickstart.log" || fail "QuickStart's reloaded model did not match"
grep -q "^QuickStart finished.$" "$out/quickstart.log" || fail "QuickStart did not finish"
echo "run-short: QuickStart took $((SECONDS - start)) s"

echo "run-short: GettingStarted, 1 epoch on 1,000 training images"
start=$SECONDS
dotnet build samples/GettingStarted/GettingStarted.csproj -c Release -nologo -v quiet
dotnet run -c Release --no-build --project samples/GettingStarted -- 1000 1 | tee "$out/getting-started.log"
grep -q "^Test accuracy: .* on 10,000 test images$" "$out/getting-started.log" || fail "GettingStarted printed no test accuracy"
echo "run-short: GettingStarted took $((SECONDS - start)) s"

echo "run-short: FashionMnist, 1 epoch on 2,000 training and 1,000 test images"
start=$SECONDS
run="$out/fashion-mnist"
dotnet run -c Release --no-build --project samples/FashionMnist -- \
  --epochs 1 --train-subset 2000 --test-subset 1000 --device cpu --output "$run" | tee "$out/fashion-mnist.log"
grep -q "^Test accuracy: " "$out/fashion-mnist.log" || fail "FashionMnist printed no test accuracy"
for file in report.md metrics.csv metrics.jsonl loss.png accuracy.png confusion-matrix.png checkpoints/last.ckpt checkpoints/best.ckpt; do
  [ -s "$run/$file" ] || fail "FashionMnist wrote no $file"
done
ls "$run"/tensorboard/events.out.tfevents.* >/dev/null 2>&1 || fail "FashionMnist wrote no TensorBoard events"
[ "$(wc -l < "$run/metrics.csv")" -eq 2 ] || fail "metrics.csv should hold a header and one epoch"
for png in loss.png accuracy.png confusion-matrix.png; do
  head -c 8 "$run/$png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || fail "$png is not a PNG"
done
grep -q "](confusion-matrix.png)" "$run/report.md" || fail "report.md does not link the confusion matrix"
echo "run-short: FashionMnist took $((SECONDS - start)) s"
echo "run-short: Doctor"
dotnet build samples/Doctor/Doctor.csproj -c Release -nologo -v quiet
dotnet run -c Release --no-build --project samples/Doctor | tee "$out/doctor.log" || fail "Doctor found a problem"
grep -q "^Native backend: *loaded" "$out/doctor.log" || fail "Doctor did not report a loaded backend"
echo "run-short: passed"
