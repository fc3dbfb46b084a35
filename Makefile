# mailports - look up the TCP ports of email protocols
.SUFFIXES:

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
MANDIR ?= $(MANPREFIX)/man1
MAN7DIR ?= $(MANPREFIX)/man7
# Completions, in the layout each shell uses under a prefix: bash-completion
# loads its completionsdir on demand, zsh reads the site-functions of its
# fpath, fish its vendor directories.  Under /usr/local each shell looks
# there by default; elsewhere a system may want other directories.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

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
# The build directory's path must not reach the binary (its debugging
# information names the directory it was compiled in): the same source
# builds the same bytes wherever it is.
REPRODUCIBLE_CFLAGS = -ffile-prefix-map=$(CURDIR)=.
# check builds with -Werror: a warning is a bug.
WERROR =

# The user's CPPFLAGS, CFLAGS and LDFLAGS come last, so they win.
ALL_CPPFLAGS = -Iinclude -Idata -D_POSIX_C_SOURCE=200809L \
	-DMP_VERSION='"$(VERSION)"' $(HARDENING_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARNINGS) $(WERROR) $(HARDENING_CFLAGS) \
	$(REPRODUCIBLE_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(HARDENING_LDFLAGS) $(LDFLAGS)

# The command line: main.o parses the options, one file per mode answers
# (src/cmd_*.c), and these print for them.
CLI = $(patsubst src/%.c,%,$(wildcard src/cmd_*.c)) parse cli_net print \
	report usage terminal options batch
CLI_OBJS = $(CLI:%=$(B)/%.o)
# The program's modules: every other file of src/, and the provider tables
# generated from data/.  main.o links them, the unit tests too, never
# main.o nor the command line: a new file of src/ is a module unless it is
# named above.
MODULES = $(filter-out main $(CLI),$(patsubst src/%.c,%,$(wildcard src/*.c))) \
	providers_table
MODULE_OBJS = $(MODULES:%=$(B)/%.o)
# The build tools (tools/) write the manual and the completions from the
# data: they link the modules that hold it and nothing of the probe, DNS
# or the formatters.
TOOLS = mkman mkcomp mkproviders import-ispdb
TOOL_MODULES = ports words providers providers_table idna options number
TOOL_OBJS = $(TOOL_MODULES:%=$(B)/%.o) $(B)/tools/meaning.o
# The importer of Mozilla's ISP database reads XML and writes
# data/ispdb.def; of the program it links the XML reader and the rules of
# clientConfig files that a fetched autoconfig file is read with, and what
# they use: host names, escapes, UTF-8 and numbers.  It builds for the
# tests, and only make import-ispdb runs it on the database.
ISPDB_MODULES = ispdb ispdb_def c_string
ISPDB_SRC_MODULES = xml autoconfig net escape idna number
ISPDB_OBJS = $(ISPDB_MODULES:%=$(B)/tools/%.o) \
	$(ISPDB_SRC_MODULES:%=$(B)/%.o)
ISPDB_COMMIT ?= c6ad79659b5f
ISPDB_DATE ?= 2026-03-12
# A copy of the database's folder, if there is one, for tests/cli/ispdb.sh to
# check that data/ispdb.def is what the importer makes of it.
ISPDB_SNAPSHOT ?= $(CURDIR)/../shared/ispdb
# One cmocka program for each file of tests/unit/: a test file cannot be
# left out of make check.
TESTS = $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
TEST_BINS = $(TESTS:%=$(B)/test_%)
# Test helpers that link the modules: what mailports reads of a
# certificate, for tests/cli/x509.sh to compare with openssl x509; the
# server's first flight to the TLS 1.2 hello, for tests/cli/tls.sh.
MODULE_HELPERS = x509_dump tls_flight
# One fetch through mp_http_get, for tests/cli/http.sh.
MODULE_HELPERS += http_fetch

# The probe's tests run real servers on loopback, in a network namespace;
# the mail clients read the files of --config there (tests/lab/config_lab.sh),
# and discovery a domain's autoconfig file from nginx (autoconfig_lab.sh);
# deps installs them without starting their system services (policy-rc.d).
# The completions are tried in the shells themselves.  make bench sets
# the batch discovery beside a loop of dig (bind9-dnsutils).
TEST_DEPS = libcmocka-dev mandoc valgrind dovecot-imapd dovecot-pop3d \
	dovecot-submissiond dovecot-managesieved opensmtpd openssl nftables \
	iproute2 util-linux dnsmasq-base bash-completion zsh fish idn2 \
	msmtp isync fetchmail neomutt aerc libxml2-utils python3 nginx time \
	bind9-dnsutils
# What make ci needs besides: the quality gates' tools.
CI_DEPS = $(TEST_DEPS) clang libclang-rt-14-dev llvm clang-tidy clang-tools \
	cppcheck gcovr bsdutils nmap

SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_SECONDS ?= 60
FUZZERS = query reader probe dns idna ispdb x509 tls autoconfig http
COVERAGE_LINES = 95
COVERAGE_BRANCHES = 90

COMPLETIONS = $(B)/completions/mailports.bash $(B)/completions/_mailports \
	$(B)/completions/mailports.fish

MANPAGES = man/mailports.1 man/mailports-providers.7

all: $(BIN) $(MANPAGES) $(COMPLETIONS)

$(BIN): $(B)/main.o $(CLI_OBJS) $(MODULE_OBJS) $(B)/flags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(B)/main.o $(CLI_OBJS) \
		$(MODULE_OBJS)

# The provider tables merge the curated rows with the ISP database's, and
# sort the domains, before the program is compiled.
$(B)/mkproviders: $(B)/tools/mkproviders.o $(B)/tools/c_string.o \
		$(B)/providers.o $(B)/idna.o $(B)/flags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(B)/tools/mkproviders.o \
		$(B)/tools/c_string.o $(B)/providers.o $(B)/idna.o

$(B)/providers_table.c: $(B)/mkproviders
	$(B)/mkproviders >$@.tmp
	mv $@.tmp $@

$(B)/providers_table.o: $(B)/providers_table.c $(B)/flags
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/mkman: $(B)/tools/mkman.o $(TOOL_OBJS) $(B)/flags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(B)/tools/mkman.o $(TOOL_OBJS)

$(B)/import-ispdb: $(B)/tools/import-ispdb.o $(ISPDB_OBJS) $(B)/flags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(B)/tools/import-ispdb.o \
		$(ISPDB_OBJS)

# Never part of a build: the maintainer runs it on a new copy of the
# database's folder and commits the result.
import-ispdb: $(B)/import-ispdb
	@test -n '$(ISPDB)' || \
		{ echo 'usage: make import-ispdb ISPDB=path/to/ispdb' >&2; exit 2; }
	$(B)/import-ispdb -c '$(ISPDB_COMMIT)' -d '$(ISPDB_DATE)' \
		-o data/ispdb.def '$(ISPDB)'

$(MANPAGES): %: %.in $(B)/mkman
	$(B)/mkman <$< >$@.tmp
	mv $@.tmp $@

$(B)/mkcomp: $(B)/tools/mkcomp.o $(TOOL_OBJS) $(B)/flags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(B)/tools/mkcomp.o $(TOOL_OBJS)

$(B)/completions/mailports.bash: $(B)/mkcomp
	@mkdir -p $(B)/completions
	$(B)/mkcomp bash >$@.tmp
	mv $@.tmp $@

$(B)/completions/_mailports: $(B)/mkcomp
	@mkdir -p $(B)/completions
	$(B)/mkcomp zsh >$@.tmp
	mv $@.tmp $@

$(B)/completions/mailports.fish: $(B)/mkcomp
	@mkdir -p $(B)/completions
	$(B)/mkcomp fish >$@.tmp
	mv $@.tmp $@

# The version and SOURCE_DATE_EPOCH reach the program and the manual from
# the command line, which make does not track: this file changes when they
# do, and what uses them depends on it.
$(B)/stamp: FORCE
	@mkdir -p $(B)
	@echo '$(VERSION) $(SOURCE_DATE_EPOCH)' | cmp -s - $@ || \
		echo '$(VERSION) $(SOURCE_DATE_EPOCH)' >$@

$(B)/usage.o $(B)/tools/mkman.o $(MANPAGES): $(B)/stamp
$(B)/http_get.o: $(B)/stamp

# The flags of the compiler and the linker, likewise: what was built with
# other flags is built again, so that make check compiles every object
# with -Werror even after a plain make.
FLAGS = $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS)
$(B)/flags: FORCE
	@mkdir -p $(B)
	@printf '%s\n' '$(subst ','\'',$(FLAGS))' | cmp -s - $@ || \
		printf '%s\n' '$(subst ','\'',$(FLAGS))' >$@

$(B)/%.o: src/%.c $(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tools/%.o: tools/%.c $(B)/flags
	@mkdir -p $(B)/tools
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The unit tests find the headers they share in tests/helpers/.
$(B)/test_%.o: tests/unit/test_%.c $(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CPPFLAGS) -Itests/helpers $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/test_%: $(B)/test_%.o $(MODULE_OBJS) $(B)/flags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(MODULE_OBJS) -lcmocka

# check installs into a staging tree, in the default places under
# /usr/local whatever the user chose, to try the completions as installed.
STAGE = $(B)/staged
STAGE_DIRS = PREFIX=/usr/local BINDIR=/usr/local/bin \
	MANDIR=/usr/local/share/man/man1 MAN7DIR=/usr/local/share/man/man7 \
	BASHCOMPDIR=/usr/local/share/bash-completion/completions \
	ZSHCOMPDIR=/usr/local/share/zsh/site-functions \
	FISHCOMPDIR=/usr/local/share/fish/vendor_completions.d

# check is the quick part, for every change: the unit tests, then the
# built program from outside (tests/cli/).  check-lab runs it against real
# mail and name servers in network namespaces of their own (tests/lab/),
# as root.  Both build with -Werror: a warning is a bug.
# tests/cli/probe.sh spends its time waiting for timeouts: it runs beside
# the others, and its tally comes last.
check check-lab: WERROR = -Werror
check: all $(TEST_BINS) $(B)/probe_server $(B)/idna_ascii $(B)/import-ispdb \
		$(MODULE_HELPERS:%=$(B)/%) $(B)/name_server
	@test -z '$(wildcard tests/test_*.c)' || { echo \
		'$(wildcard tests/test_*.c): unit tests go in tests/unit/' >&2; \
		exit 1; }
	@rm -f $(B)/probe.log $(B)/probe.status
	@echo 'tests/cli/probe.sh ./$(BIN) $(B)/probe_server >$(B)/probe.log &'
	@{ tests/cli/probe.sh ./$(BIN) $(B)/probe_server >$(B)/probe.log 2>&1; \
		echo $$? >$(B)/probe.status; } &
	@for t in $(TEST_BINS); do echo "$$t"; ./$$t || exit 1; done
	tests/cli/e2e.sh ./$(BIN)
	tests/cli/hostile.sh ./$(BIN)
	tests/cli/waiting.sh ./$(BIN) $(B)/probe_server $(B)/http_fetch
	tests/cli/batch.sh ./$(BIN) $(B)/name_server $(B)/probe_server
	tests/cli/tty.sh ./$(BIN)
	tests/cli/idna.sh $(B)/idna_ascii ./$(BIN)
	tests/cli/x509.sh $(B)/x509_dump
	tests/cli/tls.sh $(B)/probe_server $(B)/tls_flight
	tests/cli/http.sh $(B)/http_server $(B)/http_fetch
	tests/cli/man.sh man/mailports.1 man/mailports-providers.7 README.md \
		./$(BIN)
	tests/cli/tools.sh $(B)
	tests/cli/ispdb.sh $(B)/import-ispdb '$(ISPDB_SNAPSHOT)'
	tests/cli/answers.sh ./$(BIN) data/ispdb.def
	tests/cli/questions.sh ./$(BIN) man/mailports.1
	rm -rf $(STAGE)
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(STAGE)) \
		$(STAGE_DIRS) WERROR='$(WERROR)'
	tests/cli/completion.sh $(abspath $(STAGE))/usr/local
	@while [ ! -s $(B)/probe.status ]; do sleep 0.1; done; \
		cat $(B)/probe.log; exit "$$(cat $(B)/probe.status)"

# The batch lab discovers BATCH_DOMAINS domains at 50 ms of round-trip
# time, and compares the peak RSS of 1,000 lines with BATCH_RSS_LINES
# (make bench: with 100,000).
BATCH_DOMAINS ?= 10000
BATCH_RSS_LINES ?= 20000

check-lab: $(BIN) $(B)/probe_server $(B)/name_server $(B)/delay_proxy
	tests/lab/probe_lab.sh ./$(BIN)
	tests/lab/zoo_lab.sh ./$(BIN)
	tests/lab/discover_lab.sh ./$(BIN) $(B)/probe_server
	tests/lab/check_lab.sh ./$(BIN) $(B)/probe_server
	tests/lab/config_lab.sh ./$(BIN)
	tests/lab/cert_lab.sh ./$(BIN)
	tests/lab/autoconfig_lab.sh ./$(BIN)
	tests/lab/batch_lab.sh ./$(BIN) $(B)/name_server $(B)/delay_proxy \
		$(BATCH_DOMAINS) $(BATCH_RSS_LINES)

# A hostile mail server for tests/cli/probe.sh and the labs.
$(B)/probe_server: tests/helpers/probe_server.c $(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ tests/helpers/probe_server.c

# A web server, honest or hostile, for tests/cli/http.sh.
check: $(B)/http_server
$(B)/http_server: tests/helpers/http_server.c $(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ tests/helpers/http_server.c

# The ASCII form of names, for tests/cli/idna.sh to compare with idn2.
$(B)/idna_ascii: $(B)/idna_ascii.o $(B)/idna.o $(B)/flags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(B)/idna_ascii.o $(B)/idna.o

$(B)/idna_ascii.o: tests/helpers/idna_ascii.c $(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Test helpers that link the modules (MODULE_HELPERS, above).
$(MODULE_HELPERS:%=$(B)/%): $(B)/%: $(B)/%.o $(MODULE_OBJS) $(B)/flags
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(MODULE_OBJS)

$(MODULE_HELPERS:%=$(B)/%.o): $(B)/%.o: tests/helpers/%.c $(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# A name server answering from a zone file, tens of thousands of questions
# a second, dropping some on request: tests/cli/batch.sh, the batch lab
# and its benchmark.
$(B)/name_server: tests/helpers/name_server.c tests/helpers/big_buffers.h \
		$(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ tests/helpers/name_server.c

# A slow network on loopback for tests/gates/probe_bench.sh.
$(B)/delay_proxy: tests/helpers/delay_proxy.c tests/helpers/big_buffers.h \
		$(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ \
		tests/helpers/delay_proxy.c

# Instructions counted by callgrind, whatever else the machine is doing;
# bench fails when a lookup costs more than BENCH_LIMIT times the empty
# program, which is built with the same flags as mailports (-z now too):
# idiomatic libc alone costs about 1.3 times before any work.
BENCH_LIMIT ?= 1.6
# A miss, with "did you mean", may cost up to BENCH_MISS_LIMIT times.
BENCH_MISS_LIMIT ?= 2.0
# The wall time of the probe and of discovery through
# tests/helpers/delay_proxy.c at RTT_MS of round-trip time, over the fewest
# round trips each allows: bench fails when a ratio exceeds RTT_LIMIT.
RTT_MS ?= 200
RTT_LIMIT ?= 1.15
# Many domains in one run, through the same proxy at 50 ms: bench fails
# when the wall time exceeds BATCH_LIMIT times the round trips over the
# parallelism (tests/gates/batch_bench.sh).
BATCH_LIMIT ?= 1.3

# Every part runs whatever the others find; bench fails if any did.
bench: $(BIN) $(B)/empty $(B)/delay_proxy $(B)/name_server
	@status=0; \
	echo tests/gates/bench.sh ./$(BIN) $(B)/empty $(BENCH_LIMIT) $(BENCH_MISS_LIMIT); \
	tests/gates/bench.sh ./$(BIN) $(B)/empty $(BENCH_LIMIT) $(BENCH_MISS_LIMIT) || status=1; \
	echo tests/gates/probe_bench.sh ./$(BIN) $(B)/delay_proxy $(RTT_MS) $(RTT_LIMIT); \
	tests/gates/probe_bench.sh ./$(BIN) $(B)/delay_proxy $(RTT_MS) $(RTT_LIMIT) || \
		status=1; \
	echo tests/gates/batch_bench.sh ./$(BIN) $(B)/name_server $(B)/delay_proxy $(BATCH_LIMIT); \
	tests/gates/batch_bench.sh ./$(BIN) $(B)/name_server $(B)/delay_proxy \
		$(BATCH_LIMIT) || status=1; \
	exit $$status

$(B)/empty: tests/helpers/empty.c $(B)/flags
	@mkdir -p $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ \
		tests/helpers/empty.c

# Other builds of the same sources, each in a directory of its own under
# $(B), through both parts of the tests.
check-clang:
	$(MAKE) B=$(B)/clang BIN=$(B)/clang/mailports CC=clang check check-lab

check-asan:
	$(MAKE) B=$(B)/asan-gcc BIN=$(B)/asan-gcc/mailports CC=gcc \
		CFLAGS="-O1 -g $(SANITIZE)" LDFLAGS="$(SANITIZE)" \
		HARDENING_CPPFLAGS= check check-lab
	$(MAKE) B=$(B)/asan-clang BIN=$(B)/asan-clang/mailports CC=clang \
		CFLAGS="-O1 -g $(SANITIZE)" LDFLAGS="$(SANITIZE)" \
		HARDENING_CPPFLAGS= check check-lab

check-valgrind: all $(B)/import-ispdb
	tests/gates/valgrind.sh ./$(BIN) $(B)/import-ispdb '$(ISPDB_SNAPSHOT)'

coverage:
	rm -rf $(B)/coverage
	$(MAKE) B=$(B)/coverage BIN=$(B)/coverage/mailports CC=gcc \
		CFLAGS="-O0 -g --coverage" LDFLAGS="--coverage" \
		HARDENING_CPPFLAGS= check check-lab
	gcovr --root . --object-directory $(B)/coverage --filter 'src/' \
		--filter 'tools/' \
		--exclude-unreachable-branches --print-summary \
		--fail-under-line $(COVERAGE_LINES) \
		--fail-under-branch $(COVERAGE_BRANCHES)

FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iinclude -Idata -D_POSIX_C_SOURCE=200809L

fuzz: $(FUZZERS:%=$(B)/fuzz/fuzz_%)
	tests/gates/fuzz.sh $(B)/fuzz $(FUZZ_SECONDS) $(FUZZERS)

# The sources of the modules: those of src/ and the generated tables.
MODULE_SRCS = $(patsubst %,src/%.c,$(filter-out providers_table,$(MODULES))) \
	$(B)/providers_table.c

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(MODULE_SRCS) include/mailports.h
	@mkdir -p $(B)/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< $(MODULE_SRCS)

$(B)/fuzz/fuzz_ispdb: tests/fuzz/fuzz_ispdb.c $(ISPDB_MODULES:%=tools/%.c) \
		$(ISPDB_MODULES:%=tools/%.h) $(ISPDB_SRC_MODULES:%=src/%.c)
	@mkdir -p $(B)/fuzz
	clang $(FUZZ_CFLAGS) -Itools -o $@ $< $(ISPDB_MODULES:%=tools/%.c) \
		$(ISPDB_SRC_MODULES:%=src/%.c)

analyze:
	cppcheck --enable=warning,style,performance,portability --std=c11 \
		--error-exitcode=1 --inline-suppr --quiet \
		--suppress=missingIncludeSystem -Iinclude -Idata -Itools \
		-D_POSIX_C_SOURCE=200809L src tools tests/fuzz
	clang-tidy --quiet src/*.c tools/*.c tests/fuzz/*.c -- -std=c11 \
		-Iinclude -Idata -Itools -D_POSIX_C_SOURCE=200809L
	rm -rf $(B)/scan
	scan-build --status-bugs -o $(B)/scan-report $(MAKE) B=$(B)/scan \
		BIN=$(B)/scan/mailports $(B)/scan/mailports \
		$(TOOLS:%=$(B)/scan/%)

# The release tarball: what it takes to build, test and install, and
# nothing else.  Its files carry SOURCE_DATE_EPOCH, or the date of the data,
# and no owner or umask of the machine that made it: the same source makes
# the same tarball anywhere.
DIST = mailports-$(VERSION)
DIST_FILES = Makefile README.md HACKING.md LICENSE .clang-tidy \
	$(sort $(wildcard data/*.def include/*.h src/*.c tools/*.c tools/*.h \
	tools/*.sh man/*.in tests/*/*.sh tests/*/*.zsh tests/*/*.c tests/*/*.h \
	tests/fuzz/corpus/*/* tests/fuzz/regressions/*/* tests/x509/* \
	tests/autoconfig/* tests/ispdb/*.def tests/ispdb/*.err tests/ispdb/*/*))
DATA_REVISION = $(shell sed -n 's/^REVISION("\(.*\)")$$/\1/p' data/revision.def)
DIST_MTIME = $(if $(SOURCE_DATE_EPOCH),@$(SOURCE_DATE_EPOCH),$(DATA_REVISION) 00:00:00 UTC)

dist: $(DIST).tar.gz

$(DIST).tar.gz: $(DIST_FILES)
	@echo "tar $(DIST)/ ($(words $(DIST_FILES)) files) | gzip -9n >$@"
	@LC_ALL=C tar --create --format=ustar --sort=name --owner=0 --group=0 \
		--numeric-owner --mode=u=rwX,go=rX --mtime='$(DIST_MTIME)' \
		--transform='s,^,$(DIST)/,' $(DIST_FILES) | gzip -9n >$@.tmp
	mv $@.tmp $@

# Unpacks the tarball in a temporary directory, builds, checks, installs
# and uninstalls there, and fails if anything is left behind.
distcheck: $(DIST).tar.gz
	tests/gates/distcheck.sh $(DIST).tar.gz

# Two builds in two directories make the same bytes.
reproducible:
	tests/gates/reproducible.sh

# Every gate, one summary line each; what CI runs.
ci:
	tests/gates/ci.sh

# Installs the packages that are missing, and only those, without
# starting their services; see tools/deps.sh.
# The zoo's servers (Postfix, Exim, Cyrus, Courier) conflict with the
# lab's as packages: tests/lab/zoo-deps.sh unpacks them without installing
# them, and installs only the libraries they need.
ci-deps:
	@tools/deps.sh $(CI_DEPS)
	@tests/lab/zoo-deps.sh --install >/dev/null

deps:
	@tools/deps.sh $(TEST_DEPS)
	@tests/lab/zoo-deps.sh --install >/dev/null

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(MAN7DIR) \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR)
	cp -f $(BIN) $(DESTDIR)$(BINDIR)/mailports
	chmod 755 $(DESTDIR)$(BINDIR)/mailports
	cp -f man/mailports.1 $(DESTDIR)$(MANDIR)/mailports.1
	chmod 644 $(DESTDIR)$(MANDIR)/mailports.1
	cp -f man/mailports-providers.7 $(DESTDIR)$(MAN7DIR)/mailports-providers.7
	chmod 644 $(DESTDIR)$(MAN7DIR)/mailports-providers.7
	cp -f $(B)/completions/mailports.bash $(DESTDIR)$(BASHCOMPDIR)/mailports
	cp -f $(B)/completions/_mailports $(DESTDIR)$(ZSHCOMPDIR)/_mailports
	cp -f $(B)/completions/mailports.fish \
		$(DESTDIR)$(FISHCOMPDIR)/mailports.fish
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/mailports \
		$(DESTDIR)$(ZSHCOMPDIR)/_mailports \
		$(DESTDIR)$(FISHCOMPDIR)/mailports.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mailports $(DESTDIR)$(MANDIR)/mailports.1 \
		$(DESTDIR)$(MAN7DIR)/mailports-providers.7 \
		$(DESTDIR)$(BASHCOMPDIR)/mailports \
		$(DESTDIR)$(ZSHCOMPDIR)/_mailports \
		$(DESTDIR)$(FISHCOMPDIR)/mailports.fish

clean:
	rm -rf $(B) $(BIN) $(MANPAGES) $(MANPAGES:%=%.tmp) \
		$(DIST).tar.gz $(DIST).tar.gz.tmp

.PHONY: FORCE all check check-lab check-clang check-asan check-valgrind coverage fuzz \
	analyze ci ci-deps bench deps install uninstall clean dist distcheck \
	reproducible import-ispdb

-include $(wildcard $(B)/*.d $(B)/tools/*.d)
