#!/usr/bin/env bash
# Parley as a cluster on one machine: N Payara Micro nodes (default 2) clustered over Payara's
# Hazelcast on loopback, nginx in front on :8080, one PostgreSQL behind (started if it is not running).
#
#   scripts/cluster.sh start [N]    build if needed, start PostgreSQL, N nodes and nginx, wait until ready
#   scripts/cluster.sh stop         stop nginx and the nodes (by the PIDs this script recorded)
#   scripts/cluster.sh status       what runs, and each node's readiness
#   scripts/cluster.sh kill I       kill -9 node I (0-based), to watch failover
#
# Settings (environment): PARLEY_TLS_CERT and PARLEY_TLS_KEY (PEM files: nginx then serves HTTPS on
# PARLEY_LB_TLS_PORT, 8443, and redirects its plain port there), PARLEY_JMS_URL (a broker all nodes share; unset: each node keeps its JMS
# events to itself, with a warning), PARLEY_DB_USER/PARLEY_DB_PASSWORD (default postgres), and the
# ports PARLEY_LB_PORT (8080), PARLEY_NODE_PORT (8181, 8182, ...), PARLEY_HZ_PORT (5910, 5911, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

RUN=target/cluster
LB_PORT=${PARLEY_LB_PORT:-8080}
LB_TLS_PORT=${PARLEY_LB_TLS_PORT:-8443}
NODE_PORT=${PARLEY_NODE_PORT:-8181}
HZ_PORT=${PARLEY_HZ_PORT:-5910}
DB_NAME=${PARLEY_CLUSTER_DB:-parley_cluster}
DB_USER=${PARLEY_DB_USER:-postgres}
DB_PASSWORD=${PARLEY_DB_PASSWORD:-unused}

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_postgres() {
  if answers 5432; then return; fi
  echo "PostgreSQL is not running on 127.0.0.1:5432; starting it"
  if ! command -v pg_ctlcluster >/dev/null; then
    as_root apt-get install -y -q postgresql >/dev/null
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do answers 5432 && return; sleep 1; done
  echo "PostgreSQL did not start" >&2; exit 1
}

ensure_database() {
  if ! psql -h 127.0.0.1 -U "$DB_USER" -d postgres -tAc "select 1 from pg_database where datname = '$DB_NAME'" | grep -q 1; then
    psql -h 127.0.0.1 -U "$DB_USER" -d postgres -q -c "create database $DB_NAME"
  fi
}

ensure_nginx() {
  command -v nginx >/dev/null || PATH="$PATH:/usr/sbin"
  command -v nginx >/dev/null && return
  echo "Installing nginx from Debian's packages"
  as_root apt-get install -y -q nginx-light >/dev/null || as_root apt-get install -y -q nginx >/dev/null
}

ensure_build() {
  if [ ! -f target/parley.war ] || [ ! -f target/payara-micro.jar ]; then
    mvn -q -B -ntp -DskipTests package dependency:copy@payara-micro-jar
  fi
}

# nginx.conf's HTTPS server with the operator's PEM files and port, and the plain port redirecting
# there; or, without PARLEY_TLS_CERT, no HTTPS server at all.
tls_or_not() {
  if [ -n "${PARLEY_TLS_CERT:-}" ]; then
    local cert key
    cert=$(realpath "$PARLEY_TLS_CERT"); key=$(realpath "${PARLEY_TLS_KEY:?PARLEY_TLS_KEY must name the private key}")
    sed -e "s|# tls-redirect return 301 https://\$host:8443|return 301 https://\$host:$LB_TLS_PORT|" \
        -e "s|listen 8443 ssl|listen $LB_TLS_PORT ssl|" \
        -e "s|ssl_certificate     /etc/parley/fullchain.pem;|ssl_certificate     $cert;|" \
        -e "s|ssl_certificate_key /etc/parley/privkey.pem;|ssl_certificate_key $key;|"
  else
    sed -e '/# tls-begin/,/# tls-end/d'
  fi
}

