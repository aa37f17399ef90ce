// The patient's "Today" on a phone (390×844, the `mobile` project): a clinician assigns a plan
// item on the patient's programme page; the demo patient checks in, marks the item done with the big toggle (a
// failed save first shows the tick roll back with a message), still sees it done after a reload,
// and finds today checked in on the check-in calendar (moving through it with the arrow keys);
// the clinician's programme then shows the done mark and their check-ins page today's check-in.
// Axe runs on every page visited.
import { test, expect, apiHeaders, apiSignIn, httpStatusMessage, DEMO, DEMO_PASSWORD } from './fixtures';
import { demoPatient } from './assess';

const SLUG = 'jaw-resting-position';
const TITLE = "Finding your jaw's resting position";

interface DoneDate {
	date: string;
	sessions: number;
}
interface ProgrammeAnswer {
	date: string;
	items: { id: string; slug: string; title: string; done_today: boolean; done_dates: DoneDate[] }[];
}

function dayBefore(date: string): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}

test('the patient checks in, ticks off the plan and sees it on the calendar', async ({ page, session, problems, checkA11y }) => {
	test.setTimeout(90_000);  // both sides of the flow, with axe on eight pages
	const patient = await demoPatient();

	// The clinician (the test's own session) assigns the item on the patient's programme page; the
	// entry lists a precaution, so it is assigned anyway if the demo patient has that one recorded.
	await page.goto(`/patients/${patient.id}/programme`);
	const add = page.getByRole('region', { name: 'Add to programme' });
	await add.getByLabel('Search').fill('jaw');
	await add.getByRole('radio', { name: new RegExp(TITLE) }).check();
	await add.getByLabel('How often').fill('1');
	await add.getByLabel(/^Note for the patient/).fill('Whenever you notice clenching');
	await checkA11y('the clinician assigning on a phone');
	const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/programme/items'));
	await add.getByRole('button', { name: 'Add to programme' }).click();
	if ((await answered).status() === 409) {
		problems.allowed.push(httpStatusMessage(409));
		await add.getByRole('button', { name: 'Assign anyway' }).click();
	}
	await expect(page.getByRole('status')).toHaveText(`Added “${TITLE}” to the programme.`);
	const listed = await page.request.get(`/api/v1/patients/${patient.id}/programme`, { headers: apiHeaders(session) });
	const itemId = ((await listed.json()) as ProgrammeAnswer).items.find((i) => i.slug === SLUG)!.id;
	const title = TITLE;

	// The patient, on the phone, in the same browser.
	await apiSignIn(page.request, DEMO.patient, DEMO_PASSWORD);
	await page.goto('/me');
	expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
	const today = page.getByRole('region', { name: 'Today' });
	const save = today.getByRole('button', { name: 'Save today’s check-in' });
	const change = today.getByRole('button', { name: 'Change today’s check-in' });
	await expect(save.or(change)).toBeVisible();
	if (await save.isVisible()) {
		// Not checked in yet today (another spec may have done it already on this server).
		await today.getByRole('group', { name: 'How much pain do you have today?' }).getByRole('radio', { name: '3', exact: true }).check();
		await save.click();
		await expect(today.getByRole('status')).toHaveText('Saved for today');
	}
	await expect(today.getByText('You have checked in today. Thank you.')).toBeVisible();

	const plan = page.getByRole('region', { name: 'Your self-care plan' });
	const item = plan.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
	await expect(item).toHaveCount(1);
	await expect(item.getByText('Once a day')).toBeVisible();
	await expect(item.getByText('Whenever you notice clenching')).toBeVisible();
	await expect(item.getByRole('link', { name: `How to do it: ${title}` })).toHaveAttribute('href', `/me/library/${SLUG}`);
	const done = item.getByRole('button', { name: `Done: ${title}` });
	await expect(done).toHaveAttribute('aria-pressed', 'false');
	const box = await done.boundingBox();
	expect(box!.height, 'the Done target is large').toBeGreaterThanOrEqual(44);
	expect(box!.width).toBeGreaterThanOrEqual(44);
	await checkA11y('Today with the check-in and the plan');

	// A save that fails: the tick goes back and a message says what happened.
	problems.allowed.push(/net::ERR_FAILED/);
	const donePath = `**/api/v1/patients/${patient.id}/programme/items/${itemId}/done/*`;
	await page.route(donePath, (route) => route.abort());
	await done.tap();
	await expect(plan.getByRole('alert')).toContainText(`We couldn't save “${title}” as done`);
	await expect(done).toHaveAttribute('aria-pressed', 'false');
	await checkA11y('the plan after a failed save');
	await page.unroute(donePath);

	await done.tap();
	await expect(done).toHaveAttribute('aria-pressed', 'true');
	await expect(plan.getByRole('alert')).toHaveCount(0);
	await expect(plan.getByRole('status')).toHaveText(`Saved: “${title}” done today`);
	await expect(plan.getByText(/You did your plan/)).toBeVisible();
	await checkA11y('the plan with an item done');

	await page.reload();
	await expect(done).toHaveAttribute('aria-pressed', 'true');
	await expect(item.getByText('Done today')).toBeVisible();

	// The calendar: today is checked in, with the session done.
	await today.getByRole('link', { name: 'Your last 4 weeks' }).click();
	await expect(page.getByRole('heading', { name: 'Your check-ins', level: 1 })).toBeVisible();
	await expect(page.getByText(/^You checked in on (\d+ of|every one of) the last 28 days\.$/)).toBeVisible();
	const grid = page.getByRole('grid');
	const todayCell = grid.getByRole('gridcell', { name: /, today: checked in( late)?, 1 programme session done$/ });
	await expect(todayCell).toHaveCount(1);
	await expect(todayCell).toHaveAttribute('tabindex', '0');
	await expect(todayCell).toHaveAttribute('aria-current', 'date');
	await checkA11y('the check-in calendar');

	// Arrow keys move between the days (into the previous month if today is the 1st).
	const date = (await todayCell.getAttribute('data-date'))!;
	await todayCell.focus();
	await page.keyboard.press('ArrowLeft');
	const yesterday = page.locator(`[data-date="${dayBefore(date)}"]`);
	await expect(yesterday).toBeFocused();
	await expect(yesterday).toHaveAttribute('tabindex', '0');
	await page.keyboard.press('ArrowRight');
	await expect(grid.locator(`[data-date="${date}"]`)).toBeFocused();

	// The table below says the same in text.
	const table = page.getByRole('table', { name: /last 4 weeks/ });
	await expect(table.getByRole('row')).toHaveCount(29);
	await expect(table.getByRole('row').nth(1)).toContainText('Yes');

	// Another month, and back.
	const heading = page.getByRole('region', { name: 'Calendar' }).getByRole('heading', { level: 2 });
	const thisMonth = await heading.textContent();
	await page.getByRole('button', { name: 'Previous month' }).click();
	await expect(heading).not.toHaveText(thisMonth!);
	await expect(grid.locator('[data-date]').first()).toHaveAccessibleName(/: (no check-in|checked in)/);
	await page.getByRole('button', { name: 'Next month' }).click();
	await expect(heading).toHaveText(thisMonth!);

	// The clinician sees the done mark.
	const clinician = await apiSignIn(page.request, DEMO.clinician, DEMO_PASSWORD);
	const r = await page.request.get(`/api/v1/patients/${patient.id}/programme`, { headers: apiHeaders(clinician) });
	expect(r.status(), `GET programme: ${await r.text()}`).toBe(200);
	const programme = (await r.json()) as ProgrammeAnswer;
	const mine = programme.items.find((i) => i.id === itemId);
	expect(mine?.done_today).toBe(true);
	expect(mine?.done_dates).toEqual([{ date: programme.date, sessions: 1 }]);
	expect(programme.date).toBe(date);

	await page.goto(`/patients/${patient.id}/programme`);
	await expect(page.getByRole('heading', { name: 'Current programme' })).toBeVisible();
	await expect(page.getByRole('article', { name: title })).toContainText('Done (1 session)');
	await checkA11y('the clinician’s programme page');

	// …and today's check-in, first in the table of the check-ins page.
	await page.goto(`/patients/${patient.id}/check-ins`);
	const rows = page.getByRole('table', { name: /^Check-ins, newest first/ }).getByRole('row');
	await expect(rows.nth(1).getByRole('rowheader')).toHaveText(new RegExp(`^${date}`));
	await checkA11y('the clinician’s check-ins page');
});
