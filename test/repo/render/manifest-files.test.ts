/**
 * A plain directory's files found and read at the least file-system cost, on a real folder: one listing per
 * directory, symlinks resolved by the boundary rule (in: followed; out: refused, never read), devices, FIFOs and
 * dot-entries skipped, size judged on the opened file. A canary outside the repository never comes back.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {listManifests, readManifestFile} from '../../../source/repo/render/manifest-files.js';
import {detectSourceKind} from '../../../source/repo/render/index.js';
import {makeRepoTempDir} from '../../support/repo-helpers.js';

const canary = 'CANARY-OUTSIDE-MANIFESTS-93b2';
const temp = makeRepoTempDir('gitops-tui-manifests-');
afterAll(() => temp.cleanup());
const root = path.join(temp.dir, 'repo');
const outside = path.join(temp.dir, 'outside');
mkdirSync(path.join(root, 'app/sub/deeper'), {recursive: true});
mkdirSync(path.join(root, 'app/.hidden'), {recursive: true});
mkdirSync(path.join(root, 'shared'), {recursive: true});
mkdirSync(outside, {recursive: true});
writeFileSync(path.join(outside, 'secret.yaml'), `${canary}\n`);
for (const name of ['b.yaml', 'B.yml', 'a.json', 'notes.txt', '.dot.yaml', 'sub/deeper/c.yaml', '.hidden/h.yaml']) writeFileSync(path.join(root, 'app', name), `# ${name}\n`);
writeFileSync(path.join(root, 'shared/s.yaml'), '# shared\n');
symlinkSync('../shared/s.yaml', path.join(root, 'app/linked.yaml'));
symlinkSync('../shared', path.join(root, 'app/linked-dir'));
execFileSync('mkfifo', [path.join(root, 'app/fifo.yaml')]);

const names = (files: Array<{logical: string}>) => files.map(file => path.relative(root, file.logical));

describe('listManifests', () => {
	it('lists manifests in byte order per directory, follows links inside, skips dot-entries, FIFOs and other files', async () => {
		const listed = await listManifests({root, logical: path.join(root, 'app'), real: path.join(root, 'app'), recurse: true});
		expect(listed.ok && names(listed.files)).toEqual(['app/B.yml', 'app/a.json', 'app/b.yaml', 'app/linked-dir/s.yaml', 'app/linked.yaml', 'app/sub/deeper/c.yaml']);
		// A linked file is read where it really is; a plain one where the listing says.
		expect(listed.ok && listed.files.find(file => file.logical.endsWith('linked.yaml'))?.real).toBe(path.join(root, 'shared/s.yaml'));
		const flat = await listManifests({root, logical: path.join(root, 'app'), real: path.join(root, 'app'), recurse: false});
		expect(flat.ok && names(flat.files)).toEqual(['app/B.yml', 'app/a.json', 'app/b.yaml', 'app/linked.yaml']);
	});

	it('refuses a symlink leaving the repository, file or directory, without reading it', async () => {
		for (const [name, target] of [['escape.yaml', path.join(outside, 'secret.yaml')], ['escape-dir', outside]] as const) {
			const dir = path.join(root, `leaky-${name}`);
			mkdirSync(dir);
			writeFileSync(path.join(dir, 'ok.yaml'), '# ok\n');
			symlinkSync(target, path.join(dir, name));
			const listed = await listManifests({root, logical: dir, real: dir, recurse: true});
			expect(listed.ok === false && listed.error).toMatchObject({kind: 'out-of-bounds', file: `leaky-${name}/${name}`});
			expect(JSON.stringify(listed)).not.toContain(canary);
		}
	});
});

describe('readManifestFile', () => {
	it('reads a regular file whole', async () => {
		const read = await readManifestFile(path.join(root, 'app/b.yaml'), 'app/b.yaml', 1024);
		expect(read.ok && read.bytes.toString('utf8')).toBe('# b.yaml\n');
	});

	it('refuses a file above the limit by its size, a FIFO at once, and a symlink instead of following it', async () => {
		writeFileSync(path.join(root, 'big.yaml'), 'x'.repeat(2048));
		expect(await readManifestFile(path.join(root, 'big.yaml'), 'big.yaml', 1024)).toEqual({ok: false, error: {kind: 'too-large', message: 'big.yaml is 2 KiB, above the 1 KiB limit for one manifest file', file: 'big.yaml'}});
		expect(await readManifestFile(path.join(root, 'app/fifo.yaml'), 'app/fifo.yaml', 1024)).toMatchObject({ok: false, error: {kind: 'out-of-bounds', file: 'app/fifo.yaml'}});
		// A path that should be a plain file but is (now) a link is never followed, even to a file inside.
		const linked = await readManifestFile(path.join(root, 'app/linked.yaml'), 'app/linked.yaml', 1024);
		expect(linked).toMatchObject({ok: false, error: {kind: 'out-of-bounds', file: 'app/linked.yaml'}});
		const escape = await readManifestFile(path.join(root, 'leaky-escape.yaml/escape.yaml'), 'escape.yaml', 1024);
		expect(escape.ok).toBe(false);
		expect(JSON.stringify(escape)).not.toContain(canary);
	});
});

describe('detectSourceKind', () => {
	it('reads the kind from one listing: a kustomization file (also linked), a chart, or a plain directory', async () => {
		mkdirSync(path.join(root, 'kinds/linked-kustomization'), {recursive: true});
		mkdirSync(path.join(root, 'kinds/chart'), {recursive: true});
		mkdirSync(path.join(root, 'kinds/folder-named-kustomization/kustomization.yaml'), {recursive: true});
		writeFileSync(path.join(root, 'kinds/base.yaml'), 'resources: []\n');
		symlinkSync('../base.yaml', path.join(root, 'kinds/linked-kustomization/Kustomization'));
		writeFileSync(path.join(root, 'kinds/chart/Chart.yaml'), 'name: c\n');
		expect(await detectSourceKind(root, 'kinds/linked-kustomization')).toBe('kustomize');
		expect(await detectSourceKind(root, 'kinds/chart')).toBe('helm');
		expect(await detectSourceKind(root, 'kinds/folder-named-kustomization')).toBe('directory');
		expect(await detectSourceKind(root, 'kinds/none')).toBe('directory');
	});
});