start() {
  local nodes=${1:-2}
  if ls "$RUN"/*.pid >/dev/null 2>&1; then echo "already running (scripts/cluster.sh stop first)" >&2; exit 1; fi
  mkdir -p "$RUN/nginx/logs"
  ensure_postgres; ensure_database; ensure_nginx; ensure_build
  local cluster="parley-$(hostname)-$$" members="" upstream=""
  for i in $(seq 0 $((nodes - 1))); do
    members="$members${members:+,}127.0.0.1:$((HZ_PORT + i))"
    upstream="$upstream        server 127.0.0.1:$((NODE_PORT + i)) max_fails=1 fail_timeout=5s;\n"
  done
  [ -n "${PARLEY_JMS_URL:-}" ] || echo "note: PARLEY_JMS_URL is unset, so each node keeps its JMS events to an embedded broker of its own"
  for i in $(seq 0 $((nodes - 1))); do
    local name="node$i"
    mkdir -p "$RUN/$name"
    # TLS ends at nginx: the nodes speak plain HTTP, and learn the client's scheme from nginx.
    PARLEY_NODE_NAME="$name" PARLEY_DATA_DIR="$RUN/$name/data" \
    PARLEY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB_NAME" PARLEY_DB_USER="$DB_USER" PARLEY_DB_PASSWORD="$DB_PASSWORD" \
    PARLEY_JMS_PORT=0 PARLEY_TRUSTED_PROXIES="${PARLEY_TRUSTED_PROXIES:-127.0.0.1}" \
      nohup env -u PARLEY_TLS_CERT -u PARLEY_TLS_KEY -u PARLEY_HTTPS_PORT java -Xmx1g -jar target/payara-micro.jar --deploy target/parley.war --contextroot / \
        --port $((NODE_PORT + i)) --name "$name" --clustername "$cluster" --clustermode "tcpip:$members" \
        --startport $((HZ_PORT + i)) --interfaces 127.0.0.1 --rootdir "$RUN/$name/payara" \
        --prebootcommandfile payara-config/preboot.asadmin \
        > "$RUN/$name.log" 2>&1 &
    echo $! > "$RUN/$name.pid"
    echo "node $name: pid $!, http://127.0.0.1:$((NODE_PORT + i))/, log $RUN/$name.log"
  done
  awk -v servers="$upstream" '
    /^ *upstream parley/ { print; print "        least_conn;"; printf "%s", servers; skip = 1; next }
    skip && /^ *}/ { skip = 0 }
    !skip' payara-config/nginx.conf | sed "s/listen 8080;/listen $LB_PORT;/" | tls_or_not > "$RUN/nginx.conf"
  for i in $(seq 0 $((nodes - 1))); do
    for _ in $(seq 1 240); do
      curl -fs "http://127.0.0.1:$((NODE_PORT + i))/health/ready" >/dev/null 2>&1 && break
      kill -0 "$(cat "$RUN/node$i.pid")" 2>/dev/null || { echo "node$i died; see $RUN/node$i.log" >&2; exit 1; }
      sleep 1
    done
  done
  nginx -p "$PWD/$RUN/nginx" -c "$PWD/$RUN/nginx.conf" -g 'daemon off;' > "$RUN/nginx.log" 2>&1 &
  echo $! > "$RUN/nginx.pid"
  if [ -n "${PARLEY_TLS_CERT:-}" ]; then
    echo "nginx: pid $!, Parley at https://localhost:$LB_TLS_PORT/ (http://localhost:$LB_PORT/ redirects there)"
  else
    echo "nginx: pid $!, Parley at http://localhost:$LB_PORT/"
  fi
}

stop() {
  for pidfile in "$RUN"/nginx.pid "$RUN"/node*.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
    fi
    rm -f "$pidfile"
  done
}

status() {
  for pidfile in "$RUN"/nginx.pid "$RUN"/node*.pid; do
    [ -f "$pidfile" ] || continue
    local name pid; name=$(basename "$pidfile" .pid); pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then echo "$name: running (pid $pid)"; else echo "$name: not running"; fi
  done
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  kill) kill -9 "$(cat "$RUN/node${2:?node index}.pid")" && echo "killed node$2" ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
