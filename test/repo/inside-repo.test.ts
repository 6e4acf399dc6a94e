/**
 * The repository boundary, on a real folder: paths as written and through symlinks, devices and FIFOs that
 * must never be opened, size caps. A canary file outside the repository must never come back.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {findLinkLeavingRepo, isInside, readRepoFile, resolveInsideRepo} from '../../source/repo/inside-repo.js';
import {makeRepoTempDir} from '../support/repo-helpers.js';

const canary = 'CANARY-OUTSIDE-REPO-5d1e';
const temp = makeRepoTempDir('gitops-tui-boundary-');
afterAll(() => temp.cleanup());
const root = path.join(temp.dir, 'repo');
const outside = path.join(temp.dir, 'outside');
mkdirSync(path.join(root, 'apps/web'), {recursive: true});
mkdirSync(outside, {recursive: true});
writeFileSync(path.join(outside, 'id_rsa'), `${canary}\n`);
writeFileSync(path.join(root, 'apps/web/deploy.yaml'), 'kind: ConfigMap\n');
symlinkSync(path.join(outside, 'id_rsa'), path.join(root, 'apps/web/absolute-link.yaml'));
symlinkSync('../../outside', path.join(root, 'apps/outside-dir'));
symlinkSync('deploy.yaml', path.join(root, 'apps/web/inside-link.yaml'));
symlinkSync('loop-b', path.join(root, 'loop-a'));
symlinkSync('loop-a', path.join(root, 'loop-b'));

describe('resolveInsideRepo', () => {
	it('resolves paths inside the repository, symlinks within it included', async () => {
		expect(await resolveInsideRepo({root, target: 'apps/web'})).toMatchObject({ok: true, kind: 'dir', relative: 'apps/web'});
		expect(await resolveInsideRepo({root, target: 'apps/web/inside-link.yaml'})).toMatchObject({ok: true, kind: 'file', real: path.join(root, 'apps/web/deploy.yaml')});
		expect(await resolveInsideRepo({root, from: path.join(root, 'apps/web'), target: '../web/deploy.yaml'})).toMatchObject({ok: true, kind: 'file'});
		expect(await resolveInsideRepo({root, target: '.'})).toMatchObject({ok: true, kind: 'dir', relative: '.'});
	});

	it.each([
		['../outside/id_rsa', 'leaves the repository'],
		['apps/../../outside', 'leaves the repository'],
		[path.join(outside, 'id_rsa'), 'absolute path'],
		['/etc/passwd', 'absolute path'],
		['apps/web/absolute-link.yaml', 'symlink leaving the repository'],
		['apps/outside-dir', 'symlink leaving the repository'],
		['apps/outside-dir/id_rsa', 'symlink leaving the repository'],
		['loop-a', 'symlink loop'],
	])('refuses %s', async (target, message) => {
		const result = await resolveInsideRepo({root, target});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('out-of-bounds');
		expect(result.error.message).toContain(message);
	});

	it('refuses ".." in an app path even when it stays inside, and says what is missing', async () => {
		expect(await resolveInsideRepo({root, target: 'apps/../apps/web', parentSegments: false})).toMatchObject({ok: false, error: {kind: 'out-of-bounds'}});
		expect(await resolveInsideRepo({root, target: 'apps/none'})).toMatchObject({ok: false, error: {kind: 'not-found', file: 'apps/none'}});
	});

	it('compares whole path segments', () => {
		expect(isInside('/repo', '/repo')).toBe(true);
		expect(isInside('/repo', '/repo/a')).toBe(true);
		expect(isInside('/repo', '/repo-evil/a')).toBe(false);
		expect(isInside('/repo', '/')).toBe(false);
		expect(isInside('/repo', '/repo/..foo')).toBe(true);
	});
});

describe('readRepoFile', () => {
	it('reads a regular file, also through a symlink inside', async () => {
		expect(await readRepoFile({root, target: 'apps/web/inside-link.yaml', maxBytes: 100})).toEqual({ok: true, text: 'kind: ConfigMap\n', relative: 'apps/web/inside-link.yaml'});
	});

	it('never opens a device or a FIFO: /dev/zero, /dev/null and a FIFO are refused at once', async () => {
		symlinkSync('/dev/zero', path.join(root, 'zero.yaml'));
		symlinkSync('/dev/null', path.join(root, 'null.yaml'));
		execFileSync('mkfifo', [path.join(root, 'fifo.yaml')]);
		for (const target of ['zero.yaml', 'null.yaml', 'fifo.yaml']) {
			const result = await readRepoFile({root, target, maxBytes: 1024});
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.error.message).toMatch(/symlink leaving the repository|not a regular file/);
		}
		if (existsSync('/dev/tty')) {
			symlinkSync('/dev/tty', path.join(root, 'tty.yaml'));
			expect((await readRepoFile({root, target: 'tty.yaml', maxBytes: 1024})).ok).toBe(false);
		}
	});

	it('refuses a file above the cap, and a symlink to a file outside', async () => {
		writeFileSync(path.join(root, 'big.yaml'), 'x'.repeat(2048));
		expect(await readRepoFile({root, target: 'big.yaml', maxBytes: 1024})).toMatchObject({ok: false, error: {kind: 'too-large', file: 'big.yaml'}});
		// At the cap exactly, and empty: read whole.
		writeFileSync(path.join(root, 'at-cap.yaml'), 'é'.repeat(512));
		expect(await readRepoFile({root, target: 'at-cap.yaml', maxBytes: 1024})).toEqual({ok: true, text: 'é'.repeat(512), relative: 'at-cap.yaml'});
		expect(await readRepoFile({root, target: 'at-cap.yaml', maxBytes: 1023})).toMatchObject({ok: false, error: {kind: 'too-large'}});
		writeFileSync(path.join(root, 'empty.yaml'), '');
		expect(await readRepoFile({root, target: 'empty.yaml', maxBytes: 1024})).toEqual({ok: true, text: '', relative: 'empty.yaml'});
		const outsideRead = await readRepoFile({root, target: 'apps/web/absolute-link.yaml', maxBytes: 1024});
		expect(outsideRead.ok).toBe(false);
		expect(JSON.stringify(outsideRead)).not.toContain(canary);
	});
});

describe('findLinkLeavingRepo', () => {
	it('finds a symlink leaving the repository anywhere below a directory, also behind a linked directory inside', async () => {
		expect(await findLinkLeavingRepo({root, dir: path.join(root, 'apps/web')})).toMatchObject({kind: 'out-of-bounds', file: 'apps/web/absolute-link.yaml'});
		mkdirSync(path.join(root, 'chart/templates'), {recursive: true});
		writeFileSync(path.join(root, 'chart/templates/a.yaml'), 'kind: ConfigMap\n');
		expect(await findLinkLeavingRepo({root, dir: path.join(root, 'chart')})).toBeUndefined();
		symlinkSync('../apps', path.join(root, 'chart/linked'));
		expect(await findLinkLeavingRepo({root, dir: path.join(root, 'chart')})).toMatchObject({kind: 'out-of-bounds', file: 'chart/linked/outside-dir'});
	});
});
