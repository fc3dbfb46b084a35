# mailports - look up the TCP ports of email protocols
.SUFFIXES:

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
MANDIR ?= $(MANPREFIX)/man1

CC ?= cc
CFLAGS ?= -O2 -g

# Where objects and test programs go; other builds (sanitizers, coverage)
# use a directory of their own so they never mix with this one.
B = build
BIN = mailports

WARNINGS = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion \
	-Wformat=2 -Wstrict-prototypes -Wmissing-prototypes -Wvla \
	-Wcast-qual -Wwrite-strings -Wundef -Wnull-dereference
HARDENING_CPPFLAGS = -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2
HARDENING_CFLAGS = -fstack-protector-strong -fPIE
HARDENING_LDFLAGS = -pie -Wl,-z,relro,-z,now
# check builds with -Werror: a warning is a bug.
WERROR =

# The user's CPPFLAGS, CFLAGS and LDFLAGS come last, so they win.
ALL_CPPFLAGS = -Iinclude -Idata -D_POSIX_C_SOURCE=200809L \
	-DMP_VERSION='"$(VERSION)"' $(HARDENING_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARNINGS) $(WERROR) $(HARDENING_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(HARDENING_LDFLAGS) $(LDFLAGS)

# The lookup modules; main.o and the tools link them, tests too.
MODULES = ports words query output format format_servers escape reader \
	providers probe_parse probe format_probe sys dns dns_client discover \
	format_discover
MODULE_OBJS = $(MODULES:%=$(B)/%.o)
TESTS = ports query words format format_servers escape reader providers \
	probe_parse format_probe sys dns dns_client format_discover
TEST_BINS = $(TESTS:%=$(B)/test_%)

# The probe's tests run real servers on loopback, in a network namespace;
# deps installs them without starting their system services (policy-rc.d).
TEST_DEPS = libcmocka-dev mandoc valgrind dovecot-imapd dovecot-pop3d \
	dovecot-submissiond dovecot-managesieved opensmtpd openssl nftables \
	iproute2 util-linux dnsmasq-base
# What make ci needs besides: the quality gates' tools.
CI_DEPS = $(TEST_DEPS) clang libclang-rt-14-dev llvm clang-tidy clang-tools \
	cppcheck gcovr bsdutils nmap
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_SECONDS ?= 60
FUZZERS = query reader probe dns
COVERAGE_LINES = 95
COVERAGE_BRANCHES = 90

all: $(BIN) man/mailports.1

$(BIN): $(B)/main.o $(MODULE_OBJS)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(B)/main.o $(MODULE_OBJS)

$(B)/mkman: $(B)/mkman.o $(MODULE_OBJS)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(B)/mkman.o $(MODULE_OBJS)

man/mailports.1: man/mailports.1.in $(B)/mkman
	$(B)/mkman <man/mailports.1.in >$@.tmp
	mv $@.tmp $@

$(B)/%.o: src/%.c
	@mkdir -p $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/test_%.o: tests/test_%.c
	@mkdir -p $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/test_%: $(B)/test_%.o $(MODULE_OBJS)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(MODULE_OBJS) -lcmocka

check: WERROR = -Werror
check: all $(TEST_BINS) $(B)/probe_server
	@for t in $(TEST_BINS); do echo "$$t"; ./$$t || exit 1; done
	tests/e2e.sh ./$(BIN)
	tests/hostile.sh ./$(BIN)
	tests/probe.sh ./$(BIN) $(B)/probe_server
	tests/probe_lab.sh ./$(BIN)
	tests/discover_lab.sh ./$(BIN) $(B)/probe_server
	tests/man.sh man/mailports.1 README.md ./$(BIN)

# A hostile mail server for tests/probe.sh.
$(B)/probe_server: tests/probe_server.c
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ tests/probe_server.c

# Instructions counted by callgrind, whatever else the machine is doing.
bench: $(BIN) $(B)/empty
	tests/bench.sh ./$(BIN) $(B)/empty
	tests/probe_bench.sh ./$(BIN)

$(B)/empty: tests/empty.c
	@mkdir -p $(B)
	$(CC) $(CFLAGS) -o $@ tests/empty.c

# Other builds of the same sources, each in a directory of its own.
check-clang:
	$(MAKE) B=build/clang BIN=build/clang/mailports CC=clang check

check-asan:
	$(MAKE) B=build/asan-gcc BIN=build/asan-gcc/mailports CC=gcc \
		CFLAGS="-O1 -g $(SANITIZE)" LDFLAGS="$(SANITIZE)" \
		HARDENING_CPPFLAGS= check
	$(MAKE) B=build/asan-clang BIN=build/asan-clang/mailports CC=clang \
		CFLAGS="-O1 -g $(SANITIZE)" LDFLAGS="$(SANITIZE)" \
		HARDENING_CPPFLAGS= check

check-valgrind: all
	tests/valgrind.sh ./$(BIN)

coverage:
	rm -rf build/coverage
	$(MAKE) B=build/coverage BIN=build/coverage/mailports CC=gcc \
		CFLAGS="-O0 -g --coverage" LDFLAGS="--coverage" \
		HARDENING_CPPFLAGS= check
	gcovr --root . --object-directory build/coverage --filter 'src/' \
		--exclude-unreachable-branches --print-summary \
		--fail-under-line $(COVERAGE_LINES) \
		--fail-under-branch $(COVERAGE_BRANCHES)

FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iinclude -Idata -D_POSIX_C_SOURCE=200809L

fuzz: $(FUZZERS:%=build/fuzz/fuzz_%)
	tests/fuzz.sh $(FUZZ_SECONDS) $(FUZZERS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(MODULES:%=src/%.c) include/mailports.h
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< $(MODULES:%=src/%.c)

analyze:
	cppcheck --enable=warning,style,performance,portability --std=c11 \
		--error-exitcode=1 --inline-suppr --quiet \
		--suppress=missingIncludeSystem -Iinclude -Idata \
		-D_POSIX_C_SOURCE=200809L src tests/fuzz
	clang-tidy --quiet src/*.c tests/fuzz/*.c -- -std=c11 -Iinclude -Idata \
		-D_POSIX_C_SOURCE=200809L
	rm -rf build/scan
	scan-build --status-bugs -o build/scan-report $(MAKE) B=build/scan \
		BIN=build/scan/mailports build/scan/mailports build/scan/mkman

# Every gate, one summary line each; what CI runs.
ci:
	tests/ci.sh

ci-deps:
	@$(MAKE) deps TEST_DEPS="$(CI_DEPS)"

deps:
	@missing=; for p in $(TEST_DEPS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then \
		echo "deps: already installed: $(TEST_DEPS)"; \
	elif ! command -v apt-get >/dev/null; then \
		echo "deps: no apt-get here; install by hand:$$missing" >&2; exit 1; \
	else \
		echo "deps: installing with apt-get:$$missing"; \
		$(SUDO) apt-get update -q || exit 1; \
		hold=; if [ ! -e /usr/sbin/policy-rc.d ]; then hold=1; \
			printf '#!/bin/sh\nexit 101\n' | \
			$(SUDO) tee /usr/sbin/policy-rc.d >/dev/null; \
			$(SUDO) chmod 755 /usr/sbin/policy-rc.d; fi; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q --no-install-recommends $$missing; \
		status=$$?; \
		if [ -n "$$hold" ]; then $(SUDO) rm -f /usr/sbin/policy-rc.d; fi; \
		exit $$status; \
	fi

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	cp -f $(BIN) $(DESTDIR)$(BINDIR)/mailports
	chmod 755 $(DESTDIR)$(BINDIR)/mailports
	cp -f man/mailports.1 $(DESTDIR)$(MANDIR)/mailports.1
	chmod 644 $(DESTDIR)$(MANDIR)/mailports.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mailports $(DESTDIR)$(MANDIR)/mailports.1

clean:
	rm -rf $(B) $(BIN) man/mailports.1 man/mailports.1.tmp

.PHONY: all check check-clang check-asan check-valgrind coverage fuzz \
	analyze ci ci-deps bench deps install uninstall clean

-include $(wildcard $(B)/*.d)
