import { describe, expect, it } from 'vitest';
import {
	describeUserAgent,
	groupSecret,
	newPasswordProblems,
	normaliseOneTimeCode,
	passwordLength,
	retryAfterText,
	svgDataUrl
} from './messages';
import { checkNewPassword, serverPasswordErrors } from './password-form';

describe('retryAfterText', () => {
	it.each([
		[30, 'Too many attempts; try again in 30 seconds.'],
		[1, 'Too many attempts; try again in 1 second.'],
		[0, 'Too many attempts; try again in 1 second.'],
		[0.2, 'Too many attempts; try again in 1 second.'],
		[119, 'Too many attempts; try again in 119 seconds.'],
		[120, 'Too many attempts; try again in 2 minutes.'],
		[301, 'Too many attempts; try again in 6 minutes.'],
		[null, 'Too many attempts; try again in a little while.'],
		[Number.NaN, 'Too many attempts; try again in a little while.']
	] as const)('%s s → %s', (seconds, text) => {
		expect(retryAfterText(seconds)).toBe(text);
	});
});

describe('new passwords', () => {
	it('needs 12 characters, counted as people count them', () => {
		expect(passwordLength('ab😀')).toBe(3);
		expect(newPasswordProblems('short', 'short').password).toMatch(/at least 12 characters/);
		expect(newPasswordProblems('😀'.repeat(11), '😀'.repeat(11)).password).toMatch(/12/);
		expect(newPasswordProblems('😀'.repeat(12), '😀'.repeat(12))).toEqual({});
		expect(newPasswordProblems('', '').password).toBe('Enter a new password.');
	});
	it('needs the repeat to match', () => {
		expect(newPasswordProblems('correct horse battery', 'correct horse batery')).toEqual({
			repeat: 'The two passwords are not the same. Type the new password again.'
		});
	});
	it('lists the problems for the error summary', () => {
		expect(checkNewPassword('long enough password', 'long enough password')).toBeNull();
		expect(checkNewPassword('x', '')?.items).toEqual([
			{ field: 'password', message: 'Your password needs at least 12 characters.' }
		]);
	});
	it('puts the server’s password issues on the password field', () => {
		const e = serverPasswordErrors(
			[
				{ path: 'new_password', code: 'too-short', message: 'At least 12 characters.' },
				{ path: '', code: 'x', message: 'Other.' }
			],
			'fallback'
		);
		expect(e.byField).toEqual({ password: 'At least 12 characters.' });
		expect(e.items).toEqual([
			{ field: 'password', message: 'At least 12 characters.' },
			{ field: null, message: 'Other.' }
		]);
		expect(serverPasswordErrors([], 'fallback').items).toEqual([{ field: null, message: 'fallback' }]);
	});
});

describe('one-time codes and secrets', () => {
	it.each([
		['123456', '123456'],
		[' 123 456 ', '123456'],
		['123-456', '123456'],
		['12345', null],
		['1234567', null],
		['12a456', null]
	] as const)('%j → %j', (typed, code) => {
		expect(normaliseOneTimeCode(typed)).toBe(code);
	});
	it('groups a base32 secret in fours', () => {
		expect(groupSecret('JBSWY3DPEHPK3PXPJB')).toBe('JBSW Y3DP EHPK 3PXP JB');
	});
	it('makes a base64 data URL of the SVG, UTF-8 safe', () => {
		const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><title>é</title></svg>');
		expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
		const decoded = Buffer.from(url.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
		expect(decoded).toBe('<svg xmlns="http://www.w3.org/2000/svg"><title>é</title></svg>');
	});
});

describe('describeUserAgent', () => {
	it.each([
		[
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
			'Chrome on Linux'
		],
		[
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
			'Safari on iOS'
		],
		['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Windows'],
		['curl/7.88.1', 'curl'],
		['', 'Unknown browser'],
		['SomeBot', 'SomeBot']
	])('%s', (ua, text) => {
		expect(describeUserAgent(ua)).toBe(text);
	});
});
