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
	# built under another name and renamed at the end: an interrupted first run leaves no
	# half-filled database behind
	NEW=var/kfq-new.db
	rm -f "$NEW" "$NEW-wal" "$NEW-shm"
	"$BIN" migrate --db "$NEW" >/dev/null
	"$BIN" org import --db "$NEW" data/demo/orgs.tsv
	"$BIN" demo --db "$NEW"
	add() { # username display-name org role -> prints the generated password
		"$BIN" user add --db "$NEW" --username "$1" --display-name "$2" --org "$3" --role "$4" \
			--generate-password </dev/null | sed -n 's/^password: //p'
	}
	pw=$(add admin 系统管理员 市商务局 admin)
	(umask 077 && printf '%s\n' "$pw" >"$PWFILE")
	# demo accounts for the other roles, so the board and a zone's view can be seen at once
	(
		umask 077
		{
			echo "# kfq demo accounts (each password must be changed at first login)"
			while IFS=$'\t' read -r user name org role note; do
				case $user in '' | '#'*) continue ;; esac
				printf '%-10s %s   %s\n' "$user" "$(add "$user" "$name" "$org" "$role")" "$note"
			done <data/demo/accounts.tsv
		} >var/demo-accounts.txt
	)
	mv "$NEW" "$DB"
	chmod 600 "$DB" # password hashes and sessions
	echo
	echo "  First login:  admin / $pw"
	echo "  (kept in $PWFILE until you change it; you will be asked to change it at first login)"
	echo "  Demo accounts of every other role (the reform office, the four zones' filers, a county, the"
	echo "  departments, the auditor, a supervisor, the security officer), each with a one-time"
	echo "  password:"
	echo "  var/demo-accounts.txt"
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
