/**
 * `.gitops-tui.yaml` is read only when it is a small regular file inside the repository: a symlink to an
 * operator's file, to /dev/zero or /dev/tty, or a FIFO, is a settings error at once (no hang, no memory eaten).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {maxSettingsBytes, readSettings} from '../../source/engines/settings-file.js';
import {makeRepoTempDir} from '../support/repo-helpers.js';

const canary = 'CANARY-SETTINGS-OUTSIDE-44b0';
let temp: {dir: string; cleanup: () => void};
let root: string;
beforeEach(() => {
	temp = makeRepoTempDir('gitops-tui-settings-');
	root = path.join(temp.dir, 'repo');
	mkdirSync(root);
	writeFileSync(path.join(temp.dir, 'outside.yaml'), `apps:\n- {name: stolen, path: ${canary}}\n`);
});
afterEach(() => temp.cleanup());

describe('reading .gitops-tui.yaml', () => {
	it('reads a regular file, and no file is empty settings', async () => {
		expect(await readSettings(root)).toMatchObject({ok: true, settings: {apps: []}});
		writeFileSync(path.join(root, '.gitops-tui.yaml'), 'apps:\n- {name: worker, path: apps/worker}\n');
		expect(await readSettings(root)).toMatchObject({ok: true, settings: {apps: [{name: 'worker', path: 'apps/worker'}]}});
	});

	it('refuses a symlink to a file outside the repository without reading it', async () => {
		symlinkSync(path.join(temp.dir, 'outside.yaml'), path.join(root, '.gitops-tui.yaml'));
		const result = await readSettings(root);
		expect(result).toEqual({ok: false, error: {kind: 'settings', file: '.gitops-tui.yaml', message: 'settings file .gitops-tui.yaml is a symlink leaving the repository'}});
		expect(JSON.stringify(result)).not.toContain(canary);
	});

	it.each(['/dev/zero', '/dev/tty', '/dev/urandom'])('refuses a symlink to %s at once', async device => {
		if (!existsSync(device)) return;
		symlinkSync(device, path.join(root, '.gitops-tui.yaml'));
		expect(await readSettings(root)).toMatchObject({ok: false, error: {kind: 'settings'}});
	});

	it('refuses a FIFO (opening it would block) and a file above the cap', async () => {
		execFileSync('mkfifo', [path.join(root, '.gitops-tui.yaml')]);
		expect(await readSettings(root)).toMatchObject({ok: false, error: {message: '.gitops-tui.yaml is not a regular file'}});
		const other = path.join(temp.dir, 'big');
		mkdirSync(other);
		writeFileSync(path.join(other, '.gitops-tui.yaml'), `# ${'x'.repeat(maxSettingsBytes)}\n`);
		expect(await readSettings(other)).toMatchObject({ok: false, error: {kind: 'settings', message: `.gitops-tui.yaml is larger than ${maxSettingsBytes} bytes`}});
	});
});
