#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests.
#
#   eval "$(scripts/pg-throwaway.sh start)"   # exports TEST_DATABASE_URL, PG_THROWAWAY_DIR
#   scripts/pg-throwaway.sh stop "$PG_THROWAWAY_DIR"
#
# `start` creates a brand-new cluster in a fresh /tmp/pg-throwaway.* directory,
# listening only on 127.0.0.1 (free port >= 54329) plus a unix socket inside that
# directory. It never touches the system's default cluster. Only `export` lines
# are written to stdout; everything else goes to stderr.
# `stop DIR` drops the test database/role, stops the server and removes DIR.
# It is idempotent and safe after a half-finished `start`.
# Must run as root (initdb/pg_ctl are run as user postgres via runuser/su).
set -euo pipefail

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
PG_OS_USER=postgres
DB_NAME=baomi_test
DB_ROLE=baomi_test
TMP_PREFIX=pg-throwaway
FIRST_PORT=${PG_THROWAWAY_FIRST_PORT:-54329}
LOCK_FILE="/tmp/.${TMP_PREFIX}-port.lock"

# Do not let the caller's libpq environment redirect our own psql/pg_ctl calls.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE \
      PGSERVICEFILE PGOPTIONS PGDATA PGSSLMODE PGTARGETSESSIONATTRS PGCLUSTER || true

