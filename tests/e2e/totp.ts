// RFC 6238 TOTP (SHA-1, 6 digits, 30 s steps) — what authenticator apps compute — for the e2e
// tests to answer the two-step sign-in the way a phone would. RFC 4648 base32 secrets.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(secret: string): Buffer {
	const clean = secret.replace(/[\s=-]+/g, '').toUpperCase();
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const c of clean) {
		const index = ALPHABET.indexOf(c);
		if (index < 0) throw new Error(`not base32: ${c}`);
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** RFC 4226 HOTP for one counter value. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
	const message = Buffer.alloc(8);
	message.writeBigUInt64BE(BigInt(counter));
	const mac = createHmac('sha1', key).update(message).digest();
	const offset = mac[mac.length - 1]! & 0x0f;
	const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
	return String(code).padStart(digits, '0');
}

export function totp(secret: string, atMs = Date.now(), stepSeconds = 30): string {
	return hotp(base32Decode(secret), Math.floor(atMs / 1000 / stepSeconds));
}

/** Milliseconds until the next 30-second step starts. */
export function msUntilNextStep(atMs = Date.now(), stepSeconds = 30): number {
	return stepSeconds * 1000 - (atMs % (stepSeconds * 1000));
}
