#!/usr/bin/env bash
# Installs what Assay needs to build, run and test, on Debian/Ubuntu with apt (through sudo when
# not root). On other systems it prints what to install and leaves the machine alone.
set -euo pipefail

packages=(
    # build
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qtkeychain-qt6-dev libgl-dev
    # run: Qt SQL drivers, SVG icons, keychain (Secret Service), fonts
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql libqt6sql6-odbc libqt6svg6
    libpq-dev libsqlite3-dev unixodbc-dev
    libsecret-1-0 gnome-keyring dbus fonts-dejavu-core
    # test: real database servers and ODBC drivers, a private keyring session, a virtual display
    postgresql mariadb-server mariadb-client unixodbc odbc-postgresql odbc-mariadb libsqliteodbc
    dbus-x11 libsecret-tools xvfb xauth
    # translations: lupdate, lrelease and their CMake functions
    qt6-tools-dev qt6-l10n-tools
    # the file engine reads gzip-compressed files
    zlib1g-dev
    # benchmarks: the sqlite3 shell's import route, beside the file engine's
    sqlite3
)
# npm fetches DuckDB (the file engine) and the object-store test servers from the npm registry;
# Debian's npm, unless a Node.js install already brings one.
command -v npm >/dev/null 2>&1 || packages+=(npm)

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    cat <<MSG
This is not a Debian/Ubuntu system, so nothing was installed. Assay needs:
  - CMake >= 3.25, Ninja, a C++17 compiler
  - Qt 6.4 or newer: Core, Gui, Widgets, Network, Sql (SQLite, PostgreSQL, MySQL, ODBC drivers),
    Svg, Concurrent, Test
  - QtKeychain for Qt 6 (qtkeychain-qt6), zlib
  - DuckDB's C library (the file engine), or files sync but do not profile: -DDUCKDB_ROOT=<prefix>
  - for the tests: PostgreSQL and MariaDB server binaries, D-Bus and gnome-keyring
See README.md, "Other platforms", for the exact commands on macOS and Windows.
MSG
    exit 0
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: every package is installed"
    exec bash "$(dirname "$0")/install-duckdb.sh"
fi

sudo=()
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
        echo "deps: missing ${missing[*]}; run as root or install sudo" >&2
        exit 1
    }
    sudo=(sudo)
fi
echo "deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
bash "$(dirname "$0")/install-duckdb.sh"
