# shellcheck shell=bash
# Background process helpers for build/*.sh (sourced; sets no shell options).
#   lms_spawn_bg CMD...     start CMD in its own session/process group; sets LMS_BG_PID
#   lms_stop_bg PID [SECS]  TERM the whole group, wait up to SECS (default 15), then KILL

# shellcheck disable=SC2034 # read by the caller
LMS_BG_PID=""

lms_spawn_bg() {
  # Own session: Ctrl-C reaches only the script, whose trap then stops the whole tree.
  if command -v setsid >/dev/null 2>&1; then
    setsid "$@" &
  else
    "$@" &
  fi
  # shellcheck disable=SC2034 # read by the caller
  LMS_BG_PID=$!
}

# True if PID exists and is not a zombie.
lms_proc_alive() {
  local stat
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# True while any live (non-zombie) process is in process group PGID.
lms_pgrp_alive() {
  local f stat fields
  for f in /proc/[0-9]*/stat; do
    read -r stat 2>/dev/null <"$f" || continue
    read -r -a fields <<<"${stat##*) }"
    [[ ${fields[2]:-} == "$1" && ${fields[0]:-} != Z ]] && return 0
  done
  return 1
}

lms_stop_bg() {
  local pid=${1:-} grace=${2:-15} i
  [[ -n $pid ]] || return 0
  if lms_pgrp_alive "$pid" || lms_proc_alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      lms_pgrp_alive "$pid" || lms_proc_alive "$pid" || break
      sleep 0.1
    done
    if lms_pgrp_alive "$pid" || lms_proc_alive "$pid"; then
      printf 'process group %s still running after %ss; killing it\n' "$pid" "$grace" >&2
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# The API started by lms_spawn_bg, stopped by lms_trap_cleanup's handler.
LMS_APP_PID=""

# On exit, Ctrl-C or TERM: stop the API (if LMS_APP_PID is set) and the cluster (if this shell started it).
# Usage: lms_trap_cleanup <script-name>
lms_trap_cleanup() {
  _LMS_SCRIPT_NAME=$1
  trap _lms_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# shellcheck disable=SC2317 # invoked via trap
_lms_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # Clean up even if the terminal or a pipe reading our output is already gone.
  trap '' PIPE INT TERM
  set +e
  if [[ -n $LMS_APP_PID ]]; then
    echo "$_LMS_SCRIPT_NAME: stopping the API (pid $LMS_APP_PID)"
    lms_stop_bg "$LMS_APP_PID" 20
  fi
  lms_pg_stop
  exit "$rc"
}
