import { test, expect } from './fixtures';

const EXPECTED_CSP_PARTS = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	"font-src 'self'",
	"frame-ancestors 'none'"
];

test('the shell has the product name, tagline, navigation, main and footer', async ({ page }) => {
	await page.goto('/patients');
	const header = page.getByRole('banner');
	await expect(header).toContainText('unknot');
	await expect(header).toContainText('Assess · Treat · Empower');
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link')).toHaveText(['Patients', 'Dashboard', 'Account']);
	await expect(nav.getByRole('link', { name: 'Patients' })).toHaveAttribute('aria-current', 'page');
	await expect(page.locator('main#main')).toBeVisible();
	await expect(page.getByRole('contentinfo')).toBeVisible();
});

test('keyboard: Tab reaches the skip link first and it moves focus to main', async ({ page }) => {
	await page.goto('/patients');
	await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	// The focus ring is visible.
	const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
	expect(outline).not.toBe('none');
	await page.keyboard.press('Enter');
	await expect(page.locator('main#main')).toBeFocused();
	// The next Tab lands inside main, not back in the header.
	await page.keyboard.press('Tab');
	const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
	expect(inMain).toBe(true);
});

test('no CSP violation or console error on any page, and the server sends the CSP', async ({
	page,
	problems
}) => {
	const response = await page.goto('/patients');
	const csp = response?.headers()['content-security-policy'] ?? '';
	for (const part of EXPECTED_CSP_PARTS) expect(csp, 'Content-Security-Policy header').toContain(part);
	expect(csp).not.toContain('unsafe-inline');

	await expect(page.locator('a.patient-link').first()).toBeVisible();
	await page.locator('a.patient-link').first().click();
	await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Versions' })).toBeVisible();
	await page.getByRole('link', { name: 'Edit details' }).click();
	await expect(page.locator('#field-given_name')).not.toHaveValue('');
	await page.goto('/patients/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Add a patient' })).toBeVisible();
	// A page loaded directly (the SPA fallback) also works under the CSP.
	const deep = await page.goto('/patients?q=a');
	expect(deep?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();

	// No inline script or style anywhere in the served page.
	const inline = await page.evaluate(() => ({
		scripts: [...document.scripts].filter((s) => !s.src).length,
		styles: document.querySelectorAll('style').length
	}));
	expect(inline).toEqual({ scripts: 0, styles: 0 });
	expect(problems.cspViolations).toEqual([]);
	expect(problems.consoleErrors).toEqual([]);
});

test('the header says who is signed in and offers Sign out', async ({ page, session }) => {
	await page.goto('/patients');
	const header = page.getByRole('banner');
	await expect(header).toContainText(session!.user.display_name);
	await expect(header).toContainText(session!.user.clinic.name);
	await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('the font is Atkinson Hyperlegible, served by the same server', async ({ page }) => {
	const fontRequests: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'font') fontRequests.push(r.url());
	});
	await page.goto('/patients');
	await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
	await page.evaluate(() => document.fonts.ready);
	const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
	expect(family).toMatch(/^"?Atkinson Hyperlegible"?/);
	expect(await page.evaluate(() => document.fonts.check('16px "Atkinson Hyperlegible"'))).toBe(true);
	expect(fontRequests.length).toBeGreaterThan(0);
	const origin = new URL(page.url()).origin;
	for (const url of fontRequests) expect(url.startsWith(origin)).toBe(true);
});

test('the larger-text setting is remembered', async ({ page }) => {
	await page.goto('/patients');
	const toggle = page.getByRole('button', { name: 'Larger text' });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
	expect(after).toBeGreaterThan(before);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Larger text' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('html')).toHaveClass(/larger-text/);
});

test('reduced motion turns transitions off', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto('/patients');
	const button = page.getByRole('link', { name: 'Add patient' });
	await expect(button).toBeVisible();
	expect(await button.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	expect(await button.evaluate((el) => getComputedStyle(el).transitionDuration)).not.toBe('0s');
});
