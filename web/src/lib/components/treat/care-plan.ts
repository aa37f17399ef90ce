// The care plan's form state, the body it sends, where each server issue belongs, and the plain
// words the pages show (staff: /patients/[id]/care-plan; the patient: /me/care-plan). Pure.
import type { CarePlan, CarePlanFrequency, CarePlanGoal, CarePlanInput, CarePlanValues } from '$lib/api/treat-types';
import { issuesToProblems, type FormProblem } from '$lib/assess/forms';
import type { Issue } from '$lib/api/types';

export const MAX_GOALS = 5;
export const MAX_PROBLEMS = 10;
export const ACTIVITY_MAX = 200;
export const PROBLEM_MAX = 300;
export const PROGRAMME_NOTE_MAX = 2000;

export const FREQUENCIES: { value: CarePlanFrequency; label: string }[] = [
	{ value: 'weekly', label: 'Weekly' },
	{ value: 'fortnightly', label: 'Every two weeks' },
	{ value: 'monthly', label: 'Monthly' },
	{ value: 'as_needed', label: 'When needed' }
];

/** What the form holds: text as typed, so nothing the clinician typed is lost on a failed save. */
export interface GoalForm {
	activity: string;
	baseline: string;
	target: string;
}
export interface PlanForm {
	problems: string[];
	goals: GoalForm[];
	planned_sessions: string;
	frequency: CarePlanFrequency | '';
	programme_note: string;
	review_date: string;
}

export function blankGoal(): GoalForm {
	return { activity: '', baseline: '', target: '' };
}

/** The form for a plan; a plan not yet written starts with one empty problem and one empty goal. */
export function formFromPlan(plan: Pick<CarePlan, 'version' | 'problems' | 'goals' | 'planned_sessions' | 'frequency' | 'programme_note' | 'review_date'>): PlanForm {
	if (plan.version === 0) {
		return { problems: [''], goals: [blankGoal()], planned_sessions: '', frequency: 'weekly', programme_note: '', review_date: '' };
	}
	return {
		problems: plan.problems.length ? [...plan.problems] : [''],
		goals: plan.goals.length
			? plan.goals.map((g) => ({ activity: g.activity, baseline: String(g.baseline), target: String(g.target) }))
			: [blankGoal()],
		planned_sessions: plan.planned_sessions == null ? '' : String(plan.planned_sessions),
		frequency: plan.frequency ?? '',
		programme_note: plan.programme_note ?? '',
		review_date: plan.review_date ?? ''
	};
}

/** A whole number as typed, or null (the server then names the field: "required" or "out of range"). */
export function wholeNumber(text: string): number | null {
	const t = text.trim();
	return /^-?\d+$/.test(t) ? Number(t) : null;
}

/**
 * The PUT body. Blank problem lines are left out (an empty list is the server's "too few");
 * every goal row is sent, so the server can point at the one that is incomplete.
 */
export function planInput(form: PlanForm): CarePlanInput {
	return {
		problems: form.problems.map((p) => p.trim()).filter((p) => p !== ''),
		goals: form.goals.map((g) => ({
			activity: g.activity.trim(),
			baseline: wholeNumber(g.baseline) as number,
			target: wholeNumber(g.target) as number
		})),
		planned_sessions: wholeNumber(form.planned_sessions) as number,
		frequency: (form.frequency || null) as CarePlanFrequency,
		programme_note: form.programme_note.trim() || null,
		review_date: form.review_date.trim() || (null as unknown as string)
	};
}

/** The field names issues may point at, most specific first. */
export function planFields(form: PlanForm): string[] {
	const fields = ['problems', 'goals', 'planned_sessions', 'frequency', 'programme_note', 'review_date'];
	form.problems.forEach((_, i) => fields.push(`problems[${i}]`));
	form.goals.forEach((_, i) => fields.push(`goals[${i}].activity`, `goals[${i}].baseline`, `goals[${i}].target`, `goals[${i}]`));
	return fields;
}

/**
 * The server's issues as form problems. Blank problem lines are not sent, so `problems[i]` of the
 * body is mapped back to the i-th non-blank line of the form.
 */
export function planProblems(issues: readonly Issue[], form: PlanForm): FormProblem[] {
	const kept = form.problems.map((p, i) => [p, i] as const).filter(([p]) => p.trim() !== '').map(([, i]) => i);
	const remapped = issues.map((issue) => {
		const m = /^problems\[(\d+)\]$/.exec(issue.path ?? '');
		if (!m) return issue;
		const at = kept[Number(m[1])];
		return at === undefined ? issue : { ...issue, path: `problems[${at}]` };
	});
	return issuesToProblems(remapped, planFields(form));
}

/** The element each field's problem links to. */
export function planFieldId(field: string): string {
	const problem = /^problems\[(\d+)\]$/.exec(field);
	if (problem) return `plan-problem-${problem[1]}`;
	const goal = /^goals\[(\d+)\](?:\.(activity|baseline|target))?$/.exec(field);
	if (goal) return goal[2] ? `plan-goal-${goal[1]}-${goal[2]}` : `plan-goal-${goal[1]}-activity`;
	return `plan-${field.replaceAll('_', '-')}`;
}

/** Messages per field, for the inputs' own error lines. */
export function messagesFor(problems: readonly FormProblem[], field: string): string[] {
	return problems.filter((p) => p.field === field).map((p) => p.message);
}

export function frequencyWords(frequency: CarePlanFrequency | null | undefined): string {
	return FREQUENCIES.find((f) => f.value === frequency)?.label ?? '';
}

/** "2 of 6 sessions done" (a plan without a number: "2 sessions done"). */
export function sessionsWords(done: number, planned: number | null | undefined): string {
	const noun = (n: number) => (n === 1 ? 'session' : 'sessions');
	if (planned == null) return `${done} ${noun(done)} done`;
	return `${done} of ${planned} ${noun(planned)} done`;
}

/** A goal's scores in words: "Now 3 out of 10, aiming for 7 out of 10" (+ the latest rating). */
export function goalWords(goal: Pick<CarePlanGoal, 'baseline' | 'target'> & { current?: number | null }): string {
	const base = `When we set this goal: ${goal.baseline} out of 10. Aiming for: ${goal.target} out of 10.`;
	return goal.current == null ? base : `${base} Your latest rating: ${goal.current} out of 10.`;
}

/** One line per version for the staff list: what the plan held then. */
export function versionSummary(plan: CarePlanValues): string {
	const goals = plan.goals.length === 1 ? '1 goal' : `${plan.goals.length} goals`;
	const problems = plan.problems.length === 1 ? '1 problem' : `${plan.problems.length} problems`;
	return `${problems}, ${goals}, ${plan.planned_sessions} sessions ${frequencyWords(plan.frequency).toLowerCase()}, review ${plan.review_date}`;
}
