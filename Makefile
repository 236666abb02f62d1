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
SHLIB_LINK = -lcrypto

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: a changed struct must rebuild everything.
$(OBJS): $(wildcard src/core/*.h) src/rules/rules.h

# ---------------------------------------------------------------- core only

CORE_CC ?= cc
CORE_CFLAGS ?= -O2 -g
CORE_WARN = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wdeclaration-after-statement -Wmissing-prototypes -Wno-format-truncation
CORE_HDRS = $(wildcard src/core/*.h) src/rules/rules.h
# clang does not know every gcc warning named in CORE_WARN.
CLANG_WARN = -Wno-unknown-warning-option
BUILD = build

$(BUILD)/profcheck-lint: $(CORE_SRCS) src/cli/profcheck_lint.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) -o $@ $(CORE_SRCS) src/cli/profcheck_lint.c -lcrypto

$(BUILD)/unit: $(CORE_SRCS) test/unit/unit.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) -o $@ $(CORE_SRCS) test/unit/unit.c -lcrypto

$(BUILD)/unit-asan: $(CORE_SRCS) test/unit/unit.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	clang -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
		$(CORE_WARN) $(CLANG_WARN) -o $@ $(CORE_SRCS) test/unit/unit.c -lcrypto

$(BUILD)/fuzz: $(CORE_SRCS) test/fuzz/fuzz.c $(CORE_HDRS)
	@mkdir -p $(BUILD)
	clang -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(CORE_WARN) $(CLANG_WARN) -o $@ $(CORE_SRCS) test/fuzz/fuzz.c -lcrypto

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
	$(CORE_CC) $(CORE_CFLAGS) $(CORE_WARN) -o $@ $(CORE_SRCS) test/conformance/conformance.c -lcrypto

.PHONY: conformance
conformance: $(BUILD)/conformance
	$(BUILD)/conformance
