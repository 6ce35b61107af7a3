#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/complete.sh: the shell completions that quest complete writes.
# Each script loads in its shell (bash -n, zsh -n, fish -n); bash's, driven
# as bash drives it (COMP_LINE, COMP_POINT, then its function), zsh's
# (words and CURRENT, compsys's functions standing in) and fish's
# (complete -C) offer every command of quest --help and every option of
# every command of quest help --options, the tables themselves, so that a
# row added to cli.c is checked with no change here; and on a fixture tour
# they offer its chapters and steps, the words of --format and --color,
# files for -o FILE and --files-from, directories for -C.  quest complete
# chapters|steps prints names one a line and never a diagnostic.
. "$(dirname "$0")/lib.sh"

for sh in bash zsh fish; do
	if ! "$QUEST" complete "$sh" >"$TMP/$sh" 2>"$TMP/err" ||
	    [ -s "$TMP/err" ] || [ ! -s "$TMP/$sh" ]; then
		fail "complete: quest complete $sh writes a script" "$(cat "$TMP/err")"
		continue
	fi
	if ! command -v "$sh" >/dev/null 2>&1; then
		skip "complete: the $sh script loads ($sh -n)" "no $sh here (./setup --test installs it)"
	elif "$sh" -n "$TMP/$sh" >"$TMP/err" 2>&1; then
		ok "complete: the $sh script loads ($sh -n)"
	else
		fail "complete: the $sh script loads ($sh -n)" "$(cat "$TMP/err")"
	fi
done
"$QUEST" complete tcsh >/dev/null 2>"$TMP/err"
rc=$?
if [ "$rc" -eq 2 ] && [ "$(cat "$TMP/err")" = "quest: complete wants bash, zsh, fish, chapters, steps or names, not 'tcsh'" ]; then
	ok "complete: quest complete refuses a shell it lacks, naming those it has (exit 2)"
else
	fail "complete: quest complete refuses a shell it lacks, naming those it has (exit 2)" "exit $rc: $(cat "$TMP/err")"
fi

# The fixture: a chapter with a name, one whose name is two words (its
# prefix is offered), a step that duplicates another (an error that the
# completion must not print).
tree=$TMP/tree
mkdir -p "$tree/src"
printf '[chapter G]\nname = Guest\n\n[chapter H]\nname = Host side\n' >"$tree/.quest"
printf '/*G:010 The guest starts. */\nint a;\n/*G:020 It runs. */\nint b;\n' >"$tree/src/guest.c"
printf '/*H:005 The host. */\nint c;\n/*H:005 Again. */\nint d;\n' >"$tree/src/host.c"
printf 'src/guest.c\n' >"$tree/files.txt"

"$QUEST" -C "$tree" complete steps >"$TMP/steps" 2>"$TMP/err"
printf 'G:010\nG:020\nH:005\n' >"$TMP/want"
if cmp -s "$TMP/steps" "$TMP/want" && [ ! -s "$TMP/err" ]; then
	ok "complete: quest complete steps prints the tags, one a line, once, quietly"
else
	fail "complete: quest complete steps prints the tags, one a line, once, quietly" "$(cat "$TMP/steps" "$TMP/err")"
fi
"$QUEST" -C "$tree" complete chapters >"$TMP/ch" 2>"$TMP/err"
printf 'Guest\nH\n' >"$TMP/want"
if cmp -s "$TMP/ch" "$TMP/want" && [ ! -s "$TMP/err" ]; then
	ok "complete: quest complete chapters prints names, a prefix for a name of two words"
else
	fail "complete: quest complete chapters prints names, a prefix for a name of two words" "$(cat "$TMP/ch" "$TMP/err")"
fi
mkdir "$TMP/none"
"$QUEST" -C "$TMP/none/missing" complete steps >"$TMP/out" 2>"$TMP/err"
if [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]; then
	ok "complete: quest complete steps says nothing where there is no tour"
else
	fail "complete: quest complete steps says nothing where there is no tour" "$(cat "$TMP/out" "$TMP/err")"
fi

if ! command -v bash >/dev/null 2>&1; then
	skip "complete: bash completes" "no bash"
	finish
fi

