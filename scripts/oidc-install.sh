#!/usr/bin/env bash
# Installs panva's oidc-provider (the OpenID-certified Node.js OpenID Provider) from the npm registry
# into a cache folder that later runs reuse, run by the Node 22 that pds-install.sh uses (installed
# the same way, once, when absent). Prints the cache folder on its last line; its bin/node is the
# Node to run the provider with. Used by the interop module's OidcServer. A first install takes
# under a minute (oidc-provider is pure JavaScript); a cached one returns at once.
set -euo pipefail
. "$(dirname "$0")/node22.sh"

OIDC_PROVIDER_VERSION=9.13.3
cache="${OAUTH_DROPINS_OIDC_CACHE:-$HOME/.cache/oauth-dropins-oidc}"
stamp="$cache/installed-$NODE_VERSION-$OIDC_PROVIDER_VERSION"

if [ -f "$stamp" ] && [ -x "$cache/bin/node" ]; then
  echo "$cache"
  exit 0
fi

start=$(date +%s)
nodehome=$(node22_home)
export PATH="$nodehome/bin:$PATH"
mkdir -p "$cache/provider" "$cache/bin"
cat >"$cache/provider/package.json" <<JSON
{ "name": "oauth-dropins-oidc", "private": true, "type": "module",
  "dependencies": { "oidc-provider": "$OIDC_PROVIDER_VERSION" } }
JSON
(cd "$cache/provider" && node22_npm install --no-audit --no-fund --loglevel=error >&2)
ln -sfn "$nodehome/bin/node" "$cache/bin/node"

rm -f "$cache"/installed-*
touch "$stamp"
echo "oidc-install: installed in $(( $(date +%s) - start ))s" >&2
echo "$cache"
