import { describe, expect, it } from 'vitest';
import { nationsLabel } from './nations';

describe('nationsLabel', () => {
	it('gives a line for the whole UK no label', () => {
		expect(nationsLabel(['england', 'wales', 'scotland', 'northern_ireland'])).toBeNull();
		expect(nationsLabel(['northern_ireland', 'scotland', 'wales', 'england'])).toBeNull();
	});

	it('says "only" for a line of one nation', () => {
		expect(nationsLabel(['scotland'])).toBe('Scotland only');
		expect(nationsLabel(['northern_ireland'])).toBe('Northern Ireland only');
		expect(nationsLabel(['wales'])).toBe('Wales only');
	});

	it('lists two or three nations in the usual order, with "and"', () => {
		expect(nationsLabel(['wales', 'england'])).toBe('England and Wales');
		expect(nationsLabel(['scotland', 'england', 'wales'])).toBe('England, Wales and Scotland');
		expect(nationsLabel(['northern_ireland', 'scotland'])).toBe('Scotland and Northern Ireland');
	});

	it('ignores duplicates and codes it does not know', () => {
		expect(nationsLabel(['england', 'england', 'wales'])).toBe('England and Wales');
		expect(nationsLabel(['scotland', 'isle_of_man'])).toBe('Scotland only');
	});

	it('gives no label when no nation is named', () => {
		expect(nationsLabel([])).toBeNull();
		expect(nationsLabel(['atlantis'])).toBeNull();
	});
});
