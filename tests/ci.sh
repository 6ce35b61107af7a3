#!/bin/sh
# SPDX-License-Identifier: ISC (see LICENSE)
# tests/ci.sh: the CI recipes of the repository root, as far as this
# machine can run them.  .pre-commit-hooks.yaml passes pre-commit's own
# validate-manifest, and pre-commit try-repo runs its hook on a fixture;
# action.yml validates as a GitHub Action (SchemaStore's schema, in
# @action-validator/core) and ci/gitlab/quest.gitlab-ci.yml against
# GitLab's schema of .gitlab-ci.yml (tests/schema/validate-ci.mjs); then
# the action's shell steps and the GitLab job's script run on a fixture
# repository, with the variables GitHub and GitLab would set and quest on
# the PATH: each writes its SARIF files, valid SARIF 2.1.0, with the
# error and the stale step of the fixture, and exits as documented.  The
# install steps find quest there and build nothing.
. "$(dirname "$0")/lib.sh"
mods=$TOP/tests/schema/node_modules
mkdir -p "$TMP/bin"
ln -s "$QUEST" "$TMP/bin/quest"
PATH=$TMP/bin:$PATH
export PATH

# The fixture: a tour at v1; then a change to the code of G:020 that
# leaves its prose alone (stale), in a work tree with an error to check
# (two steps G:010).
repo=$TMP/repo
mkdir -p "$repo"
git_c() { git -C "$repo" -c user.name=t -c user.email=t@example.org "$@"; }
printf '[chapter G]\nname = Guest\n' >"$repo/.quest"
printf '/*G:010 The guest starts. */\nint a;\n/*G:020 It runs. */\nint b;\n' >"$repo/guest.c"
git_c init -q
git_c add .
git_c commit -qm v1
base=$(git_c rev-parse HEAD)
printf '/*G:010 The guest starts. */\nint a;\n/*G:020 It runs. */\nint b = 2;\n' >"$repo/guest.c"
git_c commit -qam change

# 1. pre-commit.
if ! command -v pre-commit >/dev/null 2>&1; then
	skip "ci: .pre-commit-hooks.yaml" "no pre-commit here (./setup --test installs it)"
else
	if pre-commit validate-manifest "$TOP/.pre-commit-hooks.yaml" >"$TMP/err" 2>&1; then
		ok "ci: .pre-commit-hooks.yaml passes pre-commit validate-manifest"
	else
		fail "ci: .pre-commit-hooks.yaml passes pre-commit validate-manifest" "$(cat "$TMP/err")"
	fi
	# try-repo clones the hooks' repository: this one, as it is now.
	if (cd "$repo" && PRE_COMMIT_HOME=$TMP/pre-commit \
	    pre-commit try-repo "$TOP" quest-check --all-files) >"$TMP/pc" 2>&1; then
		if grep -q 'quest check.*Passed' "$TMP/pc"; then
			ok "ci: pre-commit try-repo runs quest check on a clean tour"
		else
			fail "ci: pre-commit try-repo runs quest check on a clean tour" "$(cat "$TMP/pc")"
		fi
	else
		fail "ci: pre-commit try-repo runs quest check on a clean tour" "$(cat "$TMP/pc")"
	fi
	printf '/*G:010 Again. */\nint c;\n' >>"$repo/guest.c"
	if (cd "$repo" && PRE_COMMIT_HOME=$TMP/pre-commit \
	    pre-commit try-repo "$TOP" quest-check --all-files) >"$TMP/pc" 2>&1; then
		fail "ci: pre-commit try-repo fails on a tour with an error" "$(cat "$TMP/pc")"
	elif grep -q 'duplicate-step' "$TMP/pc"; then
		ok "ci: pre-commit try-repo fails on a tour with an error"
	else
		fail "ci: pre-commit try-repo fails on a tour with an error" "$(cat "$TMP/pc")"
	fi
	git_c checkout -q guest.c
fi

if ! command -v node >/dev/null 2>&1; then
	skip "ci: action.yml and the GitLab template" "node is not installed"
	finish
fi
for m in yaml @action-validator/core gitlab-ci-local ajv; do
	if [ ! -d "$mods/$m" ]; then
		skip "ci: action.yml and the GitLab template" "no $m in tests/schema/node_modules (./setup --test installs it)"
		finish
	fi
done
v=$TOP/tests/schema/validate-ci.mjs

# 2. The schemas.
node "$v" action "$TOP/action.yml"
[ $? -eq 0 ] || _failed=1
node "$v" gitlab "$TOP/ci/gitlab/quest.gitlab-ci.yml"
[ $? -eq 0 ] || _failed=1
# ...which do refuse what is wrong.
sed 's/using: composite/using: compost/' "$TOP/action.yml" >"$TMP/bad.yml"
if node "$v" action "$TMP/bad.yml" >/dev/null; then
	fail "ci: the action's validation refuses runs.using: compost"
else
	ok "ci: the action's validation refuses runs.using: compost"
