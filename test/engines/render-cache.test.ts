/**
 * Renders kept by what they read, over a real repository and real kustomize: a commit elsewhere keeps an app's
 * render, a commit to a base its kustomization reaches (outside its own path) renders it again, as does a change
 * of a render option; a path holding a symlink is keyed on the whole tree, and a path leaving the repository is
 * never listed; the cache stays within its bound.
 */
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AppDefinition} from '../../source/engines/engine.js';
import {createRenderCache, renderAppCached} from '../../source/engines/render-cache.js';
import {renderKeyDetail, renderKeyOf} from '../../source/engines/render-key.js';
import {commitFiles} from '../support/repo-helpers.js';
import {configMapYaml, plainAppAt, renderWorld} from '../support/render-world.js';

const world = renderWorld('gitops-tui-render-cache-');
const {temp, env, work, tools, head} = world;
const configMap = configMapYaml;
const app = plainAppAt;

beforeAll(async () => {
	await world.open({
		'base/cm.yaml': configMap('shared', '1'),
		'base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
		'apps/k/kustomization.yaml': 'resources:\n  - ../../base\n  - own.yaml\n',
		'apps/k/own.yaml': configMap('own', '1'),
		'apps/plain/cm.yaml': configMap('plain', '1'),
		'docs/readme.md': 'hi\n',
	});
});
afterAll(() => temp.cleanup());

describe('the render cache', () => {
	it('keeps renders across commits that did not touch what they read, and renders again when a base moved', async () => {
		const cache = createRenderCache();
		const renders: string[] = [];
		const render = async (definition: AppDefinition) => {
			const {tree, index} = await head();
			return renderAppCached(definition, {tree, index, tools, cache, onRender: rendered => renders.push(rendered.name)});
		};
		const kustomized = app('k', 'apps/k');
		const plain = app('plain', 'apps/plain');
		const first = await render(kustomized);
		expect(first.state.ok && first.state.objects.map(object => object.metadata.name).sort()).toEqual(['own', 'shared']);
		await render(plain);
		expect(renders).toEqual(['k', 'plain']);

		commitFiles(work, env, {'docs/readme.md': 'hello\n'}, {message: 'docs', date: '2026-01-02T00:00:00Z'});
		await render(kustomized);
		await render(plain);
		expect(renders).toEqual(['k', 'plain']);

		// The base lies outside apps/k: its kustomization reaches it, so the key follows it.
		commitFiles(work, env, {'base/cm.yaml': configMap('shared', '2')}, {message: 'base: 2', date: '2026-01-03T00:00:00Z'});
		const again = await render(kustomized);
		await render(plain);
		expect(renders).toEqual(['k', 'plain', 'k']);
		expect(again.state.ok && again.state.objects.find(object => object.metadata.name === 'shared')?.['data']).toEqual({value: '2'});

		// A render option is part of the key too.
		await render(app('plain', 'apps/plain', {argo: {namespace: 'elsewhere'}}));
		expect(renders).toEqual(['k', 'plain', 'k', 'plain']);
	});

	it('keys a path holding a symbolic link on the whole tree, and never keeps renders reading the cluster', async () => {
		mkdirSync(path.join(work, 'apps/linked'), {recursive: true});
		symlinkSync('../../base/cm.yaml', path.join(work, 'apps/linked/cm.yaml'));
		const linkedSha = commitFiles(work, env, {}, {message: 'link to the base', date: '2026-01-05T00:00:00Z'});
		const {tree, index} = await head();
		expect(tree.sha).toBe(linkedSha);
		expect(await renderKeyOf(app('linked', 'apps/linked'), {tree, index})).toContain(`tree:${index.trees.get('')}`);
		expect(await renderKeyOf(app('plain', 'apps/plain'), {tree, index})).not.toContain('tree:');
		const flux = app('vars', 'apps/plain', {flux: {substituteFrom: [{kind: 'ConfigMap', name: 'vars', optional: true}]}});
		expect(await renderKeyOf(flux, {tree, index})).toBeUndefined();
	});

	it('never lists a folder outside the repository or behind a symbolic link to work out a key', async () => {
		// A kustomization outside the repository, reached by `..` and by a linked app folder.
		const outside = path.join(temp.dir, 'outside');
		mkdirSync(outside, {recursive: true});
		writeFileSync(path.join(outside, 'kustomization.yaml'), 'resources: []\n');
		symlinkSync(outside, path.join(work, 'apps/escape'));
		commitFiles(work, env, {}, {message: 'a link out', date: '2026-01-06T00:00:00Z'});
		const {tree, index} = await head();
		const whole = `tree:${index.trees.get('')}`;
		for (const appPath of ['apps/escape', '../outside', path.join(temp.dir, 'outside')]) {
			const detail = await renderKeyDetail(app('out', appPath), {tree, index});
			// Were the folder listed, its kustomization would make the render a process.
			expect(detail, appPath).toEqual({key: expect.stringContaining(whole), process: false});
		}
		// A kustomization inside the repository is still told apart.
		expect(await renderKeyDetail(app('k', 'apps/k'), {tree, index})).toMatchObject({process: true});
	});

	it('forgets the least recently used renders beyond its bound', async () => {
		const cache = createRenderCache({maxEntries: 2});
		const {tree, index} = await head();
		const renders: string[] = [];
		const render = (name: string, namespace: string) => renderAppCached(app(name, 'apps/plain', {argo: {namespace}}), {tree, index, tools, cache, onRender: rendered => renders.push(rendered.name)});
		await render('one', 'a');
		await render('two', 'b');
		await render('one', 'a');
		await render('three', 'c');
		expect(cache.size).toBe(2);
		await render('one', 'a');
		await render('two', 'b');
		expect(renders).toEqual(['one', 'two', 'three', 'two']);
	});
});
