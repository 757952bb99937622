#!/usr/bin/env bash
# Quick start: embedded PostgreSQL (database "lms", demo data) + the API on http://localhost:8000.
# Usage: build/run.sh [extra args for the app]. Ctrl-C stops the API and the cluster (if started here).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=build/lib/pg.sh
source "$root/build/lib/pg.sh"
# shellcheck source=build/lib/proc.sh
source "$root/build/lib/proc.sh"

app_pid=""
# shellcheck disable=SC2317 # invoked via trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # Clean up even if the terminal or a pipe reading our output is already gone.
  trap '' PIPE INT TERM
  set +e
  if [[ -n $app_pid ]]; then
    echo "run.sh: stopping the API (pid $app_pid)"
    lms_stop_bg "$app_pid" 20
  fi
  lms_pg_stop
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

lms_pg_ensure lms
export Lms__SeedDemoData=true ASPNETCORE_ENVIRONMENT=Development Lms__DataDirectory="$root/.data"

echo "run.sh: dotnet run --project src/Lms.Api -c Release -- --urls http://localhost:8000 $*"
lms_spawn_bg dotnet run --project src/Lms.Api -c Release -- --urls http://localhost:8000 "$@" </dev/null
app_pid=$LMS_BG_PID

rc=0
wait "$app_pid" || rc=$?
echo "run.sh: the API exited with code $rc"
exit "$rc"
