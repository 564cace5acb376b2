#!/usr/bin/env bash
# Times `vetfolio audit --offline` on synthetic repositories against a floor
# measured in the same run: reading every tracked file once plus one
# `git log --numstat`. Runs alternate (floor, audit, floor, audit, ...) so
# a change in the machine's load hits both; each ratio is the median of
# the pairs' ratios, in CPU time (user + sys) and wall time. When gitleaks
# is installed (on PATH, or GITLEAKS=/path/to/gitleaks), `gitleaks dir`
# is timed on the same tree too.
#   scripts/bench.sh [VARIANT ...]
# Variants (default: all three):
#   standard  20,000 files of handlers, models, tests, notes; 5,000 commits
#   words     20,000 files of prose and config lines full of token, user,
#             password and value (the words the secret rules key on)
#   large     80,000 files as in standard; 5,000 commits
#   DIR       an existing git checkout (a real repository), timed as it is.
#             A mirrored clone can lack a few of its history's files; its
#             floor then reads them as empty and says so: a slightly lower
#             floor than the real one. A clone lacking more than that (a blobless partial
#             clone) gets `git log --no-renames --name-status` as its floor,
#             which walks the same trees without reading contents: a lower
#             floor, so the ratio printed is an upper bound.
# RUNS=N sets the number of pairs (default 3).
# To get gitleaks: GOBIN=$(mktemp -d) go install github.com/zricethezav/gitleaks/v8@latest
set -euo pipefail
cd "$(dirname "$0")/.."
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(standard words large)
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gitleaks=${GITLEAKS:-$(command -v gitleaks || true)}
go build -o "$work/vetfolio" ./cmd/vetfolio

timed() { # timed OUT CMD...: runs CMD, writes "cpu wall peak_kib" to OUT
  local out=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$out.t" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  # time writes "Command exited with non-zero status N" first when the
  # command fails (gitleaks does when it finds a leak): the figures are on
  # the last line.
  tail -n 1 "$out.t" | awk -v w="$(( (t1 - t0) / 1000000 ))" '{ printf "%.3f %.3f %d\n", $1 + $2, w / 1000, $3 }' >"$out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for variant in "${variants[@]}"; do
  gen=()
  case $variant in
  standard) gen=(-files 20000 -commits 5000) ;;
  words) gen=(-files 20000 -commits 5000 -words) ;;
  large) gen=(-files 80000 -commits 5000) ;;
  *)
    if [ ! -d "$variant/.git" ]; then
      echo "bench.sh: unknown variant $variant (standard, words, large or a git checkout)" >&2
      exit 2
    fi
    ;;
  esac
  if [ ${#gen[@]} -gt 0 ]; then
    repo="$work/$variant"
    git init -q -b main "$repo"
    go run ./scripts/benchgen "${gen[@]}" | git -C "$repo" fast-import --quiet
    git -C "$repo" checkout -q main
  else
    repo=$(cd "$variant" && pwd)
  fi
  echo "== $variant: $(git -C "$repo" ls-files | wc -l) files, $(git -C "$repo" rev-list --count HEAD) commits"

  logmode=--numstat
  floorgit=$(git -C "$repo" rev-parse --absolute-git-dir)
  if [ ${#gen[@]} -eq 0 ] && ! git -C "$repo" log --numstat >/dev/null 2>&1; then
    # A mirrored clone can lack a few of its history's largest files.
    # The floor reads the history through a stand-in repository that
    # borrows every object of this one and replaces each missing one with
    # the empty file, so `git log --numstat` runs on everything else: a
    # slightly lower floor than the real one, never a higher one.
    floorgit="$work/floor.git"
    rm -rf "$floorgit"
    git init -q --bare "$floorgit"
    echo "$(git -C "$repo" rev-parse --absolute-git-dir)/objects" >"$floorgit/objects/info/alternates"
    git --git-dir="$floorgit" update-ref HEAD "$(git -C "$repo" rev-parse HEAD)"
    empty=$(git --git-dir="$floorgit" hash-object -w --stdin </dev/null)
    missing=$(git -C "$repo" rev-list --objects --all --missing=print | sed -n 's/^?//p')
    for id in $missing; do
      git --git-dir="$floorgit" update-ref "refs/replace/$id" "$empty"
    done
    if git --git-dir="$floorgit" log --numstat >/dev/null 2>&1; then
      echo "(history lacks $(echo "$missing" | wc -w) files: the floor reads them as empty)"
    else
      floorgit=$(git -C "$repo" rev-parse --absolute-git-dir)
      logmode="--no-renames --name-status"
      echo "(history contents missing: the floor uses git log $logmode, a lower bound)"
    fi
  fi
  # A real checkout lists symlinks to folders and files deleted from the
  # work tree: cat complains and reads the rest, as the floor should.
  floor() { (cd "$repo" && { git ls-files -z | xargs -0 cat >/dev/null 2>&1 || true; } && git --git-dir="$floorgit" log $logmode >/dev/null); }
  # Warm the page cache once so every side reads from memory.
  floor
  "$work/vetfolio" audit "$repo" --offline --format json --output "$work/report.json" || true
  : >"$work/pairs"
  for _ in $(seq "$runs"); do
    timed "$work/f" bash -c "cd '$repo' && { git ls-files -z | xargs -0 cat >/dev/null 2>&1; git --git-dir='$floorgit' log $logmode >/dev/null; }"
    timed "$work/a" "$work/vetfolio" audit "$repo" --offline --format json --output "$work/report.json"
    g="0 0 0"
    if [ -n "$gitleaks" ]; then
      timed "$work/g" "$gitleaks" dir "$repo" --no-banner --report-path "$work/gitleaks.json"
      g=$(cat "$work/g")
    fi
    echo "$(cat "$work/f") $(cat "$work/a") $g" >>"$work/pairs"
  done
  # Columns: floor cpu wall kib | audit cpu wall kib | gitleaks cpu wall kib
  col() { awk -v c="$1" '{ print $c }' "$work/pairs" | median; }
  ratio() { awk -v a="$1" -v b="$2" '$b > 0 { print $a / $b }' "$work/pairs" | median; }
  printf 'floor (read files + git log %s): cpu %.2f s, wall %.2f s\n' "$logmode" "$(col 1)" "$(col 2)"
  printf 'vetfolio audit --offline:               cpu %.2f s, wall %.2f s, peak %d MB\n' "$(col 4)" "$(col 5)" "$(( $(col 6 | cut -d. -f1) / 1024 ))"
  printf 'ratio to the floor: cpu %.2fx, wall %.2fx (goal <= 1.00x, peak <= 100 MB)\n' "$(ratio 4 1)" "$(ratio 5 2)"
  if [ -n "$gitleaks" ]; then
    printf 'gitleaks dir:                           cpu %.2f s, wall %.2f s\n' "$(col 7)" "$(col 8)"
    printf 'gitleaks / vetfolio: cpu %.2fx, wall %.2fx (goal >= 3x)\n' "$(ratio 7 4)" "$(ratio 8 5)"
  fi
done
