// Number formatting of the insight views, to analytics_methods §3.7 and the same rules as the
// server's wording (src/unknot/insight/wording.cpp): points to one decimal, intervals rounded
// outward (the shown interval always contains the computed one), p and q to 2 significant digits.
// Pure; tested in format.test.ts.

const SLACK = 1e-9;
export const DASH = '–';

/** `value` with `decimals` places, never "-0.0". */
export function fixed(value: number, decimals: number): string {
	const out = value.toFixed(decimals);
	return /^-[0.]*$/.test(out) ? out.slice(1) : out;
}

/** Points to one decimal ("0.6"); null as a dash. */
export function points(value: number | null | undefined, decimals = 1): string {
	return value === null || value === undefined || !Number.isFinite(value) ? DASH : fixed(value, decimals);
}

/** Points to one decimal with a sign ("+0.6", "-0.3"). */
export function signedPoints(value: number | null | undefined, decimals = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
	const text = fixed(value, decimals);
	return text.startsWith('-') || /^[0.]*$/.test(text) ? text : `+${text}`;
}

export function roundDown(value: number, decimals = 1): number {
	const scale = 10 ** decimals;
	return Math.floor(value * scale + SLACK) / scale;
}

export function roundUp(value: number, decimals = 1): number {
	const scale = 10 ** decimals;
	return Math.ceil(value * scale - SLACK) / scale;
}

/** The interval rounded outward: "0.2 to 1.0"; a dash when either end is missing. */
export function interval(low: number | null | undefined, high: number | null | undefined, decimals = 1): string {
	if (low === null || low === undefined || high === null || high === undefined) return DASH;
	if (!Number.isFinite(low) || !Number.isFinite(high)) return DASH;
	return `${fixed(roundDown(low, decimals), decimals)} to ${fixed(roundUp(high, decimals), decimals)}`;
}

/**
 * 2 significant digits, as the clinician line writes p and q: ".0058", ".013", "2.0e-10" below
 * 10⁻⁶ (a leading "0." loses its zero; 0.0996 becomes ".10").
 */
export function twoSignificant(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
	if (value === 0) return '0';
	const negative = value < 0;
	let x = Math.abs(value);
	let exponent = Math.floor(Math.log10(x));
	const unit = 10 ** (exponent - 1);
	x = Math.round(x / unit) * unit;
	exponent = Math.floor(Math.log10(x) + SLACK);
	let text: string;
	if (exponent < -6) {
		const [mantissa, exp] = x.toExponential(1).split('e');
		const e = Number(exp);
		text = `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
	} else {
		text = x.toFixed(Math.max(0, 1 - exponent));
		if (text.startsWith('0.')) text = text.slice(1);
	}
	return negative ? `-${text}` : text;
}

/** A 0–10 level without a trailing ".0" ("6", "5.5"). */
export function level(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
	const text = fixed(value, 1);
	return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** A percentage with no decimals ("89%"). */
export function percent(value: number | null | undefined): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
	return `${Math.round(value)}%`;
}

/** A proportion (0–1) as a percentage ("42%"); the CI rounded outward to whole percent. */
export function proportionText(p: number | null, low: number | null, high: number | null): string {
	if (p === null) return DASH;
	const main = `${Math.round(p * 100)}%`;
	if (low === null || high === null) return main;
	return `${main} (95% CI ${fixed(roundDown(low * 100, 0), 0)}% to ${fixed(roundUp(high * 100, 0), 0)}%)`;
}
