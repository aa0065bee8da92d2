#!/usr/bin/env bash
# Installs every Debian package that kfq's build, tests and benchmarks need, and the web app's
# npm packages. Idempotent: with --check it only reports (exit 1) whether something is missing.
# It never installs Node.js or npm from Debian (Debian 12's npm conflicts with the machine's).
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
	meson ninja-build pkg-config gcc clang libclang-rt-14-dev clang-format
	libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev libssl-dev
	libcmocka-dev libxlsxwriter-dev libzip-dev libexpat1-dev libgmime-3.0-dev libgeos-dev libproj-dev unzip
	postgresql
	chromium fonts-noto-cjk
	wrk hyperfine nginx-light procps iproute2 curl
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

node_ok() {
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || return 1
	node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'
}

web_ok() {
	[ -d web/node_modules ] && [ web/node_modules/.package-lock.json -nt web/package-lock.json ]
}

if [ "${1:-}" = "--check" ]; then
	[ ${#missing[@]} -eq 0 ] && node_ok && web_ok && exit 0
	exit 1
fi

if [ ${#missing[@]} -gt 0 ]; then
	echo "kfq: installing Debian packages: ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! node_ok; then
	echo "kfq: Node.js >= 20.19 with npm is required (found: $(node --version 2>/dev/null || echo none))." >&2
	echo "     Install Node.js 20.19+ or 22 from nodejs.org or NodeSource; do not apt-install Debian's npm." >&2
	exit 1
fi

if ! web_ok; then
	echo "kfq: npm ci (web app and browser tests)"
	(cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
