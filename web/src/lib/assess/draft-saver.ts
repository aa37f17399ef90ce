// Saves a questionnaire's answers as the person goes: debounced, one request at a time, always the
// newest answers, and retried after a failure. No Svelte and no DOM, so it is unit-tested with fake
// timers (draft-saver.test.ts); the runner shows `status` as "Saving…", "Saved" or a retry notice.
//
// Why not also keep a copy in localStorage: these are health answers, and portal users are often on
// shared or family devices. The server draft is the only copy; while a save is outstanding the page
// asks before it is closed (see QuestionRunner's beforeunload handler).

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export interface DraftSaverOptions<D, R> {
	save: (draft: D) => Promise<R>;
	/** Called with every successful answer (e.g. the draft's safety verdict). */
	onSaved?: (result: R, draft: D) => void;
	/** Called whenever status changes. */
	onStatus?: (status: SaveStatus, error: unknown) => void;
	/** Called with a failure that retrying cannot fix (e.g. 409: the pack was completed elsewhere). */
	isFatal?: (error: unknown) => boolean;
	delayMs?: number;
	/** First retry delay; doubles up to maxRetryMs. */
	retryMs?: number;
	maxRetryMs?: number;
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
}

export class DraftSaver<D, R = unknown> {
	#opts: Required<Omit<DraftSaverOptions<D, R>, 'onSaved' | 'onStatus' | 'isFatal'>> &
		Pick<DraftSaverOptions<D, R>, 'onSaved' | 'onStatus' | 'isFatal'>;
	#latest: D | null = null; // newest draft not yet sent
	#timer: unknown = null;
	#inFlight: Promise<void> | null = null;
	#retryDelay: number;
	#stopped = false;
	status: SaveStatus = 'idle';
	lastError: unknown = null;

	constructor(options: DraftSaverOptions<D, R>) {
		this.#opts = {
			delayMs: 600,
			retryMs: 2_000,
			maxRetryMs: 30_000,
			setTimer: (fn, ms) => setTimeout(fn, ms),
			clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
			...options
		};
		this.#retryDelay = this.#opts.retryMs;
	}

	/** True while some answers are not yet stored on the server. */
	get unsaved(): boolean {
		return this.#latest !== null || this.#inFlight !== null;
	}

	/** Queue these answers; they are sent after a short pause (newer calls replace them). */
	schedule(draft: D) {
		if (this.#stopped) return;
		this.#latest = draft;
		this.#setStatus(this.#inFlight ? 'saving' : 'pending', null);
		this.#arm(this.#opts.delayMs);
	}

	/** Send whatever is queued now and wait until everything queued so far is stored (or failed). */
	async flush(): Promise<void> {
		this.#disarm();
		while (this.#inFlight || this.#latest !== null) {
			if (this.#inFlight) await this.#inFlight;
			else if (this.#latest !== null) {
				this.#send();
				await this.#inFlight;
				if (this.status === 'failed') return;
			}
		}
	}

	/** Try again now after a failure (the "Try again" button). */
	retryNow() {
		this.#retryDelay = this.#opts.retryMs;
		this.#disarm();
		if (this.#latest !== null && !this.#inFlight) this.#send();
	}

	/** Stop all timers (the page is going away, or the pack is submitted). */
	stop() {
		this.#stopped = true;
		this.#disarm();
	}

	#arm(ms: number) {
		this.#disarm();
		this.#timer = this.#opts.setTimer(() => {
			this.#timer = null;
			if (!this.#inFlight) this.#send();
		}, ms);
	}

	#disarm() {
		if (this.#timer !== null) this.#opts.clearTimer(this.#timer);
		this.#timer = null;
	}

	#setStatus(status: SaveStatus, error: unknown) {
		this.status = status;
		this.lastError = error;
		this.#opts.onStatus?.(status, error);
	}

	#send() {
		const draft = this.#latest;
		if (draft === null) return;
		this.#latest = null;
		this.#setStatus('saving', null);
		this.#inFlight = this.#opts.save(draft).then(
			(result) => {
				this.#inFlight = null;
				this.#retryDelay = this.#opts.retryMs;
				this.#opts.onSaved?.(result, draft);
				if (this.#latest !== null) {
					// Newer answers arrived while this one was on its way: send them next.
					this.#setStatus('saving', null);
					if (!this.#stopped) this.#send();
				} else {
					this.#setStatus('saved', null);
				}
			},
			(error: unknown) => {
				this.#inFlight = null;
				// Keep the failed answers unless newer ones replaced them meanwhile.
				if (this.#latest === null) this.#latest = draft;
				this.#setStatus('failed', error);
				if (this.#stopped || this.#opts.isFatal?.(error)) return;
				const delay = this.#retryDelay;
				this.#retryDelay = Math.min(this.#retryDelay * 2, this.#opts.maxRetryMs);
				this.#arm(delay);
			}
		);
	}
}
