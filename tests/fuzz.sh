#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/fuzz.sh: every libFuzzer target of fuzz/ over its seeds, once each,
# then a short bounded run from them.  Nothing is ever written into
# fuzz/seeds: new inputs and crash artifacts go to the scratch directory.
# A target whose binary is not built (no clang with libFuzzer) is skipped.
#
#   FUZZ_SECONDS   length of the bounded run (default 10)
#   FUZZ_RUNS      its most executions (default 200000)
. "$(dirname "$0")/lib.sh"
secs=${FUZZ_SECONDS:-10}
runs=${FUZZ_RUNS:-200000}
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"

# What went wrong, and the input that did it (the scratch directory goes
# away at exit, so the input is shown here).
report() {
	grep -E 'ERROR|SUMMARY|runtime error|Test unit written|Base64' "$1" | head -20
	for a in "$2"/*; do
		[ -f "$a" ] || continue
		echo "input ${a##*/} ($(wc -c <"$a" | tr -d ' ') bytes):"
		od -An -c "$a" | head -8
	done
}

found=0
for src in "$TOP"/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	found=1
	name=${src##*/fuzz_}
	name=${name%.c}
	bin=$TOP/build/fuzz/fuzz_$name
	seeds=$TOP/fuzz/seeds/$name
	if [ ! -x "$bin" ]; then
		skip "fuzz/$name" "no build/fuzz/fuzz_$name (needs clang with libFuzzer: make build/fuzz/fuzz_$name)"
		continue
	fi
	if [ ! -d "$seeds" ] || [ -z "$(ls "$seeds")" ]; then
		fail "fuzz/$name: seeds" "no seeds in fuzz/seeds/$name"
		continue
	fi
	art=$TMP/artifacts-$name
	mkdir -p "$art"

	# Every seed once: a seed that crashes is a regression.
	if "$bin" -runs=0 -artifact_prefix="$art/" "$seeds" \
	    >"$TMP/$name-seeds.log" 2>&1; then
		n=$(ls "$seeds" | wc -l | tr -d ' ')
		ok "fuzz/$name: every seed once ($n seeds)"
	else
		fail "fuzz/$name: every seed once" "$(report "$TMP/$name-seeds.log" "$art")"
		continue
	fi

	# A short run from the seeds; new inputs go to a scratch corpus,
	# listed first so that libFuzzer writes there and not into the seeds.
	corpus=$TMP/corpus-$name
	mkdir -p "$corpus"
	if "$bin" -max_total_time="$secs" -runs="$runs" -timeout=10 \
	    -artifact_prefix="$art/" "$corpus" "$seeds" \
	    >"$TMP/$name-run.log" 2>&1; then
		stats=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$TMP/$name-run.log" | tail -1 |
		    sed -n 's/^#\([0-9]*\).* cov: \([0-9]*\).*/\1 runs, cov \2/p')
		ok "fuzz/$name: bounded run of ${secs}s${stats:+ ($stats)}"
	else
		fail "fuzz/$name: bounded run of ${secs}s" "$(report "$TMP/$name-run.log" "$art")"
	fi
done
[ "$found" -eq 1 ] || skip fuzz "no fuzz/fuzz_*.c targets"
finish
