#!/usr/bin/env bash
# bench/run.sh (make bench): profcheck's benchmark, end to end.
#
#   1. the corpus (bench/data/corpus.bin; generated when missing or short),
#   2. the core alone, one thread (build/core-bench),
#   3. the extension in a throwaway cluster: make install, COPY the corpus
#      into a table, then full scans with 0 and 2 parallel workers, inserts
#      with and without the profcheck.enforce trigger (COPY, a PL/pgSQL loop
#      and pgbench), and the backend's memory during a full scan.
#
# Prints one markdown table and writes it, with the date, machine and
# commit, to bench/data/last-run.md (copy it into bench/RESULTS.md).
#
# Environment (all optional):
#   BENCH_N              rows (default 1000000; 100000 for a quick run)
#   BENCH_REPEAT         timed runs of each measurement, best kept (default 3)
#   BENCH_COPY_N         rows COPYed in the insert benchmark (default 200000, at most BENCH_N)
#   BENCH_INSERT_N       single-row INSERTs in the loop and pgbench (default 20000)
#   BENCH_INSERT_REPEAT  rounds of the COPY and INSERT-loop timings, tables in turn (default 5)
#   BENCH_SHARED_BUFFERS shared_buffers (default 2GB: the table stays in memory)
#   BENCH_CONFIRM        1 (default): EXPLAIN ANALYZE each parallel scan to confirm
#                        the workers launched; 0 skips that extra run
#   BENCH_CORPUS         corpus file (default bench/data/corpus.bin)
#   BENCH_NO_INSTALL     1: skip make/make install (the extension is installed already)
#   BENCH_LEADER         off (default): parallel_leader_participation for the
#                        2-worker scans (on: the leader scans too, 3 processes)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

BENCH_N=${BENCH_N:-1000000}
BENCH_REPEAT=${BENCH_REPEAT:-3}
BENCH_COPY_N=${BENCH_COPY_N:-200000}
BENCH_INSERT_N=${BENCH_INSERT_N:-20000}
BENCH_INSERT_REPEAT=${BENCH_INSERT_REPEAT:-5}
BENCH_SHARED_BUFFERS=${BENCH_SHARED_BUFFERS:-2GB}
BENCH_CONFIRM=${BENCH_CONFIRM:-1}
CORPUS=${BENCH_CORPUS:-bench/data/corpus.bin}
[ "$BENCH_COPY_N" -le "$BENCH_N" ] || BENCH_COPY_N=$BENCH_N
[ "$BENCH_INSERT_N" -le "$BENCH_COPY_N" ] || BENCH_INSERT_N=$BENCH_COPY_N

say() { printf '== %s\n' "$*" >&2; }

# What is measured: the tree as it is now (others may commit or edit meanwhile).
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$ROOT" status --porcelain -- src sql 2>/dev/null | grep -c . || true)
[ "$dirty" = 0 ] || commit="$commit + $dirty uncommitted change(s) in src/ sql/"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%MZ)

# ---------------------------------------------------------------- corpus and core

make -s build/gen-corpus build/core-bench
have=$(build/gen-corpus --count "$CORPUS" 2>/dev/null || echo 0)
if [ "$have" -lt "$BENCH_N" ]; then
	say "generating $BENCH_N certificates into $CORPUS"
	mkdir -p "$(dirname "$CORPUS")"
	build/gen-corpus -n "$BENCH_N" -o "$CORPUS"
fi

say "core benchmark ($BENCH_N certificates, best of $BENCH_REPEAT)"
core_out=$(build/core-bench -n "$BENCH_N" -r "$BENCH_REPEAT" "$CORPUS")
printf '%s\n' "$core_out" | grep -v '^RESULT' >&2
core_result=$(printf '%s\n' "$core_out" | grep '^RESULT')
core() { printf '%s\n' "$core_result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# ---------------------------------------------------------------- cluster

if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
	say "building and installing the extension"
	make -s >/dev/null
	make -s install >/dev/null
fi
# Others may reinstall the extension while this runs: note the library's checksum.
SO=$(pg_config --pkglibdir)/profcheck.so
so_sum() { md5sum "$SO" 2>/dev/null | cut -c1-12; }
SO_SUM=$(so_sum)

as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -f scripts/pgtmp.sh ]; then
	# shellcheck source=/dev/null
	. scripts/pgtmp.sh
