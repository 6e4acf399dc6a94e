import {chmodSync, mkdtempSync, rmSync, writeFileSync, readdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import {kubectlDiffFileName, parseExternalDiff, runExternalDiff} from '../../../source/commands/output/external-diff.js';
import {kubeObject} from '../../support/domain-objects.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-external-diff-'));
afterAll(() => rmSync(temp, {recursive: true, force: true}));

function capture(): {stream: PassThrough; text: () => string} {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', chunk => (text += chunk));
	return {stream, text: () => text};
}

describe('KUBECTL_EXTERNAL_DIFF', () => {
	it('names files as kubectl does', () => {
		expect(kubectlDiffFileName({group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'shop', name: 'web'})).toBe('apps.v1.Deployment.shop.web');
		expect(kubectlDiffFileName({group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'cfg'})).toBe('v1.ConfigMap.shop.cfg');
		expect(kubectlDiffFileName({group: '', version: 'v1', kind: 'Namespace', namespace: '', name: 'shop'})).toBe('v1.Namespace..shop');
	});

	it('keeps only safe arguments, as kubectl does', () => {
		expect(parseExternalDiff('colordiff -N -u --color=always $(rm) ;x')).toEqual({program: 'colordiff', args: ['-N', '-u', '--color=always']});
		expect(parseExternalDiff('meld')).toEqual({program: 'meld', args: []});
	});

	it('writes masked live and merged objects into LIVE-* and MERGED-* folders, runs the program, removes them', async () => {
		const script = path.join(temp, 'show.sh');
		writeFileSync(script, '#!/bin/sh\necho "args: $1 $2 $3"\nfor f in "$2"/* "$3"/*; do echo "== $(basename "$(dirname "$f")" | cut -d- -f1)/$(basename "$f")"; cat "$f"; done\nexit 1\n');
		chmodSync(script, 0o755);
		const stdout = capture();
		const stderr = capture();
		const secret = (value: string) => kubeObject('v1', 'Secret', 'creds', 'shop', {data: {password: Buffer.from(value).toString('base64'), user: 'YWRtaW4='}}, {managedFields: [], resourceVersion: '7'});
		const result = await runExternalDiff({
			command: `${script} -N`,
			entries: [
				{key: {group: '', version: 'v1', kind: 'Secret', namespace: 'shop', name: 'creds'}, live: secret('live-canary-1'), merged: secret('git-canary-2')},
				{key: {group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'new'}, merged: kubeObject('v1', 'ConfigMap', 'new', 'shop', {data: {a: 'b'}})},
			],
			stdout: stdout.stream,
			stderr: stderr.stream,
			env: {PATH: process.env['PATH']},
			tmpDir: temp,
		});
		expect(result).toEqual({ok: true, exitCode: 1});
		const text = stdout.text();
		expect(text).toMatch(new RegExp(`^args: -N ${temp}/LIVE-\\S+ ${temp}/MERGED-\\S+$`, 'm'));
		expect(text).toContain('== LIVE/v1.Secret.shop.creds');
		expect(text).toContain('== MERGED/v1.ConfigMap.shop.new');
		expect(text).not.toContain('LIVE/v1.ConfigMap.shop.new');
		expect(text).toContain("password: '(masked: live value)'");
		expect(text).toContain("password: '(masked: desired value)'");
		expect(text).toContain("user: (masked)");
		expect(text).not.toMatch(/canary|Y2FuYXJ5|YWRtaW4=|resourceVersion|managedFields/);
		expect(readdirSync(temp).filter(name => /^(LIVE|MERGED)-/.test(name))).toEqual([]);
	});

	it('reports a program that cannot run', async () => {
		const result = await runExternalDiff({command: path.join(temp, 'missing-program'), entries: [], stdout: new PassThrough(), stderr: new PassThrough(), env: {}, tmpDir: temp});
		expect(result).toMatchObject({ok: false, message: expect.stringContaining('cannot run')});
	});
});
