#!/usr/bin/env bash
# test.sh: build, install, start a throwaway cluster and run every test suite.
#
#   bash scripts/test.sh
#
# Suites, each run when its files exist (others are skipped with a message):
#   unit          make unit          core unit tests (own "N passed, N failed" line)
#   unit-asan     make unit-asan     the same under ASan + UBSan
#   installcheck  make installcheck  pg_regress suites sql/*.sql against the cluster
#   conformance   make conformance   ZLint corpus conformance (own summary line)
#   fuzz-smoke    make fuzz-smoke    short libFuzzer run: 1 test, passes when nothing crashes
#   cli           test/cli.sh        profcheck-lint on the fixtures
#
# Prints a per-suite summary and ends with exactly one line "N passed, N failed";
# exits non-zero when anything failed.  PGTMP_PORT overrides the cluster's port.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

# shellcheck source=scripts/pgtmp.sh
. scripts/pgtmp.sh

# Suite logs live in a temporary directory, removed at exit; remove those of
# earlier runs that were killed (their owner pid is gone) too.
for old in "${TMPDIR:-/tmp}"/profcheck-test.*; do
	[ -f "$old/owner" ] || continue
	kill -0 "$(cat "$old/owner")" 2>/dev/null || rm -rf "$old"
done
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/profcheck-test.XXXXXX")
echo $$ >"$LOGS/owner"
cleanup() {
	pgtmp_stop
	rm -rf "$LOGS"
}
on_signal() {
	[ -n "${child:-}" ] && kill -TERM "$child" 2>/dev/null
	exit 130
}
trap cleanup EXIT
trap on_signal INT TERM HUP

SUITE_TIMEOUT=${PROFCHECK_SUITE_TIMEOUT:-1200}
names=() passed=() failed=() notes=()
total_pass=0 total_fail=0

banner() { printf '\n======== %s ========\n' "$*"; }

record() { # name passed failed note
	names+=("$1") passed+=("$2") failed+=("$3") notes+=("$4")
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
}

skip() { # name why
	printf 'SKIP %s: %s\n' "$1" "$2"
	names+=("$1") passed+=("-") failed+=("-") notes+=("skipped: $2")
}

# Does the Makefile know how to make this target (and its prerequisites)?
has_target() { make -n "$1" >/dev/null 2>&1; }

# Run a command with a time limit, echo its output and keep it in $LOGS/<name>.log.
# Sets rc and secs.  The command runs in the background so that a signal to
# this script stops it (by its pid) instead of waiting for it to finish.
child=
run_logged() { # name cmd...
	local name=$1 start tailpid
	shift
	start=$SECONDS
	: >"$LOGS/$name.log"
	timeout --kill-after=30 "$SUITE_TIMEOUT" "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
	child=$!
	tail -n +1 -f --pid="$child" "$LOGS/$name.log" &
	tailpid=$!
	wait "$child"
	rc=$?
	child=
	wait "$tailpid"
	secs=$((SECONDS - start))
	[ "$rc" = 124 ] && echo "$name: timed out after ${SUITE_TIMEOUT}s"
}

