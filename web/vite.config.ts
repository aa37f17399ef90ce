import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The same Content-Security-Policy the unknot server sends, so `vite preview` behaves like production.
export const SERVER_CSP =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const apiTarget = process.env.UNKNOT_API ?? 'http://127.0.0.1:8080';

/**
 * SvelteKit's generated root component renders its route announcer with an inline style="…"
 * attribute, which `style-src 'self'` blocks (and reports as a CSP violation). Drop the attribute;
 * app.css styles #svelte-announcer the same way. Fails the build if the markup ever changes, so an
 * upgrade cannot quietly bring the violation back.
 */
function announcerWithoutInlineStyle(): Plugin {
	return {
		name: 'unknot:announcer-without-inline-style',
		enforce: 'pre',
		transform(code, id) {
			if (!id.replace(/\\/g, '/').endsWith('.svelte-kit/generated/root.svelte')) return null;
			const pattern = /(<div id="svelte-announcer"[^>]*?)\s+style="[^"]*"/;
			if (!pattern.test(code)) {
				if (/id="svelte-announcer"[^>]*style=/.test(code)) {
					this.error('unknot: could not remove the inline style from the SvelteKit announcer');
				}
				return null;
			}
			return { code: code.replace(pattern, '$1'), map: null };
		}
	};
}

export default defineConfig({
	plugins: [announcerWithoutInlineStyle(), sveltekit()],
	build: {
		// font-src 'self' forbids data: URLs, so never inline assets (fonts especially).
		assetsInlineLimit: 0
	},
	server: {
		proxy: { '/api': apiTarget, '/healthz': apiTarget }
	},
	preview: {
		headers: { 'Content-Security-Policy': SERVER_CSP },
		proxy: { '/api': apiTarget, '/healthz': apiTarget }
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