else
	# Minimal stand-in with the same contract as scripts/pgtmp.sh.
	PGTMP_DIR=
	pgtmp_start() {
		local bindir
		bindir=$(pg_config --bindir)
		PGTMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/profcheck-bench.XXXXXX")
		PGTMP_DATA=$PGTMP_DIR/data PGTMP_SOCK=$PGTMP_DIR/sock PGTMP_LOG=$PGTMP_DIR/server.log
		mkdir -p "$PGTMP_SOCK"
		if [ "$(id -u)" = 0 ]; then
			id postgres >/dev/null 2>&1 || useradd --system --user-group postgres
			chown -R postgres: "$PGTMP_DIR"
			chmod 755 "$PGTMP_DIR"
		fi
		as_owner "$bindir/initdb" -D "$PGTMP_DATA" -U postgres -A trust --encoding=UTF8 \
			--locale=C.UTF-8 --no-sync >"$PGTMP_DIR/initdb.log" 2>&1
		printf "listen_addresses = ''\nport = 54329\nunix_socket_directories = '%s'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" \
			"$PGTMP_SOCK" >>"$PGTMP_DATA/postgresql.conf"
		as_owner "$bindir/pg_ctl" -D "$PGTMP_DATA" -l "$PGTMP_LOG" -w -t 60 start >/dev/null
		export PGHOST=$PGTMP_SOCK PGPORT=54329 PGUSER=postgres PGDATABASE=postgres
		export PGTMP_DIR PGTMP_DATA PGTMP_SOCK PGTMP_LOG
	}
	pgtmp_stop() {
		[ -n "$PGTMP_DIR" ] || return 0
		as_owner "$(pg_config --bindir)/pg_ctl" -D "$PGTMP_DATA" -m immediate -w stop >/dev/null 2>&1 || true
		rm -rf "$PGTMP_DIR"
		PGTMP_DIR=
	}
fi
trap pgtmp_stop EXIT
trap 'exit 130' INT TERM
pgtmp_start

PSQL=(psql -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "ALTER SYSTEM SET shared_buffers = '$BENCH_SHARED_BUFFERS'" \
	-c "ALTER SYSTEM SET jit = off" -c "ALTER SYSTEM SET max_wal_size = '8GB'" \
	-c "ALTER SYSTEM SET checkpoint_timeout = '1h'"
as_owner "$(pg_config --bindir)/pg_ctl" -D "$PGTMP_DATA" -l "$PGTMP_LOG" -w -t 60 restart >/dev/null
WORK=$PGTMP_DIR/bench
mkdir -p "$WORK"
[ "$(id -u)" != 0 ] || chown postgres: "$WORK"

# Time one statement (ms) after some settings: prints the psql \timing figure.
sqltime() {
	local settings=$1 query=$2
	"${PSQL[@]}" <<-EOF | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
		$settings
		\\o /dev/null
		\\timing on
		$query;
	EOF
}

# Best (smallest) of BENCH_REPEAT runs; "prep" runs before each (untimed).
best() {
	local settings=$1 query=$2 prep=${3:-} b='' t
	for _ in $(seq "$BENCH_REPEAT"); do
		[ -z "$prep" ] || "${PSQL[@]}" -c "$prep" >/dev/null
		t=$(sqltime "$settings" "$query")
		if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$t; fi
	done
	printf '%s\n' "$b"
}

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n / (ms / 1000) }'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
fmt() { printf "%'d" "$1" 2>/dev/null || printf '%s' "$1"; }

SERIAL="SET max_parallel_workers_per_gather = 0;"
# The leader does not scan beside its 2 workers by default: on a 2-core
# machine a third scanning process only competes for the same cores, so
# "2 workers" would measure 3 processes on 2 cores (BENCH_LEADER=on to let it).
BENCH_LEADER=${BENCH_LEADER:-off}
PARALLEL="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET parallel_leader_participation = $BENCH_LEADER;"