log() { printf 'pg-throwaway: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Run a command as the postgres OS user (from a directory it can read).
as_pg() {
    if command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
        local q
        q=$(printf '%q ' "$@")
        (cd / && su "$PG_OS_USER" -s /bin/sh -c "$q")
    fi
}

ensure_binaries() {
    if [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/postgres" \
          && -x "$PG_BIN/psql" && -x "$PG_BIN/pg_isready" ]] \
       && id "$PG_OS_USER" >/dev/null 2>&1; then
        return 0
    fi
    [[ $(id -u) -eq 0 ]] || die "PostgreSQL ${PG_VERSION} missing and not root; cannot install"
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL ${PG_VERSION} missing and apt-get not available"
    log "installing PostgreSQL ${PG_VERSION} via apt-get ..."
    export DEBIAN_FRONTEND=noninteractive
    local apt_opts=(-y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    apt-get update -q </dev/null >&2
    apt-get install "${apt_opts[@]}" "postgresql-${PG_VERSION}" "postgresql-contrib-${PG_VERSION}" </dev/null >&2 \
        || apt-get install "${apt_opts[@]}" "postgresql-${PG_VERSION}" </dev/null >&2 \
        || apt-get install "${apt_opts[@]}" postgresql </dev/null >&2 \
        || die "apt-get install of PostgreSQL failed"
    [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL ${PG_VERSION} binaries not found in $PG_BIN after install"
    id "$PG_OS_USER" >/dev/null 2>&1 || die "OS user $PG_OS_USER does not exist after install"
}

random_password() {
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex 24
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import secrets; print(secrets.token_hex(24))'
    else
        od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
    fi
}

port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [[ -n $(ss -Htan "( sport = :$port )" 2>/dev/null) ]]
    else
        (exec 2>/dev/null; : <"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

# Validate that DIR is one of ours before we rm -rf it or stop its server.
is_our_dir() {
    local dir=$1
    [[ $dir == /tmp/${TMP_PREFIX}.* && $dir != */../* && $dir != *"/.." && $dir != *$'\n'* ]]
}

# ---------------------------------------------------------------------------
do_stop() {
    local dir=${1:-}
    dir=${dir%/}
    [[ -n $dir ]] || die "usage: $0 stop DIR"
    is_our_dir "$dir" || die "refusing to touch '$dir' (not a /tmp/${TMP_PREFIX}.* directory)"
    if [[ ! -e $dir ]]; then
        log "$dir already removed; nothing to do"
        return 0
    fi
    [[ -d $dir && ! -L $dir ]] || die "refusing to touch '$dir' (not a directory)"
    local data="$dir/data" sock="$dir/sock" port=""
    [[ -f $dir/port ]] && port=$(<"$dir/port")

    if [[ -x $PG_BIN/pg_ctl && -f $data/postmaster.pid ]] \
       && as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        if [[ -n $port ]]; then
            as_pg "$PG_BIN/psql" -X -q -h "$sock" -p "$port" -U postgres -d postgres \
                -c "DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)" \
                -c "DROP ROLE IF EXISTS ${DB_ROLE}" >&2 2>/dev/null \
                || log "warning: could not drop database/role (continuing)"
        fi
        if ! as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2; then
            log "fast stop failed; trying immediate"
            as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 30 stop >&2 || true
        fi
    fi
    # Last resort: if the postmaster is somehow still alive, kill it.
    if [[ -f $data/postmaster.pid ]]; then
        local pid
        pid=$(head -n1 "$data/postmaster.pid" 2>/dev/null || true)
        if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
           && [[ $(readlink "/proc/$pid/cwd" 2>/dev/null || true) == "$data" ]]; then
            log "killing leftover postmaster $pid"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
        fi
    fi
    rm -rf -- "$dir"
    log "stopped and removed $dir"
}

# ---------------------------------------------------------------------------
START_DIR=""
START_OK=0
start_cleanup() {
    local rc=$?
    if [[ $START_OK -ne 1 && -n $START_DIR ]]; then
        log "start failed (rc=$rc); cleaning up $START_DIR"
        [[ -f $START_DIR/server.log ]] && tail -n 20 "$START_DIR/server.log" >&2 || true
        (do_stop "$START_DIR") || true
    fi
}

do_start() {
    # Keep the real stdout on fd 3 for the export lines only.
    exec 3>&1 1>&2

    ensure_binaries

    trap start_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    START_DIR=$(mktemp -d "/tmp/${TMP_PREFIX}.XXXXXXXXXX")
    local dir=$START_DIR data="$START_DIR/data" sock="$START_DIR/sock"
    mkdir -p "$sock"
    chown -R "$PG_OS_USER:" "$dir"
    chmod 700 "$dir"

    log "initdb in $data"
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres --no-sync \
        --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >/dev/null

    # Throwaway settings: speed over durability; only localhost + private socket.
    cat >>"$data/postgresql.conf" <<EOF

# --- pg-throwaway ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF

    # Pick a free port and start; serialise concurrent starts with a lock so two
    # runs never race for the same port. fds 3/9 are closed for the server so it
    # neither holds the lock nor keeps the caller's $(...) pipe open.
    local port=$FIRST_PORT started=0 tries=0
    exec 9>>"$LOCK_FILE"
    flock -w 300 9 || die "could not acquire $LOCK_FILE"
    while (( tries < 50 )); do
        tries=$((tries + 1))
        if port_in_use "$port"; then
            port=$((port + 1)); continue
        fi
        echo "$port" >"$dir/port"
        log "starting server on 127.0.0.1:$port"
        if as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" \
               -o "-p $port" -w -t 60 start >/dev/null 3>&- 9>&-; then
            started=1; break
        fi
        log "start on port $port failed; trying next port"
        tail -n 5 "$dir/server.log" >&2 || true
        as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 3>&- 9>&- || true
        port=$((port + 1))
    done
    flock -u 9; exec 9>&-
    (( started )) || die "could not start PostgreSQL"

    local i
    for i in $(seq 1 60); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && break
        (( i == 60 )) && die "server not ready on 127.0.0.1:$port"
        sleep 0.5
    done

    local pw
    pw=$(random_password)
    [[ $pw =~ ^[0-9a-f]+$ ]] || die "failed to generate password"

    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d postgres \
        -v role="$DB_ROLE" -v db="$DB_NAME" -v pw="$pw" >/dev/null <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"role" ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;
SQL
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d "$DB_NAME" \
        -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' >/dev/null

    log "ready: database $DB_NAME on 127.0.0.1:$port (dir $dir)"
    printf 'export TEST_DATABASE_URL=%q\n' \
        "postgresql+psycopg://${DB_ROLE}:${pw}@127.0.0.1:${port}/${DB_NAME}" >&3
    printf 'export PG_THROWAWAY_DIR=%q\n' "$dir" >&3
    START_OK=1
}

case "${1:-}" in
    start) do_start ;;
    stop)  shift; do_stop "${1:-}" ;;
    *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
