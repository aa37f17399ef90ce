// Words for the clinic dashboard's numbers (analytics_methods §5.4): proportions with Wilson 95%
// CIs, or counts only below 10; mean change with its CI, always labelled as within-group.
// Pure; tested in outcomes.test.ts.
import type { MeanChange, Proportion } from '$lib/api/insight-types';
import { interval, proportionText, signedPoints, points } from './format';

export const COUNTS_ONLY = 'fewer than 10 — counts only';

/** "42% (95% CI 28% to 58%); 5 of 12", "1 of 1 (fewer than 10 — counts only)", or "none". */
export function proportionCell(p: Proportion): string {
	if (p.denominator === 0) return 'none';
	const counts = `${p.count} of ${p.denominator}`;
	if (p.suppressed || p.proportion === null) return `${counts} (${COUNTS_ONLY})`;
	return `${proportionText(p.proportion, p.ci_low, p.ci_high)}; ${counts}`;
}

/** "-3.2 points (95% CI -4.1 to -2.3), n = 12", or the count only when suppressed. */
export function meanChangeCell(m: MeanChange, unit = 'points'): string {
	if (m.n === 0) return 'none';
	if (m.suppressed || m.mean === null) return `n = ${m.n} (${COUNTS_ONLY})`;
	return `${signedPoints(m.mean)} ${unit} (95% CI ${interval(m.ci_low, m.ci_high)}), n = ${m.n}`;
}

/** "effect size -0.8 (within-group; not a treatment effect)"; "" when not given. */
export function effectSizeCell(m: MeanChange): string {
	if (m.suppressed || m.effect_size === null) return '';
	return `effect size ${points(m.effect_size)} (${m.effect_size_label})`;
}
