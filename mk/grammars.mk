# mk/grammars.mk: the tree-sitter grammars that src/highlight.c uses.
#
# Their sources are npm packages, pinned in grammars/package-lock.json and
# installed by ./setup (npm ci --ignore-scripts) into grammars/node_modules,
# which is not in git.  Each grammar's generated src/parser.c, and its
# external scanner (scanner.c) when it has one, compiles here into
# build/grammars/ with -O2 -w: generated code is neither ours to warn about
# nor sanitized.  The highlights.scm queries become C strings in
# build/grammars/queries.c (od and awk, nothing else at build time), with
# the registry of grammars: a row each, struct hl_grammar (highlight.h),
# declared in build/grammars/grammars.h for lang.c, whose rows name theirs.
#
# Adding a grammar: its npm package in grammars/package.json (./setup
# installs it), a row of GRAMMARS, NAME:SOURCE-DIRECTORY:SCANNER:WINS
# (SCANNER yes or no: it has a scanner.c; WINS last or first: which of the
# patterns that match a node wins, as its queries are written for), its
# queries HL_QUERIES_NAME, in order, its definitions HL_DEFS_NAME (below;
# none: no excerpt of it says where it is), and GRAMMAR(NAME) in its row
# of lang.c.  Nothing else.

GRAMMAR_NM     = grammars/node_modules
GRAMMAR_CFLAGS = -O2 -w
# Go's queries are still written for the order before tree-sitter 0.22:
# "(identifier) @variable" after the special cases, so the first wins.
# The bash grammar reads every shell of lang.c's Shell (sh, bash, zsh and
# ksh); typescript is the grammar for .ts, whose type assertions (<T>x) the
# TSX grammar would not read; php_only is PHP's for .php, as the web book
# parses a step's code on its own, without the <?php that starts the file
# (the php grammar takes what comes before one for HTML).  Objective-C's
# queries extend C's ("; inherits: c").
GRAMMARS       = c:tree-sitter-c/src:no:last \
		 cpp:tree-sitter-cpp/src:yes:last \
		 go:tree-sitter-go/src:no:first \
		 javascript:tree-sitter-javascript/src:yes:last \
		 python:tree-sitter-python/src:yes:last \
		 rust:tree-sitter-rust/src:yes:last \
		 bash:tree-sitter-bash/src:yes:last \
		 typescript:tree-sitter-typescript/typescript/src:yes:last \
		 objc:tree-sitter-objc/src:no:last \
		 java:tree-sitter-java/src:no:last \
		 swift:tree-sitter-swift/src:yes:last \
		 kotlin:tree-sitter-kotlin/src:yes:last \
		 c_sharp:tree-sitter-c-sharp/src:yes:last \
		 scala:tree-sitter-scala/src:yes:last \
		 dart:tree-sitter-dart/src:yes:last \
		 zig:@tree-sitter-grammars/tree-sitter-zig/src:no:last \
		 php_only:tree-sitter-php/php_only/src:yes:last \
		 css:tree-sitter-css/src:yes:last \
		 scss:tree-sitter-scss/src:yes:last \
		 ruby:tree-sitter-ruby/src:yes:last \
		 perl:tree-sitter-perl/src:yes:last \
		 make:tree-sitter-make/src:no:last \
		 yaml:@tree-sitter-grammars/tree-sitter-yaml/src:yes:last \
		 toml:@tree-sitter-grammars/tree-sitter-toml/src:yes:last \
		 r:@eagleoutice/tree-sitter-r/src:yes:last \
		 awk:tree-sitter-awk/src:yes:last \
		 lua:@tree-sitter-grammars/tree-sitter-lua/src:yes:last \
		 sql:@derekstride/tree-sitter-sql/src:yes:last \
		 haskell:tree-sitter-haskell/src:yes:last

# C++ and TypeScript extend the queries of the language they grow from, as
# their packages' tree-sitter.json say (the base first: the last pattern
# that matches a node wins).
HL_QUERIES_c          = tree-sitter-c/queries/highlights.scm
HL_QUERIES_cpp        = tree-sitter-c/queries/highlights.scm \
			tree-sitter-cpp/queries/highlights.scm
HL_QUERIES_go         = tree-sitter-go/queries/highlights.scm
HL_QUERIES_javascript = tree-sitter-javascript/queries/highlights.scm \
			tree-sitter-javascript/queries/highlights-jsx.scm \
			tree-sitter-javascript/queries/highlights-params.scm
