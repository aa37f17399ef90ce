// Checks made before sending the Assess forms (the server checks again and has the last word), and
// the mapping of the server's issue paths ("answers[2].action_taken") onto form fields. Pure;
// tested in forms.test.ts.
import type { Issue } from '../api/types';
import type {
	PrecautionEntry,
	PrecautionEntryInput,
	RedFlag,
	RedFlagAnswerInput,
	RedFlagAnswerState
} from '../api/assess-types';

export const ACK_NOTE_MIN = 10;
export const ACK_NOTE_MAX = 2000;

/** The acknowledgement note's problem, or null when it may be sent. */
export function ackNoteProblem(note: string): string | null {
	const n = note.trim().length;
	if (n === 0) return 'Say what you did before acknowledging, for example who you called.';
	if (n < ACK_NOTE_MIN) {
		return `Say a little more about what you did (at least ${ACK_NOTE_MIN} characters), for example who you called.`;
	}
	if (n > ACK_NOTE_MAX) return `Keep the note to ${ACK_NOTE_MAX} characters or fewer.`;
	return null;
}

/** One problem on a form: the field it belongs to (null: the whole form) and what to say. */
export interface FormProblem {
	field: string | null;
	message: string;
}

/** A JSON path as the server writes it, without a leading "$." or "/", with dots before indexes removed. */
export function normalisePath(path: string): string {
	let p = path.trim();
	if (p.startsWith('$')) p = p.slice(1);
	p = p.replace(/^[./]+/, '');
	if (p.startsWith('body.')) p = p.slice(5);
	return p.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
}

/**
 * Server issues as form problems: an issue whose path is one of `fields` (or below one, like
 * "answers[1].flag" under "answers[1]") goes to the longest matching field; others go to the form.
 */
export function issuesToProblems(issues: readonly Issue[], fields: readonly string[]): FormProblem[] {
	const sorted = [...fields].sort((a, b) => b.length - a.length);
	return issues.map((issue) => {
		const path = normalisePath(issue.path ?? '');
		const field =
			sorted.find((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`)) ?? null;
		return { field, message: issue.message };
	});
}

export interface RedFlagFormRow {
	answer: RedFlagAnswerState | '';
	note: string;
	actionTaken: string;
}

export const ACTION_TAKEN_MAX = 2000;

/** The field names the red-flag form uses: `answers[i].answer`, `answers[i].action_taken`. */
export function redFlagField(index: number, part: 'answer' | 'action_taken' | 'note'): string {
	return `answers[${index}].${part}`;
}

/** Every problem with the checklist, in form order: an answer per flag, and what was done for a present one. */
export function redFlagProblems(flags: readonly RedFlag[], rows: readonly RedFlagFormRow[]): FormProblem[] {
	const problems: FormProblem[] = [];
	flags.forEach((flag, i) => {
		const row = rows[i];
		if (!row || row.answer === '') {
			problems.push({ field: redFlagField(i, 'answer'), message: `Choose present, absent or unsure for ${flag.name}.` });
			return;
		}
		if (row.answer === 'present') {
			const done = row.actionTaken.trim();
			if (done === '') {
				problems.push({
					field: redFlagField(i, 'action_taken'),
					message: `Say what was done about ${flag.name}, for example "Sent to A&E, called ahead".`
				});
			} else if (done.length > ACTION_TAKEN_MAX) {
				problems.push({
					field: redFlagField(i, 'action_taken'),
					message: `Keep what was done for ${flag.name} to ${ACTION_TAKEN_MAX} characters or fewer.`
				});
			}
		}
	});
	return problems;
}

/** The request body's answers; empty notes are left out, action_taken only for a present flag. */
export function redFlagAnswers(flags: readonly RedFlag[], rows: readonly RedFlagFormRow[]): RedFlagAnswerInput[] {
	return flags.map((flag, i) => {
		const row = rows[i] ?? { answer: '', note: '', actionTaken: '' };
		const out: RedFlagAnswerInput = { flag: flag.code, answer: row.answer as RedFlagAnswerState };
		if (row.note.trim()) out.note = row.note.trim();
		if (row.answer === 'present' && row.actionTaken.trim()) out.action_taken = row.actionTaken.trim();
		return out;
	});
}

/** The most urgent action first: the content lists them that way, but say so in one place. */
export function mostUrgentAction<T extends { urgency: string }>(actions: readonly T[]): T | null {
	const order = ['999-ae', 'same-day', 'urgent-gp', 'routine'];
	const rank = (u: string) => {
		const i = order.indexOf(u);
		return i === -1 ? order.length : i;
	};
	return [...actions].sort((a, b) => rank(a.urgency) - rank(b.urgency))[0] ?? null;
}

const URGENCY_WORDS: Record<string, string> = {
	'999-ae': 'Emergency: 999 or A&E',
	'same-day': 'Same day',
	'urgent-gp': 'Urgent GP review',
	routine: 'Routine'
};

export function urgencyWords(urgency: string): string {
	return URGENCY_WORDS[urgency] ?? urgency;
}

const RESPONSE_WORDS: Record<string, string> = {
	modify: 'Treat with changes',
	'no-massage': 'No massage',
	'clearance-required': 'Medical clearance needed first',
	'defer-and-refer': 'Defer treatment and refer'
};

/** A precaution's response code in words ("defer-and-refer" → "Defer treatment and refer"). */
export function responseWords(code: string): string {
	return RESPONSE_WORDS[code] ?? fieldLabel(code);
}

/** A stored precaution as the PUT body wants it (only what the clinician chose). */
export function precautionInput(entry: PrecautionEntry): PrecautionEntryInput {
	const out: PrecautionEntryInput = { precaution: entry.precaution, situation: entry.situation };
	if (entry.regions.length) out.regions = [...entry.regions];
	const details = Object.fromEntries(Object.entries(entry.details).filter(([, v]) => v.trim() !== ''));
	if (Object.keys(details).length) out.details = details;
	if (entry.note?.trim()) out.note = entry.note.trim();
	return out;
}

/** Field labels for precaution record fields: "anticoagulant_name" → "Anticoagulant name". */
export function fieldLabel(code: string): string {
	const words = code.replace(/[_-]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}
