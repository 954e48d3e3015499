#!/usr/bin/env bash
# Starts a local MariaDB for `npm run test:db` (Debian's mariadb-server; installs it when apt-get
# is there and we are root), creates the test database and user, and prints the URL to export:
#   export VMFILTER_MYSQL_URL=mysql://vmfilter:vmfilter@127.0.0.1:3306/vmfilter_test
# Safe to run twice: an already running server is reused.
set -euo pipefail

URL="mysql://vmfilter:vmfilter@127.0.0.1:3306/vmfilter_test"

if ! command -v mariadbd >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing mariadb-server (Debian)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server >/tmp/vmfilter-mariadb-install.log 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server >/tmp/vmfilter-mariadb-install.log 2>&1; } \
      || { echo "could not install mariadb-server; see /tmp/vmfilter-mariadb-install.log" >&2; exit 1; }
  else
    echo "mariadbd not found: install Debian's mariadb-server (apt-get install mariadb-server) and run this again" >&2
    exit 1
  fi
fi

if ! mariadb-admin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld 2>/dev/null || true
  nohup mariadbd --user=mysql --bind-address=127.0.0.1 --port=3306 >/tmp/vmfilter-mariadb.log 2>&1 &
  for _ in $(seq 1 60); do
    mariadb-admin ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  mariadb-admin ping >/dev/null 2>&1 || { echo "mariadbd did not start; see /tmp/vmfilter-mariadb.log" >&2; exit 1; }
fi

mariadb -e "CREATE DATABASE IF NOT EXISTS vmfilter_test CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'vmfilter'@'127.0.0.1' IDENTIFIED BY 'vmfilter';
GRANT ALL ON vmfilter_test.* TO 'vmfilter'@'127.0.0.1';"

echo "MariaDB $(mariadb -N -e 'SELECT VERSION()') is up" >&2
echo "export VMFILTER_MYSQL_URL=$URL"
