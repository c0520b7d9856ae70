#!/usr/bin/env bash
# A throwaway PostgreSQL server for the integration test that runs the suite on PostgreSQL.
#   postgres.sh start PORT   installs Debian's server when it is missing, creates a fresh cluster on
#                            127.0.0.1:PORT with database and user "omotenashi" (password "omotenashi")
#   postgres.sh stop PORT    stops that cluster and removes it
# The cluster lives under /tmp, outside the checkout: the server runs as the postgres user, which may
# not be allowed into the folder the project was cloned to.
set -euo pipefail
action=${1:?start or stop}
port=${2:?port}
dir=/tmp/omotenashi-postgres-$port

server_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# initdb and the server refuse to run as root; as root they run as Debian's postgres user.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop() {
    local bin
    bin=$(server_bin)
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
}

start() {
    if [ -z "$(server_bin)" ]; then
        sudo=()
        [ "$(id -u)" -eq 0 ] || sudo=(sudo)
        "${sudo[@]}" apt-get update
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
    fi
    local bin
    bin=$(server_bin)
    stop
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    as_owner "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE omotenashi LOGIN PASSWORD 'omotenashi'" \
        -c "CREATE DATABASE omotenashi OWNER omotenashi"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port"
}

case "$action" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop PORT" >&2; exit 2 ;;
esac
