// A stored answer in words for staff ("Several days (1)"), and the item it answers ("9. Thoughts
// that you would be better off dead…"). Pure; tested in answer-text.test.ts. Without the
// instrument's definition (it failed to load) the codes are shown as they are.
import type { AnswerValue, Instrument } from '../api/assess-types';
import { questionLabel } from './steps';

export function answerText(definition: Pick<Instrument, 'items'> | null, linkId: string, value: AnswerValue | undefined): string {
	if (value === null || value === undefined) return 'No answer';
	const item = definition?.items.find((i) => i.link_id === linkId);
	if (item?.type === 'choice') {
		const option = (item.options ?? []).find((o) => o.code === value);
		if (option) return `${option.text ?? option.code}${option.score !== null ? ` (${option.score})` : ''}`;
	}
	return String(value);
}

export function itemName(definition: Pick<Instrument, 'items'> | null, linkId: string): string {
	const index = definition?.items.findIndex((i) => i.link_id === linkId) ?? -1;
	const item = index >= 0 ? definition!.items[index]! : null;
	return item ? `${index + 1}. ${questionLabel(item, index + 1)}` : linkId;
}
