import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. As root it needs --no-sandbox; the rest keeps it
// from calling out to the network.
const CHROMIUM = process.env.UNKNOT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

export default defineConfig({
	testDir: '../tests/e2e',
	outputDir: 'test-results/e2e-artifacts',
	globalSetup: '../tests/e2e/global-setup.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 5_000 },
	forbidOnly: !!process.env.CI,
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	use: {
		// baseURL is set per test from the server the global setup started (see fixtures.ts).
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		launchOptions: {
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS
		}
	},
	projects: [
		{
			name: 'chromium',
			use: { ...devices['Desktop Chrome'], channel: undefined },
			testIgnore: /mobile\.spec\.ts/
		},
		{
			name: 'mobile',
			use: {
				viewport: { width: 390, height: 844 },
				deviceScaleFactor: 3,
				isMobile: true,
				hasTouch: true
			},
			testMatch: /mobile\.spec\.ts/
		}
	]
});
