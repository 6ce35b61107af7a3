#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/man.sh: the man pages format without a warning and agree with the
# code: quest(1) documents every diagnostic, option and command that the
# binary knows (its tables: quest --help, quest help COMMAND, quest help
# --options), each command with its own options and operands, and every
# environment variable the code reads; quest(5) every row of the language
# table of src/lang.c and every field that quest json prints.
#
# The formatter is mandoc when installed, else groff; MANLINT=mandoc or
# MANLINT=groff picks one.
. "$(dirname "$0")/lib.sh"
man1=$TOP/man/quest.1
man5=$TOP/man/quest.5
for p in "$man1" "$man5"; do
	if [ ! -f "$p" ]; then
		fail "man: ${p#"$TOP"/} exists"
		finish
	fi
done

# 1. Each page formats with no warning.
lint=${MANLINT:-}
if [ -z "$lint" ]; then
	if command -v mandoc >/dev/null 2>&1; then
		lint=mandoc
	elif command -v groff >/dev/null 2>&1; then
		lint=groff
	fi
fi
for p in "$man1" "$man5"; do
	page=${p#"$TOP"/}
	case $lint in
	mandoc)
		# Messages about the system's mandoc.db are not about the page.
		mandoc -Tlint -Wwarning "$p" 2>&1 | grep -v 'mandoc\.db' >"$TMP/lint"
		;;
	groff)
		groff -mandoc -ww -z "$p" >"$TMP/lint" 2>&1
		;;
	'')
		skip "man: $page formats with no warning" "neither mandoc nor groff is installed"
		continue
		;;
	*)
		skip "man: $page formats with no warning" "MANLINT=$lint: not mandoc or groff"
		continue
		;;
	esac
	if [ ! -s "$TMP/lint" ]; then
		ok "man: $page formats with no warning ($lint)"
	else
		fail "man: $page formats with no warning ($lint)" "$(cat "$TMP/lint")"
	fi
done

# The DIAGNOSTICS section of quest(1), where each diagnostic is an item.
awk '/^\.Sh /{ in_diag = $2 == "DIAGNOSTICS"; next } in_diag' "$man1" >"$TMP/diag"

# 2. Every diagnostic of the binary is an item of DIAGNOSTICS, with its
# severity on the item's line.
if ! "$QUEST" check --list-diagnostics >"$TMP/list" 2>"$TMP/err" ||
    [ ! -s "$TMP/list" ]; then
	fail "man: quest check --list-diagnostics lists the diagnostics" "$(cat "$TMP/err")"
fi
while read -r name sev _; do
	awk -v n="$name" -v s="$sev" '
		/^\.It / {
			hn = hs = 0
			for (i = 2; i <= NF; i++) {
				if ($i == n) hn = 1
				if ($i == s) hs = 1
			}
			if (hn) { found = 1; if (hs) good = 1 }
		}
		END { exit found ? (good ? 0 : 1) : 2 }' "$TMP/diag"
	case $? in
	0) ok "man: quest.1 documents $name ($sev)" ;;
	1) fail "man: quest.1 documents $name ($sev)" "its item in DIAGNOSTICS does not say $sev" ;;
	*) fail "man: quest.1 documents $name ($sev)" "no '.It ... $name' item in DIAGNOSTICS" ;;
	esac
done <"$TMP/list"
# ...and DIAGNOSTICS has no item for a diagnostic the binary lacks.
awk '/^\.It / && $(NF - 1) == "Pq" && ($NF == "error" || $NF == "warning") {
	print $(NF - 2) }' "$TMP/diag" >"$TMP/items"
stale=
while read -r name; do
	awk -v n="$name" '$1 == n { f = 1 } END { exit !f }' "$TMP/list" ||
	    stale="$stale $name"
done <"$TMP/items"
if [ -s "$TMP/items" ] && [ -z "$stale" ]; then
	ok "man: quest.1 DIAGNOSTICS has no diagnostic that quest lacks"
else
	fail "man: quest.1 DIAGNOSTICS has no diagnostic that quest lacks" "stale or no items:$stale"
fi

# 3. Every command of quest --help is an item (.It Cm NAME) of quest(1),
# and every option of quest --help and quest help COMMAND is a flag
# (Fl -long, Fl x) there.
if ! "$QUEST" --help >"$TMP/help" 2>"$TMP/err"; then
	fail "man: quest --help runs" "$(cat "$TMP/err")"
