// Types for Insight (issue 6: the stress–pain cycle, flares, outcome change). The patient's view
// comes from the generated OpenAPI types; the staff views carry objects the contract leaves open
// (`additionalProperties: true`), typed here from their C++ writers:
// records — src/unknot/insight/cycle_json.cpp (analytics_methods §3.6, exactly those names);
// flares — src/unknot/insight/flare.cpp ToJson; outcomes — src/unknot/insight/outcome.cpp ToJson.
import type { components } from './schema';

type Schemas = components['schemas'];

export type InsightVariable = Schemas['InsightVariable'];
export type InsightTier = Schemas['InsightTier'];
export type InsightVerdict = Schemas['InsightVerdict'];
export type InsightDay = Schemas['InsightDay'];
export type InsightDirection = Schemas['InsightDirection'];
export type InsightPair = Schemas['InsightPair'];
export type InsightPeriod = Schemas['InsightPeriod'];
export type InsightPatientView = Schemas['InsightPatientView'];
type ClinicianViewBase = Schemas['InsightClinicianView'];
type ClinicOutcomesBase = Schemas['ClinicOutcomes'];

export interface CoefficientInterval {
	coef_c: number | null;
	ci_low: number | null;
	ci_high: number | null;
}

/** One §3.6 record (M1 lagged or M2 same-day); numbers that could not be computed are null. */
export interface CycleRecord {
	patient_id: string | null;
	run_id: string;
	computed_at: string;
	window_start: string | null;
	window_end: string | null;
	model: 'M1' | 'M2';
	x: InsightVariable;
	y: InsightVariable;
	lag_definition: string;
	n_pairs: number;
	n_calendar_days: number;
	compliance_pct: number;
	late_entries_pct: number;
	tier: InsightTier;
	eligible: boolean;
	ineligible_reason: string | null;
	coef_c: number | null;
	se_hc3: number | null;
	se_nw: number | null;
	nw_lag_L: number;
	se_used: number | null;
	df: number;
	t: number | null;
	p: number | null;
	q_bh: number | null;
	family: 'primary' | 'exploratory';
	ci_low: number | null;
	ci_high: number | null;
	partial_r: number | null;
	x_q25: number | null;
	x_q75: number | null;
	contrast_delta: number | null;
	contrast_ci_low: number | null;
	contrast_ci_high: number | null;
	ar_b: number | null;
	ar_b_ci_low: number | null;
	ar_b_ci_high: number | null;
	trend_g: number | null;
	bg_lm_p: number | null;
	max_leverage: number | null;
	collinearity_r: number | null;
	missing_after_bad_day_or: number | null;
	raw_mean_y_after_high_x: number | null;
	raw_mean_y_after_low_x: number | null;
	sensitivity: { no_trend: CoefficientInterval; no_late: CoefficientInterval };
	verdict: InsightVerdict;
	message_patient: string;
	message_clinician: string;
	software_version: string;
	reference_checksum: string;
}

export interface RegionCounts {
	days_with_check_in: number;
	days: Record<string, number>;
}

export interface PanelVariable {
	values: (number | null)[];
	personal_median: number | null;
}

/** One §3.10 episode of higher-than-usual pain. */
export interface FlareEpisode {
	start: string;
	end: string;
	duration_days: number;
	start_rule: 'consecutive' | 'self_report' | 'both';
	end_reason: 'recovered' | 'no_data' | 'ongoing';
	merged_segments: number;
	baseline_frozen: number;
	spread_at_start: number;
	baseline_n: number;
	observed_days: number;
	peak_pain: number;
	peak_excess: number;
	excess_auc: number;
	regions_episode: RegionCounts;
	regions_baseline: RegionCounts;
	self_report: { yes_days: number; no_days: number; unanswered_days: number };
	patient_called_it_flare: boolean;
	before: { label: string; dates: string[]; stress: PanelVariable; sleep: PanelVariable; mood: PanelVariable };
	notes: string[];
}

/** One calendar day of the rolling baseline grid (the §5.5 baseline ribbon). */
export interface FlareDay {
	date: string;
	pain: number | null;
	baseline_status: 'established' | 'not_established';
	baseline_n: number;
	baseline: number | null;
	spread: number | null;
	threshold: number | null;
	candidate: boolean;
	/** Index into `episodes`, or null outside every episode. */
	episode: number | null;
}

export interface FlareAnalysis {
	episodes: FlareEpisode[];
	concordance: {
		self_report_yes_days: number;
		self_report_yes_in_episode: number;
		episode_days: number;
		episode_days_with_yes: number;
		episode_days_answered: number;
	};
	baseline_established_from: string | null;
	days?: FlareDay[];
}

export type InsightClinicianView = Omit<ClinicianViewBase, 'records' | 'flares'> & {
	records: CycleRecord[];
	flares: FlareAnalysis;
};

/** A count over its denominator with a Wilson 95% CI; below 10 only the counts are given. */
export interface Proportion {
	count: number;
	denominator: number;
	suppressed: boolean;
	proportion: number | null;
	ci_low: number | null;
	ci_high: number | null;
}

export interface MeanChange {
	n: number;
	suppressed: boolean;
	mean: number | null;
	sd: number | null;
	ci_low: number | null;
	ci_high: number | null;
	effect_size: number | null;
	effect_size_label: string;
}

export interface InstrumentOutcomeSummary {
	instrument: string;
	instrument_version: string;
	recall: string;
	with_baseline: number;
	with_follow_up: number;
	in_protocol_window: number;
	median_follow_up_days: number | null;
	cutoff_known: boolean;
	reliable_change_known: boolean;
	recovered: Proportion;
	improved: Proportion;
	no_reliable_change: Proportion;
	deteriorated: Proportion;
	below_cutoff_at_baseline: { improved: Proportion; no_reliable_change: Proportion; deteriorated: Proportion };
	mcid_responders: Proportion;
	change: MeanChange;
}

export interface DailyPainSummary {
	with_baseline: number;
	with_follow_up: number;
	responder_30: Proportion;
	responder_50: Proportion;
	mcid_2pt: Proportion;
	change: MeanChange;
}

export interface OutcomeReport {
	patients: Record<string, unknown>[];
	daily_pain: Record<string, unknown>[];
	clinic: { instruments: InstrumentOutcomeSummary[]; daily_pain: DailyPainSummary };
}

export type ClinicOutcomes = Omit<ClinicOutcomesBase, 'outcomes'> & { outcomes: OutcomeReport };
