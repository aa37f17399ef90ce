// Starts the real unknot server for the e2e run:
//   <repo>/build/bin/unknot serve --demo --listen 127.0.0.1:PORT --data TMPDIR --web-root <repo>/web/build --content <repo>/content
// (UNKNOT_BIN overrides the binary), waits for GET /healthz, and hands the address to the tests
// through UNKNOT_BASE_URL (see fixtures.ts). The returned function stops it with SIGTERM.
//
// Mail: a real SMTP receiver (Debian's python3-aiosmtpd, Mailbox handler writing a maildir) runs
// beside it; the server gets UNKNOT_MAIL_SMTP_URL and UNKNOT_SERVER_PUBLIC_URL, and the tests read
// the links from UNKNOT_E2E_MAILDIR (see mail.ts). Without aiosmtpd the mail tests are skipped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');
const HEALTH_TIMEOUT_MS = 20_000;

function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', fail);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => (port ? ok(port) : fail(new Error('no free port'))));
		});
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Debian's python3 has aiosmtpd; a python3 earlier on PATH (pyenv, venv) may not. */
function pythonWithAiosmtpd(): string | null {
	const candidates = [process.env.UNKNOT_PYTHON, '/usr/bin/python3', 'python3'].filter(
		(c): c is string => !!c
	);
	for (const python of candidates) {
		const r = spawnSync(python, ['-c', 'import aiosmtpd'], { stdio: 'ignore' });
		if (r.status === 0) return python;
	}
	return null;
}

function portOpen(port: number): Promise<boolean> {
	return new Promise((done) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			done(true);
		});
		socket.once('error', () => done(false));
	});
}

/** Starts aiosmtpd on a free port; null (and a note) when it is not installed. */
async function startSmtpReceiver(
	maildir: string,
	log: NodeJS.WritableStream
): Promise<{ child: ChildProcess; port: number } | null> {
	const python = pythonWithAiosmtpd();
	if (!python) {
		console.warn('e2e: python3-aiosmtpd is not installed; the email tests will be skipped.');
		return null;
	}
	const port = await freePort();
	const child = spawn(
		python,
		['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	child.stdout?.on('data', (b: Buffer) => log.write(b));
	child.stderr?.on('data', (b: Buffer) => log.write(b));
	const deadline = Date.now() + 10_000;
	while (!(await portOpen(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			await stop(child, 1_000);
			throw new Error(`e2e: the SMTP receiver (aiosmtpd) did not start on port ${port}`);
		}
		await sleep(100);
	}
	return { child, port };
}

function stop(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
	return new Promise((done) => {
		if (child.exitCode !== null || child.signalCode !== null) return done();
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
		}, timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			done();
		});
		child.kill('SIGTERM');
	});
}

export default async function globalSetup() {
	const bin = resolve(process.env.UNKNOT_BIN ?? join(REPO_ROOT, 'build', 'bin', 'unknot'));
	const webRoot = resolve(REPO_ROOT, 'web', 'build');
	if (!existsSync(bin)) {
		throw new Error(
			`e2e: the unknot server binary was not found at ${bin}. Build the C++ server first, or set UNKNOT_BIN.`
		);
	}
	if (!existsSync(join(webRoot, 'index.html'))) {
		throw new Error(`e2e: ${webRoot}/index.html is missing. Run \`npm run build\` in web/ first.`);
	}

	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'unknot-e2e-'));
	const baseURL = `http://127.0.0.1:${port}`;
	const logDir = resolve(REPO_ROOT, 'web', 'test-results');
	mkdirSync(logDir, { recursive: true });
	const log = createWriteStream(join(logDir, 'e2e-server.log'));

	const maildir = join(dataDir, 'maildir');
	const smtp = await startSmtpReceiver(maildir, createWriteStream(join(logDir, 'e2e-smtp.log')));
	const env: NodeJS.ProcessEnv = { ...process.env, UNKNOT_SERVER_PUBLIC_URL: baseURL };
	if (smtp) env.UNKNOT_MAIL_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;

	const args = ['serve', '--demo', '--listen', `127.0.0.1:${port}`, '--data', dataDir, '--web-root', webRoot, '--content', resolve(REPO_ROOT, 'content')];
	const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
	let stderr = '';
	child.stdout?.on('data', (b: Buffer) => log.write(b));
	child.stderr?.on('data', (b: Buffer) => {
		log.write(b);
		stderr = (stderr + b.toString()).slice(-8_000);
	});
	let spawnError: Error | null = null;
	child.on('error', (e) => (spawnError = e));

	const deadline = Date.now() + HEALTH_TIMEOUT_MS;
	let lastProblem = 'no answer yet';
	for (;;) {
		if (spawnError) {
			if (smtp) await stop(smtp.child, 1_000);
			rmSync(dataDir, { recursive: true, force: true });
			throw new Error(`e2e: could not start ${bin}: ${(spawnError as Error).message}`);
		}
		if (child.exitCode !== null || child.signalCode !== null) {
			if (smtp) await stop(smtp.child, 1_000);
			rmSync(dataDir, { recursive: true, force: true });
			throw new Error(
				`e2e: the server exited (code ${child.exitCode}, signal ${child.signalCode}) before /healthz answered.\n` +
					`command: ${bin} ${args.join(' ')}\n--- server stderr ---\n${stderr}`
			);
		}
		try {
			const r = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(1_000) });
			if (r.ok) break;
			lastProblem = `HTTP ${r.status}`;
		} catch (e) {
			lastProblem = (e as Error).message;
		}
		if (Date.now() > deadline) {
			await stop(child, 3_000);
			if (smtp) await stop(smtp.child, 1_000);
			rmSync(dataDir, { recursive: true, force: true });
			throw new Error(
				`e2e: GET ${baseURL}/healthz did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${lastProblem}).\n` +
					`command: ${bin} ${args.join(' ')}\n--- server stderr ---\n${stderr}`
			);
		}
		await sleep(100);
	}

	process.env.UNKNOT_BASE_URL = baseURL;
	if (smtp) process.env.UNKNOT_E2E_MAILDIR = maildir;
	process.env.UNKNOT_E2E_DATA = dataDir;
	process.env.UNKNOT_E2E_BIN = bin;
	console.log(
		`e2e: unknot is serving ${webRoot} at ${baseURL} (data in ${dataDir}` +
			(smtp ? `; mail to smtp://127.0.0.1:${smtp.port} → ${maildir})` : '; no SMTP receiver)')
	);

	return async () => {
		await stop(child);
		if (smtp) await stop(smtp.child, 3_000);
		log.end();
		rmSync(dataDir, { recursive: true, force: true });
	};
}