fi
sed 's/^  stage: test$/  stage: test\n  scripts: [x]/' "$TOP/ci/gitlab/quest.gitlab-ci.yml" >"$TMP/bad.yml"
if node "$v" gitlab "$TMP/bad.yml" >/dev/null; then
	fail "ci: the GitLab validation refuses a job key 'scripts'"
else
	ok "ci: the GitLab validation refuses a job key 'scripts'"
fi

sarif=$SHARED/sarif/sarif-schema-2.1.0.json
# sarif_ok NAME FILE RULE: FILE is SARIF 2.1.0 that reports RULE.
sarif_ok() {
	if [ ! -s "$2" ]; then
		fail "ci: $1" "no $2"
		return
	fi
	if [ -f "$sarif" ] && ! node "$TOP/tests/schema/validate.mjs" "$sarif" "$2" >"$TMP/v" 2>&1; then
		fail "ci: $1" "$(cat "$TMP/v")"
	elif ! grep -q "\"ruleId\": *\"$3\"" "$2"; then
		fail "ci: $1" "no result of rule $3 in $2"
	else
		ok "ci: $1"
	fi
}

# 3. The action's shell steps, as the runner runs them.
printf '/*G:010 Again. */\nint c;\n' >>"$repo/guest.c"
mkdir -p "$TMP/runner"
ctx=$(printf '{"inputs":{},"github":{"event":{"pull_request":{"base":{"sha":"%s"}}},"action_path":"%s","workspace":"%s"},"env":{"RUNNER_TEMP":"%s","GITHUB_ACTION_PATH":"%s","GITHUB_WORKSPACE":"%s"}}' \
    "$base" "$TOP" "$repo" "$TMP/runner" "$TOP" "$repo")
node "$v" run "$TOP/action.yml" "$ctx" >"$TMP/steps" 2>"$TMP/err"
got=$(tr '\t' ':' <"$TMP/steps" | tr '\n' ' ')
want="Install quest:0 quest check:0 quest stale:0 Upload quest check to code scanning:not run (uses github/codeql-action/upload-sarif@v3) Upload quest stale to code scanning:not run (uses github/codeql-action/upload-sarif@v3) Judge:1 "
if [ "$got" = "$want" ]; then
	ok "ci: the action's steps run, and it fails on the tour's error"
else
	fail "ci: the action's steps run, and it fails on the tour's error" "got: $got
want: $want
$(cat "$TMP/err")"
fi
sarif_ok "the action's quest check writes SARIF with the error" "$TMP/runner/quest/check.sarif" duplicate-step
sarif_ok "the action's quest stale writes SARIF with the stale step" "$TMP/runner/quest/stale.sarif" stale
ctx2=$(printf '%s' "$ctx" | sed 's/"inputs":{}/"inputs":{"fail-on":"never","since":""}/')
node "$v" run "$TOP/action.yml" "$ctx2" >"$TMP/steps" 2>"$TMP/err"
if grep -q '^Judge	0$' "$TMP/steps" && grep -q 'stale: .*skipped' "$TMP/err"; then
	ok "ci: the action with fail-on: never and no base passes"
else
	fail "ci: the action with fail-on: never and no base passes" "$(cat "$TMP/steps" "$TMP/err")"
fi

# 4. The GitLab job's script, in a merge request pipeline.
rm -f "$repo/quest-check.sarif" "$repo/quest-stale.sarif"
vars=$(printf '{"CI_PROJECT_DIR":"%s","CI_BUILDS_DIR":"%s","CI_MERGE_REQUEST_DIFF_BASE_SHA":"%s"}' "$repo" "$TMP" "$base")
node "$v" gitlab-run "$TOP/ci/gitlab/quest.gitlab-ci.yml" quest "$vars" >"$TMP/job" 2>"$TMP/err"
if [ "$(cat "$TMP/job")" = "quest	1" ]; then
	ok "ci: the GitLab job runs, and fails on the tour's error"
else
	fail "ci: the GitLab job runs, and fails on the tour's error" "$(cat "$TMP/job" "$TMP/err")"
fi
sarif_ok "the GitLab job's quest check writes SARIF with the error" "$repo/quest-check.sarif" duplicate-step
sarif_ok "the GitLab job's quest stale writes SARIF with the stale step" "$repo/quest-stale.sarif" stale
git_c checkout -q guest.c
rm -f "$repo/quest-check.sarif" "$repo/quest-stale.sarif"
node "$v" gitlab-run "$TOP/ci/gitlab/quest.gitlab-ci.yml" quest "$vars" >"$TMP/job" 2>"$TMP/err"
if [ "$(cat "$TMP/job")" = "quest	0" ]; then
	ok "ci: the GitLab job passes on a clean tour with a stale step (a warning)"
else
	fail "ci: the GitLab job passes on a clean tour with a stale step (a warning)" "$(cat "$TMP/job" "$TMP/err")"
fi
finish
