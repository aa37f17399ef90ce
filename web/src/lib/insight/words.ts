// Plain words for the insight views: variable names, tiers, verdicts, ineligibility reasons and
// the §3.6 lag definitions. Pure; tested in words.test.ts.
import type { InsightTier, InsightVariable, InsightVerdict } from '$lib/api/insight-types';

export const VARIABLE_NAMES: Record<InsightVariable, string> = {
	pain: 'Pain',
	stress: 'Stress',
	mood: 'Mood',
	sleep: 'Sleep',
	tension: 'Tension'
};

export function variableName(v: string): string {
	return VARIABLE_NAMES[v as InsightVariable] ?? v;
}

export const TIER_LABELS: Record<InsightTier, string> = {
	insufficient: 'Not enough days yet',
	early_look: 'Early look',
	standard: 'Standard',
	established: 'Established'
};

export function tierLabel(t: string): string {
	return TIER_LABELS[t as InsightTier] ?? t;
}

export const VERDICT_LABELS: Record<InsightVerdict, string> = {
	clear_positive: 'Clear, positive',
	clear_negative: 'Clear, negative',
	unclear: 'Unclear',
	not_shown: 'Not shown'
};

export function verdictLabel(v: string): string {
	return VERDICT_LABELS[v as InsightVerdict] ?? v;
}

const REASONS: Record<string, string> = {
	too_few_pairs: 'fewer than 28 usable pairs',
	span_too_short: 'span shorter than 35 days',
	x_too_few_values: 'predictor has fewer than 3 distinct values',
	x_iqr_too_small: 'predictor IQR below 1 point',
	x_one_value_dominates: 'one predictor value on more than 80% of days',
	y_too_few_values: 'outcome has fewer than 3 distinct values',
	y_iqr_too_small: 'outcome IQR below 1 point',
	y_one_value_dominates: 'one outcome value on more than 80% of days',
	collinear: '|corr(Y(t−1), X(t−1))| above 0.9',
	df_too_small: 'fewer than 20 degrees of freedom',
	rank_deficient: 'model is rank-deficient'
};

/** Why a pair is not displayable, in words (the code itself when unknown). */
export function reasonText(reason: string | null): string {
	if (!reason) return 'eligible';
	return REASONS[reason] ?? reason.replace(/_/g, ' ');
}

/** "Stress(t−1) → Pain(t)" / "Stress ~ Pain (same day)" from a record's model, x, y and lag. */
export function pairLabel(r: { model: string; x: string; y: string; lag_definition?: string }): string {
	const x = variableName(r.x);
	const y = variableName(r.y);
	if (r.model === 'M2') return `${x} ~ ${y} (same day)`;
	if (r.lag_definition?.startsWith('sleep(')) return `${x} (night before t) → ${y}(t)`;
	if (r.lag_definition?.includes('->sleep')) return `${x}(t) → ${y} (night after t)`;
	return `${x}(t−1) → ${y}(t)`;
}

/** "about 12 more days" for the insufficient tier; "" when no more are needed. */
export function daysNeededText(n: number): string {
	if (n <= 0) return '';
	return n === 1 ? 'about 1 more day' : `about ${n} more days`;
}