# drive LINE...: for each line, what the bash completion offers with the
# cursor at its end, sorted, on one line.
mkdir -p "$TMP/bin"
ln -s "$QUEST" "$TMP/bin/quest"
cat >"$TMP/drive.bash" <<'EOF'
. "$1"
shift
for l in "$@"; do
	COMP_LINE=$l COMP_POINT=${#l}
	COMPREPLY=()
	_quest
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' '
	echo
done
EOF
drive() {
	(cd "$tree" && PATH=$TMP/bin:$PATH bash "$TMP/drive.bash" "$TMP/bash" "$@")
}
# expect NAME LINE WANT: the completions of LINE are WANT, exactly.
expect() {
	got=$(drive "$2")
	if [ "$got" = "$3 " ] || { [ -z "$3" ] && [ -z "$got" ]; }; then
		ok "complete: bash: $1"
	else
		fail "complete: bash: $1" "'$2' gives '$got', want '$3'"
	fi
}

# The tables: every command, every option of each.
cmds=$("$QUEST" --help | awk '/^Commands:/ { c = 1; next } c && NF == 0 { c = 0 } c { print $1 }' | LC_ALL=C sort | tr '\n' ' ')
got=$(drive "quest ")
if [ -n "$cmds" ] && [ "$got" = "$cmds" ]; then
	ok "complete: bash offers the commands of quest --help"
else
	fail "complete: bash offers the commands of quest --help" "got '$got', want '$cmds'"
fi
"$QUEST" help --options >"$TMP/opts"
miss=
n=0
for c in quest $cmds; do
	line="quest $c -"
	[ "$c" = quest ] && line="quest -"
	offered=" $(drive "$line") "
	while read -r oc s l _; do
		[ "$oc" = "$c" ] || [ "$oc" = quest ] || continue
		for o in $s $l; do
			[ "$o" = - ] && continue
			n=$((n + 1))
			case $offered in
			*" $o "*|*" $o= "*) ;;
			*) miss="$miss $c:$o" ;;
			esac
		done
	done <"$TMP/opts"
done
if [ -z "$miss" ] && [ "$n" -gt 20 ]; then
	ok "complete: bash offers each command's options, as quest help --options lists them ($n)"
else
	fail "complete: bash offers each command's options, as quest help --options lists them ($n)" "missing:$miss"
fi
# ...and no option to a command that refuses it.
offered=$(drive "quest show -")
case " $offered " in
*" --werror "*|*" --format= "*|*" -o "*) fail "complete: bash offers show no option of another command" "$offered" ;;
*) ok "complete: bash offers show no option of another command" ;;
esac

expect "a command from its start" "quest sh" "show"
expect "chapters and steps for show" "quest show " "G:010 G:020 Guest H H:005"
expect "the steps of a chapter after its colon" "quest show G:0" "010 020"
expect "chapters for new" "quest new " "Guest H"
expect "steps for new --after" "quest new --after G:" "010 020"
expect "the words of --format=" "quest check --format=" "gcc json sarif"
expect "the words of --format=, from a start" "quest stale --format=s" "sarif"
expect "the words of diff --format" "quest diff --format " "json text"
expect "the words of --color" "quest show --color " "always auto never"
expect "files for -o" "quest html -o fi" "files.txt"
expect "files for --files-from" "quest --files-from fi" "files.txt"
expect "directories for -C" "quest -C s" "src"
expect "commands for help" "quest help re" "renumber"
expect "the tour of -C DIR" "quest -C $tree show H" "H H:005"
expect "the tour of -CDIR" "quest -C$tree new G" "Guest"
expect "a command after -C DIR" "quest -C $tree ch" "check"
expect "nothing for check's operands" "quest check " ""
if command -v git >/dev/null 2>&1; then
	(cd "$tree" && git init -q && git add . &&
	    git -c user.name=t -c user.email=t@example.org commit -qm one &&
	    git tag v1) >/dev/null 2>&1
	expect "revisions for --since" "quest stale --since v" "v1"
fi

# The names come under a time limit: a quest that never answers is cut.
cat >"$TMP/bin/slow" <<'EOF'
#!/bin/sh
sleep 30
EOF
chmod +x "$TMP/bin/slow"
if command -v timeout >/dev/null 2>&1; then
	start=$(date +%s)
	got=$(cd "$tree" && PATH=$TMP/bin:$PATH bash "$TMP/drive.bash" "$TMP/bash" "slow show ")
	took=$(($(date +%s) - start))
	if [ "$took" -lt 10 ]; then
		ok "complete: bash gives up on a quest that does not answer (${took}s)"
	else
		fail "complete: bash gives up on a quest that does not answer (${took}s)"
	fi
fi

