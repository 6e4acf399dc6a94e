/**
 * The demo's Git server: `git daemon` on 127.0.0.1 serving one folder read-only over `git://`. Stopping it is
 * a Git outage as clients see one (connection refused); starting it again listens on the same port, so the
 * URL every clone and every Flux/Argo object names stays valid.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {connect, createServer} from 'node:net';

/** A git daemon that can be stopped and started again on its port. */
export type GitDaemon = {
	port: number;
	/** `git://127.0.0.1:PORT/` */
	baseUrl: string;
	running(): boolean;
	/** Starts it (again) on the same port and waits until it listens. Idempotent. */
	start(): Promise<void>;
	/** Stops it and waits until the process is gone (start() may follow). Idempotent. */
	stop(): Promise<void>;
	/** Stops it for good. */
	close(): Promise<void>;
};

export type GitDaemonOptions = {
	/** The folder served (`--base-path`); every repository under it is exported. */
	baseDir: string;
	env: NodeJS.ProcessEnv;
	gitPath?: string;
	/** A fixed port; a free one by default. */
	port?: number;
	log?: (line: string) => void;
	/** How long start() waits for the daemon to listen; default 5 s. */
	readyTimeoutMs?: number;
};

/** What --verbose logs for every request and at start-up: not worth a line of the demo's log. */
const routine = /Ready to rumble|Connection from|Request upload-pack|Extended attribute|Disconnected|the remote end hung up unexpectedly/;

/** Starts a git daemon on a free (or the given) port. */
export async function startGitDaemon(options: GitDaemonOptions): Promise<GitDaemon> {
	const port = options.port ?? (await freePort());
	const log = options.log ?? (() => {});
	let child: ChildProcess | undefined;
	let exited: Promise<void> = Promise.resolve();

	const launch = async () => {
		// --verbose makes the daemon say "Ready to rumble" once its socket listens: a connect probe could not
		// tell our daemon from another process holding the port.
		const args = ['daemon', '--verbose', '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, `--base-path=${options.baseDir}`, '--export-all', '--informative-errors', options.baseDir];
		// Its own process group: the daemon forks a server per connection, and each inherits the listening socket,
		// so the port stays open until the whole group is gone (see stop).
		const started = spawn(options.gitPath ?? 'git', args, {env: options.env, stdio: ['ignore', 'ignore', 'pipe'], detached: true});
		child = started;
		let stderr = '';
		let markReady: () => void = () => {};
		const ready = new Promise<'ready'>(resolve => (markReady = () => resolve('ready')));
		started.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-2000);
			if (stderr.includes('Ready to rumble')) markReady();
			for (const line of chunk.split('\n')) if (line.trim() && !routine.test(line)) log(`git daemon: ${line.trim()}`);
		});
		exited = new Promise(resolve => {
			started.once('exit', () => resolve());
			started.once('error', () => resolve());
		});
		let timer: NodeJS.Timeout | undefined;
		const timeoutMs = options.readyTimeoutMs ?? 5000;
		const timedOut = new Promise<'timeout'>(resolve => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
		const outcome = await Promise.race([ready, exited.then(() => 'dead' as const), timedOut]);
		clearTimeout(timer);
		if (outcome === 'ready') return;
		child = undefined;
		if (outcome === 'dead') throw new Error(`git daemon exited on start (port ${port}): ${stderr.trim() || 'no message'}`);
		killGroup(started, 'SIGKILL');
		throw new Error(`git daemon did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
	};

	// The child is killed if this process exits without stop(): it must not outlive the demo.
	const killOnExit = () => {
		if (child) killGroup(child, 'SIGKILL');
	};
	process.on('exit', killOnExit);

	const daemon: GitDaemon = {
		port,
		baseUrl: `git://127.0.0.1:${port}/`,
		running: () => child !== undefined,
		async start() {
			if (child) return;
			await launch();
		},
		async stop() {
			const stopping = child;
			if (!stopping) return;
			child = undefined;
			killGroup(stopping, 'SIGTERM');
			// A daemon that ignores SIGTERM must still not outlive stop().
			const force = setTimeout(() => killGroup(stopping, 'SIGKILL'), 2000);
			await exited;
			clearTimeout(force);
			// A per-connection server still exiting holds the listening socket a moment longer: stop() means the
			// port refuses, so wait for that (bounded; a port taken over by someone else is not ours to wait for).
			killGroup(stopping, 'SIGKILL');
			const deadline = Date.now() + 2000;
			while (Date.now() < deadline && (await accepts(port))) {
				killGroup(stopping, 'SIGKILL');
				await new Promise(resolve => setTimeout(resolve, 20));
			}
		},
		async close() {
			await daemon.stop();
			process.off('exit', killOnExit);
		},
	};
	try {
		await launch();
	} catch (error) {
		process.off('exit', killOnExit);
		throw error;
	}
	return daemon;
}

/** Signals the child's whole process group (the daemon and the servers it forked); a group already gone is fine. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		if (child.pid !== undefined) process.kill(-child.pid, signal);
	} catch {
		child.kill(signal);
	}
}

/** A port nothing listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = address && typeof address === 'object' ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function accepts(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = connect({host: '127.0.0.1', port});
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}
