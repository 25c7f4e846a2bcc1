# Sourced by .ci/run (bash): starts a throw-away PostgreSQL server for the store tests and exports its URL.
#
#   source .ci/postgres.sh   # defines the functions, starts the server, exports CLASSIFIER_PG_URL
#
# The server lives in a temporary folder (data, log, unix socket), listens on 127.0.0.1 on a free port and is
# stopped, and its folder removed, when the shell that sourced this file exits. PostgreSQL refuses to run as
# root, so as root the server runs as the 'postgres' user of Debian's postgresql packages.
# PG_BIN overrides where initdb and pg_ctl are (default: Debian's PostgreSQL 15).

classifier_pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
classifier_pg_dir=""

# Runs a PostgreSQL binary as the user the server runs as.
classifier_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A port on 127.0.0.1 that nothing answers on (start retries with another if it is taken meanwhile).
classifier_pg_free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

classifier_pg_stop() {
  if [ -n "$classifier_pg_dir" ] && [ -d "$classifier_pg_dir" ]; then
    classifier_pg_as_owner "$classifier_pg_bin/pg_ctl" -D "$classifier_pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$classifier_pg_dir"
  fi
  classifier_pg_dir=""
}

classifier_pg_start() {
  if [ ! -x "$classifier_pg_bin/initdb" ] && [ -z "${PG_BIN:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "postgres.sh: installing Debian's postgresql-15" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  if [ ! -x "$classifier_pg_bin/initdb" ] || [ ! -x "$classifier_pg_bin/pg_ctl" ]; then
    echo "postgres.sh: no initdb/pg_ctl under $classifier_pg_bin (apt-get install postgresql-15, or set PG_BIN)" >&2
    return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "postgres.sh: running as root and there is no 'postgres' user to run the server as" >&2
    return 1
  fi
  classifier_pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/classifier-pg.XXXXXX")"
  local password port attempt
  password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" > "$classifier_pg_dir/pwfile"
  chmod 600 "$classifier_pg_dir/pwfile"
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres "$classifier_pg_dir"
  fi

  classifier_pg_as_owner "$classifier_pg_bin/initdb" -D "$classifier_pg_dir/data" -U classifier \
      --pwfile="$classifier_pg_dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --no-locale --no-instructions >"$classifier_pg_dir/initdb.log" 2>&1 \
    || { cat "$classifier_pg_dir/initdb.log" >&2; classifier_pg_stop; return 1; }
  rm -f "$classifier_pg_dir/pwfile"
  for attempt in 1 2 3 4 5; do
    port="$(classifier_pg_free_port)"
    if classifier_pg_as_owner "$classifier_pg_bin/pg_ctl" -D "$classifier_pg_dir/data" -l "$classifier_pg_dir/server.log" \
        -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -k $classifier_pg_dir -c max_connections=200" start >/dev/null; then
      break
    fi
    if [ "$attempt" = 5 ]; then
      cat "$classifier_pg_dir/server.log" >&2
      classifier_pg_stop
      return 1
    fi
  done
  classifier_pg_as_owner "$classifier_pg_bin/createdb" -h "$classifier_pg_dir" -p "$port" -U classifier classifier \
    || { classifier_pg_stop; return 1; }

  export CLASSIFIER_PG_URL="jdbc:postgresql://127.0.0.1:$port/classifier?user=classifier&password=$password"
  echo "postgres.sh: PostgreSQL $("$classifier_pg_bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port" \
       "(data in $classifier_pg_dir)" >&2
}

# Stop the server when the caller exits, keeping whatever EXIT trap it set already.
classifier_pg_previous_exit_trap="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
trap "classifier_pg_stop${classifier_pg_previous_exit_trap:+; $classifier_pg_previous_exit_trap}" EXIT
# A signal ends the caller through its EXIT trap, so the server stops then too.
[ -z "$(trap -p INT)" ] && trap 'exit 130' INT
[ -z "$(trap -p TERM)" ] && trap 'exit 143' TERM

classifier_pg_start
