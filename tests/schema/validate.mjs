// tests/schema/validate.mjs SCHEMA FILE...: validate JSON files against a
// JSON Schema (draft-04 or later), with Ajv.  Prints one "ok - " or
// "not ok - " line per file and exits 1 if any fails.
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const [schemaPath, ...files] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const draft04 = String(schema.$schema || '').includes('draft-04');
const ajv = draft04 ? new AjvDraft04({ strict: false, allErrors: true })
	: new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = 0;
for (const f of files) {
	let doc;
	try {
		doc = JSON.parse(readFileSync(f, 'utf8'));
	} catch (e) {
		console.log(`not ok - schema: ${f} is not JSON: ${e.message}`);
		failed = 1;
		continue;
	}
	if (validate(doc)) {
		console.log(`ok - schema: ${f.split('/').pop()} validates against ${schemaPath.split('/').pop()}`);
	} else {
		console.log(`not ok - schema: ${f.split('/').pop()} validates against ${schemaPath.split('/').pop()}`);
		for (const e of validate.errors.slice(0, 10))
			console.log(`#   ${e.instancePath} ${e.message}`);
		failed = 1;
	}
}
process.exit(failed);
