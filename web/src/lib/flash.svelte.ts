// A one-off message carried across a navigation ("Patient added.").
class Flash {
	message = $state<string | null>(null);

	set(message: string) {
		this.message = message;
	}

	/** Returns the message once and forgets it. */
	take(): string | null {
		const m = this.message;
		this.message = null;
		return m;
	}
}

export const flash = new Flash();
