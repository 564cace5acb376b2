#!/usr/bin/env bash
# Times `vetfolio audit --offline` on a synthetic repository against a floor
# measured in the same run: reading every tracked file once plus one
# `git log --numstat`. Prints both, their ratio, and vetfolio's peak memory.
#   scripts/bench.sh [FILES] [COMMITS]     (default 20000 files, 5000 commits)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-20000}
commits=${2:-5000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/vetfolio" ./cmd/vetfolio
repo="$work/repo"
git init -q -b main "$repo"
go run ./scripts/benchgen -files "$files" -commits "$commits" | git -C "$repo" fast-import --quiet
git -C "$repo" checkout -q main
echo "repository: $(git -C "$repo" ls-files | wc -l) files, $(git -C "$repo" rev-list --count HEAD) commits"

now() { date +%s%N; }
floor() {
  (cd "$repo" && git ls-files -z | xargs -0 cat >/dev/null && git log --numstat >/dev/null)
}
audit() {
  /usr/bin/time -f '%M' -o "$work/mem" "$work/vetfolio" audit "$repo" --offline --format json --output "$work/report.json"
}
# Warm the page cache once so both sides read from memory.
floor; audit

best_floor=0 best_audit=0
for _ in 1 2 3; do
  t0=$(now); floor; t1=$(now); audit; t2=$(now)
  f=$(( (t1 - t0) / 1000000 )); a=$(( (t2 - t1) / 1000000 ))
  if [ $best_floor -eq 0 ] || [ $f -lt $best_floor ]; then best_floor=$f; fi
  if [ $best_audit -eq 0 ] || [ $a -lt $best_audit ]; then best_audit=$a; fi
done
mem_kb=$(cat "$work/mem")
ratio=$(awk -v a="$best_audit" -v f="$best_floor" 'BEGIN { printf "%.2f", a / f }')
echo "floor (read files + git log --numstat): ${best_floor} ms"
echo "vetfolio audit --offline:               ${best_audit} ms"
echo "ratio: ${ratio}x (goal <= 2.00x); peak memory: $((mem_kb / 1024)) MB (goal < 200 MB)"
