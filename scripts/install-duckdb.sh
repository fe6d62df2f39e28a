#!/usr/bin/env bash
# Fetches DuckDB's C library (the file engine that makes files SQL-queryable) into .deps/duckdb:
#   .deps/duckdb/include/duckdb.h and .deps/duckdb/lib/libduckdb.so
# Debian has no DuckDB package, so both come from the npm registry, as published tarballs
# (`npm pack`: no install scripts run): libduckdb.so from @duckdb/node-bindings-<platform>, the
# header from the `duckdb` package's sources. Their versions must match (see DUCKDB_VERSION).
# Elsewhere, install DuckDB yourself and configure with -DDUCKDB_ROOT=<prefix>.
set -euo pipefail
DUCKDB_VERSION=1.4.4
BINDINGS_REVISION=r.4
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.deps/duckdb"
stamp="$dest/VERSION"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$DUCKDB_VERSION" ] &&
    [ -f "$dest/include/duckdb.h" ] && [ -f "$dest/lib/libduckdb.so" ]; then
    exit 0
fi
case "$(uname -s)-$(uname -m)" in
Linux-x86_64) platform=linux-x64 ;;
Linux-aarch64) platform=linux-arm64 ;;
*)
    echo "deps: no DuckDB build for $(uname -s)-$(uname -m) in the npm registry; install DuckDB" \
        "and configure with -DDUCKDB_ROOT=<prefix> (files will not profile without it)" >&2
    exit 0
    ;;
esac
if ! command -v npm >/dev/null 2>&1; then
    echo "deps: npm is missing (apt install npm); cannot fetch DuckDB" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "deps: fetching DuckDB $DUCKDB_VERSION from the npm registry"
(cd "$work" && npm pack --silent "@duckdb/node-bindings-$platform@$DUCKDB_VERSION-$BINDINGS_REVISION" \
    "duckdb@$DUCKDB_VERSION" >/dev/null)
mkdir -p "$work/bindings" "$work/sources"
tar -xzf "$work"/duckdb-node-bindings-*.tgz -C "$work/bindings" package/libduckdb.so
tar -xzf "$work/duckdb-$DUCKDB_VERSION.tgz" -C "$work/sources" package/src/duckdb/src/include/duckdb.h
rm -rf "$dest"
mkdir -p "$dest/include" "$dest/lib"
cp "$work/sources/package/src/duckdb/src/include/duckdb.h" "$dest/include/"
cp "$work/bindings/package/libduckdb.so" "$dest/lib/"
echo "$DUCKDB_VERSION" >"$stamp"
echo "deps: DuckDB $DUCKDB_VERSION in .deps/duckdb"