# ---------------------------------------------------------------- load

say "loading $BENCH_N certificates with COPY (binary)"
"${PSQL[@]}" <<-EOF
	CREATE EXTENSION profcheck;
	CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY, der bytea NOT NULL);
EOF
t0=$(date +%s.%N)
build/gen-corpus --pgcopy "$CORPUS" -n "$BENCH_N" | "${PSQL[@]}" -c "COPY t (der) FROM STDIN (FORMAT binary)"
t1=$(date +%s.%N)
load_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
"${PSQL[@]}" -c "VACUUM (FREEZE, ANALYZE) t" -c "CHECKPOINT"
rows=$("${PSQL[@]}" -At -c "SELECT count(*) FROM t")
tsize=$("${PSQL[@]}" -At -c "SELECT pg_size_pretty(pg_table_size('t'))")
toast=$("${PSQL[@]}" -At -c "SELECT pg_size_pretty(pg_relation_size(reltoastrelid)) FROM pg_class WHERE oid = 't'::regclass")
[ "$rows" = "$BENCH_N" ] || { echo "loaded $rows rows, expected $BENCH_N" >&2; exit 1; }

# ---------------------------------------------------------------- scans

Q_FLOOR="SELECT count(length(der)) FROM t"
Q_DETOAST="SELECT sum(get_byte(der, 0)) FROM t"
Q_LINT="SELECT count(*) FROM t, LATERAL profcheck.lint(der)"
Q_PASSES="SELECT count(*) FROM t WHERE NOT profcheck.passes(der)"

