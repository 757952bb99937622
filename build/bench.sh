#!/usr/bin/env bash
# The benchmark: Lms against a raw-Npgsql baseline (bench/Lms.Bench.Baseline) in the same run, on the same database.
#
#   build/bench.sh            demo data (database lms_bench)
#   build/bench.sh --large    also 100k courses, 1M enrollments, 1M lesson-progress rows (database lms_bench_large,
#                             loaded once by bench/Lms.Bench.Data), and the list endpoints measured again on it:
#                             course_page_large (20 items), course_page_large_9 (the demo page's 9 items, like for
#                             like with course_page), my_enrollments_large (student1's 3, as at demo size)
#
# Each endpoint: warm-up on both apps, then Lms, baseline, Lms, baseline (wrk, 64 connections). The table shows req/s,
# p50 and p99 of each side, the ratio Lms/baseline, then the API's peak RSS and the time from process start to its first
# served request, then sequential logins (PBKDF2 by design: reported, not targeted). It ends with one parseable line per
# endpoint:  bench: <name> lms=<rps> base=<rps> ratio=<r> p99_ms=<ms>
#
# Env: LMS_BENCH_SECONDS (each measured run, default 10), LMS_BENCH_WARMUP (default 10), LMS_BENCH_CONNECTIONS (default
# 64), LMS_BENCH_PORT (Lms, default 8010; the baseline uses the next port). Raw wrk output and logs go to .data/bench/.
# Both apps run in Release with Warning logs, rate limits and login throttling off, ASPNETCORE_ENVIRONMENT=Production.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=build/lib/pg.sh
source "$root/build/lib/pg.sh"
# shellcheck source=build/lib/proc.sh
source "$root/build/lib/proc.sh"

large=0
for arg in "$@"; do
  case $arg in
    --large) large=1 ;;
    *) echo "usage: build/bench.sh [--large]" >&2; exit 2 ;;
  esac
done

seconds=${LMS_BENCH_SECONDS:-10}
warmup=${LMS_BENCH_WARMUP:-10}
conns=${LMS_BENCH_CONNECTIONS:-64}
port=${LMS_BENCH_PORT:-8010}
base_port=$((port + 1))
lms_url="http://127.0.0.1:$port"
base_url="http://127.0.0.1:$base_port"
out="$root/.data/bench"
admin_password='Bench-Admin-1!'
api_dll="src/Lms.Api/bin/Release/net10.0/Lms.Api.dll"
base_dll="bench/Lms.Bench.Baseline/bin/Release/net10.0/Lms.Bench.Baseline.dll"
data_dll="bench/Lms.Bench.Data/bin/Release/net10.0/Lms.Bench.Data.dll"

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

LMS_BASE_PID=""
_bench_cleanup() {
  if [[ -n $LMS_BASE_PID ]]; then lms_stop_bg "$LMS_BASE_PID" 10; fi
}
lms_trap_cleanup bench.sh
trap 'rc=$?; _bench_cleanup; (exit $rc); _lms_cleanup' EXIT

given_connection=${ConnectionStrings__Lms:-}
lms_pg_ensure lms_bench
demo_connection=$ConnectionStrings__Lms
large_connection=""
if ((large)); then
  if [[ -n $given_connection ]]; then
    large_connection=${LMS_BENCH_LARGE_CONNECTION:?with ConnectionStrings__Lms given, --large needs LMS_BENCH_LARGE_CONNECTION (a second, scratch database)}
  else
    unset ConnectionStrings__Lms
    lms_pg_ensure lms_bench_large
    large_connection=$ConnectionStrings__Lms
  fi
fi

echo "bench.sh: dotnet build (Release): the API, the baseline$( ((large)) && echo ', the large-data loader')"
dotnet build src/Lms.Api -c Release -nologo -v quiet
dotnet build bench/Lms.Bench.Baseline -c Release -nologo -v quiet
if ((large)); then dotnet build bench/Lms.Bench.Data -c Release -nologo -v quiet; fi

