// Body-map helpers: intensities, which regions each view draws, and how an intensity is shown.
// Pure; tested in body-map.test.ts.
import type { BodyMapEntryInput, BodyRegion, BodyShape } from '../api/assess-types';

export const MIN_INTENSITY = 0;
export const MAX_INTENSITY = 10;

/**
 * An intensity typed or chosen in a control: a whole number 0–10, or null for "not marked"
 * (an empty value). Anything else (2.5, "ten", 11, -1) is invalid: undefined.
 */
export function parseIntensity(text: string | number | null | undefined): number | null | undefined {
	if (text === null || text === undefined) return null;
	const s = String(text).trim();
	if (s === '') return null;
	if (!/^\d{1,2}$/.test(s)) return undefined;
	const n = Number.parseInt(s, 10);
	return n >= MIN_INTENSITY && n <= MAX_INTENSITY ? n : undefined;
}

/** The intensity recorded for a region, or null when it is not marked. */
export function intensityOf(entries: readonly BodyMapEntryInput[], region: string): number | null {
	return entries.find((e) => e.region === region)?.intensity ?? null;
}

/**
 * A copy of the entries with one region's intensity set; null removes the region. Entries keep
 * the order of `regionOrder` (the content's order), so the saved draft does not churn.
 */
export function withIntensity(
	entries: readonly BodyMapEntryInput[],
	region: string,
	intensity: number | null,
	regionOrder: readonly string[]
): BodyMapEntryInput[] {
	const rest = entries.filter((e) => e.region !== region);
	if (intensity !== null) rest.push({ region, intensity });
	const rank = (code: string) => {
		const i = regionOrder.indexOf(code);
		return i === -1 ? Number.MAX_SAFE_INTEGER : i;
	};
	return rest.sort((a, b) => rank(a.region) - rank(b.region));
}

export type IntensityLevel = 'none' | 'mild' | 'moderate' | 'severe';

/** The band an intensity is drawn in. The number is always shown too: never colour alone. */
export function intensityLevel(intensity: number | null): IntensityLevel {
	if (intensity === null || intensity <= 0) return 'none';
	if (intensity <= 3) return 'mild';
	if (intensity <= 6) return 'moderate';
	return 'severe';
}

/** The words for an intensity: "7 out of 10", or "not marked". */
export function intensityWords(intensity: number | null): string {
	return intensity === null ? 'not marked' : `${intensity} out of ${MAX_INTENSITY}`;
}

export type View = 'front' | 'back';

/** The regions a view draws, with the shape for that view. */
export function regionsForView(regions: readonly BodyRegion[], view: View): { region: BodyRegion; shape: BodyShape }[] {
	const out: { region: BodyRegion; shape: BodyShape }[] = [];
	for (const region of regions) {
		const shape = view === 'front' ? region.front : region.back;
		if (shape) out.push({ region, shape });
	}
	return out;
}

/** Where to write a region's number on the drawing: the centre of its shape. */
export function shapeCentre(shape: BodyShape): { x: number; y: number } {
	if (shape.kind === 'ellipse') return { x: shape.cx ?? 0, y: shape.cy ?? 0 };
	return { x: (shape.x ?? 0) + (shape.width ?? 0) / 2, y: (shape.y ?? 0) + (shape.height ?? 0) / 2 };
}

/** Regions with an intensity, strongest first, for a compact read-only summary. */
export function markedRegions(
	entries: readonly { region: string; label?: string; intensity: number }[]
): { region: string; label?: string; intensity: number }[] {
	return [...entries].filter((e) => e.intensity > 0).sort((a, b) => b.intensity - a.intensity);
}
