# profcheck: PGXS build of the extension, plus the core built on its own
# into the command-line linter, the unit tests and the fuzzer.

EXTENSION = profcheck
MODULE_big = profcheck
DATA = sql/profcheck--0.1.sql

CORE_SRCS = $(sort $(wildcard src/core/*.c)) $(sort $(wildcard src/rules/*.c))
PG_SRCS = $(sort $(wildcard src/pg/*.c))
OBJS = $(CORE_SRCS:.c=.o) $(PG_SRCS:.c=.o)

REGRESS = $(patsubst sql/%.sql,%,$(filter-out sql/profcheck--%,$(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=profcheck

PG_CFLAGS = -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
	-Wno-missing-field-initializers
SHLIB_LINK = -lcrypto -lm

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: a changed struct must rebuild everything.
$(OBJS): $(wildcard src/core/*.h) $(wildcard src/rules/*.h) $(wildcard src/pg/*.h)

# The core's symbols stay inside profcheck.so.  With the default visibility
# every call between core functions would go through the PLT and could never
# be inlined, because another library might interpose the symbol; the
# PostgreSQL layer (src/pg) keeps default visibility for its fmgr entry points.
$(CORE_SRCS:.c=.o) $(CORE_SRCS:.c=.bc): override CFLAGS += -fvisibility=hidden

# ---------------------------------------------------------------- core only

CORE_CC ?= cc
CORE_CFLAGS ?= -O2 -g
CORE_LIBS = -lcrypto -lm
CORE_WARN = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wdeclaration-after-statement -Wmissing-prototypes -Wno-format-truncation
CORE_HDRS = $(wildcard src/core/*.h) $(wildcard src/rules/*.h)
# clang does not know every gcc warning named in CORE_WARN.
CLANG_WARN = -Wno-unknown-warning-option
# The unit tests read test/fixtures and src/core/oids.h from the source tree.
UNIT_DEFS = -DPC_SRCDIR='"$(CURDIR)"'
BUILD = build

$(BUILD)/profcheck-lint: $(CORE_SRCS) src/cli/profcheck_lint.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) -o $@ $(CORE_SRCS) src/cli/profcheck_lint.c $(CORE_LIBS)

# cert_general.c: the decoder again without its shortcuts, to compare with.
UNIT_SRCS = test/unit/unit.c test/unit/cert_general.c

$(BUILD)/unit: $(CORE_SRCS) $(UNIT_SRCS) $(CORE_HDRS)
	@mkdir -p $(BUILD)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) $(UNIT_DEFS) -o $@ $(CORE_SRCS) $(UNIT_SRCS) $(CORE_LIBS)

$(BUILD)/unit-asan: $(CORE_SRCS) $(UNIT_SRCS) $(CORE_HDRS)
	@mkdir -p $(BUILD)
	clang -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
		$(CORE_WARN) $(CLANG_WARN) $(UNIT_DEFS) -o $@ $(CORE_SRCS) $(UNIT_SRCS) $(CORE_LIBS)

# The harness also compares the decoder with its general build (cert_general.c).
$(BUILD)/fuzz: $(CORE_SRCS) test/fuzz/fuzz.c test/unit/cert_general.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	clang -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(CORE_WARN) $(CLANG_WARN) -o $@ $(CORE_SRCS) test/fuzz/fuzz.c test/unit/cert_general.c \
		$(CORE_LIBS)

.PHONY: cli unit unit-asan fuzz-build
cli: $(BUILD)/profcheck-lint
unit: $(BUILD)/unit
	$(BUILD)/unit
unit-asan: $(BUILD)/unit-asan
	$(BUILD)/unit-asan
fuzz-build: $(BUILD)/fuzz

EXTRA_CLEAN = $(BUILD)

# ---------------------------------------------------------------- conformance

$(BUILD)/conformance: $(CORE_SRCS) test/conformance/conformance.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) -o $@ $(CORE_SRCS) test/conformance/conformance.c $(CORE_LIBS)

.PHONY: conformance
conformance: $(BUILD)/conformance
	$(BUILD)/conformance

# ---------------------------------------------------------------- fuzzing

# fuzz-smoke: a 60-second libFuzzer run seeded with the fixtures and, when
# present, the ZLint corpus (test/fuzz/seed.sh); fails on a crash.
# fuzz-long: the same for FUZZ_SECONDS (default an hour), for runs by hand.
FUZZ_SECONDS ?= 3600

.PHONY: fuzz-smoke fuzz-long
fuzz-smoke: $(BUILD)/fuzz
	sh test/fuzz/run.sh $(BUILD) 60
fuzz-long: $(BUILD)/fuzz
	sh test/fuzz/run.sh $(BUILD) $(FUZZ_SECONDS)

# ---------------------------------------------------------------- differential

# diff: the decoder against OpenSSL's d2i_X509 on every fixture and ZLint
# corpus certificate; known differences in test/diff/expected-differences.tsv.
$(BUILD)/diff: $(CORE_SRCS) test/diff/diff.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) -o $@ $(CORE_SRCS) test/diff/diff.c $(CORE_LIBS)

.PHONY: diff
diff: $(BUILD)/diff
	$(BUILD)/diff $(CURDIR)

# ---------------------------------------------------------------- benchmarks

# bench-corpus: the benchmark corpus, bench/data/corpus.bin (BENCH_N
# certificates, default 1,000,000; nothing to do when it is up to date).
# bench: bench/run.sh - the corpus, the core alone, then the extension in a
# throwaway cluster over BENCH_N rows (BENCH_N=100000 for a quick run).
BENCH_N ?= 1000000

$(BUILD)/gen-corpus: bench/gen-corpus.c src/core/time.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) -Wno-missing-field-initializers -pthread \
		-o $@ bench/gen-corpus.c src/core/time.c $(CORE_LIBS)

$(BUILD)/core-bench: $(CORE_SRCS) bench/core-bench.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) -o $@ $(CORE_SRCS) bench/core-bench.c $(CORE_LIBS)

.PHONY: bench-corpus bench
bench-corpus: $(BUILD)/gen-corpus
	$(BUILD)/gen-corpus -n $(BENCH_N) -o bench/data/corpus.bin
bench:
	BENCH_N=$(BENCH_N) bash bench/run.sh
