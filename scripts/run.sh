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
			--generate-password | sed -n 's/^password: //p'
	}
	pw=$(add admin 系统管理员 市商务局 admin)
	(umask 077 && printf '%s\n' "$pw" >"$PWFILE")
	# demo accounts for the other roles, so the board and a zone's view can be seen at once
	(
		umask 077
		{
			echo "# kfq demo accounts (each password must be changed at first login)"
			echo "office   $(add office 改革办演示 市商务局 office)   改革办（工作专班办公室）"
			echo "zone     $(add zone 经开区演示 抚顺经济开发区（示例） zone)   抚顺经济开发区（示例）"
			echo "zone2    $(add zone2 高新区演示 抚顺高新技术产业开发区（示例） zone)   抚顺高新技术产业开发区（示例）（另一个开发区：互相看不到）"
			echo "finance  $(add finance 财政局演示 市财政局 department)   市财政局（财力分成）"
			echo "land     $(add land 自然资源局演示 市自然资源局 department)   市自然资源局（开发区用地、边界）"
			echo "auditor  $(add auditor 审计员演示 市审计局 auditor)   市审计局"
			echo "supervisor $(add supervisor 监督演示 市纪委监委 supervisor)   市纪委监委（只读监督；认定容错免责）"
			echo "security $(add security 安全管理员演示 市商务局 security)   市商务局（安全管理员：审计员与监督账号、角色变更确认）"
			echo "market   $(add market 市场监管演示 市市场监管局 department)   市市场监管局（赋权、指导、评估）"
			echo "data     $(add data 营商局演示 市数据局 department)   市数据局（发布一区一单、高效办成一件事）"
			echo "bianban  $(add bianban 编办演示 市委编办 department)   市委编办（审定权责清单）"
			echo "sasac    $(add sasac 国资委演示 市国资委 department)   市国资委（平台公司、债务风险预警线）"
			# the other two of the four departments a pay plan is filed with (art. 14)
			echo "renshe   $(add renshe 人社局演示 市人社局 department)   市人社局（接收绩效薪酬分配方案备案）"
			echo "keji     $(add keji 科技局演示 市科技局 department)   市科技局（接收绩效薪酬分配方案备案）"
		} >var/demo-accounts.txt
	)
	mv "$NEW" "$DB"
	chmod 600 "$DB" # password hashes and sessions
	echo
	echo "  First login:  admin / $pw"
	echo "  (kept in $PWFILE until you change it; you will be asked to change it at first login)"
	echo "  Demo accounts of every other role (the reform office, two zones, the departments, the"
	echo "  auditor, a supervisor, the security officer), each with a one-time password:"
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