# Check the plan: serial has no Gather; parallel launches 2 workers.
confirm() {
	local settings=$1 query=$2 want=$3 plan
	if [ "$want" = 0 ]; then
		plan=$("${PSQL[@]}" -At -c "$settings" -c "EXPLAIN (COSTS OFF) $query")
		if printf '%s' "$plan" | grep -q Gather; then echo "serial plan has a Gather"; else echo ok; fi
	elif [ "$BENCH_CONFIRM" = 1 ]; then
		plan=$("${PSQL[@]}" -At -c "$settings" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $query")
		printf '%s' "$plan" | sed -n 's/.*Workers Launched: \([0-9]*\).*/launched \1/p' | head -n 1
	else
		plan=$("${PSQL[@]}" -At -c "$settings" -c "EXPLAIN (COSTS OFF) $query")
		printf '%s' "$plan" | sed -n 's/.*Workers Planned: \([0-9]*\).*/planned \1/p' | head -n 1
	fi
}

declare -A MS CONF
say "warming up"
sqltime "$SERIAL" "$Q_DETOAST" >/dev/null
for q in FLOOR DETOAST LINT PASSES; do
	eval "query=\$Q_$q"
	say "scan $q: 0 workers"
	MS[$q,0]=$(best "$SERIAL" "$query")
	CONF[$q,0]=$(confirm "$SERIAL" "$query" 0)
	say "scan $q: 2 workers"
	MS[$q,2]=$(best "$PARALLEL" "$query")
	CONF[$q,2]=$(confirm "$PARALLEL" "$query" 2)
done
findings=$("${PSQL[@]}" -At -c "$PARALLEL" -c "$Q_LINT")
failing=$("${PSQL[@]}" -At -c "$PARALLEL" -c "$Q_PASSES")

# ---------------------------------------------------------------- memory

# Run a serial scan in a backend and sample /proc/<pid>/status every 50 ms.
# Prints: RssAnon before, RssAnon peak, VmHWM at the end (kB).
memprobe() {
	local query=$1 pidf=$WORK/pid.$$ pid ppid base peak=0 hwm=0 v h
	rm -f "$pidf"
	"${PSQL[@]}" -At >/dev/null <<-EOF &
		SELECT pg_backend_pid() \\g $pidf
		SELECT pg_sleep(1);
		$SERIAL
		$query;
	EOF
	ppid=$!
	for _ in $(seq 200); do [ -s "$pidf" ] && break; sleep 0.01; done
	pid=$(tr -dc '0-9' <"$pidf")
	sleep 0.5
	base=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status")
	while kill -0 "$ppid" 2>/dev/null; do
		v=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
		h=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
		[ -z "$v" ] || [ "$v" -le "$peak" ] || peak=$v
		[ -z "$h" ] || hwm=$h
		sleep 0.05
	done
	wait "$ppid"
	printf '%s %s %s\n' "$base" "$peak" "$hwm"
}
say "backend memory during serial scans"
read -r mem_lint_base mem_lint_peak mem_lint_hwm < <(memprobe "$Q_LINT")
read -r mem_pass_base mem_pass_peak mem_pass_hwm < <(memprobe "$Q_PASSES")

# ---------------------------------------------------------------- inserts

say "insert benchmark: $BENCH_COPY_N rows by COPY, $BENCH_INSERT_N single-row INSERTs"
"${PSQL[@]}" <<-EOF
	CREATE TABLE clean AS
		SELECT row_number() OVER () AS i, der FROM (
			SELECT der FROM t WHERE profcheck.passes(der) ORDER BY id LIMIT $BENCH_COPY_N) s;
	CREATE UNIQUE INDEX ON clean (i);
	COPY (SELECT der FROM clean ORDER BY i) TO '$WORK/clean.copy' (FORMAT binary);
	CREATE TABLE ins_plain (id bigint GENERATED ALWAYS AS IDENTITY, der bytea NOT NULL);
	CREATE TABLE ins_trig (id bigint GENERATED ALWAYS AS IDENTITY, der bytea NOT NULL);
	-- the corpus is historic: judge it at notBefore, as a CA loading its
	-- history would (the default, now(), applies today's validity limits)
	CREATE TRIGGER enforce BEFORE INSERT OR UPDATE ON ins_trig
		FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=notbefore');
	-- the same with what a CA's certificate table has at least: a primary
	-- key and a unique SHA-256 fingerprint (context for the bare-table ratio)
	CREATE TABLE ins_kplain (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, der bytea NOT NULL,
		sha256 bytea GENERATED ALWAYS AS (sha256(der)) STORED UNIQUE);
	CREATE TABLE ins_ktrig (LIKE ins_kplain INCLUDING ALL);
	CREATE TRIGGER enforce BEFORE INSERT OR UPDATE ON ins_ktrig
		FOR EACH ROW EXECUTE FUNCTION profcheck.enforce('der', 'at=notbefore');
	VACUUM ANALYZE clean;
EOF
copy_n=$("${PSQL[@]}" -At -c "SELECT count(*) FROM clean")
[ "$BENCH_INSERT_N" -le "$copy_n" ] || BENCH_INSERT_N=$copy_n
# The tables take turns, round after round, and each keeps its best time:
# this shared machine's speed drifts over minutes, and a table timed only
# in a slow stretch would skew the ratios.
keep_best() { if [ -z "${MS[$1]:-}" ] || awk -v a="$2" -v b="${MS[$1]}" 'BEGIN { exit !(a < b) }'; then MS[$1]=$2; fi; }
for _ in $(seq "$BENCH_INSERT_REPEAT"); do
	for tb in plain trig kplain ktrig; do
		"${PSQL[@]}" -c "TRUNCATE ins_$tb" >/dev/null
		keep_best "copy,$tb" "$(sqltime "" "COPY ins_$tb (der) FROM '$WORK/clean.copy' (FORMAT binary)")"
		"${PSQL[@]}" -c "TRUNCATE ins_$tb" >/dev/null
		keep_best "loop,$tb" "$(sqltime "" "DO \$\$ DECLARE r record; BEGIN FOR r IN SELECT der FROM clean WHERE i <= $BENCH_INSERT_N ORDER BY i LOOP INSERT INTO ins_$tb (der) VALUES (r.der); END LOOP; END \$\$")"
	done
done

# pgbench: one INSERT per transaction from one client, as a CA issuing.
pgb() {
	local tb=$1 script=$WORK/pgbench-$1.sql out tps b=''
	printf '\\set i random(1, %s)\nINSERT INTO ins_%s (der) SELECT der FROM clean WHERE i = :i;\n' \
		"$BENCH_INSERT_N" "$tb" >"$script"
	for _ in $(seq "$BENCH_REPEAT"); do
		"${PSQL[@]}" -c "TRUNCATE ins_$tb"
		out=$(pgbench -n -c 1 -t "$BENCH_INSERT_N" -f "$script" 2>&1)
		tps=$(printf '%s\n' "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -n 1)
		if [ -z "$b" ] || awk -v a="$tps" -v b="$b" 'BEGIN { exit !(a > b) }'; then b=$tps; fi
	done
	printf '%s\n' "$b"
}
if command -v pgbench >/dev/null 2>&1; then
	pgb_plain=$(pgb plain)
	pgb_trig=$(pgb trig)
else
	pgb_plain='' pgb_trig=''
fi

# ---------------------------------------------------------------- report

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
ncpu=$(nproc)
pgver=$(psql -X -At -c "SHOW server_version")
lint_cps=$(core lint_cps)
dec_cps=$(core decode_cps)

row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
scan_rows() {
	local q=$1 label=$2 target=$3 r0 r2
	r0=$(rate "$BENCH_N" "${MS[$q,0]}")
	r2=$(rate "$BENCH_N" "${MS[$q,2]}")
	row "$label, 0 workers" "$(fmt "$r0") rows/s" "$(secs "${MS[$q,0]}") s" "$target"
	row "$label, 2 workers (${CONF[$q,2]})" "$(fmt "$r2") rows/s" "$(secs "${MS[$q,2]}") s" \
		"$(ratio "$r2" "$r0")x one$( [ -z "$target" ] || echo ' (target >= 1.8x)')"
}
report() {
	echo "### profcheck benchmark, $started"
	echo
	echo "Machine: $ncpu cores ($cpu), $(free -g | awk '/^Mem:/ { print $2 }') GiB; PostgreSQL $pgver;" \
		"commit $commit; $(core rules) rules."
	echo "Corpus: $BENCH_N certificates from bench/gen-corpus (seed default), table $tsize," \
		"of which TOAST $toast. Best of $BENCH_REPEAT runs; COPY and INSERT loops best of $BENCH_INSERT_REPEAT rounds, tables in turn."
	echo
	echo "| measurement | rate | time | note |"
	echo "|---|---:|---:|---|"
	row "core: pc_decode only, 1 thread" "$(fmt "$dec_cps") certs/s" "$(core decode_ns) ns/cert" ""
	row "core: pc_lint_der (all rules), 1 thread" "$(fmt "$lint_cps") certs/s" "$(core lint_ns) ns/cert" \
		"target >= 100,000; findings: $(core error) error, $(core warn) warn, $(core notice) notice, $(core fatal) fatal"
	scan_rows FLOOR "SQL floor: count(length(der))" ""
	scan_rows DETOAST "SQL detoast floor: sum(get_byte(der, 0))" ""
	scan_rows LINT "SQL: count(*) FROM t, LATERAL profcheck.lint(der)" "target >= 50,000 rows/s per core"
	scan_rows PASSES "SQL: count(*) WHERE NOT profcheck.passes(der)" "target >= 50,000 rows/s per core"
	row "COPY $BENCH_N rows into the table (load, no trigger)" "$(fmt "$(rate "$BENCH_N" "$load_ms")") rows/s" "$(secs "$load_ms") s" "binary COPY from a pipe"
	row "COPY $copy_n passing rows, no trigger" "$(fmt "$(rate "$copy_n" "${MS[copy,plain]}")") rows/s" "$(secs "${MS[copy,plain]}") s" ""
	row "COPY $copy_n passing rows, profcheck.enforce trigger" "$(fmt "$(rate "$copy_n" "${MS[copy,trig]}")") rows/s" "$(secs "${MS[copy,trig]}") s" \
		"$(ratio "${MS[copy,trig]}" "${MS[copy,plain]}")x the plain time (target < 2x)"
	row "INSERT loop (PL/pgSQL), $BENCH_INSERT_N rows, no trigger" "$(fmt "$(rate "$BENCH_INSERT_N" "${MS[loop,plain]}")") rows/s" "$(secs "${MS[loop,plain]}") s" ""
	row "INSERT loop (PL/pgSQL), $BENCH_INSERT_N rows, trigger" "$(fmt "$(rate "$BENCH_INSERT_N" "${MS[loop,trig]}")") rows/s" "$(secs "${MS[loop,trig]}") s" \
		"$(ratio "${MS[loop,trig]}" "${MS[loop,plain]}")x the plain time (target < 2x)"
	row "COPY $copy_n rows, table with primary key + unique SHA-256, no trigger" "$(fmt "$(rate "$copy_n" "${MS[copy,kplain]}")") rows/s" "$(secs "${MS[copy,kplain]}") s" ""
	row "COPY $copy_n rows, table with primary key + unique SHA-256, trigger" "$(fmt "$(rate "$copy_n" "${MS[copy,ktrig]}")") rows/s" "$(secs "${MS[copy,ktrig]}") s" \
		"$(ratio "${MS[copy,ktrig]}" "${MS[copy,kplain]}")x the keyed table's plain time"
	row "INSERT loop (PL/pgSQL), keyed table, no trigger / trigger" "$(fmt "$(rate "$BENCH_INSERT_N" "${MS[loop,kplain]}")") / $(fmt "$(rate "$BENCH_INSERT_N" "${MS[loop,ktrig]}")") rows/s" "" \
		"$(ratio "${MS[loop,ktrig]}" "${MS[loop,kplain]}")x the keyed table's plain time"
	if [ -n "$pgb_plain" ]; then
		row "pgbench, 1 client, 1 INSERT per transaction, no trigger" "$(fmt "${pgb_plain%.*}") tps" "" "$BENCH_INSERT_N transactions"
		row "pgbench, 1 client, 1 INSERT per transaction, trigger" "$(fmt "${pgb_trig%.*}") tps" "" \
			"$(ratio "$pgb_plain" "$pgb_trig")x the plain time (target < 2x)"
	fi
	row "backend RssAnon, serial lint() scan of $BENCH_N rows" "$((mem_lint_base / 1024)) -> $((mem_lint_peak / 1024)) MB" "" \
		"growth $(((mem_lint_peak - mem_lint_base) / 1024)) MB (target < 50); VmHWM $((mem_lint_hwm / 1024)) MB incl. shared buffers"
	row "backend RssAnon, serial passes() scan of $BENCH_N rows" "$((mem_pass_base / 1024)) -> $((mem_pass_peak / 1024)) MB" "" \
		"growth $(((mem_pass_peak - mem_pass_base) / 1024)) MB (target < 50); VmHWM $((mem_pass_hwm / 1024)) MB incl. shared buffers"
	echo
	echo "lint() returned $findings findings over $BENCH_N rows; $failing rows fail passes() (error or worse)."
	echo "Serial plans checked for no Gather: lint ${CONF[LINT,0]}, passes ${CONF[PASSES,0]}, floor ${CONF[FLOOR,0]}."
	[ "$(so_sum)" = "$SO_SUM" ] ||
		echo "**Warning: $SO changed during the run (reinstalled by someone else?): the SQL figures may mix builds.**"
	echo "Load average (1/5/15 min) at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg): the machine is shared."
	echo "Settings: shared_buffers $BENCH_SHARED_BUFFERS, jit off, fsync off, synchronous_commit off (scripts/pgtmp.sh);" \
		"parallel runs force parallel_setup_cost = parallel_tuple_cost = 0, min_parallel_table_scan_size = 0, parallel_leader_participation = $BENCH_LEADER."
}
mkdir -p bench/data
report | tee bench/data/last-run.md
