# SPDX-License-Identifier: ISC (see LICENSE)
# tests/lib.sh: what every test script shares.  Source it; then call
# ok NAME, fail NAME [DETAIL], skip NAME REASON, and finally `finish`.
# Each prints one TAP-like line; run.sh adds them up.
: "${QUEST:?set QUEST to the quest binary under test}"
TOP=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$TOP/../shared}
_failed=0
ok()   { echo "ok - $1"; }
fail() { echo "not ok - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'; _failed=1; }
skip() { echo "skip - $1: $2"; }
finish() { exit $_failed; }
# A scratch directory for the script, removed at exit.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/quest-test.XXXXXX") || exit 2
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
