#!/bin/sh
# `npm run reference:fetch`: fetches today's reference binaries, Pushgateway 1.11.2 and promtool
# 3.5.3, from Debian's development suite (sid) and unpacks them into .cache/reference-sid/root/.
# apt runs with its own sources list, lists and package cache under .cache/reference-sid/, so the
# system's apt setup is neither read nor changed (not even its pkgcache), and nothing is installed
# system-wide. The packages are those of this machine's architecture (dpkg --print-architecture).
# Prints the two binaries' version lines; exits non-zero when a step fails.
set -eu
cd "$(dirname "$0")/../.."
d="$PWD/.cache/reference-sid"
mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/debs" "$d/root"
echo 'deb http://deb.debian.org/debian sid main' > "$d/sources.list"
set -- \
  -oDir::Etc::SourceList="$d/sources.list" \
  -oDir::Etc::SourceParts=/dev/null \
  -oDir::State::Lists="$d/lists" \
  -oDir::Cache="$d/cache" \
  -oAPT::Architecture="$(dpkg --print-architecture)"
apt-get "$@" update -q
rm -f "$d"/debs/*.deb
(cd "$d/debs" && apt-get "$@" download prometheus-pushgateway promtool)
for f in "$d"/debs/*.deb; do
  dpkg -x "$f" "$d/root"
done
"$d/root/usr/bin/prometheus-pushgateway" --version 2>&1 | head -1
"$d/root/usr/bin/promtool" --version 2>&1 | head -1
