#!/usr/bin/env bash
# package-check: builds the Debian package, checks its metadata, installs it into a clean Debian 12
# (bookworm, minbase) root with apt, and starts Assay there.
#
#   bash packaging/package-check.sh [BUILD_DIR]     (default: build; `make package-check` runs it)
#
# Needs root (debootstrap, chroot, mount) and Debian's mirror (DEBIAN_MIRROR, default
# deb.debian.org). The pristine root is cached in BUILD_DIR/package-check/ so reruns take a
# minute: each run copies it afresh, so every install starts from a clean system. Downloaded .debs
# are cached beside it. Prints one PASS/FAIL line per check and exits 0 only when all pass.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

say() { printf 'package-check: %s\n' "$*"; }

if [ "$(id -u)" != 0 ]; then
    say "needs root (debootstrap, chroot and mount); nothing was done."
    say "run: sudo bash packaging/package-check.sh $build"
    exit 2
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
    say "$build is not a configured build folder; run \`make package-check\` or configure it first:"
    say "cmake -S $src -B $build -G Ninja -DCMAKE_BUILD_TYPE=Release"
    exit 2
fi
build=$(cd "$build" && pwd)
work=$build/package-check
base=$work/$suite-base
root=$work/root
archives=$work/apt-archives
log=$work/log.txt
mkdir -p "$work" "$archives"
: >"$log"

# Host tools: the package builder and validators, and debootstrap.
need=()
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null 2>&1 || need+=(appstream)
command -v dpkg-shlibdeps >/dev/null 2>&1 || need+=(dpkg-dev)
if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    apt-get update -q >>"$log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" \
        >>"$log" 2>&1
fi

failures=0
pass() { printf 'PASS  %s\n' "$1"; }
fail() {
    printf 'FAIL  %s\n' "$1"
    failures=$((failures + 1))
}
check() { # check NAME COMMAND...: PASS when the command succeeds; its output goes to the log
    local name=$1 out rc=0
    shift
    out=$("$@" 2>&1) || rc=$?
    printf '%s\n' "$out" >>"$log"
    if [ "$rc" = 0 ]; then
        pass "$name"
    else
        fail "$name"
        printf '%s\n' "$out" | sed 's/^/      /' | tail -n 20
    fi
}

# 1. The package, built from the current sources (only what it contains is built).
say "building the package in $build"
cmake --build "$build" --target assay assay_icons >>"$log" 2>&1 || {
    tail -n 30 "$log"
    say "FAIL: the build failed (log: $log)"
    exit 1
}
(cd "$build" && cpack -G DEB) >>"$log" 2>&1 || {
    tail -n 30 "$log"
    say "FAIL: cpack failed (log: $log)"
    exit 1
}
deb=$(find "$build" -maxdepth 1 -name 'assay_*_*.deb' -printf '%T@ %p\n' | sort -rn | head -n 1 |
    cut -d' ' -f2-)
version=$(dpkg-deb -f "$deb" Version)
say "package: $deb"
dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends Recommends | sed "s/^/    /"

# 2. What is in it, and whether its desktop metadata is valid.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
expected=(./usr/bin/assay ./usr/share/applications/assay.desktop
    ./usr/share/metainfo/dev.assay.Assay.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/assay.svg)
for size in 16 32 48 64 128 256; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/assay.png")
done
missing=()
for path in "${expected[@]}"; do
    grep -qxF "$path" <<<"$contents" || missing+=("$path")