fi
cmds=$(awk '/^Commands:/ { c = 1; next } c && NF == 0 { c = 0 } c { print $1 }' "$TMP/help")
[ -n "$cmds" ] || fail "man: quest --help lists the commands"
for c in $cmds; do
	"$QUEST" help "$c" >>"$TMP/help" 2>/dev/null
	if grep -Eq "^\.It Cm $c( |\$)" "$man1"; then
		ok "man: quest.1 documents the command $c"
	else
		fail "man: quest.1 documents the command $c" "no '.It Cm $c' in man/quest.1"
	fi
done
longs=$(grep -oE -- '--[a-z][a-z-]*' "$TMP/help" | sort -u)
shorts=$(grep -oE -- '(^|[[ ,])-[A-Za-z]([] ,]|$)' "$TMP/help" |
    tr -d '[], ' | sort -u)
[ -n "$longs" ] || fail "man: quest --help lists long options"
for o in $longs $shorts; do
	f=${o#-}
	if grep -Eq -- "Fl $f( |\$)" "$man1"; then
		ok "man: quest.1 documents the option $o"
	else
		fail "man: quest.1 documents the option $o" "no 'Fl $f' in man/quest.1"
	fi
done

# 4. Each command's usage line, the first of quest help COMMAND, agrees
# with quest(1): its options (Fl) are in the command's SYNOPSIS line and
# have an item of their own (.It Fl ...) inside the command's item
# (.It Cm NAME ...) under DESCRIPTION, and its operands
# (FILE, CHAPTER...) are arguments (Ar file, Ar chapter) of its SYNOPSIS
# line.  The usage line is what the binary checks options against.
awk '/^\.Sh / { s = $2 == "SYNOPSIS"; next } s' "$man1" >"$TMP/synopsis"
for c in $cmds; do
	usage=$("$QUEST" help "$c" 2>/dev/null | sed -n "1s/^usage: quest $c *//p")
	flags=$(printf '%s\n' "$usage" | grep -oE -- '(^|[[ ])--?[A-Za-z][A-Za-z-]*' |
	    sed 's/^[[ ]*-//' | sort -u)
	args=$(printf '%s\n' "$usage" | grep -oE '[A-Z][A-Z0-9]+' | tr 'A-Z' 'a-z' | sort -u)
	# The SYNOPSIS line of c: from a .Nm line to the next, holding .Cm c.
	awk -v c="$c" '
		function out() { if (b ~ ("\n\\.Cm " c "\n")) printf "%s", b; b = "" }
		/^\.Nm/ { out() }
		{ b = b $0 "\n" }
		END { out() }' "$TMP/synopsis" >"$TMP/syn.$c"
	# Its item: from .It Cm c to the item of another command or a section.
	awk -v c="$c" -v cmds=" $cmds " '
		/^\.S[hs] / { if (on) exit }
		/^\.It Cm / {
			if ($3 == c) on = 1
			else if (on && index(cmds, " " $3 " ")) exit
		}
		on' "$man1" >"$TMP/item.$c"
	miss=
	if [ ! -s "$TMP/syn.$c" ]; then
		miss=" no SYNOPSIS line with '.Cm $c'"
	fi
	if [ ! -s "$TMP/item.$c" ]; then
		miss="$miss no '.It Cm $c' item"
	fi
	for f in $flags; do
		grep -Eq -- "Fl $f( |\$)" "$TMP/syn.$c" || miss="$miss SYNOPSIS:-$f"
		grep -v '^\.It Cm ' "$TMP/item.$c" | grep -Eq -- "^\.It .*Fl $f( |\$)" ||
		    miss="$miss item:-$f"
	done
	for a in $args; do
		awk -v a="$a" '{
			for (i = 1; i < NF; i++)
				if ($i == "Ar" || $i == ".Ar")
					for (j = i + 1; j <= NF; j++)
						if ($j == a) f = 1
		} END { exit !f }' "$TMP/syn.$c" || miss="$miss SYNOPSIS:Ar_$a"
	done
	if [ -z "$miss" ]; then
		ok "man: quest.1 documents quest $c $usage"
	else
		fail "man: quest.1 documents quest $c $usage" "missing:$miss"
	fi
done

# 5. Every option of every command, as the binary's table lists them
# (quest help --options: COMMAND -x --long ARG, - for what it lacks, quest
# for the global options), is an item (.It Fl ...) of that command's item
# in quest(1), the global ones of DESCRIPTION before its first subsection,
# with its letter, its long name and its argument on the item's line.
awk '/^\.Sh / { d = $2 == "DESCRIPTION"; next } /^\.Ss / { d = 0 } d' "$man1" >"$TMP/item.quest"
if ! "$QUEST" help --options >"$TMP/opts" 2>"$TMP/err" || [ ! -s "$TMP/opts" ]; then
	fail "man: quest help --options lists the options" "$(cat "$TMP/err")"
