#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/golden.sh: the golden corpus, in the manner of mandoc's regress/.
#
#   QUEST=build/san/quest sh tests/golden.sh [--update] [CASE...]
#
# Each case is a directory tests/golden/CASE holding an input tree, tree/,
# written for the purpose, and any number of runs NAME.cmd: one line, the
# arguments of quest.  The runner runs
#
#	quest -C tests/golden/CASE/tree ARGS...
#
# and compares what it prints with three expected files beside the .cmd:
# NAME.out (stdout), NAME.err (stderr) and NAME.status (the exit status).
# A command that writes files names its directory @OUT@; the files it
# writes there are part of NAME.out, each after a "==> name <==" line
# (a web book's book.css and book.js as @ASSETS@, as its inline ones).
# A renumber or an import (but --dry-run) runs in a copy of the tree of its own, and
# the tree's files after it are part of NAME.out the same way.  A case
# with a directory commits/ runs in a git repository made from it (see
# make_tree below): for stale and diff.
# With --update it writes those three files from what quest prints instead,
# for a maintainer who then reads the diff: an expected file is the claim
# that its bytes are right by quest(5), so read every one before committing.
# Without --update nothing under tests/golden is ever written.  With CASE
# names, only those cases run (or are updated).
#
# An expected file may be written by hand where quest is wrong: --update
# would overwrite it with the wrong output, so update only the cases you
# mean to, and read `git diff tests/golden` before committing.
. "$(dirname "$0")/lib.sh"

update=0
if [ "${1-}" = --update ]; then
	update=1
	shift
fi
cases=$*
for c in $cases; do
	if [ ! -d "$TOP/tests/golden/$c" ]; then
		echo "usage: QUEST=... sh tests/golden.sh [--update] [CASE...]" >&2
		echo "no case tests/golden/$c" >&2
		exit 2
	fi
