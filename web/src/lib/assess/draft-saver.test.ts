import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSaver, type SaveStatus } from './draft-saver';

function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((ok, fail) => {
		resolve = ok;
		reject = fail;
	});
	return { promise, resolve, reject };
}

describe('DraftSaver', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('waits for a pause, then sends only the newest answers', async () => {
		const save = vi.fn(async (d: number) => d);
		const statuses: SaveStatus[] = [];
		const saver = new DraftSaver<number, number>({ save, delayMs: 500, onStatus: (s) => statuses.push(s) });
		saver.schedule(1);
		saver.schedule(2);
		await vi.advanceTimersByTimeAsync(499);
		expect(save).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(save).toHaveBeenCalledTimes(1);
		expect(save).toHaveBeenCalledWith(2);
		expect(saver.status).toBe('saved');
		expect(saver.unsaved).toBe(false);
		expect(statuses).toEqual(['pending', 'pending', 'saving', 'saved']);
	});

	it('sends answers given during a save right after it, one request at a time', async () => {
		const first = deferred<number>();
		const save = vi.fn((d: number) => (d === 1 ? first.promise : Promise.resolve(d)));
		const saved: number[] = [];
		const saver = new DraftSaver<number, number>({ save, delayMs: 10, onSaved: (r) => saved.push(r) });
		saver.schedule(1);
		await vi.advanceTimersByTimeAsync(10);
		saver.schedule(2);
		await vi.advanceTimersByTimeAsync(10);
		expect(save).toHaveBeenCalledTimes(1); // still waiting for the first
		first.resolve(1);
		await vi.advanceTimersByTimeAsync(0);
		expect(save).toHaveBeenCalledTimes(2);
		expect(saved).toEqual([1, 2]);
		expect(saver.status).toBe('saved');
	});

	it('keeps failed answers and retries with a growing delay', async () => {
		let fail = 2;
		const save = vi.fn(async (d: number) => {
			if (fail-- > 0) throw new Error('offline');
			return d;
		});
		const saver = new DraftSaver<number, number>({ save, delayMs: 10, retryMs: 100, maxRetryMs: 150 });
		saver.schedule(7);
		await vi.advanceTimersByTimeAsync(10);
		expect(saver.status).toBe('failed');
		expect(saver.unsaved).toBe(true);
		await vi.advanceTimersByTimeAsync(100);
		expect(save).toHaveBeenCalledTimes(2);
		expect(saver.status).toBe('failed');
		await vi.advanceTimersByTimeAsync(149);
		expect(save).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(1);
		expect(save).toHaveBeenCalledTimes(3);
		expect(save).toHaveBeenLastCalledWith(7);
		expect(saver.status).toBe('saved');
	});

	it('retries at once on request, and a newer answer replaces a failed one', async () => {
		const save = vi.fn(async (d: number) => {
			if (d === 1) throw new Error('offline');
			return d;
		});
		const saver = new DraftSaver<number, number>({ save, delayMs: 10, retryMs: 10_000 });
		saver.schedule(1);
		await vi.advanceTimersByTimeAsync(10);
		expect(saver.status).toBe('failed');
		saver.schedule(2);
		saver.retryNow();
		await vi.advanceTimersByTimeAsync(0);
		expect(save).toHaveBeenLastCalledWith(2);
		expect(saver.status).toBe('saved');
	});

	it('does not retry a failure that cannot be fixed by retrying', async () => {
		const save = vi.fn(async () => {
			throw new Error('409');
		});
		const saver = new DraftSaver<number>({ save, delayMs: 10, retryMs: 10, isFatal: () => true });
		saver.schedule(1);
		await vi.advanceTimersByTimeAsync(1000);
		expect(save).toHaveBeenCalledTimes(1);
		expect(saver.status).toBe('failed');
	});

	it('flush sends at once and waits for the save', async () => {
		const save = vi.fn(async (d: number) => d);
		const saver = new DraftSaver<number, number>({ save, delayMs: 10_000 });
		saver.schedule(3);
		await saver.flush();
		expect(save).toHaveBeenCalledWith(3);
		expect(saver.unsaved).toBe(false);
	});

	it('stop cancels a pending save', async () => {
		const save = vi.fn(async (d: number) => d);
		const saver = new DraftSaver<number, number>({ save, delayMs: 10 });
		saver.schedule(3);
		saver.stop();
		await vi.advanceTimersByTimeAsync(100);
		expect(save).not.toHaveBeenCalled();
	});
});
