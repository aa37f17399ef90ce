import { describe, expect, it, vi } from 'vitest';
import {
	RATING_SCALES,
	chartPath,
	chartX,
	chartY,
	idempotentSubmit,
	lastDays,
	localDate,
	ratingOptionLabel
} from './check-in';

describe('rating anchors', () => {
	it('has the five ratings with both ends anchored', () => {
		expect(RATING_SCALES.map((s) => s.key)).toEqual(['pain', 'stress', 'mood', 'sleep', 'tension']);
		for (const s of RATING_SCALES) {
			expect(s.low).not.toBe('');
			expect(s.high).not.toBe('');
		}
	});
	it('names the end options with their anchor', () => {
		const pain = RATING_SCALES[0]!;
		expect(ratingOptionLabel(pain, 0)).toBe('0, No pain');
		expect(ratingOptionLabel(pain, 10)).toBe('10, Worst imaginable');
		expect(ratingOptionLabel(pain, 5)).toBe('5');
	});
});

describe('idempotentSubmit', () => {
	it('reuses the key across retries of the same body, and not for changed answers', async () => {
		const keys: string[] = [];
		let fail = true;
		const send = vi.fn(async (key: string) => {
			keys.push(key);
			if (fail) throw new Error('lost');
			return 'ok';
		});
		let n = 0;
		const s = idempotentSubmit(send, () => `key-${++n}`);
		await expect(s.submit('{"pain":3}')).rejects.toThrow('lost');
		fail = false;
		await expect(s.submit('{"pain":3}')).resolves.toBe('ok');
		expect(keys).toEqual(['key-1', 'key-1']);
		s.reset();
		await s.submit('{"pain":3}');
		expect(keys[2]).toBe('key-2');
		await s.submit('{"pain":4}'); // changed answers: a new submit
		expect(keys[3]).toBe('key-3');
	});
});

describe('dates', () => {
	it('counts back calendar days across a month end', () => {
		expect(lastDays('2026-03-02', 3)).toEqual(['2026-03-02', '2026-03-01', '2026-02-28']);
		expect(lastDays('2026-03-30', 28)).toHaveLength(28);
	});
	it('takes the date in the clinic time zone', () => {
		expect(localDate(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
	});
});

describe('chart scaling', () => {
	const box = { width: 220, height: 120, pad: 10 };
	it('puts 0 at the bottom and 10 at the top, clamping', () => {
		expect(chartY(0, box)).toBe(110);
		expect(chartY(10, box)).toBe(10);
		expect(chartY(5, box)).toBe(60);
		expect(chartY(42, box)).toBe(10);
	});
	it('spreads points across the width', () => {
		expect(chartX(0, 3, box)).toBe(10);
		expect(chartX(2, 3, box)).toBe(210);
		expect(chartX(0, 1, box)).toBe(110);
	});
	it('breaks the line at gaps', () => {
		expect(chartPath([0, null, 10], box)).toBe('M10.0 110.0 M210.0 10.0');
		expect(chartPath([0, 10], box)).toBe('M10.0 110.0 L210.0 10.0');
	});
});
