# quest: weave the tagged comments of a source tree into a guided tour.
#
#   make              build ./quest
#   make check        build and run every test (unit, golden, corpus, CLI,
#                     fuzz seeds), under AddressSanitizer and UBSan
#   make fuzz         run every libFuzzer target for FUZZTIME seconds
#   make lint         the format check (make style), clang-tidy, cppcheck
#   make style        tools/stylecheck: tabs, trailing blanks, 80 columns
#   make bench        the speed and memory benchmark (not part of check)
#   make install      PREFIX=/usr/local DESTDIR=
#   make deb          the Debian package, build/deb/quest_VERSION_ARCH.deb
#                     (RELEASING.md; grammars/node_modules must be there)

# The version is in one place, the first line of debian/changelog, which
# a release writes with dch(1): quest --version, the package and the
# completions all read it from there.
VERSION  := $(shell sed -n '1{s/^[^ ]* .//;s/[^0-9A-Za-z.~+-].*//;p;}' \
	     debian/changelog)
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
# Where each shell looks for completions: bash-completion's directory,
# zsh's site-functions (Debian's package puts _quest in
# vendor-completions), fish's vendor_completions.d.
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d

CC       ?= cc
PKGS      = inih jansson md4c libpcre2-8 nettle libmicrohttpd
CPPFLAGS += -D_GNU_SOURCE -DVERSION='"$(VERSION)"'
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c17 -Wall -Wextra -Werror -pthread \
	    $(shell pkg-config --cflags $(PKGS))
LDLIBS   += $(shell pkg-config --libs $(PKGS)) -pthread

SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer

# The engine: everything but the command line, so that tests and fuzzers
# link it.
LIB_SRCS  = src/util.c src/diag.c src/lang.c src/config.c src/walk.c \
	    src/scan.c src/build.c src/prose.c src/refs.c src/check.c src/load.c \
	    src/writer.c src/fmt_text.c src/fmt_list.c \
	    src/html.c src/md.c src/remote.c src/json.c src/fmt_html.c \
	    src/fmt_md.c src/fmt_json.c src/fmt_codetour.c src/fmt_term.c \
	    src/diagfmt.c src/renumber.c src/rewrite.c src/import.c src/gitlib.c src/repo.c src/history.c \
	    src/match.c src/stale.c src/tourdiff.c src/fsroot.c src/output.c \
	    src/pick.c src/pool.c src/lsp.c src/lsp_rpc.c src/lsp_text.c \
	    src/lsp_doc.c src/lsp_ws.c src/lsp_nav.c src/lsp_symbol.c \
	    src/lsp_lens.c src/lsp_complete.c src/lsp_rename.c \
	    src/live.c src/watch.c src/serve.c \
	    src/coverage.c src/covhtml.c