fi
while read -r c s l a; do
	if [ ! -s "$TMP/item.$c" ]; then
		fail "man: quest.1 documents $c $s $l $a" "no item of $c in man/quest.1"
		continue
	fi
	arg=$(printf '%s' "$a" | tr 'A-Z' 'a-z')
	if awk -v s="${s#-}" -v l="$l" -v a="$arg" '
		/^\.It Cm / { next }
		/^\.It / {
			hs = s == "" || s == "-"; hl = l == "-"; ha = a == "-"
			for (i = 2; i < NF; i++) {
				if ($i == "Fl" && $(i + 1) == s) hs = 1
				if ($i == "Fl" && $(i + 1) == substr(l, 2)) hl = 1
				if ($i == "Ar" && $(i + 1) == a) ha = 1
			}
			if (hs && hl && ha) f = 1
		}
		END { exit !f }' "$TMP/item.$c"; then
		ok "man: quest.1 documents $c $s $l $a"
	else
		fail "man: quest.1 documents $c $s $l $a" "no '.It' line with all of them in the item of $c"
	fi
done <"$TMP/opts"

# 6. Every environment variable that the code reads (getenv) is an item
# of ENVIRONMENT in quest(1).
if [ -d "$TOP/src" ]; then
	awk '/^\.Sh / { e = $2 == "ENVIRONMENT"; next } e' "$man1" >"$TMP/env"
	envs=$(cat "$TOP"/src/*.c | grep -oE 'getenv\("[A-Za-z_][A-Za-z0-9_]*"\)' |
	    sed 's/^getenv("//; s/")$//' | sort -u)
	[ -n "$envs" ] || skip "man: quest.1 documents the environment" "no getenv in src/"
	for v in $envs; do
		if grep -Eq "^\.It .*Ev $v( |\$)" "$TMP/env"; then
			ok "man: quest.1 documents the environment variable $v"
		else
			fail "man: quest.1 documents the environment variable $v" "no '.It Ev $v' in ENVIRONMENT"
		fi
	done
else
	skip "man: quest.1 documents the environment" "no $TOP/src"
fi

# 7. Every field that quest json prints on a small tree is an item
# (.It Cm NAME Pq TYPE) of JSON OUTPUT in quest(5), whose Pq names every
# type the field was seen with; JSON OUTPUT has no item for a field that
# quest json lacks; and its example shows the version that quest prints.
awk '/^\.Sh / { j = $2 == "JSON" && $3 == "OUTPUT"; next } j' "$man5" >"$TMP/jsonsec"
if ! command -v node >/dev/null 2>&1; then
	skip "man: quest.5 documents every JSON field" "node is not installed"
elif [ ! -s "$TMP/jsonsec" ]; then
	fail "man: quest.5 documents every JSON field" "no JSON OUTPUT section in man/quest.5"
else
	tree=$TMP/tree
	mkdir -p "$tree"
	printf '[tour]\ntitle = A tree\nintro = README\n\n[chapter G]\nname = Greeting\n' >"$tree/.quest"
	printf 'A tree of two files.\n' >"$tree/README"
	printf '/*G:010 A step with code, before [G:020] and [G:099]. */\nint x;\n/*:*/\n/*G:020 A step with none. :*/\n' >"$tree/a.c"
	printf '#!/bin/sh\n#H:1 A chapter that .quest does not declare.\necho hi\n' >"$tree/b.sh"
	"$QUEST" -C "$tree" json >"$TMP/json" 2>"$TMP/err"
	node -e '
		const fs = require("fs");
		const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
		const types = new Map();
		const type = (v) => v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
		(function walk(v) {
			if (Array.isArray(v)) {
				v.forEach(walk);
			} else if (v !== null && typeof v === "object") {
				for (const [k, x] of Object.entries(v)) {
					if (!types.has(k)) types.set(k, new Set());
					types.get(k).add(type(x));
					walk(x);
				}
			}
		})(d);
		console.log("version\t" + d.quest);
		for (const [k, s] of [...types].sort())
			console.log("key\t" + k + "\t" + [...s].sort().join(" "));
	' "$TMP/json" >"$TMP/keys" 2>>"$TMP/err"
	if [ $? -ne 0 ] || ! grep -q '^key	' "$TMP/keys"; then
		fail "man: quest json prints JSON that node reads" "$(cat "$TMP/err")"
	else
		while IFS='	' read -r kind key types; do
			[ "$kind" = key ] || continue
			lines=$(grep -E "^\.It Cm $key( |\$)" "$TMP/jsonsec")
			if [ -z "$lines" ]; then
				fail "man: quest.5 documents the JSON field $key" "no '.It Cm $key' in JSON OUTPUT"
				continue
			fi
			miss=
			for t in $types; do
				case $lines in
				*"$t"*) ;;
				*) miss="$miss $t" ;;
				esac
			done
			if [ -z "$miss" ]; then
				ok "man: quest.5 documents the JSON field $key ($types)"
			else
				fail "man: quest.5 documents the JSON field $key ($types)" "its items do not say:$miss"
			fi
		done <"$TMP/keys"
		stale=
		for key in $(awk '/^\.It Cm / { print $3 }' "$TMP/jsonsec" | sort -u); do
			grep -q "^key	$key	" "$TMP/keys" || stale="$stale $key"
		done
		if [ -z "$stale" ]; then
			ok "man: quest.5 JSON OUTPUT has no field that quest json lacks"
		else
			fail "man: quest.5 JSON OUTPUT has no field that quest json lacks" "stale:$stale"
		fi
		v=$(sed -n 's/^version	//p' "$TMP/keys")
		if grep -Fq "{\"quest\":$v," "$TMP/jsonsec"; then
			ok "man: quest.5 JSON OUTPUT shows version $v"
		else
			fail "man: quest.5 JSON OUTPUT shows version $v" "its example lacks {\"quest\":$v,"
		fi
	fi
