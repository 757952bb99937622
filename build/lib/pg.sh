# shellcheck shell=bash
# Embedded dev/test PostgreSQL for the build scripts. Source this file (it sets no shell options), then:
#   lms_pg_ensure <database>  export ConnectionStrings__Lms, starting a local cluster if needed
#   lms_pg_stop               stop the cluster, but only if lms_pg_ensure started it
# Env in:  ConnectionStrings__Lms (if set: used as-is, nothing else happens), LMS_PG_PORT (default 55432)
# Env out: ConnectionStrings__Lms="Host=127.0.0.1;Port=<port>;Database=<db>;Username=lms"
#          LMS_PG_STARTED=1 when this shell started the server (0 otherwise; not exported)
# Files:   <repo>/.data/pg (cluster), <repo>/.data/pg-run (unix socket, postgres.log, initdb.log)

LMS_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LMS_PG_STARTED=0
_LMS_PG_DATA="$LMS_REPO_ROOT/.data/pg"
_LMS_PG_RUN="$LMS_REPO_ROOT/.data/pg-run"
_LMS_PG_BIN=""  # server bin dir, e.g. /usr/lib/postgresql/15/bin
_LMS_PG_USER="" # OS user running initdb/pg_ctl; empty = current user
_LMS_PG_LOCK_FD=""

_lms_pg_log() { printf '[pg] %s\n' "$*" >&2; }

# Run a server command as the cluster's OS user (initdb and pg_ctl refuse to run as root).
_lms_pg_as() {
  if [[ -z $_LMS_PG_USER ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u "$_LMS_PG_USER" -- "$@")
  else
    (cd / && su -s /bin/bash "$_LMS_PG_USER" -c "$(printf '%q ' "$@")")
  fi
}

# Pick the server bin dir: the cluster's own major version if it exists, else the highest installed.
_lms_pg_find_bin() {
  local d found="" ver
  if [[ -r $_LMS_PG_DATA/PG_VERSION ]]; then
    ver=$(<"$_LMS_PG_DATA/PG_VERSION")
    if [[ -x /usr/lib/postgresql/$ver/bin/pg_ctl ]]; then
      _LMS_PG_BIN=/usr/lib/postgresql/$ver/bin
      return 0
    fi
    if compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then
      _lms_pg_log "$_LMS_PG_DATA was created by PostgreSQL $ver, which is not installed."
      _lms_pg_log "Install postgresql-$ver, or delete $_LMS_PG_DATA to re-create the cluster."
      return 1
    fi
  fi
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]] && found+="$d"$'\n'
  done
  if [[ -n $found ]]; then
    _LMS_PG_BIN=$(printf '%s' "$found" | sort -V | tail -n 1)
  elif command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    _LMS_PG_BIN=$(dirname "$(command -v pg_ctl)") # non-Debian layouts
  else
    return 1
  fi
}

_lms_pg_install() {
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    # The package may create/start its own cluster on 5432; we leave it alone and use our own port.
    _lms_pg_log "PostgreSQL server not found; installing it: apt-get install -y postgresql"
    apt-get update || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql || return 1
  elif command -v apt-get >/dev/null 2>&1; then
    _lms_pg_log "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin). Run:"
    _lms_pg_log "  sudo apt-get install -y postgresql"
    return 1
  else
    _lms_pg_log "PostgreSQL server binaries (initdb, pg_ctl) not found. Install the PostgreSQL server"
    _lms_pg_log "with your package manager, or set ConnectionStrings__Lms to an existing server."
    return 1
  fi
}

# As root: run the server as the data dir's owner, else 'postgres', else a system user 'lms-pg'.
_lms_pg_pick_user() {
  local owner=""
  _LMS_PG_USER=""
  [[ $EUID -eq 0 ]] || return 0
  [[ -d $_LMS_PG_DATA ]] && owner=$(stat -c %U "$_LMS_PG_DATA" 2>/dev/null || true)
  if [[ -n $owner && $owner != root && $owner != UNKNOWN ]]; then
    _LMS_PG_USER=$owner
  elif id -u postgres >/dev/null 2>&1; then
    _LMS_PG_USER=postgres
  else
    if ! id -u lms-pg >/dev/null 2>&1; then
      _lms_pg_log "creating system user lms-pg (initdb refuses to run as root)"
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin lms-pg || return 1
    fi
    _LMS_PG_USER=lms-pg
  fi
}