HL_QUERIES_python     = tree-sitter-python/queries/highlights.scm
HL_QUERIES_rust       = tree-sitter-rust/queries/highlights.scm
HL_QUERIES_bash       = tree-sitter-bash/queries/highlights.scm
HL_QUERIES_typescript = tree-sitter-javascript/queries/highlights.scm \
			tree-sitter-typescript/queries/highlights.scm
HL_QUERIES_objc       = tree-sitter-c/queries/highlights.scm \
			tree-sitter-objc/queries/highlights.scm
HL_QUERIES_java       = tree-sitter-java/queries/highlights.scm
HL_QUERIES_swift      = tree-sitter-swift/queries/highlights.scm
HL_QUERIES_kotlin     = tree-sitter-kotlin/queries/highlights.scm
HL_QUERIES_c_sharp    = tree-sitter-c-sharp/queries/highlights.scm
HL_QUERIES_scala      = tree-sitter-scala/queries/highlights.scm
HL_QUERIES_dart       = tree-sitter-dart/queries/highlights.scm
HL_QUERIES_zig        = @tree-sitter-grammars/tree-sitter-zig/queries/highlights.scm
HL_QUERIES_php_only   = tree-sitter-php/queries/highlights.scm
HL_QUERIES_css        = tree-sitter-css/queries/highlights.scm
HL_QUERIES_scss       = tree-sitter-scss/queries/highlights.scm
HL_QUERIES_ruby       = tree-sitter-ruby/queries/highlights.scm
HL_QUERIES_perl       = tree-sitter-perl/queries/highlights.scm
HL_QUERIES_make       = tree-sitter-make/queries/highlights.scm
HL_QUERIES_yaml       = @tree-sitter-grammars/tree-sitter-yaml/queries/highlights.scm
HL_QUERIES_toml       = @tree-sitter-grammars/tree-sitter-toml/queries/highlights.scm
HL_QUERIES_r          = @eagleoutice/tree-sitter-r/queries/highlights.scm
HL_QUERIES_awk        = tree-sitter-awk/queries/highlights.scm
HL_QUERIES_lua        = @tree-sitter-grammars/tree-sitter-lua/queries/highlights.scm
HL_QUERIES_sql        = @derekstride/tree-sitter-sql/queries/highlights.scm
HL_QUERIES_haskell    = tree-sitter-haskell/queries/highlights.scm

# The tags queries that grammar packages ship (queries/tags.scm), for
# quest coverage --by def: their @definition.KIND captures, with @name,
# are the definitions a step may show.  TypeScript's extends JavaScript's
# as its highlights do; PHP's is written for both of its grammars.  A
# grammar with none falls back on its HL_DEFS below.
TAGS_c          = tree-sitter-c/queries/tags.scm
TAGS_cpp        = tree-sitter-cpp/queries/tags.scm
TAGS_go         = tree-sitter-go/queries/tags.scm
TAGS_java       = tree-sitter-java/queries/tags.scm
TAGS_javascript = tree-sitter-javascript/queries/tags.scm
TAGS_typescript = tree-sitter-javascript/queries/tags.scm \
		  tree-sitter-typescript/queries/tags.scm
TAGS_python     = tree-sitter-python/queries/tags.scm
TAGS_rust       = tree-sitter-rust/queries/tags.scm
TAGS_c_sharp    = tree-sitter-c-sharp/queries/tags.scm
TAGS_php_only   = tree-sitter-php/queries/tags.scm
TAGS_ruby       = tree-sitter-ruby/queries/tags.scm
TAGS_scala      = tree-sitter-scala/queries/tags.scm
TAGS_swift      = tree-sitter-swift/queries/tags.scm
TAGS_r          = @eagleoutice/tree-sitter-r/queries/tags.scm
TAGS_lua        = @tree-sitter-grammars/tree-sitter-lua/queries/tags.scm

# The definitions of each grammar, for the web book's context line, "in
# `lguest_init()`" above an excerpt that starts inside one: a node type
# of the grammar (its src/node-types.json), a colon, and how the page
# names such a node: "()" after its name (a function), or a word before
# it ("struct lguest").  The name is the node's field "name", else the
# end of its chain of "declarator" fields (C's functions), else its
# "type" field, after its "trait" and "for" if it has one (Rust's impl).
HL_DEFS_c          = function_definition:() struct_specifier:struct \
		     union_specifier:union enum_specifier:enum
HL_DEFS_cpp        = $(HL_DEFS_c) class_specifier:class \
		     namespace_definition:namespace
HL_DEFS_go         = function_declaration:() method_declaration:() \
		     type_spec:type
HL_DEFS_javascript = function_declaration:() \
		     generator_function_declaration:() \
		     function_expression:() method_definition:() \
		     class_declaration:class class:class
