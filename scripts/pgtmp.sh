# shellcheck shell=bash
# pgtmp.sh: start and stop a throwaway PostgreSQL cluster.  Source it:
#
#     . scripts/pgtmp.sh
#     trap pgtmp_stop EXIT
#     pgtmp_start            # exports PGHOST PGPORT PGUSER PGDATABASE
#     psql -c 'select 1'
#
# The cluster lives in a fresh temporary directory (data/, sock/, server.log),
# listens only on a private unix-socket directory (no TCP), and trusts local
# connections.  initdb refuses to run as root, so as root the server runs as
# the 'postgres' OS user (created when missing); otherwise as the current user.
#
# Settings (environment, all optional):
#   PGTMP_PORT     port number, i.e. the socket name .s.PGSQL.<port> (default 54329).
#                  The socket directory is private, so runs never collide on it.
#   PGTMP_DB       database exported as PGDATABASE (default postgres)
#   PGTMP_BINDIR   PostgreSQL server binaries (default: pg_config --bindir)
#   PGTMP_PARENT   where the temporary directory is made (default ${TMPDIR:-/tmp})
#
# After pgtmp_start: PGTMP_DIR, PGTMP_DATA, PGTMP_SOCK, PGTMP_LOG name the pieces.
#
# Clusters left behind by a run that was killed (its shell is gone, so its
# trap never ran) are stopped and removed by the next pgtmp_start.  Only
# directories carrying our marker file and a dead owner pid are touched.

PGTMP_PORT=${PGTMP_PORT:-54329}
PGTMP_DB=${PGTMP_DB:-postgres}
PGTMP_PREFIX=profcheck-pgtmp.
PGTMP_DIR=
PGTMP_DATA=
PGTMP_SOCK=
PGTMP_LOG=

_pgtmp_say() { printf 'pgtmp: %s\n' "$*" >&2; }

_pgtmp_bindir() {
	if [ -n "${PGTMP_BINDIR:-}" ]; then
		printf '%s\n' "$PGTMP_BINDIR"
	elif command -v pg_config >/dev/null 2>&1; then
		pg_config --bindir
	else
		_pgtmp_say "pg_config not found: install postgresql-server-dev-NN (scripts/setup.sh does)"
		return 1
	fi
}

# Run a server-side command as the cluster's OS user.
_pgtmp_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

_pgtmp_ensure_user() {
	[ "$(id -u)" = 0 ] || return 0
	id postgres >/dev/null 2>&1 && return 0
	_pgtmp_say "creating OS user postgres"
	useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
}

# Stop and remove clusters of earlier runs whose owning shell has died.
_pgtmp_reap_stale() {
	local parent=$1 dir owner bindir
	bindir=$(_pgtmp_bindir) || return 0
	for dir in "$parent/$PGTMP_PREFIX"*; do
		[ -f "$dir/pgtmp.owner" ] || continue
		owner=$(cat "$dir/pgtmp.owner" 2>/dev/null) || continue
		case $owner in '' | *[!0-9]*) continue ;; esac
		kill -0 "$owner" 2>/dev/null && continue
		# Owner gone: a killed run.  Stop its server (by data directory) and clean up.
		if [ -f "$dir/data/postmaster.pid" ]; then
			_pgtmp_say "stopping cluster left by killed run (pid $owner) in $dir"
			_pgtmp_as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
		fi
		rm -rf "$dir"
	done
}

pgtmp_start() {
	local bindir parent
	if [ -n "$PGTMP_DIR" ]; then
		_pgtmp_say "a cluster is already running in $PGTMP_DIR"
		return 1
	fi
	bindir=$(_pgtmp_bindir) || return 1
	_pgtmp_ensure_user || return 1
	parent=${PGTMP_PARENT:-${TMPDIR:-/tmp}}
	_pgtmp_reap_stale "$parent"

	PGTMP_DIR=$(mktemp -d "$parent/${PGTMP_PREFIX}XXXXXX") || return 1
	PGTMP_DATA=$PGTMP_DIR/data
	PGTMP_SOCK=$PGTMP_DIR/sock
	PGTMP_LOG=$PGTMP_DIR/server.log
	echo $$ >"$PGTMP_DIR/pgtmp.owner"
	mkdir -p "$PGTMP_SOCK"
	if [ "$(id -u)" = 0 ]; then
		chown -R postgres: "$PGTMP_DIR"
		chmod 755 "$PGTMP_DIR"
	fi

	if ! _pgtmp_as_owner "$bindir/initdb" -D "$PGTMP_DATA" -U postgres -A trust \
		--encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PGTMP_DIR/initdb.log" 2>&1; then
		_pgtmp_say "initdb failed:"
		cat "$PGTMP_DIR/initdb.log" >&2
		pgtmp_stop
		return 1
	fi
	# Quiet, fast and private: no TCP, no fsync, socket in our directory only.
	cat >>"$PGTMP_DATA/postgresql.conf" <<-EOF

		# pgtmp.sh
		listen_addresses = ''
		port = $PGTMP_PORT
		unix_socket_directories = '$PGTMP_SOCK'
		unix_socket_permissions = 0777
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_worker_processes = 8
		max_parallel_workers_per_gather = 2
		timezone = 'UTC'
		log_timezone = 'UTC'
	EOF
	if ! _pgtmp_as_owner "$bindir/pg_ctl" -D "$PGTMP_DATA" -l "$PGTMP_LOG" -w -t 60 start >/dev/null 2>&1; then
		_pgtmp_say "server failed to start; log $PGTMP_LOG:"
		cat "$PGTMP_LOG" >&2 2>/dev/null
		pgtmp_stop
		return 1
	fi

	export PGHOST=$PGTMP_SOCK PGPORT=$PGTMP_PORT PGUSER=postgres PGDATABASE=$PGTMP_DB
	unset PGSERVICE PGPASSWORD PGHOSTADDR
	export PGTMP_DIR PGTMP_DATA PGTMP_SOCK PGTMP_LOG
	if [ "$PGTMP_DB" != postgres ]; then
		"$bindir/psql" -X -q -d postgres -c "CREATE DATABASE \"$PGTMP_DB\"" >/dev/null || return 1
	fi
	_pgtmp_say "cluster up: socket $PGTMP_SOCK port $PGTMP_PORT, log $PGTMP_LOG"
}

# Stop the server and remove the directory.  Safe to call twice or before start.
pgtmp_stop() {
	local bindir
	[ -n "$PGTMP_DIR" ] || return 0
	if [ -f "$PGTMP_DATA/postmaster.pid" ] && bindir=$(_pgtmp_bindir); then
		_pgtmp_as_owner "$bindir/pg_ctl" -D "$PGTMP_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 ||
			_pgtmp_as_owner "$bindir/pg_ctl" -D "$PGTMP_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
	fi
	rm -rf "$PGTMP_DIR"
	PGTMP_DIR='' PGTMP_DATA='' PGTMP_SOCK='' PGTMP_LOG=''
}

# Leave the server running after this shell exits (demo --keep): the
# owner file names no live process, so mark the directory as kept.
pgtmp_detach() {
	[ -n "$PGTMP_DIR" ] || return 0
	echo kept >"$PGTMP_DIR/pgtmp.owner"
	PGTMP_DIR='' PGTMP_DATA='' PGTMP_SOCK='' PGTMP_LOG=''
}
