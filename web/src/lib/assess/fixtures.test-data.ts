// Small instrument definitions shaped like the API's, for the unit tests.
import type { Instrument, InstrumentItem } from '../api/assess-types';

const FREQUENCY = [
	{ code: 'not_at_all', text: 'Not at all', score: 0 },
	{ code: 'several_days', text: 'Several days', score: 1 },
	{ code: 'more_than_half_the_days', text: 'More than half the days', score: 2 },
	{ code: 'nearly_every_day', text: 'Nearly every day', score: 3 }
];

function choice(linkId: string, text: string | null, theme: string | null = null): InstrumentItem {
	return {
		link_id: linkId,
		text,
		theme,
		type: 'choice',
		options: FREQUENCY,
		scored: true,
		requires_item: null
	};
}

function instrument(id: string, items: InstrumentItem[], extra: Partial<Instrument> = {}): Instrument {
	return {
		id,
		version: '1.0',
		title: id.toUpperCase(),
		stem: null,
		recall_period: { options: ['P2W'], default: 'P2W' },
		items,
		total: { min: 0, max: 27, method: 'sum' },
		subscales: [],
		bands: [],
		alerts: [],
		change: { direction: 'higher_is_worse', mcid: [], reliable_change: null },
		licence: { status: 'free', copyright: '©', notice: '©', text_available: true },
		...extra
	};
}

export const phq9 = instrument(
	'phq9',
	Array.from({ length: 9 }, (_, i) => choice(`phq9_${i + 1}`, `PHQ-9 question ${i + 1}`)),
	{
		alerts: [
			{ id: 'self_harm_thoughts', kind: 'safety', item: 'phq9_9', scale: null, min: 1, max: null, message: 'Item 9' },
			{ id: 'screen_positive', kind: 'screen_positive', item: null, scale: 'total', min: 10, max: null, message: '≥10' }
		]
	}
);

export const gad2 = instrument('gad2', [choice('gad2_1', 'Nervous'), choice('gad2_2', 'Worrying')]);

export const nprs = instrument(
	'nprs',
	[
		{
			link_id: 'nprs',
			text: 'Rate your pain',
			theme: null,
			type: 'integer',
			options: [],
			min: 0,
			max: 10,
			scored: true,
			requires_item: null
		}
	],
	{
		recall_period: { options: ['now', 'PT24H', 'P1W'], default: 'PT24H' },
		alerts: [{ id: 'severe', kind: 'safety', item: 'nprs', scale: null, min: 9, max: 10, message: 'x' }]
	}
);

export const scoringOnly = instrument('sbst', [choice('sbst_1', null, 'Leg pain spread'), choice('sbst_2', null, null)], {
	licence: { status: 'non_commercial', copyright: '©', notice: '©', text_available: false }
});
