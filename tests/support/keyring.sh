#!/usr/bin/env bash
# Starts (or stops) a private D-Bus session bus with an unlocked gnome-keyring for one test run,
# so keychain tests use a real Secret Service and never touch the user's own keyring.
#   keyring.sh start DIR  -> DIR/keyring.env holds DBUS_SESSION_BUS_ADDRESS for the tests
#   keyring.sh stop DIR
set -euo pipefail
action=${1:?start|stop}
dir=${2:?state folder}

stop_keyring() {
    [ -f "$dir/keyring.pid" ] && kill "$(cat "$dir/keyring.pid")" 2>/dev/null || true
    [ -f "$dir/dbus.pid" ] && kill "$(cat "$dir/dbus.pid")" 2>/dev/null || true
}

if [ "$action" = stop ]; then
    stop_keyring
    rm -rf "$dir"
    exit 0
fi

command -v dbus-daemon >/dev/null || { echo "dbus-daemon not found (apt install dbus)" >&2; exit 1; }
command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring-daemon not found (apt install gnome-keyring)" >&2; exit 1; }

stop_keyring
rm -rf "$dir"
mkdir -p "$dir/data" "$dir/runtime" "$dir/config"
chmod 700 "$dir/runtime"
export XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/runtime" XDG_CONFIG_HOME="$dir/config"
unset DISPLAY WAYLAND_DISPLAY

dbus-daemon --session --fork --nopidfile --print-address=3 --print-pid=4 \
    3>"$dir/address" 4>"$dir/dbus.pid" 2>/dev/null
DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$dir/address")
export DBUS_SESSION_BUS_ADDRESS
# --unlock creates the "login" collection with this throwaway password and unlocks it;
# the password must not be empty.
printf 'assay-test-keyring' | gnome-keyring-daemon --daemonize --unlock --components=secrets >"$dir/daemon.env"
# The daemon registers org.freedesktop.secrets on the bus; remember its pid for stop.
for _ in $(seq 1 50); do
    pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
        org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
        awk '/uint32/ {print $2}') || true
    [ -n "${pid:-}" ] && break
    sleep 0.1
done
[ -n "${pid:-}" ] || { echo "gnome-keyring did not register the Secret Service" >&2; exit 1; }
echo "$pid" > "$dir/keyring.pid"
echo "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS" > "$dir/keyring.env"
echo "Secret Service (gnome-keyring pid $pid) on $DBUS_SESSION_BUS_ADDRESS"
