// Plain-English names of the self-care library's entry types.
import type { LibraryEntrySummary } from '$lib/api/empower-types';

export const LIBRARY_TYPE_LABELS: Record<LibraryEntrySummary['type'], string> = {
	stretch: 'Stretch',
	breathing: 'Breathing',
	relaxation: 'Relaxation',
	sleep: 'Sleep',
	pacing: 'Pacing',
	education: 'Understanding pain'
};