HL_DEFS_typescript = $(HL_DEFS_javascript) \
		     abstract_class_declaration:class \
		     interface_declaration:interface enum_declaration:enum \
		     internal_module:namespace module:module
HL_DEFS_python     = function_definition:() class_definition:class
HL_DEFS_rust       = function_item:() impl_item:impl trait_item:trait \
		     struct_item:struct enum_item:enum union_item:union \
		     mod_item:mod
HL_DEFS_bash       = function_definition:()
HL_DEFS_java       = method_declaration:() constructor_declaration:() \
		     class_declaration:class interface_declaration:interface \
		     enum_declaration:enum
HL_DEFS_c_sharp    = method_declaration:() constructor_declaration:() \
		     class_declaration:class struct_declaration:struct \
		     interface_declaration:interface
HL_DEFS_kotlin     = function_declaration:() class_declaration:class \
		     object_declaration:object
HL_DEFS_ruby       = method:() singleton_method:() class:class \
		     module:module
HL_DEFS_php_only   = function_definition:() method_declaration:() \
		     class_declaration:class interface_declaration:interface
HL_DEFS_scala      = function_definition:() class_definition:class \
		     object_definition:object trait_definition:trait
HL_DEFS_swift      = function_declaration:() class_declaration:class \
		     protocol_declaration:protocol
HL_DEFS_lua        = function_declaration:()
# The other grammars name no definitions: data, styles, build files and
# queries have none, and the rest wait for their rows.

g_name = $(word 1,$(subst :, ,$(1)))
g_dir  = $(GRAMMAR_NM)/$(word 2,$(subst :, ,$(1)))
g_scan = $(filter yes,$(word 3,$(subst :, ,$(1))))
g_first = $(if $(filter first,$(word 4,$(subst :, ,$(1)))),1,0)
g_objs = build/grammars/$(call g_name,$(1))-parser.o \
	 $(if $(call g_scan,$(1)),build/grammars/$(call g_name,$(1))-scanner.o)

GRAMMAR_NAMES = $(foreach g,$(GRAMMARS),$(call g_name,$(g)))
GRAMMAR_OBJS  = $(foreach g,$(GRAMMARS),$(call g_objs,$(g))) \
		build/grammars/queries.o
HL_QUERY_SRCS = $(sort $(foreach n,$(GRAMMAR_NAMES), \
		    $(addprefix $(GRAMMAR_NM)/,$(HL_QUERIES_$(n)) $(TAGS_$(n)))))

# npm writes this file on every install; the package files themselves all
# carry the same old date, so it is what tells make that they changed.
GRAMMAR_STAMP = $(GRAMMAR_NM)/.package-lock.json

EXTRA_OBJS += $(GRAMMAR_OBJS)
LIB_SRCS   += src/highlight.c
# lang.c names the grammar of a language by its row of the registry.
CPPFLAGS   += -Ibuild/grammars
# The tree-sitter runtime, from the C source that the npm package
# tree-sitter (its node binding, pinned in package.json) ships: Debian 12's
# libtree-sitter 0.20.7 loads grammars of ABI 13 and 14 only, and Perl's
# exists only as ABI 15.  One unit, lib.c, as tree-sitter builds itself,
# so that its functions call each other directly; the web book of lguest
# takes as long as with Debian's static library, and is the same page.
TS_LIB      = $(GRAMMAR_NM)/tree-sitter/vendor/tree-sitter/lib
CPPFLAGS   += -I$(TS_LIB)/include
GRAMMAR_OBJS += build/grammars/tree-sitter.o

# The rules below come before the Makefile's own: keep `all` the default.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

$(GRAMMAR_STAMP): grammars/package-lock.json
	@echo "make: the grammar sources in $(GRAMMAR_NM) are missing or" \
	    "older than grammars/package-lock.json: run ./setup" >&2
	@exit 1

$(GRAMMAR_NM)/%:
	@echo "make: $@ is missing: run ./setup to install the grammar" \
	    "sources (npm ci in grammars/)" >&2
	@exit 1

# The external scanners that lose memory (SQL's loses the tag of a `$tag$`
# string on every deserialize, and more): their malloc() and free() are
# highlight.c's, which frees what a parse leaves when the parse is done.
GRAMMAR_ARENA = sql
ARENA_CFLAGS  = -Dmalloc=hl_scanner_malloc -Dcalloc=hl_scanner_calloc \
		-Drealloc=hl_scanner_realloc -Dfree=hl_scanner_free

