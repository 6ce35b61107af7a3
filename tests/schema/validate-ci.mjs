// tests/schema/validate-ci.mjs: the CI recipes against their formats, and
// the shell they run, for tests/ci.sh.
//
//   node validate-ci.mjs action FILE     validate a GitHub Action
//   node validate-ci.mjs gitlab FILE     validate a GitLab CI file
//   node validate-ci.mjs steps FILE      an action's run: steps, as JSON
//   node validate-ci.mjs run FILE CONTEXT  run an action's shell steps
//   node validate-ci.mjs gitlab-run FILE JOB VARIABLES  run a job's shell
//
// A GitHub Action is checked by @action-validator/core, which holds
// SchemaStore's github-action.json; a GitLab CI file against GitLab's
// own schema of .gitlab-ci.yml (app/assets/javascripts/editor/schema/
// ci.json), as gitlab-ci-local ships it, with Ajv.  Prints TAP-like lines.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { validateAction } from '@action-validator/core';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { schema as gitlabSchema } from 'gitlab-ci-local/src/schema/schema.js';

const [kind, file] = process.argv.slice(2);
const src = readFileSync(file, 'utf8');
const name = file.split('/').pop();
let failed = 0;

function report(what, errors) {
	if (errors.length === 0) {
		console.log(`ok - ci: ${name} ${what}`);
		return;
	}
	console.log(`not ok - ci: ${name} ${what}`);
	for (const e of errors.slice(0, 10))
		console.log(`#   ${e}`);
	failed = 1;
}

switch (kind) {
case 'action': {
	const st = validateAction(src);
	report('validates as a GitHub Action (SchemaStore github-action.json)',
	    st.errors.map((e) => `${e.path || ''} ${e.title}: ${e.detail || ''}`));
	break;
}
case 'gitlab': {
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	const validate = ajv.compile(gitlabSchema);
	// A hidden job (.quest) is what a template is for, and the schema
	// lets it be anything: check it as the job that extends it will be.
	const doc = parse(src);
	for (const [k, v] of Object.entries(doc))
		if (k.startsWith('.') && v && typeof v === 'object' && v.script)
			doc[`hidden${k}`] = v;
	const ok = validate(doc);
	report('validates against GitLab\'s .gitlab-ci.yml schema',
	    ok ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`));
	break;
}
case 'run':
	runAction(parse(src), JSON.parse(process.argv[4]));
	break;
case 'gitlab-run':
	runJob(parse(src), process.argv[4], JSON.parse(process.argv[5]));
	break;
default:
	console.error(`validate-ci: no kind '${kind}'`);
	process.exit(2);
}
process.exit(failed);

// The ${{ }} of GitHub's expressions that the action uses: inputs (their
// defaults when not given), github.*, runner.temp and steps.ID.outputs.K.
function expand(text, ctx) {
	return String(text).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, e) => {
		const path = e.split('.');
		let v = ctx;
		for (const p of path)
			v = v == null ? undefined : v[p];
		return v == null ? '' : String(v);
	});
}

// Each step with run: in order, as the runner runs shell: bash (bash
// --noprofile --norc -eo pipefail FILE), with its env: expanded, and
// GITHUB_OUTPUT read back into steps.ID.outputs; a uses: step is not run
// (it needs GitHub), only named.  CONTEXT is {inputs, github, env}.
// Prints a line a step, "NAME<TAB>status"; what the steps print goes to
// standard error.
function runAction(action, ctx) {
	const inputs = {};
	for (const [k, v] of Object.entries(action.inputs || {}))
		inputs[k] = ctx.inputs[k] !== undefined ? ctx.inputs[k] :
		    expand(v.default ?? '', ctx);
	const c = { inputs, github: ctx.github, runner: { temp: ctx.env.RUNNER_TEMP },
	    steps: {} };
	let n = 0;
	for (const st of action.runs.steps) {
		n++;
		if (!st.run) {
			console.log(`${st.name}\tnot run (uses ${st.uses})`);
			continue;
		}
		const out = `${ctx.env.RUNNER_TEMP}/output.${n}`;
		writeFileSync(out, '');
		const script = `${ctx.env.RUNNER_TEMP}/step.${n}.sh`;
		writeFileSync(script, st.run);
		const env = { ...process.env, ...ctx.env, GITHUB_OUTPUT: out };
		for (const [k, v] of Object.entries(st.env || {}))
			env[k] = expand(v, c);
		const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script],
		    { env, cwd: ctx.env.GITHUB_WORKSPACE, stdio: ['ignore', 2, 2] });
		const outputs = {};
		for (const line of readFileSync(out, 'utf8').split('\n')) {
			const i = line.indexOf('=');
			if (i > 0)
				outputs[line.slice(0, i)] = line.slice(i + 1);
		}
		if (st.id)
			c.steps[st.id] = { outputs };
		console.log(`${st.name}\t${r.status}`);
	}
}

// A job's before_script and script, one shell (bash -e), in the project's
// directory, with the job's variables (those of what it extends first)
// and VARIABLES over them.  Prints "JOB<TAB>status"; what it prints goes
// to standard error.
function runJob(doc, name, vars) {
	const job = doc[name];
	const base = job.extends ? doc[job.extends] : {};
	const merged = { ...base, ...job, variables: { ...(base.variables || {}),
	    ...(job.variables || {}) } };
	const lines = [...(merged.before_script || []), ...(merged.script || [])];
	const script = `${vars.CI_BUILDS_DIR || '/tmp'}/job.sh`;
	writeFileSync(script, lines.join('\n') + '\n');
	const env = { ...process.env, ...merged.variables, ...vars };
	const r = spawnSync('bash', ['-e', script], { env, cwd: vars.CI_PROJECT_DIR,
	    stdio: ['ignore', 2, 2] });
	console.log(`${name}\t${r.status}`);
}
