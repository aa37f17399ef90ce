// Reads what the test SMTP receiver (aiosmtpd's Mailbox handler, started by global-setup.ts)
// stored in its maildir, so tests can follow invitation and password-reset links like a person
// reading their email would.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ReceivedMail {
	file: string;
	to: string;
	subject: string;
	text: string;
}

/** The maildir the receiver writes to; null when no receiver runs (mail tests are skipped). */
export function maildir(): string | null {
	const dir = process.env.UNKNOT_E2E_MAILDIR;
	return dir && existsSync(dir) ? dir : null;
}

function unfoldHeaders(raw: string): Map<string, string> {
	const headers = new Map<string, string>();
	const lines = raw.replace(/\r\n[ \t]+/g, ' ').split(/\r?\n/);
	for (const line of lines) {
		const i = line.indexOf(':');
		if (i > 0) {
			const name = line.slice(0, i).trim().toLowerCase();
			if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim());
		}
	}
	return headers;
}

function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
	const m = /\r?\n\r?\n/.exec(raw);
	if (!m) return { headers: unfoldHeaders(raw), body: '' };
	return { headers: unfoldHeaders(raw.slice(0, m.index)), body: raw.slice(m.index + m[0].length) };
}

function decodeQuotedPrintable(s: string): string {
	const bytes: number[] = [];
	const text = s.replace(/=\r?\n/g, '');
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
			bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

function decodeWord(value: string): string {
	// RFC 2047 encoded words in Subject, e.g. =?UTF-8?B?…?= or =?UTF-8?Q?…?=
	return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset, enc: string, data: string) =>
		enc.toUpperCase() === 'B'
			? Buffer.from(data, 'base64').toString('utf8')
			: decodeQuotedPrintable(data.replace(/_/g, ' '))
	);
}

/** The plain text of a message (or of its first text/plain part). */
export function plainText(raw: string): string {
	const { headers, body } = splitMessage(raw);
	const type = headers.get('content-type') ?? 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
	if (/^multipart\//i.test(type) && boundary) {
		const parts = body.split(`--${boundary}`).slice(1);
		const texts = parts.map((p) => p.replace(/^\r?\n/, '')).filter((p) => !p.startsWith('--'));
		const plain = texts.find((p) => /text\/plain/i.test(splitMessage(p).headers.get('content-type') ?? ''));
		return plainText(plain ?? texts[0] ?? '');
	}
	const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
	if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
	return body;
}

export function readMailbox(dir: string): ReceivedMail[] {
	const files: { path: string; mtime: number }[] = [];
	for (const sub of ['new', 'cur']) {
		const d = join(dir, sub);
		if (!existsSync(d)) continue;
		for (const name of readdirSync(d)) {
			const path = join(d, name);
			files.push({ path, mtime: statSync(path).mtimeMs });
		}
	}
	files.sort((a, b) => a.mtime - b.mtime);
	return files.map(({ path }) => {
		const raw = readFileSync(path, 'utf8');
		const { headers } = splitMessage(raw);
		const to = [headers.get('x-rcptto'), headers.get('to')].filter(Boolean).join(', ');
		return { file: path, to, subject: decodeWord(headers.get('subject') ?? ''), text: plainText(raw) };
	});
}

/**
 * Waits for a message to `address` whose text holds a link matching `linkPattern` (the server's
 * outbox delivers in the background, with retries), skipping messages seen before (`seen`).
 * Returns the message and the link.
 */
export async function waitForLink(
	address: string,
	linkPattern: RegExp,
	opts: { timeoutMs?: number; seen?: Set<string> } = {}
): Promise<{ mail: ReceivedMail; link: string }> {
	const dir = maildir();
	if (!dir) throw new Error('no SMTP receiver is running (UNKNOT_E2E_MAILDIR)');
	const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
	const want = address.toLowerCase();
	for (;;) {
		for (const mail of readMailbox(dir)) {
			if (opts.seen?.has(mail.file)) continue;
			if (!mail.to.toLowerCase().includes(want)) continue;
			const link = linkPattern.exec(mail.text)?.[0];
			if (link) {
				opts.seen?.add(mail.file);
				return { mail, link };
			}
		}
		if (Date.now() > deadline) {
			const got = readMailbox(dir).map((m) => `${m.to}: ${m.subject}`);
			throw new Error(`no mail to ${address} with ${linkPattern} within the time; received: ${JSON.stringify(got)}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}

export const INVITE_LINK = /https?:\/\/[^\s<>"]+\/invite\/[A-Za-z0-9_~.%-]+/;
export const RESET_LINK = /https?:\/\/[^\s<>"]+\/reset\/[A-Za-z0-9_~.%-]+/;

/** The path part of a link in a message (the tests open it on the test server). */
export function pathOf(link: string): string {
	const u = new URL(link);
	return `${u.pathname}${u.search}`;
}