done
case $QUEST in
/*) ;;
*) QUEST=$(pwd)/$QUEST ;;
esac

# Nothing from the caller's environment reaches quest but PATH and the
# sanitizers' options: the C locale, and a HOME of our own so that no
# global git config or ignore file changes which files the git walk lists.
run_quest() {
	env -i PATH="$PATH" LC_ALL=C HOME="$TMP" \
	    ${ASAN_OPTIONS+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
	    ${UBSAN_OPTIONS+"UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
	    ${LSAN_OPTIONS+"LSAN_OPTIONS=$LSAN_OPTIONS"} \
	    "$QUEST" "$@"
}

GOLDEN=$TOP/tests/golden

# The tree of a case: tree/ as it is, or, when the case has a directory
# commits/, a git repository in which each commits/N (in order of N)
# was committed in turn, with a fixed author and date so that every
# commit has the same id on every run, and then tree/ as its work tree.
# A file commits/N.msg is that commit's message; commits/N.parents names
# its parents by their N (a merge names two; by default the commit before
# it); commits/N.tag names the tags that point to it.  main and HEAD are
# the last commit.
make_tree() {
	src=$1 dst=$2
	case $dst in /*) ;; *) return 1 ;; esac
	if [ ! -d "$src/commits" ]; then
		cp -a "$src/tree" "$dst"
		return
	fi
	mkdir -p "$dst" && git -C "$dst" init -q -b main || return 1
	n=0 prev=
	for c in $(cd "$src/commits" && ls -d [0-9]* | grep -v '\.' | sort -n); do
		n=$((n + 1))
		find "$dst" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
		cp -a "$src/commits/$c/." "$dst/"
		msg="commit $c"
		[ -f "$src/commits/$c.msg" ] && msg=$(cat "$src/commits/$c.msg")
		parents=$prev
		[ -f "$src/commits/$c.parents" ] && parents=$(cat "$src/commits/$c.parents")
		date="2026-01-$(printf %02d $n)T12:00:00Z"
		pargs=
		for p in $parents; do
			pargs="$pargs -p $(cat "$dst/.git/quest-commit-$p")"
		done
		# A new index each time: cp -a keeps mtimes, and a file of
		# the same size and second would pass for unchanged.
		(cd "$dst" && rm -f .git/index && git add -A &&
		    tree=$(git write-tree) &&
		    env GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" \
		    GIT_AUTHOR_NAME=quest GIT_AUTHOR_EMAIL=quest@example.org \
		    GIT_COMMITTER_NAME=quest GIT_COMMITTER_EMAIL=quest@example.org \
		    git commit-tree "$tree" $pargs -m "$msg" >.git/quest-commit-$c &&
		    git update-ref refs/heads/main "$(cat .git/quest-commit-$c)") ||
		    return 1
		if [ -f "$src/commits/$c.tag" ]; then
			for t in $(cat "$src/commits/$c.tag"); do
				git -C "$dst" tag "$t" "$(cat "$dst/.git/quest-commit-$c")" ||
				    return 1
			done
		fi
		prev=$c
	done
	git -C "$dst" reset -q || return 1
	find "$dst" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
	cp -a "$src/tree/." "$dst/"
}

strip_assets() {
	perl -0777 -pi -e 's{<style>.*?</style>}{<style>\@ASSETS\@</style>}gs;
	    s{<script>.*?</script>}{<script>\@ASSETS\@</script>}gs;
	    s{sha256-[A-Za-z0-9+/=]+}{sha256-\@HASH\@}g' "$1"
}

# A tree with no .quest is rooted where it is only if no directory above it
# holds one; else quest, by design, finds that config and roots the tour
# there.  The repository has its own .quest, so each tree is copied out to
# the scratch directory and run there; should a .quest stand above that
# too, the run would test the wrong tree, and is skipped.
config_above() {
	d=$(dirname "$1")
	while :; do
		if [ -f "$d/.quest" ]; then
			echo "$d/.quest"
			return 0
		fi
		[ "$d" = / ] && return 1
		d=$(dirname "$d")
	done
}

for cmd in "$GOLDEN"/*/*.cmd; do
	[ -f "$cmd" ] || continue
	dir=${cmd%/*}
	case=${dir##*/}
	if [ -n "$cases" ]; then
		case " $cases " in
		*" $case "*) ;;
		*) continue ;;
		esac
	fi
	name=${cmd##*/}
	name=${name%.cmd}
	id=golden/$case/$name
	if [ ! -d "$dir/tree" ]; then
		fail "$id" "no directory $dir/tree"
		continue
	fi
	tree=$TMP/cases/$case
	if [ ! -d "$tree" ]; then
		mkdir -p "$TMP/cases"
		make_tree "$dir" "$tree" || {
			fail "$id" "cannot make the history of $dir"
			continue
		}
	fi
	args=$(cat "$cmd")
	# A run that rewrites the tree (renumber, not --dry-run) gets a copy
	# of its own, and the files it leaves are part of NAME.out.
	rewrites=0
	case $args in
	*--dry-run*) ;;
	renumber|renumber\ *|import|import\ *)
		rewrites=1
		rm -rf "$TMP/rewritten"
		cp -a "$tree" "$TMP/rewritten"
		tree=$TMP/rewritten
		;;
	esac
	if [ ! -f "$tree/.quest" ] && above=$(config_above "$tree"); then
		skip "$id" "$above would be this tree's config"
		continue
	fi
	# @OUT@ stands for a directory of the run's own (codetour -o @OUT@):
	# what quest writes there is compared too, each file after its name.
	out=$TMP/written
	rm -rf "$out"
	set -f	# the arguments are words, never globs
	# shellcheck disable=SC2086 # word splitting is the point
	set -- $(echo "$args" | sed "s|@OUT@|$out|g")
	set +f
	(cd / && run_quest -C "$tree" "$@") >"$TMP/out" 2>"$TMP/err"
	echo $? >"$TMP/status"
	if [ -d "$out" ]; then
		sed -i "s|$out|@OUT@|g" "$TMP/out"
		for f in $(cd "$out" && find . -type f | sort); do
			printf '==> %s <==\n' "${f#./}" >>"$TMP/out"
			# A book of many pages (html -o @OUT@/): its
			# stylesheet and script are the assets, as below.
			case $args:$f in
			html*:./book.css|html*:./book.js) echo @ASSETS@ >>"$TMP/out" ;;
			*) cat "$out/$f" >>"$TMP/out" ;;
			esac
		done
	fi

	# A page's stylesheet and script are quest's own assets, tested by
	# the browser tests: the expected page holds neither, nor their
	# hashes, so that a change to the assets rewrites no golden file.
	case $args in
	html|html\ *) strip_assets "$TMP/out" ;;
	esac

	if [ $rewrites -eq 1 ]; then
		for f in $(cd "$tree" && find . -name .git -prune -o -type f -print | sort); do
			printf '==> %s <==\n' "${f#./}" >>"$TMP/out"
			cat "$tree/$f" >>"$TMP/out"
		done
	fi

	read -r status <"$TMP/status"
	if [ "$status" -ge 126 ]; then
		# 126, 127: quest could not be run; above 128: a signal.  No
		# expected file is ever written from such a run.
		fail "$id" "quest exited $status: $(sed -n 1,5p "$TMP/err")"
		continue
	fi

	if [ $update -eq 1 ]; then
		for x in out err status; do
			if ! cmp -s "$TMP/$x" "$dir/$name.$x"; then
				cp "$TMP/$x" "$dir/$name.$x"
				echo "# wrote tests/golden/$case/$name.$x"
			fi
		done
		ok "$id"
		continue
	fi

	detail=
	for x in out err status; do
		if [ ! -f "$dir/$name.$x" ]; then
			detail="$detail
missing expected file $name.$x"
		elif ! cmp -s "$dir/$name.$x" "$TMP/$x"; then
			detail="$detail
--- $name.$x (expected) +++ (quest $args)
$(diff "$dir/$name.$x" "$TMP/$x" | sed -n '1,40p')"
		fi
	done
	if [ -z "$detail" ]; then
		ok "$id"
	else
		fail "$id" "${detail#?}"
	fi
done
finish
