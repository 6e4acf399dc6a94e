/**
 * `gitops-tui --demo` without a terminal (a pipe, a script): the demo world's status, exactly as `status` prints
 * it, so `--demo -o json` is parseable; the world is torn down afterwards.
 */
import {existsSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runDemo} from '../../source/commands/demo.js';
import type {StatusJsonApp} from '../../source/domain/app.js';

function collect(stream: PassThrough): () => string {
	let text = '';
	stream.on('data', chunk => (text += String(chunk)));
	return () => text;
}

describe('gitops-tui --demo without a terminal', () => {
	it('prints the demo fleet as status -o json, with drift, and exits 1', async () => {
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		const out = collect(stdout);
		const err = collect(stderr);
		const code = await runDemo({args: [], flags: {output: 'json'}, io: {stdout, stderr, env: {...process.env}, cwd: process.cwd()}}, {interactive: false});
		expect(code).toBe(1);
		expect(err()).toContain('3 sandbox clusters (prod-eu, prod-us, staging)');
		const document = JSON.parse(out()) as {kind: string; apps: StatusJsonApp[]};
		expect(document.kind).toBe('Status');
		expect(document.apps.map(app => `${app.name}@${app.context}`).sort()).toEqual(['billing@staging', 'checkout@staging', 'payments@prod-eu', 'shop@prod-eu', 'shop@prod-us']);
		const shop = document.apps.find(app => app.name === 'shop' && app.context === 'prod-eu')!;
		expect(shop.resources.find(r => r.kind === 'Deployment' && r.name === 'web')?.fields).toContainEqual({
			path: '.spec.template.spec.containers[name="web"].image',
			manager: 'kubectl-edit',
			// A Flux app: kustomize-controller takes kubectl's fields over and undoes the edit.
			note: "kustomize-controller takes over kubectl-edit's fields and reverts this on its next apply",
		});
		expect(document.apps.find(app => app.name === 'billing')?.autoSync).toMatchObject({enabled: false, pausedBy: 'alice@example.com'});
		expect(out()).not.toContain('demo-not-a-real');
	}, 60_000);
});

describe('gitops-tui --demo when the world cannot start', () => {
	it('says why on stderr, exits 2 and removes its temporary folder', async () => {
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		const err = collect(stderr);
		let workDir = '';
		const start = async (options: {workDir: string}) => {
			workDir = options.workDir;
			await writeFile(path.join(workDir, 'kubeconfig'), 'token: demo-not-a-real-token\n');
			throw new Error('error:068000DD:asn1 encoding routines::illegal padding');
		};
		const code = await runDemo({args: [], flags: {}, io: {stdout, stderr, env: {...process.env}, cwd: process.cwd()}}, {interactive: false, start});
		expect(code).toBe(2);
		expect(err()).toBe('gitops-tui demo: could not start: error:068000DD:asn1 encoding routines::illegal padding\n');
		expect(workDir).not.toBe('');
		expect(existsSync(workDir)).toBe(false);
	});
});
