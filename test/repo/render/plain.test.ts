import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {renderPlainDirectory} from '../../../source/repo/render/plain.js';
import type {RenderResult} from '../../../source/repo/render/types.js';
import {makeRepoTempDir, repoFixtures} from '../../support/repo-helpers.js';

const temp = makeRepoTempDir();
afterAll(() => temp.cleanup());

function summary(result: RenderResult) {
	if (!result.ok) throw new Error(result.error.message);
	return result.objects.map(o => `${o.object.kind}/${o.object.metadata.name} ${o.file}:${o.line}`);
}

describe('renderPlainDirectory', () => {
	it('reads yaml, yml and json recursively in sorted order, unpacking Lists and skipping empty documents', async () => {
		const result = await renderPlainDirectory({root: repoFixtures, path: 'plain'});
		expect(summary(result)).toEqual([
			'Namespace/shop plain/10-namespace.yaml:1',
			'Deployment/web plain/20-web.yaml:3',
			'Service/web plain/20-web.yaml:32',
			'ConfigMap/web-config plain/30-config.json:1',
			'ServiceAccount/web plain/nested/deeper/list.yaml:1',
			'ServiceAccount/worker plain/nested/deeper/list.yaml:1',
			'ClusterRole/web-reader plain/nested/role.yml:1',
		]);
		// README.md is not a manifest and .hidden/ is a dot-folder: neither shows up anywhere.
		expect(JSON.stringify(result)).not.toContain('must-not-appear');
		expect(result.ok && result.notes).toEqual([]);
		expect(result.ok && result.warnings).toEqual([]);
	});

	it('reads file modes as kubectl does', async () => {
		const result = await renderPlainDirectory({root: repoFixtures, path: 'plain'});
		const deployment = result.ok ? result.objects.find(o => o.object.kind === 'Deployment')!.object : undefined;
		const volumes = (deployment?.spec as {template: {spec: {volumes: Array<{configMap: {defaultMode: number}}>}}}).template.spec.volumes;
		expect(volumes[0]!.configMap.defaultMode).toBe(420);
	});

	it('stays in the top folder when recursion is off (Argo CD directory default)', async () => {
		const result = await renderPlainDirectory({root: repoFixtures, path: 'plain', recurse: false});
		expect(summary(result)).toHaveLength(4);
	});

	it('renders a single manifest file', async () => {
		const result = await renderPlainDirectory({root: repoFixtures, path: 'plain/nested/role.yml'});
		expect(summary(result)).toEqual(['ClusterRole/web-reader plain/nested/role.yml:1']);
	});

	it('names file and line of broken YAML, failing the whole app', async () => {
		const result = await renderPlainDirectory({root: repoFixtures, path: 'broken-yaml'});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatchObject({kind: 'yaml', file: 'broken-yaml/broken.yaml', line: 7});
		expect(result.error.message).toMatch(/^broken-yaml\/broken\.yaml:7:\d+: /);
	});

	it('warns about YAML 1.1 booleans with file, line and field', async () => {
		const result = await renderPlainDirectory({root: repoFixtures, path: 'yaml11-booleans'});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.warnings.map(w => `${w.file}:${w.line} ${w.path}=${w.value}`)).toEqual([
			'yaml11-booleans/config.yaml:6 data.enabled=yes',
			'yaml11-booleans/config.yaml:7 data.legacy=Off',
			'yaml11-booleans/config.yaml:10 data.shouty=YES',
			'yaml11-booleans/config.yaml:19 spec.containers[0].name=n',
		]);
		// We read them as strings: the warning is about kubectl, not a change to the value.
		expect(result.objects[0]!.object.data).toMatchObject({enabled: 'yes', legacy: 'Off', quoted: 'no', explicit: true, mixed: 'yEs'});
	});

	it('reports non-Kubernetes documents as notes with file and line, not as errors', async () => {
		const result = await renderPlainDirectory({root: repoFixtures, path: 'non-kubernetes'});
		expect(summary(result)).toEqual(['ConfigMap/app non-kubernetes/app.yaml:1']);
		expect(result.ok && result.notes.map(n => [n.kind, `${n.file}:${n.line}`])).toEqual([
			['not-kubernetes', 'non-kubernetes/app.yaml:6'],
			['not-kubernetes', 'non-kubernetes/app.yaml:13'],
			['not-kubernetes', 'non-kubernetes/values.yaml:2'],
		]);
		expect(result.ok && result.notes[2]!.message).toContain('no apiVersion, kind, metadata.name');
	});

	it('refuses an alias bomb', async () => {
		const result = await renderPlainDirectory({root: repoFixtures, path: 'alias-bomb'});
		expect(result.ok === false && result.error).toMatchObject({kind: 'alias-bomb', file: 'alias-bomb/bomb.yaml'});
	});

	it('refuses a 10 MB file by its size, without reading it', async () => {
		const dir = path.join(temp.dir, 'huge');
		mkdirSync(dir);
		writeFileSync(path.join(dir, 'huge.yaml'), `data: "${'x'.repeat(10 * 1024 * 1024)}"\n`);
		const started = Date.now();
		const result = await renderPlainDirectory({root: temp.dir, path: 'huge'});
		expect(Date.now() - started).toBeLessThan(2000);
		expect(result.ok === false && result.error).toMatchObject({kind: 'too-large', file: 'huge/huge.yaml'});
		expect(result.ok === false && result.error.message).toBe('huge/huge.yaml is 10 MiB, above the 8 MiB limit for one manifest file');
	});

	it('notes an empty render instead of returning nothing silently', async () => {
		const dir = path.join(temp.dir, 'empty');
		mkdirSync(dir);
		writeFileSync(path.join(dir, 'blank.yaml'), '---\n# nothing\n---\n');
		const result = await renderPlainDirectory({root: temp.dir, path: 'empty'});
		expect(result.ok && result.objects).toEqual([]);
		expect(result.ok && result.notes.map(n => n.kind)).toEqual(['empty-render']);
	});

	it('follows symlinks inside the tree and refuses one that leaves it', async () => {
		const root = path.join(temp.dir, 'links');
		mkdirSync(path.join(root, 'app'), {recursive: true});
		mkdirSync(path.join(root, 'shared'), {recursive: true});
		writeFileSync(path.join(root, 'shared', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n');
		symlinkSync('../shared/cm.yaml', path.join(root, 'app', 'cm.yaml'));
		expect(summary(await renderPlainDirectory({root, path: 'app'}))).toEqual(['ConfigMap/shared app/cm.yaml:1']);

		writeFileSync(path.join(temp.dir, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: outside}\n');
		symlinkSync(path.join(temp.dir, 'secret.yaml'), path.join(root, 'app', 'escape.yaml'));
		const result = await renderPlainDirectory({root, path: 'app'});
		expect(result.ok === false && result.error).toMatchObject({kind: 'out-of-bounds', file: 'app/escape.yaml'});
	});

	it('refuses a path outside the tree and reports a missing one', async () => {
		expect((await renderPlainDirectory({root: repoFixtures, path: '../..'})).ok).toBe(false);
		const missing = await renderPlainDirectory({root: repoFixtures, path: 'no/such/app'});
		expect(missing.ok === false && missing.error).toMatchObject({kind: 'not-found', file: 'no/such/app'});
	});
});

describe('half-written objects and bad bytes', () => {
	it('fails on a document meant as an object but missing its kind or name, naming file and line', async () => {
		const dir = path.join(temp.dir, 'half');
		mkdirSync(path.join(dir, 'app/sub'), {recursive: true});
		writeFileSync(path.join(dir, 'app/ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n');
		writeFileSync(path.join(dir, 'app/sub/kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n');
		writeFileSync(path.join(dir, 'app/values.yaml'), 'replicaCount: 2\n');
		const fine = await renderPlainDirectory({root: dir, path: 'app'});
		expect(fine.ok && fine.objects.map(item => item.object.metadata.name)).toEqual(['ok']);
		writeFileSync(path.join(dir, 'app/typo.yaml'), '# a comment\napiVersion: v1\nkind: Service\nmetdata: {name: api}\n---\napiVersion: v1\nmetadata: {name: no-kind}\n');
		const typo = await renderPlainDirectory({root: dir, path: 'app'});
		expect(typo).toEqual({ok: false, error: {kind: 'yaml', message: 'app/typo.yaml:2: document is not a complete Kubernetes object (no metadata.name)', file: 'app/typo.yaml', line: 2}});
	});

	it('fails on bytes that are not UTF-8, naming file and line, instead of comparing replacement characters', async () => {
		const dir = path.join(temp.dir, 'latin1');
		mkdirSync(path.join(dir, 'app'), {recursive: true});
		writeFileSync(path.join(dir, 'app/cm.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {city: "'), Buffer.from([0x4d, 0xfc, 0x6e]), Buffer.from('chen"}\n')]));
		const result = await renderPlainDirectory({root: dir, path: 'app'});
		expect(result).toEqual({ok: false, error: {kind: 'yaml', message: 'app/cm.yaml:4: not valid UTF-8 (Kubernetes manifests are UTF-8 text)', file: 'app/cm.yaml', line: 4}});
	});
});