mkdir -p "$out"
key_file="$out/jwt-signing.key" # one key for both apps: the baseline validates Lms's tokens

now_ms() { date +%s%3N; }

# start_lms <connection> <label>: starts the API, waits for its first served request; sets first_ms.
start_lms() {
  local connection=$1 label=$2 started code i
  echo "bench.sh: starting the API on $lms_url ($label; log: $out/api-$label.log)"
  started=$(now_ms)
  ConnectionStrings__Lms="$connection" Lms__SeedDemoData=true Lms__Bootstrap__AdminPassword="$admin_password" \
    Lms__RateLimits__Enabled=false Lms__Throttle__Enabled=false Lms__DataDirectory="$out/data" \
    Auth__SigningKeyFile="$key_file" ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning \
    lms_spawn_bg dotnet "$api_dll" --urls "$lms_url" --contentRoot "$root/src/Lms.Api" >"$out/api-$label.log" 2>&1 </dev/null
  LMS_APP_PID=$LMS_BG_PID
  # The first served request: an anonymous catalog page (routing, auth, Marten, JSON), polled every 50 ms.
  for ((i = 0; i < 2400; i++)); do
    if ! lms_proc_alive "$LMS_APP_PID"; then
      tail -n 40 "$out/api-$label.log" >&2 || true
      echo "bench.sh: the API exited during startup" >&2
      exit 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$lms_url/api/courses/?page=1&page_size=1" || true)
    [[ $code == 200 ]] && break
    sleep 0.05
  done
  [[ $code == 200 ]] || { tail -n 40 "$out/api-$label.log" >&2; echo "bench.sh: no 200 within 120 s" >&2; exit 1; }
  first_ms=$(($(now_ms) - started))
  for ((i = 0; i < 600; i++)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$lms_url/health/ready" || true) == 200 ]] && break
    sleep 0.1
  done
}

start_baseline() {
  local connection=$1 label=$2 i
  ConnectionString="$connection" SigningKeyFile="$key_file" ASPNETCORE_ENVIRONMENT=Production \
    lms_spawn_bg dotnet "$base_dll" --urls "$base_url" >"$out/baseline-$label.log" 2>&1 </dev/null
  LMS_BASE_PID=$LMS_BG_PID
  for ((i = 0; i < 300; i++)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base_url/health/live" || true) == 200 ]] && return 0
    sleep 0.1
  done
  echo "bench.sh: the baseline did not start (log: $out/baseline-$label.log)" >&2
  exit 1
}

stop_apps() {
  lms_stop_bg "$LMS_APP_PID" 20
  LMS_APP_PID=""
  lms_stop_bg "$LMS_BASE_PID" 10
  LMS_BASE_PID=""
}

login() { # login <username> <password>: an access token from 003's /api/token/
  local body token
  body=$(curl -sS --max-time 30 -X POST "$lms_url/api/token/" -H 'Content-Type: application/json' \
    --data "{\"username\":\"$1\",\"password\":\"$2\"}" | tr -d '\n')
  token=$(sed -n 's/.*"access"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$body")
  [[ -n $token ]] || { echo "bench.sh: login as $1 failed: ${body:0:300}" >&2; exit 1; }
  printf '%s' "$token"
}

# wrk_run <url> <seconds> <file>: one wrk run with the student's token.
wrk_run() {
  wrk -t2 -c"$conns" -d"$2s" --latency -H "Authorization: Bearer $token" "$1" >"$3"
}

# Parses a wrk report: "<requests> <seconds> <p50_ms> <p99_ms> <bad>".
wrk_parse() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / requests in / { n = $1; t = $4; sub(/,$/, "", t); if (t ~ /ms$/) t = t / 1000; else if (t ~ /m$/) t = t * 60; else t = t + 0 }
    /^[ \t]+50%/ { p50 = ms($2) }
    /^[ \t]+99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad += $NF }
    /Socket errors:/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
    END { printf "%d %s %.2f %.2f %d\n", n, t, p50, p99, bad }
  ' "$1"
}

rows=()
lines=()
# measure <name> <path>: warm-up both, then A/B/A/B.
measure() {
  local name=$1 path=$2 side run f a_n=0 a_t=0 b_n=0 b_t=0 a_p50=0 a_p99=0 b_p50=0 b_p99=0 bad=0 n t p50 p99 k code
  for side in "$lms_url" "$base_url"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $token" "$side$path" || true)
    [[ $code == 200 ]] || echo "bench.sh: warning: GET $side$path returns HTTP $code (the numbers measure that)" >&2
    wrk_run "$side$path" "$warmup" /dev/null
  done
  for run in 1 2; do
    for side in lms base; do
      f="$out/wrk-$name-$side-$run.txt"
      if [[ $side == lms ]]; then wrk_run "$lms_url$path" "$seconds" "$f"; else wrk_run "$base_url$path" "$seconds" "$f"; fi
      read -r n t p50 p99 k < <(wrk_parse "$f")
      bad=$((bad + k))
      if [[ $side == lms ]]; then
        a_n=$((a_n + n)); a_t=$(awk -v a="$a_t" -v b="$t" 'BEGIN{print a+b}')
        a_p50=$(awk -v a="$a_p50" -v b="$p50" 'BEGIN{print a+b/2}'); a_p99=$(awk -v a="$a_p99" -v b="$p99" 'BEGIN{print (b>a)?b:a}')
      else
        b_n=$((b_n + n)); b_t=$(awk -v a="$b_t" -v b="$t" 'BEGIN{print a+b}')
        b_p50=$(awk -v a="$b_p50" -v b="$p50" 'BEGIN{print a+b/2}'); b_p99=$(awk -v a="$b_p99" -v b="$p99" 'BEGIN{print (b>a)?b:a}')
      fi
    done
  done
  ((bad == 0)) || echo "bench.sh: warning: $bad non-2xx responses or socket errors on $name (see $out/wrk-$name-*.txt)" >&2
  local a_rps b_rps ratio
  a_rps=$(awk -v n="$a_n" -v t="$a_t" 'BEGIN{printf "%.0f", n/t}')
  b_rps=$(awk -v n="$b_n" -v t="$b_t" 'BEGIN{printf "%.0f", n/t}')
  ratio=$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN{printf "%.2f", (b>0)?a/b:0}')
  for k in a_p50 a_p99 b_p50 b_p99; do printf -v "$k" '%.1f' "${!k}"; done
  rows+=("$(printf '%-22s %-38s %8s %8s %8s %8s %8s %8s %6s' "$name" "GET $path" "$a_rps" "$a_p50" "$a_p99" "$b_rps" "$b_p50" "$b_p99" "$ratio")")
  lines+=("bench: $name lms=$a_rps base=$b_rps ratio=$ratio p99_ms=$a_p99")
}

peak_rss_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# --- demo size --------------------------------------------------------------------------------------------------------
# A first start creates the schema and the demo data when the database is new; the measured start is the second.
start_lms "$demo_connection" demo
stop_apps
start_lms "$demo_connection" demo
demo_first_ms=$first_ms
start_baseline "$demo_connection" demo
token=$(login student1 'Student123!')
course_id=$(curl -sS --max-time 10 "$lms_url/api/courses/?page=1&page_size=1" | sed -n 's/^{"count":[0-9]*,[^[]*\[{"id":\([0-9]*\).*/\1/p')
[[ -n $course_id ]] || { echo "bench.sh: no published course in the demo data" >&2; exit 1; }
echo "bench.sh: student1, course $course_id; each endpoint: ${warmup}s warm-up per app, then 4 x ${seconds}s (A/B/A/B), wrk -t2 -c$conns"
# A fresh process needs about half a minute under load before tiered JIT settles; both phases get the same.
warm_process() {
  echo "bench.sh: warming the fresh API for 30 s (tiered compilation)"
  wrk_run "$lms_url/api/courses/?page=1&page_size=20" 15 /dev/null
  wrk_run "$lms_url/api/enrollments/" 15 /dev/null
}
warm_process

measure course_detail "/api/courses/$course_id/"
measure course_page "/api/courses/?page=1&page_size=20"
measure profile "/api/users/profile/"
measure my_enrollments "/api/enrollments/"
measure health_live "/health/live"
demo_rss=$(peak_rss_mb "$LMS_APP_PID")

# Logins: one request at a time on the warm app, median of 100 after 10 warm-up calls, per document's login route.
login_rows=()
login_median() {
  local route=$1 body=$2 i code t times=()
  for ((i = 0; i < 110; i++)); do
    read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 -X POST "$lms_url$route" \
      -H 'Content-Type: application/json' --data "$body")
    [[ $code == 200 ]] || { echo "bench.sh: warning: POST $route returned HTTP $code" >&2; return 0; }
    ((i >= 10)) && times+=("$t")
  done
  login_rows+=("$(printf '%s\n' "${times[@]}" | sort -g | awk -v r="POST $route" '
    { v[NR] = $1 * 1000 }
    END { printf "%-44s %8.1f ms %8.1f ms %8.1f ms", r, (v[50] + v[51]) / 2, v[1], v[NR] }')")
}
login_median /api/token/ '{"username":"student1","password":"Student123!"}'
login_median /api/auth/login/ '{"username":"student1","password":"Student123!"}'
login_median /api/users/auth/login/ '{"email":"student1@lms.local","password":"Student123!"}'
login_median /accounts/clients/1/user/login/ '{"email":"student1@lms.local","password":"Student123!"}'
login_median /api/teacher/login/ '{"username":"teacher1","password":"Teacher123!"}'
stop_apps

# --- large size -------------------------------------------------------------------------------------------------------
large_first_ms=""
large_rss=""
if ((large)); then
  start_lms "$large_connection" large
  echo "bench.sh: loading the large data (once per database; bench/Lms.Bench.Data)"
  dotnet "$data_dll" --connection "$large_connection" --schema lms
  stop_apps
  # A fresh start on the loaded database, so the start-up time and the peak RSS are those of the large size.
  start_lms "$large_connection" large
  large_first_ms=$first_ms
  start_baseline "$large_connection" large
  token=$(login student1 'Student123!')
  warm_process
  measure course_page_large "/api/courses/?page=1&page_size=20"
  # The same nine courses as the demo-size page (the large data's courses are older, so page 1 still starts with the
  # demo's nine published ones): the like-for-like figure for "large within 1.5x of demo size".
  measure course_page_large_9 "/api/courses/?page=1&page_size=9"
  measure my_enrollments_large "/api/enrollments/"
  large_rss=$(peak_rss_mb "$LMS_APP_PID")
  stop_apps
fi

# --- report -------------------------------------------------------------------------------------------------------------
echo
printf '%-22s %-38s %8s %8s %8s %8s %8s %8s %6s\n' endpoint request 'lms r/s' 'p50 ms' 'p99 ms' 'base r/s' 'p50 ms' 'p99 ms' ratio
printf '%s\n' "${rows[@]}"
echo "(wrk -t2 -c$conns; per side 2 x ${seconds}s after ${warmup}s warm-up, alternating; p50 the mean of the two runs, p99 the worse)"
echo
echo "API peak RSS: ${demo_rss} MB (demo)$( ((large)) && echo ", ${large_rss} MB (large)")"
echo "API first request served: ${demo_first_ms} ms after the process started (demo)$( ((large)) && echo ", ${large_first_ms} ms (large)")"
echo
printf '%-44s %11s %11s %11s\n' 'login (100 sequential, warm)' median min max
printf '%s\n' "${login_rows[@]}"
echo
echo "bench-process: rss_peak_mb=$demo_rss first_request_ms=$demo_first_ms$( ((large)) && echo " rss_peak_large_mb=$large_rss first_request_large_ms=$large_first_ms")"
printf '%s\n' "${lines[@]}"