# The command line: main.c, the driver, and the tables it reads.
CLI_SRCS  = src/main.c src/cli.c src/complete.c src/lsp_cmd.c src/serve_cmd.c
HDRS      = $(wildcard src/*.h)
LIB_OBJS  = $(LIB_SRCS:src/%.c=build/%.o)
SAN_OBJS  = $(LIB_SRCS:src/%.c=build/san/%.o)
CLI_OBJS  = $(CLI_SRCS:src/%.c=build/%.o)
CLI_SAN_OBJS = $(CLI_SRCS:src/%.c=build/san/%.o)

# Parts with a build of their own (mk/grammars.mk: the tree-sitter grammars)
# add to LIB_SRCS, EXTRA_OBJS and LDLIBS.
EXTRA_OBJS =
include $(wildcard mk/*.mk)
# The web book's stylesheet and script, with their CSP hashes.
ASSET_OBJS = build/assets.o

UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/san/%)
FUZZ_SRCS = $(wildcard fuzz/fuzz_*.c)
FUZZ_BINS = $(FUZZ_SRCS:fuzz/%.c=build/fuzz/%)
FUZZTIME ?= 60

all: quest completions

# quest itself allocates with mimalloc, the sanitized builds with their own
# allocators: tree-sitter makes and frees a node a token, from every core,
# and glibc's malloc took a tenth of the web book's time.
ALLOC_LIBS = -lmimalloc

quest: $(LIB_OBJS) $(EXTRA_OBJS) $(ASSET_OBJS) $(CLI_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(LIB_OBJS) $(EXTRA_OBJS) \
	    $(ASSET_OBJS) $(CLI_OBJS) $(ALLOC_LIBS) $(LDLIBS)

# The shell completions, which quest writes from its own tables.
COMPLETIONS = build/completions/quest.bash build/completions/_quest \
	      build/completions/quest.fish

completions: $(COMPLETIONS)

build/completions/quest.bash: quest
	@mkdir -p build/completions
	./quest complete bash > $@.tmp
	mv $@.tmp $@

build/completions/_quest: quest
	@mkdir -p build/completions
	./quest complete zsh > $@.tmp
	mv $@.tmp $@

build/completions/quest.fish: quest
	@mkdir -p build/completions
	./quest complete fish > $@.tmp
	mv $@.tmp $@

build/assets.c: src/assets/book.css src/assets/book.js src/assets/live.js \
	    tools/embed.sh | build
	sh tools/embed.sh src/assets/book.css src/assets/book.js \
	    src/assets/live.js > $@.tmp
	mv $@.tmp $@

build/assets.o: build/assets.c
	$(CC) -c -o $@ build/assets.c

build/%.o: src/%.c $(HDRS) | build
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The sanitized build that every test runs.
build/san/quest: $(SAN_OBJS) $(EXTRA_OBJS) $(ASSET_OBJS) $(CLI_SAN_OBJS)
	$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $(SAN_OBJS) $(EXTRA_OBJS) \
	    $(ASSET_OBJS) $(CLI_SAN_OBJS) $(LDLIBS)

build/san/%.o: src/%.c $(HDRS) | build/san
	$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(SAN) -c -o $@ $<

build/san/test_%: tests/unit/test_%.c $(SAN_OBJS) $(EXTRA_OBJS) $(ASSET_OBJS) $(HDRS)
	$(CC) $(CPPFLAGS) -Isrc $(CFLAGS) -O1 $(SAN) -o $@ $< $(SAN_OBJS) \
	    $(EXTRA_OBJS) $(ASSET_OBJS) $(LDLIBS) -lcmocka

# The engine's objects for the fuzzers, compiled once with clang for all of
# them (-fsanitize=fuzzer-no-link: the coverage, not libFuzzer's main()).
FUZZ_CFLAGS = -std=c17 -g -O1 -pthread -Wall -Wextra -Werror \
	    -fsanitize=address,undefined $(shell pkg-config --cflags $(PKGS))
FUZZ_OBJS = $(LIB_SRCS:src/%.c=build/fuzz/obj/%.o)
.SECONDARY: $(FUZZ_OBJS)

build/fuzz/obj/%.o: src/%.c $(HDRS) | build/fuzz/obj
	clang $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJS) $(EXTRA_OBJS) $(ASSET_OBJS) $(HDRS) | build/fuzz
	clang $(CPPFLAGS) -Isrc $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(FUZZ_OBJS) $(EXTRA_OBJS) $(ASSET_OBJS) $(LDLIBS)

# Each directory its own target: build/ may be there already (the
# grammars' objects) without build/san or build/fuzz.
build build/san build/fuzz build/fuzz/obj build/tidy:
	@mkdir -p $@

# The fuzz targets need clang's libFuzzer (./setup --test installs it);
# without clang, tests/fuzz.sh says it skipped them.
CLANG := $(shell command -v clang 2>/dev/null)

check: quest build/san/quest build/tsparse $(UNIT_BINS) $(if $(CLANG),$(FUZZ_BINS))
	@QUEST=$(CURDIR)/build/san/quest sh tests/run.sh $(UNIT_BINS)

fuzz: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do \
	    n=$${f##*/fuzz_}; mkdir -p build/fuzz/corpus-$$n; \
	    echo "fuzz: $$n for $(FUZZTIME)s"; \
	    $$f -max_total_time=$(FUZZTIME) build/fuzz/corpus-$$n \
	        fuzz/seeds/$$n || exit 1; \
	done

