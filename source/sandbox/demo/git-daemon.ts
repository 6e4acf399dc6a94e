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
	/** Starts it (again) on the same port and waits until it accepts connections. Idempotent. */
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
	/** How long start() waits for the daemon to accept connections; default 5 s. */
	readyTimeoutMs?: number;
};

/** Starts a git daemon on a free (or the given) port. */
export async function startGitDaemon(options: GitDaemonOptions): Promise<GitDaemon> {
	const port = options.port ?? (await freePort());
	const log = options.log ?? (() => {});
	let child: ChildProcess | undefined;
	let exited: Promise<void> = Promise.resolve();

	const launch = async () => {
		const args = ['daemon', '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, `--base-path=${options.baseDir}`, '--export-all', '--informative-errors', options.baseDir];
		const started = spawn(options.gitPath ?? 'git', args, {env: options.env, stdio: ['ignore', 'ignore', 'pipe']});
		child = started;
		let stderr = '';
		started.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-2000);
			for (const line of chunk.split('\n')) {
				// Our own readiness probe connects and hangs up; that is not worth a line.
				if (line.trim() && !line.includes('the remote end hung up unexpectedly')) log(`git daemon: ${line.trim()}`);
			}
		});
		exited = new Promise(resolve => {
			started.once('exit', () => resolve());
			started.once('error', () => resolve());
		});
		const dead = exited.then(() => 'dead' as const);
		const deadline = Date.now() + (options.readyTimeoutMs ?? 5000);
		while (Date.now() < deadline) {
			const outcome = await Promise.race([accepts(port), dead]);
			if (outcome === 'dead') {
				child = undefined;
				throw new Error(`git daemon exited on start (port ${port}): ${stderr.trim() || 'no message'}`);
			}
			if (outcome) return;
			await new Promise(resolve => setTimeout(resolve, 10));
		}
		started.kill('SIGKILL');
		child = undefined;
		throw new Error(`git daemon did not accept connections on 127.0.0.1:${port} within ${options.readyTimeoutMs ?? 5000} ms`);
	};

	// The child is killed if this process exits without stop(): it must not outlive the demo.
	const killOnExit = () => child?.kill('SIGKILL');
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
			stopping.kill('SIGTERM');
			await exited;
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