done
if [ ${#missing[@]} -eq 0 ]; then
    pass "contents: program, desktop entry, metainfo, SVG and 6 PNG icons"
else
    fail "contents: missing ${missing[*]}"
fi

depends=$(dpkg-deb -f "$deb" Depends)
absent=()
for p in libqt6core6 libqt6widgets6 libqt6keychain1 libqt6sql6-sqlite libqt6sql6-psql \
    libqt6sql6-mysql libqt6sql6-odbc libqt6svg6 qt6-qpa-plugins libsecret-1-0; do
    grep -qE "(^|[ ,])$p([ ,(]|$)" <<<"$depends" || absent+=("$p")
done
if [ ${#absent[@]} -eq 0 ]; then
    pass "Depends: Qt 6, QtKeychain, the SQL drivers, SVG, platform plugins, libsecret"
else
    fail "Depends: lacks ${absent[*]}"
fi
recommends=$(dpkg-deb -f "$deb" Recommends)
if [ "$recommends" = "gnome-keyring | kwalletmanager" ]; then
    pass "Recommends: $recommends"
else
    fail "Recommends: '$recommends'"
fi

unpacked=$work/unpacked
rm -rf "$unpacked"
dpkg-deb -x "$deb" "$unpacked"
check "desktop-file-validate assay.desktop" \
    desktop-file-validate "$unpacked/usr/share/applications/assay.desktop"
check "appstreamcli validate --no-net (metainfo)" \
    appstreamcli validate --no-net "$unpacked/usr/share/metainfo/dev.assay.Assay.metainfo.xml"
check "appstreamcli validate-tree --no-net (metainfo + desktop entry + icons)" \
    appstreamcli validate-tree --no-net "$unpacked"
if grep -q "<release version=\"$version\"" \
    "$unpacked/usr/share/metainfo/dev.assay.Assay.metainfo.xml"; then
    pass "metainfo release version is the package version ($version)"
else
    fail "metainfo release version is not $version"
fi

# 3. A clean Debian 12: debootstrap once (cached), then a fresh copy for every run.
mounted_below() { grep -q " $1/" /proc/mounts; }
cleanup() {
    if [ -d "$root/proc" ] && mountpoint -q "$root/proc"; then umount "$root/proc" || true; fi
}
trap cleanup EXIT

if [ ! -f "$base/.complete" ]; then
    say "debootstrap $suite (minbase) from $mirror into $base: a few minutes, once"
    if mounted_below "$base"; then
        say "something is mounted below $base; not touching it"
        exit 1
    fi
    rm -rf "$base"
    debootstrap --variant=minbase "$suite" "$base" "$mirror" >>"$log" 2>&1 || {
        tail -n 20 "$log"
        say "FAIL: debootstrap failed (log: $log)"
        exit 1
    }
    cat >"$base/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://security.debian.org/debian-security $suite-security main
EOF
    touch "$base/.complete"
fi
if mounted_below "$root"; then
    say "something is still mounted below $root; unmount it first"
    exit 1
fi
rm -rf "$root"
cp -a "$base" "$root"
rm -f "$root/.complete"
cp "$archives"/*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true
cp "$deb" "$root/tmp/"
mount -t proc proc "$root/proc"

in_root() { # a clean environment: nothing of the host's display, Qt or locale settings
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}

say "installing $(basename "$deb") with apt into a clean $suite root"
if in_root apt-get update -q >>"$log" 2>&1 &&
    in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >>"$log" 2>&1; then
    pass "apt-get install on a clean Debian 12 (minbase, without Recommends)"
else
    fail "apt-get install on a clean Debian 12"
    tail -n 20 "$log"
    say "FAIL ($failures check(s) failed; log: $log)"
    exit 1
fi
cp -n "$root"/var/cache/apt/archives/*.deb "$archives/" 2>/dev/null || true

# 4. The installed program.
out=$(in_root assay --version 2>&1) && rc=0 || rc=$?
printf '%s\n' "$out" >>"$log"
if [ "$rc" = 0 ] && grep -qF "$version" <<<"$out"; then
    pass "assay --version: $(head -n 1 <<<"$out")"
else
    fail "assay --version (exit $rc): $out"
fi

notfound=$(in_root sh -c 'ldd /usr/bin/assay | grep "not found"' || true)
if [ -z "$notfound" ]; then
    pass "ldd /usr/bin/assay: every library found"
else
    fail "ldd /usr/bin/assay: $notfound"
fi

plugins=$(in_root sh -c 'ls /usr/lib/*/qt6/plugins/*/*.so' 2>/dev/null || true)
absent=()
for p in sqldrivers/libqsqlite.so sqldrivers/libqsqlpsql.so sqldrivers/libqsqlmysql.so \
    sqldrivers/libqsqlodbc.so platforms/libqxcb.so platforms/libqoffscreen.so \
    imageformats/libqsvg.so iconengines/libqsvgicon.so; do
    grep -q "/$p\$" <<<"$plugins" || absent+=("$p")
done
if [ ${#absent[@]} -eq 0 ]; then
    pass "Qt plugins installed: SQLite, PostgreSQL, MySQL, ODBC, xcb, offscreen, SVG image + icon engine"
else
    fail "Qt plugins missing: ${absent[*]}"
fi

out=$(in_root sh -c 'assay --catalog /tmp/cli.sqlite connections list' 2>&1) && rc=0 || rc=$?
printf '%s\n' "$out" >>"$log"
if [ "$rc" = 0 ]; then
    pass "assay connections list (CLI on a new SQLite catalog)"
else
    fail "assay connections list (exit $rc): $out"
fi

say "offscreen start: QT_QPA_PLATFORM=offscreen timeout 5 assay --catalog /tmp/c.sqlite"
out=$(in_root sh -c 'QT_QPA_PLATFORM=offscreen timeout 5 assay --catalog /tmp/c.sqlite' 2>&1) &&
    rc=0 || rc=$?
printf '%s\n' "$out" >>"$log"
if [ "$rc" = 124 ]; then
    pass "offscreen start: still running after 5 s (timeout's exit 124)"
else
    fail "offscreen start: exited with $rc before the timeout"
    printf '%s\n' "$out" | tail -n 20
fi
if [ -s "$root/tmp/c.sqlite" ]; then
    pass "offscreen start created its catalog /tmp/c.sqlite"
else
    fail "offscreen start created no catalog"
fi

echo
if [ "$failures" = 0 ]; then
    say "PASS  $(basename "$deb") installs and starts on a clean Debian 12 (log: $log)"
else
    say "FAIL  $failures check(s) failed (log: $log)"
    exit 1
fi
