// Post-build step for the strict CSP the unknot server sends (script-src 'self'; style-src 'self').
//
// SvelteKit 2 always writes its SPA bootstrap as an inline <script> in the fallback page, and no
// config option removes it (kit.csp hashes/nonces do not help: the server's CSP is fixed). This
// moves every inline script of build/**/*.html into a content-hashed external file under
// _app/immutable/ and references it with <script src>. The bootstrap is a classic script that uses
// document.currentScript.parentElement to find where to mount; that works the same for an external
// classic (non-module, non-async) script, so it stays in the same place in the page.
//
// Then it checks every HTML file: no inline <script>, no <style>, no style="" attribute, no
// inline event handlers, and no reference to another host. Any finding fails the build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const buildDir = resolve(fileURLToPath(new URL('..', import.meta.url)), 'build');
const outDir = join(buildDir, '_app', 'immutable');

function htmlFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) return htmlFiles(p);
		return name.endsWith('.html') ? [p] : [];
	});
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi;
const problems = [];
let moved = 0;

for (const file of htmlFiles(buildDir)) {
	let html = readFileSync(file, 'utf8');
	html = html.replace(INLINE_SCRIPT, (whole, attrs, body) => {
		if (/\btype=["']?(module|importmap|application\/(ld\+)?json)/i.test(attrs)) {
			problems.push(`${relative(buildDir, file)}: inline <script${attrs}> cannot be moved`);
			return whole;
		}
		const code = body.trim().replace(/^\t+/gm, '') + '\n';
		const hash = createHash('sha256').update(code).digest('base64url').slice(0, 10);
		const name = `bootstrap.${hash}.js`;
		writeFileSync(join(outDir, name), code);
		moved++;
		return `<script src="/_app/immutable/${name}"></script>`;
	});
	writeFileSync(file, html);

	const checks = [
		[/<script(?![^>]*\bsrc=)[^>]*>/i, 'inline <script>'],
		[/<style[\s>]/i, '<style> element'],
		[/\sstyle\s*=/i, 'style="" attribute'],
		[/\son[a-z]+\s*=/i, 'inline event handler'],
		[/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i, 'reference to another host']
	];
	for (const [re, what] of checks) {
		if (re.test(html)) problems.push(`${relative(buildDir, file)}: ${what}`);
	}
}

if (problems.length > 0) {
	console.error('The built pages would break under the server CSP:');
	for (const p of problems) console.error(`  - ${p}`);
	process.exit(1);
}
console.log(`externalize-inline-scripts: moved ${moved} inline script(s); no inline code left.`);
