/**
 * The user settings as a command's session applies them, against a sandbox over HTTPS: a context in
 * readOnlyContexts refuses writes at the transport (nothing reaches the server) while the others may write; a
 * broken settings file makes every context read-only and says why, naming file, line and key; default contexts
 * come from the file when the command line names none.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {mergePatch} from '../../source/cluster/writes.js';
import type {CommandInput} from '../../source/commands/command.js';
import {openEvaluationSession, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {recordSessionModes} from '../../source/commands/journal-location.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';

let sandbox: Sandbox;
let dir: string;
let kubeconfig: string;
let stderr: string;
let opened: EvaluationSession | undefined;

beforeAll(async () => {
	sandbox = await startSandbox({simulate: false, seed: [{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'shop'}, data: {a: '1'}}]});
});
afterAll(async () => sandbox?.stop());
beforeEach(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-user-settings-'));
	kubeconfig = path.join(dir, 'kubeconfig');
	await sandbox.writeKubeconfig(kubeconfig);
	mkdirSync(path.join(dir, 'config'));
	stderr = '';
});
afterEach(() => {
	opened?.close();
	opened = undefined;
	rmSync(dir, {recursive: true, force: true});
});

let io: CommandInput['io'];

async function open(config: string | undefined, flags: Record<string, unknown> = {}): Promise<EvaluationSession> {
	if (config !== undefined) writeFileSync(path.join(dir, 'config', 'config.yaml'), config);
	const err = new PassThrough();
	err.on('data', chunk => (stderr += String(chunk)));
	io = {stdout: new PassThrough(), stderr: err, env: {HOME: dir, GITOPS_TUI_CONFIG_DIR: path.join(dir, 'config')}, cwd: dir};
	const input: CommandInput = {args: [], flags: {kubeconfig, context: ['sandbox', 'sandbox-viewer'], ...flags}, io};
	const result = await openEvaluationSession(input, 'status');
	if (!result.ok) throw new Error(`session did not open: ${stderr}`);
	opened = result.session;
	return result.session;
}

/** What reached the sandbox other than reads (discovery GETs come before a patch). */
function writesSeen(): string[] {
	return sandbox.requests().filter(request => request.method !== 'GET').map(request => `${request.method} ${request.user}`);
}

const configMap = {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings'};

function clientOf(session: EvaluationSession, name: string) {
	const context = session.contexts.find(candidate => candidate.info.name === name);
	if (!context?.client) throw new Error(`no client for ${name}`);
	return context.client;
}

describe('readOnlyContexts', () => {
	it('refuses writes to a listed context at the transport; another context still sends them', async () => {
		const session = await open('readOnlyContexts: [sandbox]\n');
		expect(session.readOnly).toBe(false);
		expect(session.readOnlyReason('sandbox')).toBe(`sandbox is in readOnlyContexts of ${path.join(dir, 'config', 'config.yaml')}`);
		expect(session.readOnlyReason('sandbox-viewer')).toBeUndefined();
		sandbox.clearRequests();
		const refused = await mergePatch(clientOf(session, 'sandbox'), configMap, {data: {a: '2'}});
		expect(refused).toMatchObject({ok: false, error: {kind: 'read-only'}});
		expect(writesSeen()).toEqual([]);
		// The viewer context is writable as far as gitops-tui is concerned: the request goes out (RBAC refuses it).
		const sent = await mergePatch(clientOf(session, 'sandbox-viewer'), configMap, {data: {a: '2'}});
		expect(sent).toMatchObject({ok: false, error: {kind: 'forbidden'}});
		expect(writesSeen()).toEqual(['PATCH viewer']);
	});
});

describe('read-only mode changes', () => {
	it('are journaled per context when they differ from the last journaled run, with the reason', async () => {
		sandbox.clearRequests();
		const first = await open('readOnlyContexts: [sandbox]\n');
		const entries = await recordSessionModes(first, io, 'tui');
		expect(entries).toEqual([expect.objectContaining({context: 'sandbox', action: 'read-only-on', parameters: {command: 'tui', reason: expect.stringContaining('readOnlyContexts')}})]);
		expect(await recordSessionModes(first, io, 'tui')).toEqual([]);
		first.close();
		const second = await open('{}\n');
		opened = second;
		const back = await recordSessionModes(second, io, 'tui');
		expect(back.map(entry => `${entry.context} ${entry.action} ${entry.seq}`)).toEqual(['sandbox read-only-off 2']);
		expect(back[0]!.actor).toBe(entries[0]!.actor);
		expect(entries[0]!.actor).not.toBe('');
		// Nothing of this reached the cluster.
		expect(writesSeen()).toEqual([]);
	});
});

describe('a broken settings file', () => {
	it('makes every context read-only and says why, naming file, line and key', async () => {
		const session = await open('theme: ascii\nreadOnlyContext: [sandbox]\n');
		const file = path.join(dir, 'config', 'config.yaml');
		expect(stderr).toBe(`gitops-tui status: ${file}:2: readOnlyContext: unknown key (known: readOnlyContexts, protectedContexts, contexts, repo, theme); every context is read-only until the file is fixed\n`);
		expect(session.readOnly).toBe(true);
		expect(session.readOnlyReason('sandbox-viewer')).toContain('the user settings file is broken');
		sandbox.clearRequests();
		for (const name of ['sandbox', 'sandbox-viewer']) expect(await mergePatch(clientOf(session, name), configMap, {data: {a: '3'}})).toMatchObject({ok: false, error: {kind: 'read-only'}});
		expect(writesSeen()).toEqual([]);
	});
});

describe('defaults', () => {
	it('uses the settings contexts and repo only when the command line names none', async () => {
		const fromFile = await open('contexts: [sandbox-viewer]\nrepo: /nonexistent/fleet\n', {context: undefined});
		expect(fromFile.contexts.map(context => context.info.name)).toEqual(['sandbox-viewer']);
		expect(fromFile.repoError).toContain('/nonexistent/fleet');
		fromFile.close();
		opened = undefined;
		const fromFlags = await open('contexts: [sandbox-viewer]\n', {context: ['sandbox']});
		expect(fromFlags.contexts.map(context => context.info.name)).toEqual(['sandbox']);
	});
});
