#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret Service), so the
# keychain tests (test/e2e/keychain.test.ts) run: bash scripts/with-keyring.sh npx vitest run test/e2e/keychain.test.ts
# The keyring lives in a temp XDG_DATA_HOME, never in the user's own keyrings, and is removed afterwards.
set -euo pipefail
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "with-keyring: $tool is missing; install gnome-keyring and dbus (apt-get install gnome-keyring dbus)" >&2; exit 1; }
done
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
XDG_DATA_HOME="$data" DDCLI_TEST_SECRET_SERVICE=1 dbus-run-session -- bash -c '
  printf %s ddcli-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"
' with-keyring "$@"