# $(call grammar_rules,NAME,SOURCE-DIRECTORY)
define grammar_rules
build/grammars/$(1)-%.o: $(2)/%.c $(GRAMMAR_STAMP) \
    $(if $(filter $(1),$(GRAMMAR_ARENA)),mk/grammars.mk)
	@mkdir -p build/grammars
	$$(CC) $$(GRAMMAR_CFLAGS) $(if $(filter $(1),$(GRAMMAR_ARENA)),$$(ARENA_CFLAGS)) -I$(2) -c -o $$@ $$<
endef
$(foreach g,$(GRAMMARS),$(eval $(call grammar_rules,$(call g_name,$(g)),$(call g_dir,$(g)))))

# build/grammars/queries.c: for each grammar, query_NAME[], its queries one
# after the other, each ended by a newline, and a NUL; then its row of the
# registry, hl_grammar_NAME, and hl_grammars[], every row in GRAMMARS order
# (a row's index is its place there).
build/grammars/queries.c: $(HL_QUERY_SRCS) $(GRAMMAR_STAMP) mk/grammars.mk \
    build/grammars/grammars.h
	@mkdir -p build/grammars
	@echo "od $(HL_QUERY_SRCS:$(GRAMMAR_NM)/%=%) > $@"
	@{ echo '/* Generated by mk/grammars.mk from grammars/node_modules: do not edit. */'; \
	  echo '#include "highlight.h"'; \
	  i=0; \
	  $(foreach g,$(GRAMMARS),$(call g_query,$(g))) \
	  echo; echo 'const struct hl_grammar *const hl_grammars[] = {'; \
	  $(foreach n,$(GRAMMAR_NAMES),echo '	&hl_grammar_$(n),';) \
	  echo '};'; \
	  echo 'const size_t hl_ngrammars = sizeof(hl_grammars) / sizeof(hl_grammars[0]);'; \
	} >$@.tmp
	mv $@.tmp $@

# $(call g_query,ROW): the shell that writes the query and the row of one.
g_query = n=$(call g_name,$(1)); \
	  echo; echo '/* $(HL_QUERIES_$(call g_name,$(1))) */'; \
	  echo "const struct TSLanguage *tree_sitter_$$n(void);"; \
	  echo "static const char query_$$n[] = {"; \
	  for f in $(addprefix $(GRAMMAR_NM)/,$(HL_QUERIES_$(call g_name,$(1)))); do \
	      od -An -v -tx1 "$$f"; echo ' 0a'; \
	  done | awk '{ for (i = 1; i <= NF; i++) printf "0x%s,", $$i; print "" }'; \
	  echo '0 };'; \
	  echo "static const char tags_$$n[] = {"; \
	  for f in $(addprefix $(GRAMMAR_NM)/,$(TAGS_$(call g_name,$(1)))); do \
	      od -An -v -tx1 "$$f"; echo ' 0a'; \
	  done | awk '{ for (i = 1; i <= NF; i++) printf "0x%s,", $$i; print "" }'; \
	  echo '0 };'; \
	  echo "const struct hl_grammar hl_grammar_$$n = { \"$$n\", tree_sitter_$$n,"; \
	  echo "    query_$$n, sizeof(query_$$n) - 1, $(call g_first,$(1)), $$i,"; \
	  echo '    "$(strip $(HL_DEFS_$(call g_name,$(1))))",'; \
	  echo "    tags_$$n, sizeof(tags_$$n) - 1 };"; \
	  i=$$((i + 1));

# build/grammars/grammars.h: the rows declared, for lang.c.
build/grammars/grammars.h: mk/grammars.mk
	@mkdir -p build/grammars
	@{ echo '/* Generated by mk/grammars.mk: do not edit. */'; \
	  echo 'struct hl_grammar;'; \
	  $(foreach n,$(GRAMMAR_NAMES),echo 'extern const struct hl_grammar hl_grammar_$(n);';) \
	} >$@.tmp
	mv $@.tmp $@

build/lang.o build/san/lang.o lint: build/grammars/grammars.h
# highlight.c includes the runtime's api.h, which npm brings.
build/highlight.o build/san/highlight.o: $(GRAMMAR_STAMP)

# le16toh() and the like are glibc's under _DEFAULT_SOURCE.
build/grammars/tree-sitter.o: $(TS_LIB)/src/lib.c $(GRAMMAR_STAMP)
	@mkdir -p build/grammars
	$(CC) $(GRAMMAR_CFLAGS) -D_DEFAULT_SOURCE -I$(TS_LIB)/include \
	    -I$(TS_LIB)/src -c -o $@ $(TS_LIB)/src/lib.c

build/grammars/queries.o: build/grammars/queries.c src/highlight.h src/lang.h
	$(CC) $(GRAMMAR_CFLAGS) -Isrc -c -o $@ build/grammars/queries.c
