import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// A single-page app: the C++ server serves build/ and answers unknown paths with index.html.
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: 'index.html',
			precompress: false,
			strict: true
		}),
		// The server's CSP allows no inline script or style. Never inline CSS into the page;
		// the SPA bootstrap script is moved to an external file by scripts/externalize-inline-scripts.mjs.
		inlineStyleThreshold: 0,
		output: {
			bundleStrategy: 'split'
		},
		version: {
			// Deterministic builds: no polling for new versions.
			pollInterval: 0
		}
	}
};

export default config;