# A suite that prints its own "N passed, N failed" line.
summary_suite() { # name cmd...
	local name=$1 line p f note
	banner "$name"
	run_logged "$@"
	line=$(grep -aE '(^|[^0-9])[0-9]+ passed, [0-9]+ failed' "$LOGS/$name.log" | tail -n 1)
	if [ -n "$line" ]; then
		p=$(sed -E 's/.*([^0-9]|^)([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")
		f=$(sed -E 's/.*([^0-9]|^)([0-9]+) passed, ([0-9]+) failed.*/\3/' <<<"$line")
		note="exit $rc, ${secs}s"
		# A non-zero exit with no failure counted (a crash after the summary, a
		# sanitizer report at exit) is one more failure.
		if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
			f=1
			note="exit $rc after reporting no failures, ${secs}s"
		fi
	else
		p=0 f=1
		note="no summary line (exit $rc, ${secs}s)"
	fi
	record "$name" "$p" "$f" "$note"
}

# pg_regress: one line per test.  PG <= 15: "test name ... ok 12 ms" (or
# "     name ... FAILED" in parallel groups); PG >= 16: "ok 1 - name" / "not ok 2 - name".
installcheck_suite() {
	local name=installcheck p f note
	banner "$name"
	rm -f regression.diffs regression.out
	# The extension directory is shared by every checkout on this machine:
	# make sure the suites run against this tree's build.
	if ! cmp -s profcheck.so "$(pg_config --pkglibdir)/profcheck.so"; then
		echo "installed profcheck.so is not this tree's build (another checkout installed over it): reinstalling"
		if [ "$(id -u)" = 0 ]; then make -s install; else sudo -n make -s install; fi
	fi
	run_logged "$name" make installcheck
	if ! cmp -s profcheck.so "$(pg_config --pkglibdir)/profcheck.so"; then
		echo "WARNING: profcheck.so was reinstalled by someone else while the suites ran"
	fi
	p=$(grep -acE '^(test +| +)?[^ ]+ +\.\.\. +ok|^ok +[0-9]+ ' "$LOGS/$name.log")
	f=$(grep -acE '^(test +| +)?[^ ]+ +\.\.\. +(FAILED|failed)|^not ok +[0-9]+ ' "$LOGS/$name.log")
	note="exit $rc, ${secs}s"
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
		note="pg_regress failed before running tests (exit $rc, ${secs}s)"
	fi
	if [ -s regression.diffs ] && [ "$f" != 0 ]; then
		banner "regression.diffs"
		cat regression.diffs
	fi
	record "$name" "$p" "$f" "$note"
}

# A suite whose only result is its exit status: one test.
status_suite() { # name cmd...
	local name=$1
	banner "$name"
	run_logged "$@"
	if [ "$rc" = 0 ]; then
		record "$name" 1 0 "no crash, ${secs}s"
	else
		record "$name" 0 1 "exit $rc, ${secs}s"
	fi
}

# ---------------------------------------------------------------- setup

banner "setup"
if ! bash scripts/setup.sh; then
	echo "setup failed: nothing was tested"
	echo "0 passed, 1 failed"
	exit 1
fi
if ! pgtmp_start; then
	echo "could not start a PostgreSQL cluster: nothing was tested"
	echo "0 passed, 1 failed"
	exit 1
fi

# ---------------------------------------------------------------- suites

if [ -f test/unit/unit.c ] && has_target unit; then
	summary_suite unit make -s unit
else
	skip unit "test/unit/unit.c or the 'unit' target is absent"
fi

if [ -f test/unit/unit.c ] && has_target unit-asan; then
	summary_suite unit-asan make -s unit-asan
else
	skip unit-asan "test/unit/unit.c or the 'unit-asan' target is absent"
fi

regress_suites() {
	local f
	for f in sql/*.sql; do
		case $f in sql/profcheck--*) ;; *) [ -f "$f" ] && return 0 ;; esac
	done
	return 1
}
if regress_suites; then
	installcheck_suite
else
	skip installcheck "no pg_regress suites in sql/"
fi

if has_target conformance; then
	summary_suite conformance make -s conformance
else
	skip conformance "no 'conformance' target (or its sources are absent)"
fi

if has_target fuzz-smoke; then
	status_suite fuzz-smoke make -s fuzz-smoke
else
	skip fuzz-smoke "no 'fuzz-smoke' target (or the harness is absent)"
fi

if [ -f test/cli.sh ]; then
	summary_suite cli bash test/cli.sh
else
	skip cli "test/cli.sh is absent"
fi

if [ -f test/diff/diff.c ] && has_target diff; then
	summary_suite diff make -s diff
else
	skip diff "test/diff/diff.c or the 'diff' target is absent"
fi

if [ -f test/conformance/sql_sample.py ]; then
	summary_suite conformance-sql python3 test/conformance/sql_sample.py
else
	skip conformance-sql "test/conformance/sql_sample.py is absent"
fi

if [ -f test/dump_restore.sh ]; then
	summary_suite dump-restore bash test/dump_restore.sh
else
	skip dump-restore "test/dump_restore.sh is absent"
fi

# The README's rule catalogue is generated from the registry, never edited by hand.
status_suite readme-catalogue bash scripts/readme-catalogue.sh --check

# ---------------------------------------------------------------- summary

pgtmp_stop
banner "summary"
printf '%-14s %7s %7s  %s\n' suite passed failed note
for i in "${!names[@]}"; do
	printf '%-14s %7s %7s  %s\n' "${names[$i]}" "${passed[$i]}" "${failed[$i]}" "${notes[$i]}"
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