# cppcheck's varFuncNullUB: html_open()'s list of attributes ends with
# NULL, which POSIX defines as (void *)0, a pointer, not the integer 0 that
# C alone allows.
# clang-tidy a file at a time, so that make -j spreads it over the
# cores; a file's stamp is made only when it passes.
TIDY_OKS  = $(LIB_SRCS:src/%.c=build/tidy/%.ok) $(CLI_SRCS:src/%.c=build/tidy/%.ok)

build/tidy/%.ok: src/%.c $(HDRS) .clang-tidy | build/tidy build/grammars/grammars.h
	clang-tidy --quiet $< -- $(CPPFLAGS) -std=c17 \
	    $(shell pkg-config --cflags $(PKGS))
	@touch $@

lint: style $(TIDY_OKS)
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability \
	    --inline-suppr --suppress=varFuncNullUB -D_GNU_SOURCE src/

# The layout of mandoc and style(9), which the code is written in:
# tools/stylecheck says what it checks.
STYLE_SRCS = $(wildcard src/*.c src/*.h tests/unit/*.c fuzz/*.c bench/*.c tools/*.sh)

style:
	@sh tools/stylecheck $(STYLE_SRCS)

bench: quest build/tsparse
	sh bench/bench.sh

# tree-sitter's parse alone, with the runtime and C grammar quest links:
# bench/book.sh sets it beside the web book's time.  make check builds it
# (it never runs it there) so that it keeps building.
build/tsparse: bench/tsparse.c build/grammars/c-parser.o \
    build/grammars/tree-sitter.o
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ bench/tsparse.c \
	    build/grammars/c-parser.o build/grammars/tree-sitter.o \
	    $(shell pkg-config --libs jansson) -pthread

install: quest completions
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 quest $(DESTDIR)$(BINDIR)/quest
	install -m 644 man/quest.1 $(DESTDIR)$(MANDIR)/man1/quest.1
	install -m 644 man/quest.5 $(DESTDIR)$(MANDIR)/man5/quest.5
	install -m 644 build/completions/quest.bash \
	    $(DESTDIR)$(BASHCOMPDIR)/quest
	install -m 644 build/completions/_quest $(DESTDIR)$(ZSHCOMPDIR)/_quest
	install -m 644 build/completions/quest.fish \
	    $(DESTDIR)$(FISHCOMPDIR)/quest.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/quest $(DESTDIR)$(MANDIR)/man1/quest.1 \
	    $(DESTDIR)$(MANDIR)/man5/quest.5 $(DESTDIR)$(BASHCOMPDIR)/quest \
	    $(DESTDIR)$(ZSHCOMPDIR)/_quest $(DESTDIR)$(FISHCOMPDIR)/quest.fish

# The Debian package, built by dpkg-buildpackage in a copy of the tree
# (the files git tracks, and grammars/node_modules linked to), so that its
# clean leaves this build/ alone.  No network: the grammar sources must be
# installed already (./setup); ./setup --deb installs the tools.
DEB_DIR = build/deb/quest-$(VERSION)

deb:
	@test -f grammars/node_modules/.package-lock.json || { echo \
	    "make: no grammars/node_modules: run ./setup first" >&2; exit 1; }
	rm -rf build/deb
	mkdir -p $(DEB_DIR)
	git ls-files -z | xargs -0 cp --parents -P -p -t $(DEB_DIR)
	ln -s $(CURDIR)/grammars/node_modules $(DEB_DIR)/grammars/node_modules
	cd $(DEB_DIR) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error,warning build/deb/quest_$(VERSION)_*.deb
	@ls build/deb/*.deb

clean:
	rm -rf build quest

.PHONY: all check fuzz lint style bench install uninstall clean \
	completions deb
