/**
 * A real exec credential plugin for the cluster edge's tests: a node script that records each call
 * (its args, env and KUBERNETES_EXEC_INFO) and prints an ExecCredential whose token, expiry, delay and
 * exit code come from files the test can change between calls. Tokens are numbered by call
 * (`plugin-token-1`) unless `numbered` is set to `no`.
 */
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';

const script = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const dir = __dirname;
const read = (name, fallback) => { try { return fs.readFileSync(path.join(dir, name), 'utf8').trim(); } catch { return fallback; } };
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({args: process.argv.slice(2), info: process.env.KUBERNETES_EXEC_INFO, extra: process.env.PLUGIN_EXTRA, stdinIsTTY: Boolean(process.stdin.isTTY)}) + '\n');
if (read('spawn-child', 'no') === 'yes') {
	// A child holding the plugin's stdout open, as a login helper would.
	const child = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {stdio: ['ignore', 'inherit', 'inherit']});
	fs.writeFileSync(path.join(dir, 'child-pid'), String(child.pid));
}
const delay = Number(read('delay-ms', '0'));
setTimeout(() => {
	const exit = Number(read('exit-code', '0'));
	if (exit !== 0) { process.stderr.write('login expired\nrun "sso login" first\n'); process.exit(exit); }
	const count = fs.readFileSync(path.join(dir, 'calls.jsonl'), 'utf8').trim().split('\n').length;
	const status = {token: read('token', 'plugin-token') + (read('numbered', 'yes') === 'yes' ? '-' + count : '')};
	const expiry = read('expiry', '');
	if (expiry) status.expirationTimestamp = expiry;
	process.stdout.write(JSON.stringify({apiVersion: read('api-version', 'client.authentication.k8s.io/v1'), kind: 'ExecCredential', status}));
}, delay);
`;

/** What the plugin saw on one call. */
export type PluginCall = {args: string[]; info?: string; extra?: string; stdinIsTTY: boolean};

/** Handles to drive the plugin from a test. */
export type ExecPlugin = {
	/** For the kubeconfig's exec block: the node binary runs the script (no reliance on PATH or a shebang). */
	command: string;
	args: string[];
	set(name: 'delay-ms' | 'exit-code' | 'token' | 'numbered' | 'expiry' | 'api-version' | 'spawn-child', value: string): Promise<void>;
	calls(): Promise<PluginCall[]>;
};

/** Writes the plugin into `dir` (which the caller removes). */
export async function writeExecPlugin(dir: string): Promise<ExecPlugin> {
	const file = path.join(dir, 'plugin.cjs');
	await writeFile(file, script);
	return {
		command: process.execPath,
		args: [file, 'get-token'],
		set: async (name, value) => writeFile(path.join(dir, name), value),
		async calls() {
			try {
				const text = await readFile(path.join(dir, 'calls.jsonl'), 'utf8');
				return text
					.trim()
					.split('\n')
					.filter(Boolean)
					.map(line => JSON.parse(line) as PluginCall);
			} catch {
				return [];
			}
		},
	};
}
