import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// The same Content-Security-Policy the unknot server sends, so `vite preview` behaves like production.
export const SERVER_CSP =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const apiTarget = process.env.UNKNOT_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
	plugins: [sveltekit()],
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
