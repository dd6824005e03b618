#!/usr/bin/env bash
# Rewrites src/*/PublicAPI.Shipped.txt from the code: empties each project's Shipped and Unshipped files, builds the
# project with the analyzer's findings as warnings, and writes every symbol the analyzer reports as undeclared (RS0016),
# sorted, into PublicAPI.Shipped.txt. Run it after a deliberate change of the public surface, then review `git diff`.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("${@:-src/AlexNet.Core/AlexNet.Core.csproj src/AlexNet.Data/AlexNet.Data.csproj}")
for project in ${projects[@]}; do
  dir=$(dirname "$project")
  printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
done
for project in ${projects[@]}; do
  dir=$(dirname "$project")
  log=$(mktemp)
  dotnet build "$project" -c Release -f net10.0 --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= \
    -clp:NoSummary > "$log" 2>&1 || { cat "$log" >&2; echo "update-public-api: build of $project failed" >&2; exit 1; }
  count=$(grep -c "warning RS0016: Symbol '" "$log" || true)
  { printf '#nullable enable\n'
    grep -oP "warning RS0016: Symbol '\K.*(?=' is not part of the declared public API)" "$log" \
      | grep -v '^ *$' | LC_ALL=C sort -u
  } > "$dir/PublicAPI.Shipped.txt"
  echo "$dir/PublicAPI.Shipped.txt: $(($(wc -l < "$dir/PublicAPI.Shipped.txt") - 1)) entries ($count warnings)"
  rm -f "$log"
done
