// The "Larger text" preference, kept in localStorage and applied as a class on <html>.
const KEY = 'unknot.larger-text';

function read(): boolean {
	try {
		return globalThis.localStorage?.getItem(KEY) === 'on';
	} catch {
		return false;
	}
}

class LargerText {
	on = $state(read());

	apply() {
		document.documentElement.classList.toggle('larger-text', this.on);
	}

	toggle() {
		this.on = !this.on;
		try {
			localStorage.setItem(KEY, this.on ? 'on' : 'off');
		} catch {
			// Private browsing or storage full: the setting still holds for this visit.
		}
		this.apply();
	}
}

export const largerText = new LargerText();
