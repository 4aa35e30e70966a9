#!/usr/bin/env bash
# Installs what the VS Code integration tests and `npm run demo` need, offline apart from the
# npm registry and Debian's archive: Debian's Chromium, and code-server (a real VS Code server
# with its Node extension host) in .vscode-test/code-server — its own npm project, never the
# extension's dependencies (about 300 MB with native modules). playwright-core, which drives
# Chromium, is one of the extension's devDependencies already.
# Idempotent: a second run checks and returns at once.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.vscode-test/code-server"
# Written last, so an interrupted install is redone instead of being taken as complete.
marker="$dest/installed-$CODE_SERVER_VERSION"

# Debian packages: headers for code-server's native modules (kerberos needs libkrb5-dev), ripgrep
# for the offline ripgrep trick below, chromium for the workbench, CJK and emoji fonts for the
# screenshots.
system_packages=(chromium fonts-noto-cjk fonts-noto-color-emoji ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)

missing=()
for package in "${system_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-code-server: these Debian packages are missing; install them as root and run again:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "install-code-server: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ -f "$marker" ]]; then
  exit 0
fi

# @vscode/ripgrep 1.15.11 (pinned by code-server's shrinkwrap) downloads rg from GitHub in its
# postinstall unless the archive is already in its cache folder; give it Debian's rg instead.
case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) echo "install-code-server: no ripgrep target known for $(uname -m)" >&2; exit 1 ;;
esac
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_archive="$rg_cache/ripgrep-v13.0.0-10-$rg_target.tar.gz"
if [[ ! -f "$rg_archive" ]]; then
  rg_staging="$(mktemp -d)"
  cp "$(command -v rg)" "$rg_staging/rg"
  mkdir -p "$rg_cache"
  tar czf "$rg_archive" -C "$rg_staging" rg
  rm -rf "$rg_staging"
fi

mkdir -p "$dest"
cd "$dest"
# npm 11 runs a dependency's install scripts only when the project approves it, and refuses
# approvals from the command line or the environment (which npm also hands down to scripts).
# code-server's postinstall runs two more `npm install`s, in lib/vscode and lib/vscode/extensions,
# whose native modules need their install scripts too, and those installs are projects of their
# own. So: unpack without scripts, give each of the three projects its approvals, then rebuild.
# Each list is every package with an install script in that project's shrinkwrap; strict mode
# (handed down to the nested installs) fails the install if a list ever falls short, rather than
# leaving a code-server that breaks at run time.
cat > package.json <<'JSON'
{
  "name": "vscode-test-code-server",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
echo "strict-allow-scripts=true" > .npmrc
# node-pty's install calls `npx node-gyp` (would prompt); code-server's postinstall refuses to
# run as root unless npm_config_unsafe_perm is set (npm itself no longer knows the setting).
export npm_config_yes=true npm_config_unsafe_perm=true
# node-gyp would download Node's headers from nodejs.org; Node installed from a .deb ships them.
if [[ -f /usr/include/node/common.gypi ]]; then export npm_config_nodedir="${npm_config_nodedir:-/usr}"; fi
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

echo "install-code-server: installing code-server@$CODE_SERVER_VERSION into $dest (a few minutes)"
npm install --ignore-scripts --save-exact "code-server@$CODE_SERVER_VERSION"
vscode="$dest/node_modules/code-server/lib/vscode"
echo "allow-scripts=@parcel/watcher,@vscode/deviceid,@vscode/ripgrep,@vscode/spdlog,@vscode/windows-process-tree,@vscode/windows-registry,kerberos,native-watchdog,node-pty" > "$vscode/.npmrc"
echo "allow-scripts=@parcel/watcher,esbuild" > "$vscode/extensions/.npmrc"
npm rebuild
# code-server writes a default config.yaml into XDG_CONFIG_HOME on every start: not the user's.
XDG_CONFIG_HOME="$dest/xdg-config" "$dest/node_modules/.bin/code-server" --version
touch "$marker"
