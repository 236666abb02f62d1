#!/usr/bin/env bash
# setup.sh: install what profcheck needs to build and test, then build it.
#
#   bash scripts/setup.sh
#
# Idempotent.  On Debian/Ubuntu as root, missing packages are installed with
# apt-get; as another user, a missing package is an error that prints the
# apt-get line to run.  Then: make, make install (with sudo when not root),
# make cli.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'setup: %s\n' "$*" >&2; }

# PostgreSQL major version: an installed server's, else the distribution's default.
pg_major() {
	local v
	if command -v pg_config >/dev/null 2>&1; then
		v=$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
		[ -n "$v" ] && { echo "$v"; return; }
	fi
	if [ -d /usr/lib/postgresql ]; then
		v=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -n 1)
		[ -n "$v" ] && { echo "$v"; return; }
	fi
	echo "${PROFCHECK_PG_MAJOR:-15}"
}

# clang's major version (Debian 12: 14); its runtime package carries ASan and libFuzzer.
clang_major() {
	local v=
	command -v clang >/dev/null 2>&1 && v=$(clang --version | sed -nE '1s/.*clang version ([0-9]+).*/\1/p')
	echo "${v:-14}"
}

PG=$(pg_major)
CLANG=$(clang_major)
packages=(
	"postgresql-$PG"                # server, initdb, pg_ctl, psql
	"postgresql-server-dev-$PG"     # pg_config, PGXS, server headers
	libssl-dev                      # libcrypto for the core (keys, digests)
	build-essential                 # cc, make
	clang                           # PGXS bitcode, ASan/UBSan, libFuzzer
	"libclang-rt-$CLANG-dev"        # sanitizer and fuzzer runtimes
	python3                         # test/cli.sh parses JSON
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
	for p in "${packages[@]}"; do
		status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		[ "$status" = "install ok installed" ] || missing+=("$p")
	done
else
	say "no dpkg-query: not a Debian system, not checking packages (need: ${packages[*]})"
fi

if ((${#missing[@]})); then
	apt_line="apt-get install -y --no-install-recommends ${missing[*]}"
	if [ "$(id -u)" = 0 ]; then
		say "installing: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -q
		apt-get install -y -q --no-install-recommends "${missing[@]}"
	else
		say "missing packages: ${missing[*]}"
		say "run as root:  apt-get update && $apt_line"
		exit 1
	fi
fi

# The postgresql package normally creates the user; make sure it exists.
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
	say "creating OS user postgres"
	useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

# Use this major version's pg_config even when several are installed.
if [ -x "/usr/lib/postgresql/$PG/bin/pg_config" ]; then
	export PG_CONFIG=/usr/lib/postgresql/$PG/bin/pg_config
fi
: "${PG_CONFIG:=pg_config}"
jobs=$(nproc 2>/dev/null || echo 2)

say "building (PostgreSQL $PG, $PG_CONFIG)"
make -s -j"$jobs" PG_CONFIG="$PG_CONFIG"

if [ "$(id -u)" = 0 ]; then
	make -s install PG_CONFIG="$PG_CONFIG"
elif command -v sudo >/dev/null 2>&1; then
	say "make install needs root: using sudo"
	sudo make -s install PG_CONFIG="$PG_CONFIG"
else
	say "make install needs root and sudo is not available; run as root: make install PG_CONFIG=$PG_CONFIG"
	exit 1
fi

make -s cli PG_CONFIG="$PG_CONFIG"
say "done: extension installed into $("$PG_CONFIG" --pkglibdir), CLI at build/profcheck-lint"
