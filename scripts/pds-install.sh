#!/usr/bin/env bash
# Installs the reference Bluesky PDS (@atproto/pds) and an in-memory PLC directory (@did-plc/server)
# plus Node 22 (the PDS needs node >= 22), all from the npm registry, into a cache folder that later
# runs reuse. Prints the cache folder on its last line. Used by the interop module's PdsServer.
# The first install takes a few minutes (better-sqlite3 may compile); a cached one returns at once.
set -euo pipefail
. "$(dirname "$0")/node22.sh"

PDS_VERSION=0.5.35
PLC_VERSION=0.0.1
cache="$NODE_CACHE"
stamp="$cache/installed-$NODE_VERSION-$PDS_VERSION-$PLC_VERSION"

if [ -f "$stamp" ]; then
  echo "$cache"
  exit 0
fi

mkdir -p "$cache/pds"
start=$(date +%s)

nodehome=$(node22_home)
export PATH="$nodehome/bin:$PATH"
# Native modules (better-sqlite3) fall back to compiling when their prebuilt binary cannot be
# downloaded; the headers come from the node package instead of nodejs.org.
export npm_config_nodedir="$nodehome"

cat >"$cache/pds/package.json" <<JSON
{ "name": "oauth-dropins-pds", "private": true, "type": "module",
  "dependencies": { "@atproto/pds": "$PDS_VERSION", "@did-plc/server": "$PLC_VERSION" } }
JSON
(cd "$cache/pds" && node22_npm install --no-audit --no-fund --loglevel=error >&2)

rm -f "$cache"/installed-*
touch "$stamp"
echo "pds-install: installed in $(( $(date +%s) - start ))s" >&2
echo "$cache"