# zsh: its completion functions (compadd, _describe, _files, compset)
# stand in for what they offer, as compsys would call _quest.
if command -v zsh >/dev/null 2>&1; then
	sed '$d' "$TMP/zsh" >"$TMP/zsh.fn"
	cat >"$TMP/drive.zsh" <<'EOF'
compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@" }
_describe() {
	local a
	shift 3
	for a in "$@"; do
		[[ $a == -- ]] && continue
		[[ $a == -* ]] && break
		print -rl -- ${${(P)a}%%:*}
	done
}
_files() { [[ $1 == -/ ]] && print DIRS || print FILES }
_message() { print MESSAGE }
compset() { PREFIX=${PREFIX#*=} }
source $1
shift
for l in "$@"; do
	words=(${(z)l})
	[[ $l == *' ' ]] && words+=('')
	CURRENT=${#words}
	PREFIX=${words[CURRENT]}
	_quest | LC_ALL=C sort | tr '\n' ' '
	print
done
EOF
	zdrive() {
		(cd "$tree" && PATH=$TMP/bin:$PATH zsh -f "$TMP/drive.zsh" "$TMP/zsh.fn" "$@")
	}
	miss=
	for c in $cmds; do
		offered=" $(zdrive "quest $c -") "
		while read -r oc s l _; do
			[ "$oc" = "$c" ] || [ "$oc" = quest ] || continue
			for o in $s $l; do
				[ "$o" = - ] && continue
				case $offered in *" $o "*|*" $o= "*) ;; *) miss="$miss $c:$o" ;; esac
			done
		done <"$TMP/opts"
	done
	if [ -z "$miss" ]; then
		ok "complete: zsh offers each command's options, as quest help --options lists them"
	else
		fail "complete: zsh offers each command's options, as quest help --options lists them" "missing:$miss"
	fi
	zexpect() {
		got=$(zdrive "$2")
		if [ "$got" = "$3 " ]; then
			ok "complete: zsh: $1"
		else
			fail "complete: zsh: $1" "'$2' gives '$got', want '$3'"
		fi
	}
	zexpect "the commands" "quest " "$(printf '%s' "$cmds" | sed 's/ $//')"
	zexpect "chapters and steps for show" "quest show " "G:010 G:020 Guest H H:005"
	zexpect "the words of --format=" "quest check --format=" "gcc json sarif"
	zexpect "the words of --color" "quest show --color " "always auto never"
	zexpect "files for -o" "quest html -o " "FILES"
	zexpect "directories for codetour -o" "quest codetour -o " "DIRS"
	zexpect "the tour of -C DIR" "quest -C $tree new " "Guest H"
else
	skip "complete: zsh completes" "no zsh here (./setup --test installs it)"
fi

# fish: complete -C prints what fish would offer.
if command -v fish >/dev/null 2>&1; then
	fishc() {
		(cd "$tree" && PATH=$TMP/bin:$PATH fish --no-config -c \
		    "source $TMP/fish; complete -C '$1'" | cut -f1 | LC_ALL=C sort | tr '\n' ' ')
	}
	got=$(fishc "quest ")
	if [ "$got" = "$cmds" ]; then
		ok "complete: fish offers the commands of quest --help"
	else
		fail "complete: fish offers the commands of quest --help" "got '$got', want '$cmds'"
	fi
	miss=
	for c in $cmds; do
		offered=" $(fishc "quest $c -") "
		while read -r oc s l _; do
			[ "$oc" = "$c" ] || [ "$oc" = quest ] || continue
			for o in $s $l; do
				[ "$o" = - ] && continue
				case $offered in *" $o "*) ;; *) miss="$miss $c:$o" ;; esac
			done
		done <"$TMP/opts"
	done
	if [ -z "$miss" ]; then
		ok "complete: fish offers each command's options, as quest help --options lists them"
	else
		fail "complete: fish offers each command's options, as quest help --options lists them" "missing:$miss"
	fi
	got=$(fishc "quest show ")
	if [ "$got" = "G:010 G:020 Guest H H:005 " ]; then
		ok "complete: fish offers the chapters and steps of the tour"
	else
		fail "complete: fish offers the chapters and steps of the tour" "got '$got'"
	fi
	got=$(fishc "quest check --format=")
	if [ "$got" = "--format=gcc --format=json --format=sarif " ]; then
		ok "complete: fish offers the words of --format="
	else
		fail "complete: fish offers the words of --format=" "got '$got'"
	fi
else
	skip "complete: fish completes" "no fish here (./setup --test installs it)"
fi
finish
