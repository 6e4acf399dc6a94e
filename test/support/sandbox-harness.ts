/**
 * Test harness around the sandbox API server: start one on a free port with its kubeconfig in a
 * temp dir, run the real kubectl against it (with a timeout, its own cache dir and HOME), stream
 * long-running kubectl commands such as `get -w`, and make raw HTTPS requests.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {request as httpsRequest} from 'node:https';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {startSandbox, type Sandbox, type SandboxOptions} from '../../source/sandbox/index.js';
import {waitFor} from './wait-for.js';

export {waitFor};

/** What a finished kubectl run printed. */
export type KubectlResult = {code: number; stdout: string; stderr: string};

/** A kubectl process still running (e.g. `get -w`). */
export type KubectlStream = {
	child: ChildProcess;
	output(): string;
	/** Waits until stdout contains the text (or matches the pattern). */
	waitForOutput(match: string | RegExp, timeoutMs?: number): Promise<void>;
	stop(): Promise<void>;
};

export type SandboxHarness = {
	sandbox: Sandbox;
	/** A temp dir removed by stop(). */
	dir: string;
	kubeconfigPath: string;
	/** Runs kubectl with the harness kubeconfig; never throws on a non-zero exit. */
	kubectl(args: string[], options?: {timeoutMs?: number; input?: string}): Promise<KubectlResult>;
	spawnKubectl(args: string[]): KubectlStream;
	stop(): Promise<void>;
};

/** The kubectl binary the tests run (override with KUBECTL). */
export const kubectlBinary = process.env['KUBECTL'] ?? 'kubectl';

/** Starts a sandbox (simulation off unless asked) and writes its kubeconfig. */
export async function startSandboxHarness(options: SandboxOptions = {}): Promise<SandboxHarness> {
	const sandbox = await startSandbox({simulate: false, ...options});
	const dir = await mkdtemp(path.join(tmpdir(), 'gitops-tui-sandbox-'));
	const kubeconfigPath = path.join(dir, 'kubeconfig');
	await sandbox.writeKubeconfig(kubeconfigPath);
	const children = new Set<ChildProcess>();
	// kubectl caches discovery under HOME; a private HOME and cache dir keep runs independent.
	const env = {...process.env, HOME: dir, KUBECONFIG: kubeconfigPath, KUBECACHEDIR: path.join(dir, 'cache')};
	const baseArgs = ['--kubeconfig', kubeconfigPath, '--cache-dir', path.join(dir, 'cache')];

	const kubectl: SandboxHarness['kubectl'] = (args, runOptions = {}) =>
		new Promise(resolve => {
			const child = execFile(kubectlBinary, [...baseArgs, ...args], {env, timeout: runOptions.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 124) : 0;
				resolve({code, stdout, stderr});
			});
			if (runOptions.input !== undefined) child.stdin?.end(runOptions.input);
		});

	const spawnKubectl = (args: string[]): KubectlStream => {
		const child = spawn(kubectlBinary, [...baseArgs, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		children.add(child);
		let output = '';
		child.stdout?.on('data', chunk => (output += String(chunk)));
		child.stderr?.on('data', chunk => (output += String(chunk)));
		const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
		return {
			child,
			output: () => output,
			waitForOutput: (match, timeoutMs = 15_000) =>
				waitFor(() => (typeof match === 'string' ? output.includes(match) : match.test(output)), {timeoutMs, describe: () => `kubectl output to show ${String(match)}; got:\n${output}`}),
			async stop() {
				if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
				await exited;
				children.delete(child);
			},
		};
	};

	return {
		sandbox,
		dir,
		kubeconfigPath,
		kubectl,
		spawnKubectl,
		async stop() {
			for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
			await sandbox.stop();
			await rm(dir, {recursive: true, force: true});
		},
	};
}

/** A raw HTTPS answer. */
export type RawResponse = {status: number; headers: Record<string, string | string[] | undefined>; text: string; json(): any}; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One request straight to the sandbox (token of the named user, `admin` by default; `token: null` sends none). */
export function sandboxRequest(
	sandbox: Sandbox,
	options: {method?: string; path: string; body?: unknown; contentType?: string; accept?: string; user?: string; token?: string | null; userAgent?: string},
): Promise<RawResponse> {
	const token = options.token === undefined ? sandbox.users.find(u => u.name === (options.user ?? 'admin'))?.token : options.token;
	const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	const headers: Record<string, string> = {Accept: options.accept ?? 'application/json'};
	if (token) headers['Authorization'] = `Bearer ${token}`;
	if (payload !== undefined) {
		headers['Content-Type'] = options.contentType ?? 'application/json';
		// Node sends DELETE bodies without chunking, so the length must be explicit.
		headers['Content-Length'] = String(Buffer.byteLength(payload));
	}
	if (options.userAgent) headers['User-Agent'] = options.userAgent;
	return new Promise((resolve, reject) => {
		const request = httpsRequest(`${sandbox.url}${options.path}`, {method: options.method ?? 'GET', headers, ca: sandbox.caCertificate}, response => {
			let text = '';
			response.on('data', chunk => (text += String(chunk)));
			response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text)}));
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end(payload);
	});
}

/** Opens a raw watch and collects its events until the stream ends or stop() is called. */
export function sandboxWatch(sandbox: Sandbox, pathWithQuery: string, user = 'admin') {
	const token = sandbox.users.find(u => u.name === user)?.token;
	const events: Array<{type: string; object: any}> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
	let ended = false;
	let status = 0;
	let buffer = '';
	const request = httpsRequest(`${sandbox.url}${pathWithQuery}`, {headers: {Authorization: `Bearer ${token}`}, ca: sandbox.caCertificate}, response => {
		status = response.statusCode ?? 0;
		response.on('data', chunk => {
			buffer += String(chunk);
			for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 1);
				if (line.trim()) events.push(JSON.parse(line));
			}
		});
		response.on('end', () => (ended = true));
		response.on('close', () => (ended = true));
	});
	request.on('error', () => (ended = true));
	request.end();
	return {
		events,
		status: () => status,
		ended: () => ended,
		stop: () => request.destroy(),
	};
}
