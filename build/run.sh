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

lms_trap_cleanup run.sh

lms_pg_ensure lms
export Lms__SeedDemoData=true ASPNETCORE_ENVIRONMENT=Development Lms__DataDirectory="$root/.data"

echo "run.sh: dotnet run --project src/Lms.Api -c Release -- --urls http://localhost:8000 $*"
lms_spawn_bg dotnet run --project src/Lms.Api -c Release -- --urls http://localhost:8000 "$@" </dev/null
LMS_APP_PID=$LMS_BG_PID

rc=0
wait "$LMS_APP_PID" || rc=$?
echo "run.sh: the API exited with code $rc"
exit "$rc"
