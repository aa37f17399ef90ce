// Small pure helpers for the account pages. Tested in messages.test.ts.

/** "Too many attempts; try again in 30 seconds." for a 429 with Retry-After (seconds). */
export function retryAfterText(seconds: number | null | undefined): string {
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
		return 'Too many attempts; try again in a little while.';
	}
	const s = Math.max(1, Math.ceil(seconds));
	if (s < 120) return `Too many attempts; try again in ${s} ${s === 1 ? 'second' : 'seconds'}.`;
	const minutes = Math.ceil(s / 60);
	return `Too many attempts; try again in ${minutes} minutes.`;
}

export const MIN_PASSWORD_LENGTH = 12;

export const PASSWORD_HINT =
	`Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words together make a strong ` +
	'password that is easy to remember.';

/** Characters as people count them (an emoji is one), which is also how the server counts. */
export function passwordLength(password: string): number {
	return [...password].length;
}

/** Problems with a new password and its repeat, before anything is sent. */
export function newPasswordProblems(
	password: string,
	repeat: string
): { password?: string; repeat?: string } {
	const problems: { password?: string; repeat?: string } = {};
	if (password === '') problems.password = 'Enter a new password.';
	else if (passwordLength(password) < MIN_PASSWORD_LENGTH) {
		problems.password = `Your password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
	}
	if (!problems.password && repeat !== password) {
		problems.repeat = 'The two passwords are not the same. Type the new password again.';
	}
	return problems;
}

/** A 6-digit code as typed ("123 456", "123-456") → "123456"; null when it is not 6 digits. */
export function normaliseOneTimeCode(value: string): string | null {
	const digits = value.replace(/[\s-]+/g, '');
	return /^\d{6}$/.test(digits) ? digits : null;
}

/** A base32 secret in groups of four, easier to type into an authenticator app. */
export function groupSecret(secret: string): string {
	return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** The server's QR code (SVG markup) as a data: URL for an <img> (the CSP allows img data:). */
export function svgDataUrl(svg: string): string {
	const bytes = new TextEncoder().encode(svg);
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** "Chrome on Linux" from a User-Agent header; the header itself when it is not recognised. */
export function describeUserAgent(ua: string | null | undefined): string {
	if (!ua) return 'Unknown browser';
	const browser = /Edg\//.test(ua)
		? 'Edge'
		: /OPR\/|Opera/.test(ua)
			? 'Opera'
			: /Firefox\//.test(ua)
				? 'Firefox'
				: /Chrom(e|ium)\//.test(ua)
					? 'Chrome'
					: /Safari\//.test(ua)
						? 'Safari'
						: /curl\//.test(ua)
							? 'curl'
							: null;
	const system = /Android/.test(ua)
		? 'Android'
		: /iPhone|iPad|iPod/.test(ua)
			? 'iOS'
			: /Windows/.test(ua)
				? 'Windows'
				: /Mac OS X|Macintosh/.test(ua)
					? 'macOS'
					: /CrOS/.test(ua)
						? 'ChromeOS'
						: /Linux/.test(ua)
							? 'Linux'
							: null;
	if (browser && system) return `${browser} on ${system}`;
	if (browser) return browser;
	return ua.length > 60 ? `${ua.slice(0, 57)}…` : ua;
}
