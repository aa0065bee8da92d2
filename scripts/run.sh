#!/usr/bin/env bash
# `make run`: on first run creates var/kfq.db with the demo organizations and an admin whose
# generated password is printed once and kept in var/initial-admin-password (mode 0600) until
# it is changed; then serves the API and the web app.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/kfq}
DB=var/kfq.db
PWFILE=var/initial-admin-password
LISTEN=${KFQ_LISTEN:-127.0.0.1:8080}

mkdir -p var
if [ ! -f "$DB" ]; then
	echo "kfq: creating $DB with demo data"
	"$BIN" migrate --db "$DB" >/dev/null
	"$BIN" org import --db "$DB" data/demo/orgs.tsv
	out=$("$BIN" user add --db "$DB" --username admin --display-name 系统管理员 --org 市商务局 \
		--role admin --generate-password)
	pw=$(printf '%s\n' "$out" | sed -n 's/^password: //p')
	(umask 077 && printf '%s\n' "$pw" >"$PWFILE")
	echo
	echo "  First login:  admin / $pw"
	echo "  (kept in $PWFILE until you change it; you will be asked to change it at first login)"
elif [ -f "$PWFILE" ]; then
	if "$BIN" user list --db "$DB" | awk '$2 == "admin" && $5 == "no" { found = 1 } END { exit !found }'; then
		rm -f "$PWFILE"
		echo "kfq: the admin password has been changed; removed $PWFILE"
	else
		echo "  Login: admin, password in $PWFILE (must be changed at first login)"
	fi
fi
echo "  Open http://$LISTEN/ in a browser. Stop with Ctrl-C."
echo
exec "$BIN" serve --db "$DB" --listen "$LISTEN" --web-root web/dist
