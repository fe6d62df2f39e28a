#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL and MariaDB on free loopback ports for one test run.
#   servers.sh start DIR   -> DIR/servers.env holds the ports and credentials the tests read
#   servers.sh stop DIR
# Works as root (servers run as postgres/mysql through runuser) and as an ordinary user.
set -euo pipefail
action=${1:?start|stop}
dir=${2:?state folder}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_user() { # as_user USER CMD...: run as USER when we are root, as ourselves otherwise
    local user=$1; shift
    if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "no free loopback port found" >&2
    return 1
}

# Where the servers keep their files: DIR itself, or as root a fresh world-traversable folder
# in /tmp (named in DIR/runtime), because the postgres and mysql users cannot reach into a
# checkout under a private folder (mktemp -d is 0700).
run=$dir
[ -f "$dir/runtime" ] && run=$(cat "$dir/runtime")

stop_servers() {
    if [ -f "$run/pg/data/postmaster.pid" ]; then
        as_user postgres "$pg_bin/pg_ctl" -D "$run/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -f "$run/mariadb/mariadbd.pid" ]; then
        kill "$(cat "$run/mariadb/mariadbd.pid")" 2>/dev/null || true
        for _ in $(seq 1 50); do [ -f "$run/mariadb/mariadbd.pid" ] || break; sleep 0.1; done
    fi
}

if [ "$action" = stop ]; then
    stop_servers
    [ "$run" != "$dir" ] && rm -rf "$run"
    rm -rf "$dir"
    exit 0
fi

# A failed step says which, with the end of its log, instead of failing silently.
on_error() {
    echo "servers.sh: starting the test servers failed (line $1)" >&2
    for log in "$run/pg/initdb.log" "$run/pg/server.log" "$run/mariadb/install.log" \
        "$run/mariadb/error.log"; do
        [ -s "$log" ] && { echo "--- $log" >&2; tail -n 15 "$log" >&2; }
    done
}
trap 'on_error $LINENO' ERR

[ -n "$pg_bin" ] || { echo "PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || { echo "mariadbd not found (apt install mariadb-server)" >&2; exit 1; }

stop_servers
[ "$run" != "$dir" ] && rm -rf "$run"
rm -rf "$dir"
mkdir -p "$dir"
run=$dir
if [ "$(id -u)" = 0 ]; then
    run=$(mktemp -d /tmp/assay-servers.XXXXXX)
    chmod 755 "$run"
    echo "$run" > "$dir/runtime"
fi
mkdir -p "$run/pg" "$run/mariadb/tmp"
if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$run/pg"
    chown -R mysql:mysql "$run/mariadb"
fi

# ---- PostgreSQL: scram over TCP, trust on its private unix socket for setup --------------------
pg_port=$(free_port)
echo -n "pg-admin-$RANDOM$RANDOM" > "$run/pg/pw"
[ "$(id -u)" = 0 ] && chown postgres "$run/pg/pw"
as_user postgres "$pg_bin/initdb" -D "$run/pg/data" -U postgres --pwfile="$run/pg/pw" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$run/pg/initdb.log" 2>&1
as_user postgres "$pg_bin/pg_ctl" -D "$run/pg/data" -l "$run/pg/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$run/pg -c fsync=off -c full_page_writes=off" \
    start >/dev/null
pg_password="pg-assay-$RANDOM$RANDOM"
psql -q -h "$run/pg" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE assay_test LOGIN PASSWORD '$pg_password'" \
    -c "CREATE DATABASE assay_test OWNER assay_test" \
    -c "CREATE ROLE assay_noaccess LOGIN PASSWORD '$pg_password'" \
    -c "REVOKE CONNECT ON DATABASE assay_test FROM PUBLIC" >/dev/null

# ---- MariaDB ------------------------------------------------------------------------------------
md_port=$(free_port)
md_user_opt=()
[ "$(id -u)" = 0 ] && md_user_opt=(--user=mysql)
mariadb-install-db --no-defaults "${md_user_opt[@]}" --datadir="$run/mariadb/data" \
    --tmpdir="$run/mariadb/tmp" --auth-root-authentication-method=normal --skip-test-db >"$run/mariadb/install.log" 2>&1
mariadbd_bin=$(command -v mariadbd || echo /usr/sbin/mariadbd)
as_user mysql "$mariadbd_bin" --no-defaults --datadir="$run/mariadb/data" \
    --tmpdir="$run/mariadb/tmp" --socket="$run/mariadb/mysqld.sock" --port="$md_port" --bind-address=127.0.0.1 \
    --pid-file="$run/mariadb/mariadbd.pid" --log-error="$run/mariadb/error.log" --skip-log-bin \
    --innodb-flush-log-at-trx-commit=0 --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
for _ in $(seq 1 300); do
    mariadb-admin --no-defaults --socket="$run/mariadb/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.1
done
md_password="md-assay-$RANDOM$RANDOM"
mariadb --no-defaults --socket="$run/mariadb/mysqld.sock" -uroot -e \
    "CREATE DATABASE assay_test; CREATE DATABASE private_data;
     CREATE USER 'assay_test'@'%' IDENTIFIED BY '$md_password';
     GRANT ALL ON \`assay\\_%\`.* TO 'assay_test'@'%'; FLUSH PRIVILEGES;"

cat > "$dir/servers.env" <<ENV
PG_HOST=127.0.0.1
PG_PORT=$pg_port
PG_USER=assay_test
PG_PASSWORD=$pg_password
PG_DATABASE=assay_test
PG_NOACCESS_USER=assay_noaccess
PG_SOCKET_DIR=$run/pg
MARIADB_HOST=127.0.0.1
MARIADB_PORT=$md_port
MARIADB_USER=assay_test
MARIADB_PASSWORD=$md_password
MARIADB_DATABASE=assay_test
MARIADB_PRIVATE_DATABASE=private_data
MARIADB_SOCKET=$run/mariadb/mysqld.sock
ENV
echo "PostgreSQL on 127.0.0.1:$pg_port, MariaDB on 127.0.0.1:$md_port"
