#!/bin/sh
# Cohort speed: 100 repositories on the fake GitHub with 50 ms per request,
# --jobs 1 against --jobs 8 (goal: at least 5x faster), and the peak heap
# at 100 and 200 repositories (goal: it does not grow with the cohort).
set -eu
cd "$(dirname "$0")/.."
out=$(go test -run '^$' -bench 'BenchmarkCohort' -benchtime 1x ./internal/cohort)
echo "$out" | grep Benchmark
echo "$out" | awk '
/repos=100\/jobs=1 / || /repos=100\/jobs=1-/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ms/cohort") one = $i }
/repos=100\/jobs=8/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ms/cohort") eight = $i }
END { if (one && eight) printf "speed-up --jobs 8 over --jobs 1: %.1fx (goal >= 5x)\n", one / eight }'