# True if the pid in postmaster.pid belongs to a live postgres process.
_lms_pg_pidfile_live() {
  local pid comm
  pid=$(head -n 1 "$_LMS_PG_DATA/postmaster.pid" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  [[ $comm == postgres* || $comm == postmaster* ]]
}

_lms_pg_start() {
  local port=$1 sock=$2
  # fsync/full_page_writes off: throwaway dev/test cluster, speed over crash safety.
  local opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$sock'"
  opts+=" -c max_connections=100 -c shared_buffers=128MB"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  local cmd=("$_LMS_PG_BIN/pg_ctl" -D "$_LMS_PG_DATA" -l "$_LMS_PG_RUN/postgres.log" -w -t 60 -o "$opts" start)
  # The server must not inherit the ensure.lock descriptor (it would hold the lock forever).
  if [[ -n $_LMS_PG_LOCK_FD ]]; then
    _lms_pg_as "${cmd[@]}" >&2 {_LMS_PG_LOCK_FD}>&-
  else
    _lms_pg_as "${cmd[@]}" >&2
  fi
}

_lms_pg_running() {
  _lms_pg_as "$_LMS_PG_BIN/pg_ctl" -D "$_LMS_PG_DATA" status >/dev/null 2>&1
}

_lms_pg_ensure_locked() {
  local db=$1 port=${LMS_PG_PORT:-55432} sock loc locales exists i

  if ! _lms_pg_find_bin; then
    _lms_pg_install || return 1
    _lms_pg_find_bin || { _lms_pg_log "PostgreSQL server binaries still not found"; return 1; }
  fi
  _lms_pg_pick_user || return 1
  _lms_pg_log "server binaries: $_LMS_PG_BIN${_LMS_PG_USER:+ (running as OS user $_LMS_PG_USER)}"

  # As root, the server's OS user may not be able to traverse the checkout (e.g. a clone under /root);
  # then the cluster lives in /var/tmp, keyed by the checkout's path, instead of .data/.
  if [[ -n $_LMS_PG_USER ]] && ! _lms_pg_as test -x "$LMS_REPO_ROOT/.data"; then
    local key
    key=$(printf '%s' "$LMS_REPO_ROOT" | cksum | cut -d' ' -f1)
    _LMS_PG_DATA=/var/tmp/lms-pg-$key/pg
    _LMS_PG_RUN=/var/tmp/lms-pg-$key/run
    _lms_pg_log "OS user $_LMS_PG_USER cannot reach $LMS_REPO_ROOT/.data; using $_LMS_PG_DATA"
    mkdir -p "$_LMS_PG_RUN" || return 1
    chmod 755 "/var/tmp/lms-pg-$key" || return 1
    _lms_pg_pick_user || return 1
  fi

  if [[ $EUID -ne 0 && -e $_LMS_PG_DATA && ! -O $_LMS_PG_DATA ]]; then
    _lms_pg_log "$_LMS_PG_DATA belongs to $(stat -c %U "$_LMS_PG_DATA"), not to you."
    _lms_pg_log "Run as root, or remove it (sudo rm -rf $_LMS_PG_DATA) to re-create the cluster."
    return 1
  fi
  mkdir -p "$_LMS_PG_DATA" || return 1
  chmod 700 "$_LMS_PG_DATA" || return 1
  if [[ -n $_LMS_PG_USER ]]; then
    if [[ $(stat -c %U "$_LMS_PG_DATA") != "$_LMS_PG_USER" ]]; then
      chown -R "$_LMS_PG_USER:" "$_LMS_PG_DATA" || return 1
    fi
    chown -R "$_LMS_PG_USER:" "$_LMS_PG_RUN" || return 1
    if ! _lms_pg_as test -w "$_LMS_PG_DATA"; then
      _lms_pg_log "OS user $_LMS_PG_USER cannot reach $_LMS_PG_DATA (a parent directory is not"
      _lms_pg_log "traversable, e.g. /root). Move the repo, chmod o+x its parents, or set ConnectionStrings__Lms."
      return 1
    fi
  fi

  # Unix socket paths are limited to ~107 bytes; fall back to /tmp for deep checkouts.
  sock=$_LMS_PG_RUN
  ((${#sock} + 20 < 100)) || sock=/tmp

  if [[ ! -f $_LMS_PG_DATA/PG_VERSION ]]; then
    if [[ -n $(ls -A "$_LMS_PG_DATA") ]]; then
      _lms_pg_log "removing incomplete cluster in $_LMS_PG_DATA"
      find "$_LMS_PG_DATA" -mindepth 1 -delete || return 1
    fi
    locales=$(locale -a 2>/dev/null || true)
    loc=C
    grep -qiE '^c\.utf-?8$' <<<"$locales" && loc=C.UTF-8
    _lms_pg_log "initdb $_LMS_PG_DATA (superuser lms, trust auth, UTF8, locale $loc)"
    if ! _lms_pg_as "$_LMS_PG_BIN/initdb" -D "$_LMS_PG_DATA" -A trust --username=lms -E UTF8 \
      --locale="$loc" >"$_LMS_PG_RUN/initdb.log" 2>&1; then
      cat "$_LMS_PG_RUN/initdb.log" >&2
      _lms_pg_log "initdb failed (log: $_LMS_PG_RUN/initdb.log)"
      return 1
    fi
  fi

  # pg_ctl status trusts any live pid in postmaster.pid; after a crash that pid may be reused.
  if _lms_pg_running && ! _lms_pg_pidfile_live; then
    _lms_pg_log "removing stale postmaster.pid (its pid is not a postgres process)"
    rm -f "$_LMS_PG_DATA/postmaster.pid"
  fi

  if _lms_pg_running; then
    i=$(sed -n 4p "$_LMS_PG_DATA/postmaster.pid" 2>/dev/null || true)
    if [[ $i =~ ^[0-9]+$ && $i != "$port" ]]; then
      _lms_pg_log "cluster already running on port $i (not $port); using it"
      port=$i
    fi
    _lms_pg_log "reusing running cluster $_LMS_PG_DATA on 127.0.0.1:$port"
  else
    if "$_LMS_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 3 || [[ $? -eq 1 ]]; then
      _lms_pg_log "port $port is used by another PostgreSQL server. Set LMS_PG_PORT to a free port,"
      _lms_pg_log "or ConnectionStrings__Lms to use that server."
      return 1
    fi
    _lms_pg_log "starting cluster $_LMS_PG_DATA on 127.0.0.1:$port (log: $_LMS_PG_RUN/postgres.log)"
    if ! _lms_pg_start "$port" "$sock"; then
      if _lms_pg_running; then
        _lms_pg_log "cluster was started concurrently; reusing it"
      elif ! _lms_pg_pidfile_live; then
        _lms_pg_log "removing stale lock files (left by a crash) and retrying"
        rm -f "$_LMS_PG_DATA/postmaster.pid" "$sock/.s.PGSQL.$port.lock"
        if ! _lms_pg_start "$port" "$sock"; then
          tail -n 30 "$_LMS_PG_RUN/postgres.log" >&2 || true
          _lms_pg_log "pg_ctl start failed"
          return 1
        fi
        LMS_PG_STARTED=1
      else
        tail -n 30 "$_LMS_PG_RUN/postgres.log" >&2 || true
        _lms_pg_log "pg_ctl start failed"
        return 1
      fi
    else
      LMS_PG_STARTED=1
    fi
  fi

  for ((i = 0; i < 60; i++)); do
    "$_LMS_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U lms -d postgres && break
    sleep 0.5
  done
  if ((i == 60)); then
    _lms_pg_log "server on 127.0.0.1:$port not ready after 30 s"
    return 1
  fi

  exists=$("$_LMS_PG_BIN/psql" -h 127.0.0.1 -p "$port" -U lms -d postgres -XtAq \
    -c "select 1 from pg_database where datname = '$db'") || return 1
  if [[ $exists != 1 ]]; then
    _lms_pg_log "creating database $db"
    "$_LMS_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U lms "$db" || return 1
  fi

  export ConnectionStrings__Lms="Host=127.0.0.1;Port=$port;Database=$db;Username=lms"
  _lms_pg_log "ConnectionStrings__Lms=$ConnectionStrings__Lms"
}

lms_pg_ensure() {
  local db=${1:?usage: lms_pg_ensure <database-name>} rc=0
  if [[ -n ${ConnectionStrings__Lms:-} ]]; then
    _lms_pg_log "using ConnectionStrings__Lms from the environment"
    return 0
  fi
  if [[ ! $db =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    _lms_pg_log "invalid database name: $db"
    return 1
  fi
  mkdir -p "$_LMS_PG_RUN" || return 1
  # Serialise concurrent callers (e.g. run.sh and test.sh started together).
  if command -v flock >/dev/null 2>&1; then
    exec {_LMS_PG_LOCK_FD}>"$_LMS_PG_RUN/ensure.lock"
    flock -w 180 "$_LMS_PG_LOCK_FD" || _lms_pg_log "warning: could not lock $_LMS_PG_RUN/ensure.lock; continuing"
  fi
  _lms_pg_ensure_locked "$db" || rc=$?
  if [[ -n $_LMS_PG_LOCK_FD ]]; then
    exec {_LMS_PG_LOCK_FD}>&-
    _LMS_PG_LOCK_FD=""
  fi
  return "$rc"
}

lms_pg_stop() {
  [[ ${LMS_PG_STARTED:-0} == 1 ]] || return 0
  LMS_PG_STARTED=0
  _lms_pg_log "stopping cluster $_LMS_PG_DATA"
  _lms_pg_as "$_LMS_PG_BIN/pg_ctl" -D "$_LMS_PG_DATA" -m fast -w stop >&2 ||
    _lms_pg_log "warning: pg_ctl stop failed"
}
