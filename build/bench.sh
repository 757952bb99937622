#!/usr/bin/env bash
# HTTP benchmark with wrk against a Release build of the API on http://127.0.0.1:8010 (demo data,
# rate limiting and login throttling off), then the median of 100 sequential logins per document on the warm app. Env: LMS_BENCH_SECONDS (default 10), LMS_BENCH_PASSWORD (default Admin123!),
# LMS_BENCH_PORT (default 8010). Raw wrk output and the API log go to .data/bench/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=build/lib/pg.sh
source "$root/build/lib/pg.sh"
# shellcheck source=build/lib/proc.sh
source "$root/build/lib/proc.sh"

default_password='Admin123!'
password=${LMS_BENCH_PASSWORD:-$default_password}
seconds=${LMS_BENCH_SECONDS:-10}
port=${LMS_BENCH_PORT:-8010}
base="http://127.0.0.1:$port"
out="$root/.data/bench"
dll="src/Lms.Api/bin/Release/net10.0/Lms.Api.dll"

# Tools: wrk and curl, installed with apt-get when running as root.
missing=()
for tool in wrk curl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]} > 0)); then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "bench.sh: installing ${missing[*]} (apt-get install -y ${missing[*]})"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  else
    echo "bench.sh: ${missing[*]} not found. Run:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

lms_trap_cleanup bench.sh

lms_pg_ensure lms

echo "bench.sh: dotnet build src/Lms.Api -c Release"
dotnet build src/Lms.Api -c Release -nologo -v quiet
[[ -f $dll ]] || { echo "bench.sh: $dll not found after build" >&2; exit 1; }

mkdir -p "$out"
echo "bench.sh: starting the API on $base (log: $out/api.log)"
Lms__SeedDemoData=true Lms__RateLimits__Enabled=false Lms__Throttle__Enabled=false Lms__DataDirectory="$root/.data" \
  ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  Serilog__MinimumLevel__Default=Warning \
  lms_spawn_bg dotnet "$dll" --urls "$base" --contentRoot "$root/src/Lms.Api" >"$out/api.log" 2>&1 </dev/null
LMS_APP_PID=$LMS_BG_PID

echo "bench.sh: waiting for $base/health/ready"
ready=0
for ((i = 0; i < 120; i++)); do
  if ! lms_proc_alive "$LMS_APP_PID"; then
    tail -n 40 "$out/api.log" >&2 || true
    echo "bench.sh: the API exited during startup (log: $out/api.log)" >&2
    exit 1
  fi
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/health/ready" || true)
  if [[ $code == 200 ]]; then
    ready=1
    break
  fi
  sleep 1
done
if ((ready == 0)); then
  tail -n 40 "$out/api.log" >&2 || true
  echo "bench.sh: $base/health/ready did not return 200 within 120 s (last: ${code:-none})" >&2
  exit 1
fi

echo "bench.sh: logging in as admin"
json_password=$(printf '%s' "$password" | sed 's/\\/\\\\/g; s/"/\\"/g')
login=$(curl -sS --max-time 30 -X POST "$base/api/token/" -H 'Content-Type: application/json' \
  --data "{\"username\":\"admin\",\"password\":\"$json_password\"}" | tr -d '\n')
token=$(sed -n 's/.*"access"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$login")
if [[ -z $token ]]; then
  echo "bench.sh: login failed; response: ${login:0:300}" >&2
  exit 1
fi
auth="Authorization: Bearer $token"

courses=$(curl -sS --max-time 30 -H "$auth" "$base/api/courses/?page=1&page_size=1" | tr -d '\n')
course_id=$( { grep -oE '"id"[[:space:]]*:[[:space:]]*("[^"]*"|[0-9]+)' <<<"$courses" || true; } |
  sed -n '1{s/^"id"[[:space:]]*:[[:space:]]*//;s/"//g;p;}')
if [[ -z $course_id ]]; then
  echo "bench.sh: no course id in GET /api/courses/ response: ${courses:0:300}" >&2
  exit 1
fi
echo "bench.sh: using course id $course_id"

endpoints=(
  "/api/courses/$course_id/"
  "/api/courses/?page=1&page_size=20"
  "/api/users/profile/"
)

rows=()
for ep in "${endpoints[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "$auth" "$base$ep" || true)
  [[ $code == 200 ]] || echo "bench.sh: warning: GET $ep returns HTTP $code (numbers measure that)" >&2
  raw="$out/wrk-$(tr -c 'A-Za-z0-9' '_' <<<"$ep" | sed 's/__*/_/g; s/^_//; s/_$//').txt"
  echo "bench.sh: wrk -t2 -c64 -d${seconds}s --latency GET $ep"
  wrk -t2 -c64 -d"${seconds}s" --latency -H "$auth" "$base$ep" >"$raw"
  # Requests/sec, latency percentiles, non-2xx responses and socket errors from wrk's report.
  rows+=("$(awk -v ep="GET $ep" '
    /^Requests\/sec:/ { rps = $2 }
    /^[ \t]+50%/ { p50 = $2 }
    /^[ \t]+90%/ { p90 = $2 }
    /^[ \t]+99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { gsub(/,/, ""); err = $4 + $6 + $8 + $10 }
    END { printf "%-40s %10s %9s %9s %9s %8d %7d\n", ep, rps, p50, p90, p99, bad, err }
  ' "$raw")")
done

echo
printf '%-40s %10s %9s %9s %9s %8s %7s\n' endpoint 'req/s' p50 p90 p99 non-2xx errors
printf '%s\n' "${rows[@]}"
echo "(wrk -t2 -c64 -d${seconds}s; raw output in $out)"

# One login = one request, sequential (no concurrency): PBKDF2 verification dominates, by design.
# Median of 100 after 10 warm-up calls, per document's login route.
login_median() {
  local route=$1 body=$2 i code t times=()
  for ((i = 0; i < 110; i++)); do
    read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 -X POST "$base$route" \
      -H 'Content-Type: application/json' --data "$body")
    [[ $code == 200 ]] || { echo "bench.sh: warning: POST $route returned HTTP $code" >&2; return 0; }
    ((i >= 10)) && times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk -v r="POST $route" '
    { v[NR] = $1 * 1000 }
    END { printf "%-44s %8.1f ms %8.1f ms %8.1f ms\n", r, (v[50] + v[51]) / 2, v[1], v[NR] }'
}

echo
printf '%-44s %11s %11s %11s\n' 'login (100 sequential, warm)' median min max
login_median /api/token/ '{"username":"student1","password":"Student123!"}'
login_median /api/auth/login/ '{"username":"student1","password":"Student123!"}'
login_median /api/users/auth/login/ '{"email":"student1@lms.local","password":"Student123!"}'
login_median /accounts/clients/1/user/login/ '{"email":"student1@lms.local","password":"Student123!"}'
login_median /api/teacher/login/ '{"username":"teacher1","password":"Teacher123!"}'
