#!/bin/sh
# run.sh BUILDDIR SECONDS
#	Seed and run the libFuzzer harness (BUILDDIR/fuzz) for SECONDS on one
#	core.  New inputs accumulate in BUILDDIR/fuzz-corpus across runs; a
#	crash is written to BUILDDIR/fuzz-artifacts/ and makes this exit
#	non-zero.  Prints a one-line summary at the end.
set -u

build=${1:?usage: run.sh BUILDDIR SECONDS}
secs=${2:?usage: run.sh BUILDDIR SECONDS}
here=$(dirname "$0")
src=$(cd "$here/../.." && pwd)
log="$build/fuzz-last.log"

mkdir -p "$build/fuzz-corpus" "$build/fuzz-artifacts"
sh "$here/seed.sh" "$build/fuzz-seed" "$src" || exit 2

# -timeout: a single input taking 10 s is a hang; -rss_limit_mb: a leak.
UBSAN_OPTIONS=print_stacktrace=1 "$build/fuzz" -max_len=65536 -max_total_time="$secs" \
	-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$build/fuzz-artifacts/" \
	"$build/fuzz-corpus" "$build/fuzz-seed" >"$log" 2>&1
rc=$?

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
corpus=$(ls "$build/fuzz-corpus" | wc -l)
if [ $rc -ne 0 ]; then
	grep -E "ERROR|runtime error|SUMMARY|Test unit written" "$log" | head -20
	echo "fuzz: FAILED after ${execs:-?} executions (exit $rc); see $log and $build/fuzz-artifacts/"
	exit 1
fi
echo "fuzz: ${execs:-?} executions in ${secs} s (${rate:-?}/s), corpus ${corpus} inputs, no crash"
