/**
 * The demo repository's "remote", which can go down: `git daemon` on loopback when this git has it (an outage
 * is a refused connection, as a dead Git server looks), else a `file://` remote that the outage moves aside
 * (some distributions package `git daemon` separately; the demo must still run).
 */
import {mkdir, rename} from 'node:fs/promises';
import path from 'node:path';
import {fleetRepoName} from './fleet-repo.js';
import {startGitDaemon, type GitDaemon, type GitDaemonOptions} from './git-daemon.js';

/** A remote serving `<dir>/fleet.git`. */
export type GitRemote = {
	kind: 'daemon' | 'file';
	/** The URL clones and controllers use. */
	url: string;
	/** How a Go client (source-controller, Argo CD's repo server) words the failure while it is down. */
	refusal: string;
	/** Takes it down; idempotent. */
	down(): Promise<void>;
	/** Brings it back; idempotent. */
	up(): Promise<void>;
	close(): Promise<void>;
};

export type GitRemoteOptions = {
	/** The folder the bare repository is (or will be) created in. */
	dir: string;
	env: NodeJS.ProcessEnv;
	log: (line: string) => void;
	/** Injected in tests; the real daemon by default. */
	startDaemon?: (options: GitDaemonOptions) => Promise<GitDaemon>;
};

/** Starts the daemon (trying a second port if the first is taken), else falls back to a file remote. */
export async function startGitRemote(options: GitRemoteOptions): Promise<GitRemote> {
	await mkdir(options.dir, {recursive: true});
	const start = options.startDaemon ?? startGitDaemon;
	let failure = '';
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			return daemonRemote(await start({baseDir: options.dir, env: options.env, log: options.log}));
		} catch (error) {
			failure = error instanceof Error ? error.message : String(error);
		}
	}
	options.log(`demo: git daemon is not available (${failure}); the remote is a file:// URL and an outage moves it aside`);
	return fileRemote(path.join(options.dir, fleetRepoName));
}

function daemonRemote(daemon: GitDaemon): GitRemote {
	return {
		kind: 'daemon',
		url: `${daemon.baseUrl}${fleetRepoName}`,
		refusal: `dial tcp 127.0.0.1:${daemon.port}: connect: connection refused`,
		down: () => daemon.stop(),
		up: () => daemon.start(),
		close: () => daemon.close(),
	};
}

function fileRemote(barePath: string): GitRemote {
	const aside = `${barePath}.unreachable`;
	let isDown = false;
	const up = async () => {
		if (!isDown) return;
		await rename(aside, barePath);
		isDown = false;
	};
	return {
		kind: 'file',
		url: `file://${barePath}`,
		refusal: 'repository not found',
		async down() {
			if (isDown) return;
			await rename(barePath, aside);
			isDown = true;
		},
		up,
		// Put back, so the folder is left as it was served.
		close: up,
	};
}