fi

# 8. Every row of lang_table in src/lang.c is a row of the language tables
# of quest(5): '.It NAME Ta ...', with every extension or name, #!
# interpreter and comment opener of the row.  quest prints no language
# list, so the table is read from the source.
lang=$TOP/src/lang.c
if [ ! -f "$lang" ]; then
	skip "man: quest.5 documents every language" "no $lang"
	finish
fi
awk '
	FNR == 1 { file++ }
	file == 1 {
		if ($0 ~ /lang_table\[\] = [{]/) { intab = 1; next }
		if (!intab) next
		if ($0 ~ /^[}];/) { intab = 0; next }
		if ($0 ~ /^\t[{] "/) row[++nrow] = $0
		else if (nrow) row[nrow] = row[nrow] " " $0
		next
	}
	/^\.It Ta / { if (last != "") man[last] = man[last] " " substr($0, 8); next }
	/^\.It / {
		split($0, cell, / Ta /)
		last = substr(cell[1], 5)
		man[last] = man[last] " " substr($0, 5 + length(last))
		next
	}
	{ last = "" }
	END {
		if (nrow == 0) { print "lang_table\tbad\tno rows parsed from src/lang.c"; exit }
		for (i = 1; i <= nrow; i++) {
			r = row[i]
			gsub(/C_BLOCK/, "\"/*\", \"*/\"", r)
			gsub(/NO_BLOCK/, "NULL, NULL", r)
			n = 0
			while (match(r, /"[^"]*"|NULL/)) {
				t = substr(r, RSTART, RLENGTH)
				r = substr(r, RSTART + RLENGTH)
				tok[++n] = t == "NULL" ? "" : substr(t, 2, length(t) - 2)
			}
			name = tok[1]
			if (!(name in man)) { print name "\tbad\tno .It " name " Ta row"; continue }
			have = " " man[name] " "
			gsub(/\\&/, "", have)
			gsub(/[ \t]+/, " ", have)
			miss = ""
			nw = split(tok[3] " " tok[4] " " tok[5] " " tok[6] " " tok[7] " " tok[8], w, / +/)
			for (j = 1; j <= nw; j++)
				if (w[j] != "" && index(have, " " w[j] " ") == 0)
					miss = miss " " w[j]
			print name "\t" (miss == "" ? "ok" : "bad") "\t" (miss == "" ? "" : "its row lacks" miss)
		}
	}' "$lang" "$man5" >"$TMP/langs"
while IFS='	' read -r name st detail; do
	if [ "$st" = ok ]; then
		ok "man: quest.5 documents the language $name"
	else
		fail "man: quest.5 documents the language $name" "$detail"
	fi
done <"$TMP/langs"
finish
