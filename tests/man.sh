#!/bin/sh
# tests/man.sh: the man pages format without a warning and agree with the
# code: quest(1) documents every diagnostic, option and command that the
# binary knows, quest(5) every row of the language table of src/lang.c.
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

# 4. Every row of lang_table in src/lang.c is a row of the language tables
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
