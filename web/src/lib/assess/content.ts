// Clinical content (crisis lines, body-map regions, red flags, instrument definitions) changes only
// when the server restarts, so each is fetched once per page load and shared. Failures are not
// remembered: the next call (a Retry button) asks again.
import { api } from '../api/client';
import type { BodyMapContent, CrisisSupport, Instrument, RedFlagsContent } from '../api/assess-types';

function cached<T>(load: () => Promise<T>): () => Promise<T> {
	let p: Promise<T> | null = null;
	return () => {
		if (!p) {
			const mine = load();
			p = mine;
			mine.catch(() => {
				if (p === mine) p = null;
			});
		}
		return p;
	};
}

export const crisisSupport = cached<CrisisSupport>(() => api.getCrisisSupport());
export const bodyMapContent = cached<BodyMapContent>(() => api.getBodyMapContent());
export const redFlagsContent = cached<RedFlagsContent>(() => api.getRedFlagsContent());

const instruments = new Map<string, () => Promise<Instrument>>();

export function instrument(id: string): Promise<Instrument> {
	let get = instruments.get(id);
	if (!get) {
		get = cached(() => api.getInstrument(id));
		instruments.set(id, get);
	}
	return get();
}

/** The pack's instruments, in the pack's order. */
export function instrumentsFor(ids: readonly string[]): Promise<Instrument[]> {
	return Promise.all(ids.map(instrument));
}
