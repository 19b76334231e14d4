#!/usr/bin/env bash
# Starts the emulator (in memory) on a free-ish port, gets tokens from the automation endpoint,
# and runs node-quickbooks against it. Needs: dotnet, node, npm (installs node-quickbooks locally).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
port="${QBO_PORT:-5199}"
base="http://127.0.0.1:$port"
realm="9341452525163001"
[ -d "$here/node_modules/node-quickbooks" ] || (cd "$here" && npm install --no-audit --no-fund >/dev/null)
dotnet build "$repo/src/Groundwork.QboEmulator" -nologo -v q >/dev/null
QboEmulator__InMemory=true dotnet run --no-build --project "$repo/src/Groundwork.QboEmulator" --urls "$base" >/tmp/qbo-emulator-node-check.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "$base/.well-known/openid_configuration" >/dev/null && break; sleep 0.5; done
tokens="$(curl -sf -u groundwork-dev:groundwork-dev-secret -d realmId=$realm "$base/admin/api/tokens")"
export QBO_BASE="$base" QBO_REALM="$realm"
export QBO_ACCESS="$(node -e 'console.log(JSON.parse(process.argv[1]).access_token)' "$tokens")"
export QBO_REFRESH="$(node -e 'console.log(JSON.parse(process.argv[1]).refresh_token)' "$tokens")"
node "$here/check.js"
