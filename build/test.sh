#!/usr/bin/env bash
# Runs all tests (dotnet test Lms.sln -c Release) against the embedded PostgreSQL database "lms_test"
# (or ConnectionStrings__Lms if set). Extra args go to dotnet test (e.g. --filter ...).
# Last line of output: "N passed, N failed" (from the .trx files in .data/test-results).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=build/lib/pg.sh
source "$root/build/lib/pg.sh"

results="$root/.data/test-results"
trap lms_pg_stop EXIT

lms_pg_ensure lms_test

echo "test.sh: clearing $results"
rm -rf "$results"
mkdir -p "$results"

echo "test.sh: dotnet test Lms.sln -c Release --results-directory $results --logger trx $*"
rc=0
dotnet test Lms.sln -c Release --results-directory "$results" --logger trx "$@" || rc=$?

# Stop the cluster now so that the summary below stays the last line.
lms_pg_stop

trx_files=()
while IFS= read -r -d '' f; do
  trx_files+=("$f")
done < <(find "$results" -type f -name '*.trx' -print0)
echo "test.sh: dotnet test exit code $rc; ${#trx_files[@]} trx file(s)"

passed=0
failed=0
if ((${#trx_files[@]} > 0)); then
  # Sum the attributes of every <Counters .../> element; error/timeout/aborted count as failed.
  read -r passed failed < <(awk '
    BEGIN { RS = "<" }
    /^Counters[ \t\r\n]/ {
      n = split($0, parts, /[ \t\r\n\/>]+/)
      for (i = 1; i <= n; i++) {
        if (split(parts[i], kv, "=") == 2) {
          gsub(/"/, "", kv[2])
          c[kv[1]] += kv[2]
        }
      }
    }
    END { printf "%d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"] }
  ' "${trx_files[@]}")
  # Spec coverage: SpecCoverageTests prints "000: served/total" … "all: served/total" to the test host's console,
  # which the trx keeps (dotnet test shows a passing test's output only at normal verbosity).
  awk '/^spec coverage \(/ { p = 1 } p { sub(/<\/StdOut>.*/, ""); print "test.sh: " $0 } p && /^all: / { exit }' "${trx_files[@]}"
fi

status=$rc
if ((status == 0 && (failed > 0 || passed == 0))); then
  status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
