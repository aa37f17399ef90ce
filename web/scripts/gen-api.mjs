// Generates src/lib/api/schema.d.ts from the OpenAPI contract (api/openapi.yaml at the repo root).
// UNKNOT_OPENAPI may point at another file (e.g. while the contract is being written).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const webDir = resolve(here, '..');
const input = resolve(webDir, process.env.UNKNOT_OPENAPI ?? '../api/openapi.yaml');
const output = resolve(webDir, 'src/lib/api/schema.d.ts');

if (!existsSync(input)) {
	console.error(`gen:api: the OpenAPI document was not found at ${input}.`);
	console.error('Set UNKNOT_OPENAPI to its path, or create api/openapi.yaml.');
	process.exit(1);
}

const ast = await openapiTS(new URL(`file://${input}`));
const banner =
	'/**\n * Generated from api/openapi.yaml by `npm run gen:api` (openapi-typescript).\n * Do not edit by hand.\n */\n\n';
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, banner + astToString(ast));
console.log(`gen:api: wrote ${output} from ${input}`);
