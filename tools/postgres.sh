#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the review store's tests.
#   tools/postgres.sh start DIR [PORT]   initdb in DIR (created), start, create database
#                                        "sanctionscreen"; print the URL for the tests
#   tools/postgres.sh stop DIR           stop it (DIR can then be removed)
# Uses Debian's server binaries (package postgresql); installs them when absent and run
# as root. PostgreSQL refuses to run as root, so the server runs as user "postgres".
set -euo pipefail

bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -z "$found" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
            found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
        else
            echo "postgres.sh: PostgreSQL server binaries not found (Debian package postgresql)" >&2
            exit 1
        fi
    fi
    echo "$found"
}

as_server_user() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

command=${1:?start or stop}
dir=${2:?data directory}
case "$command" in
start)
    port=${3:-55432}
    bin=$(bindir)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_server_user "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/data -c fsync=off" start >/dev/null
    as_server_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres sanctionscreen
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/sanctionscreen"
    ;;
stop)
    bin=$(bindir)
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
*)
    echo "postgres.sh: start or stop" >&2
    exit 2
    ;;
esac
