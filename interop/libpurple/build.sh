#!/usr/bin/env bash
# Builds purple-icq-probe, a headless libpurple ICQ client for the interop tests, and fetches the ICQ plugin
# it needs: Debian 12's libpurple (2.14.12) has no ICQ/AIM plugin, so libicq.so and liboscar.so are taken from
# Debian 11's libpurple0 2.14.1 package, which load into the newer core.
#
# usage: interop/libpurple/build.sh [OUT_DIR]    (default: oscar-bridge/target/libpurple-icq)
#
# Idempotent: the .deb is downloaded once (checked against its SHA-256), the harness is recompiled only when
# its source changed. Needs (Debian 12): apt-get install libpurple0 libpurple-dev libglib2.0-dev pkg-config gcc
# plus curl or wget. Set DEBIAN_MIRROR to use another mirror (default http://deb.debian.org/debian).
# On success the last line of stdout is the harness's path; on failure a line starting "error:" says why.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/oscar-bridge/target/libpurple-icq}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# bullseye's libpurple0, from dists/bullseye/main/binary-amd64/Packages.xz (Filename and SHA256 fields)
deb_path="pool/main/p/pidgin/libpurple0_2.14.1-1_amd64.deb"
deb_sha256="f676ff9761f3c370853cf2b3ee69ceb5325d64f69a9dafe8e2b332f1ccdfa0bf"
apt_hint="apt-get install -y libpurple0 libpurple-dev libglib2.0-dev pkg-config gcc curl"

fail() {
  echo "error: $*" >&2
  exit 1
}

[ "$(uname -m)" = "x86_64" ] || fail "only x86_64 is supported (the ICQ plugin comes from an amd64 .deb); this is $(uname -m)"
for tool in gcc pkg-config dpkg-deb ldd sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found; install the build tools: $apt_hint"
done
pkg-config --exists purple glib-2.0 gmodule-2.0 ||
  fail "pkg-config cannot find purple/glib-2.0/gmodule-2.0 ($(pkg-config --print-errors --exists purple glib-2.0 gmodule-2.0 2>&1 | head -1)); install: $apt_hint"
purple_version="$(pkg-config --modversion purple)"
case "$purple_version" in
  2.*) ;;
  *) fail "libpurple 2.x is needed, pkg-config reports $purple_version" ;;
esac

mkdir -p "$out/download" "$out/plugins"

# 1. The bullseye .deb, downloaded once and verified.
deb="$out/download/$(basename "$deb_path")"
if [ ! -f "$deb" ] || [ "$(sha256sum "$deb" | cut -d' ' -f1)" != "$deb_sha256" ]; then
  rm -f "$deb" "$deb.part"
  url="$mirror/$deb_path"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$deb.part" "$url" || fail "cannot download $url (curl failed)"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$deb.part" "$url" || fail "cannot download $url (wget failed)"
  else
    fail "neither curl nor wget is installed; install curl"
  fi
  got="$(sha256sum "$deb.part" | cut -d' ' -f1)"
  [ "$got" = "$deb_sha256" ] || fail "$url has SHA-256 $got, expected $deb_sha256"
  mv "$deb.part" "$deb"
fi

# 2. Only the two ICQ libraries go into the plugin directory. libicq.so needs liboscar.so.0 (its RUNPATH,
#    /usr/lib/purple-2, does not exist here); the harness loads it from the plugin directory first.
plugins="$out/plugins"
if [ ! -f "$plugins/libicq.so" ] || [ ! -f "$plugins/liboscar.so.0" ] || [ "$deb" -nt "$plugins/libicq.so" ]; then
  rm -rf "$out/deb"
  dpkg-deb -x "$deb" "$out/deb" || fail "cannot unpack $deb"
  src=""
  for d in "$out/deb/usr/lib/purple-2" "$out/deb/usr/lib/x86_64-linux-gnu/purple-2"; do
    [ -f "$d/libicq.so" ] && src="$d"
  done
  [ -n "$src" ] || fail "libicq.so not found in $deb"
  cp -L "$src/libicq.so" "$plugins/libicq.so"
  cp -L "$src/liboscar.so.0" "$plugins/liboscar.so.0"
  rm -rf "$out/deb"
fi

# 3. Every library the plugins need must resolve on this system.
missing="$(LD_LIBRARY_PATH="$plugins" ldd "$plugins/liboscar.so.0" "$plugins/libicq.so" 2>&1 | grep 'not found' || true)"
[ -z "$missing" ] || fail "the ICQ plugin needs libraries this system lacks: $(echo "$missing" | tr -s ' \t\n' ' ')"

# 4. The harness, recompiled when its source (or this script) is newer.
bin="$out/purple-icq-probe"
if [ ! -x "$bin" ] || [ "$here/purple-icq-probe.c" -nt "$bin" ] || [ "$0" -nt "$bin" ]; then
  # shellcheck disable=SC2046
  gcc -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter -Wno-deprecated-declarations \
    -DPROBE_PLUGIN_DIR="\"$plugins\"" \
    -o "$bin.tmp" "$here/purple-icq-probe.c" $(pkg-config --cflags --libs purple glib-2.0 gmodule-2.0) ||
    fail "compiling purple-icq-probe failed (see the compiler output above)"
  mv "$bin.tmp" "$bin"
fi

# 5. Smoke check: libpurple loads prpl-icq from the plugin directory.
check="$("$bin" --check --plugin-dir "$plugins" 2>&1)" || fail "purple-icq-probe --check failed: $(echo "$check" | tail -3 | tr '\n' ' ')"
echo "$check" | grep -q '^PLUGIN_OK' || fail "libpurple did not load prpl-icq: $(echo "$check" | tail -3 | tr '\n' ' ')"
echo "libpurple $purple_version core, $(echo "$check" | grep '^PLUGIN_OK')" >&2
echo "$bin"
