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

stop_servers() {
    if [ -f "$dir/pg/data/postmaster.pid" ]; then
        as_user postgres "$pg_bin/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/mariadb/mariadbd.pid" ]; then
        kill "$(cat "$dir/mariadb/mariadbd.pid")" 2>/dev/null || true
        for _ in $(seq 1 50); do [ -f "$dir/mariadb/mariadbd.pid" ] || break; sleep 0.1; done
    fi
}

if [ "$action" = stop ]; then
    stop_servers
    rm -rf "$dir"
    exit 0
fi

[ -n "$pg_bin" ] || { echo "PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || { echo "mariadbd not found (apt install mariadb-server)" >&2; exit 1; }

stop_servers
rm -rf "$dir"
mkdir -p "$dir/pg" "$dir/mariadb/tmp"
chmod 755 "$dir" "$(dirname "$dir")"
if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir/pg"
    chown -R mysql:mysql "$dir/mariadb"
fi

# ---- PostgreSQL: scram over TCP, trust on its private unix socket for setup --------------------
pg_port=$(free_port)
echo -n "pg-admin-$RANDOM$RANDOM" > "$dir/pg/pw"
[ "$(id -u)" = 0 ] && chown postgres "$dir/pg/pw"
as_user postgres "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --pwfile="$dir/pg/pw" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/pg/initdb.log" 2>&1
as_user postgres "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$dir/pg -c fsync=off -c full_page_writes=off" \
    start >/dev/null
pg_password="pg-assay-$RANDOM$RANDOM"
psql -q -h "$dir/pg" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE assay_test LOGIN PASSWORD '$pg_password'" \
    -c "CREATE DATABASE assay_test OWNER assay_test" \
    -c "CREATE ROLE assay_noaccess LOGIN PASSWORD '$pg_password'" \
    -c "REVOKE CONNECT ON DATABASE assay_test FROM PUBLIC" >/dev/null

# ---- MariaDB ------------------------------------------------------------------------------------
md_port=$(free_port)
md_user_opt=()
[ "$(id -u)" = 0 ] && md_user_opt=(--user=mysql)
mariadb-install-db --no-defaults "${md_user_opt[@]}" --datadir="$dir/mariadb/data" \
    --tmpdir="$dir/mariadb/tmp" --auth-root-authentication-method=normal --skip-test-db >"$dir/mariadb/install.log" 2>&1
mariadbd_bin=$(command -v mariadbd || echo /usr/sbin/mariadbd)
as_user mysql "$mariadbd_bin" --no-defaults --datadir="$dir/mariadb/data" \
    --tmpdir="$dir/mariadb/tmp" --socket="$dir/mariadb/mysqld.sock" --port="$md_port" --bind-address=127.0.0.1 \
    --pid-file="$dir/mariadb/mariadbd.pid" --log-error="$dir/mariadb/error.log" --skip-log-bin \
    --innodb-flush-log-at-trx-commit=0 --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
for _ in $(seq 1 300); do
    mariadb-admin --no-defaults --socket="$dir/mariadb/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.1
done
md_password="md-assay-$RANDOM$RANDOM"
mariadb --no-defaults --socket="$dir/mariadb/mysqld.sock" -uroot -e \
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
PG_SOCKET_DIR=$dir/pg
MARIADB_HOST=127.0.0.1
MARIADB_PORT=$md_port
MARIADB_USER=assay_test
MARIADB_PASSWORD=$md_password
MARIADB_DATABASE=assay_test
MARIADB_PRIVATE_DATABASE=private_data
MARIADB_SOCKET=$dir/mariadb/mysqld.sock
ENV
echo "PostgreSQL on 127.0.0.1:$pg_port, MariaDB on 127.0.0.1:$md_port"
