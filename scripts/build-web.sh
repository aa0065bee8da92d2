#!/usr/bin/env bash
# Builds the web console (web/dist) when it is missing or older than its sources: web/src,
# web/index.html, the Vite config, package.json and package-lock.json. Prints one status line.
# Assumes web/node_modules exists (scripts/install-deps.sh runs `npm ci` in web/).
set -euo pipefail
cd "$(dirname "$0")/../web"

stamp=dist/index.html
reason=""
if [ ! -f "$stamp" ]; then
	reason="web/dist is missing"
else
	newer=$(find src index.html vite.config.js package.json package-lock.json -newer "$stamp" -print -quit 2>/dev/null || true)
	[ -n "$newer" ] && reason="web/$newer changed"
fi

if [ -z "$reason" ]; then
	echo "kfq: web console up to date (web/dist)"
	exit 0
fi

if [ ! -d node_modules ]; then
	echo "kfq: web/node_modules is missing; run scripts/install-deps.sh (npm ci in web/)" >&2
	exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! npm run build --silent >"$log" 2>&1; then
	cat "$log" >&2
	echo "kfq: web console build FAILED ($reason)" >&2
	exit 1
fi
# vite does not touch index.html's mtime when its content is unchanged; the stamp must move
touch "$stamp"
echo "kfq: web console built ($reason) -> web/dist"
