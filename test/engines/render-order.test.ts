/**
 * The render order: apps whose folder is a kustomization or a Helm chart (processes) first, the rest after, each
 * group as given; paths leaving the repository are not looked at (the renderer refuses them later).
 */
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {AppDefinition} from '../../source/engines/engine.js';
import {renderOrder} from '../../source/engines/render-order.js';
import {makeRepoTempDir} from '../support/repo-helpers.js';

const temp = makeRepoTempDir('gitops-tui-render-order-');
afterAll(() => temp.cleanup());

const app = (name: string, source: Partial<AppDefinition['sources'][number]> | undefined): AppDefinition =>
	({name, sources: source ? [{repoUrl: '', path: '', ...source}] : []}) as unknown as AppDefinition;

describe('renderOrder', () => {
	it('puts kustomizations, charts and Flux overlays first, keeps the given order within each group', async () => {
		const root = path.join(temp.dir, 'tree');
		const outside = path.join(temp.dir, 'outside');
		for (const dir of ['plain-a', 'kust', 'chart', 'plain-b', 'yml']) mkdirSync(path.join(root, dir), {recursive: true});
		mkdirSync(outside);
		writeFileSync(path.join(root, 'kust', 'kustomization.yaml'), 'resources: []\n');
		writeFileSync(path.join(root, 'yml', 'Kustomization'), 'resources: []\n');
		writeFileSync(path.join(root, 'chart', 'Chart.yaml'), 'name: x\n');
		writeFileSync(path.join(outside, 'kustomization.yaml'), 'resources: []\n');
		symlinkSync(outside, path.join(root, 'escape'));
		const apps = [
			app('plain-a', {path: 'plain-a'}),
			app('kust', {path: 'kust'}),
			app('no-source', undefined),
			app('escape', {path: 'escape'}),
			app('up', {path: '../outside'}),
			app('chart', {path: 'chart'}),
			app('overlay', {path: 'plain-b', flux: {kustomize: {namePrefix: 'x-'}}}),
			app('plain-b', {path: 'plain-b'}),
			app('declared-helm', {path: 'plain-b', kind: 'helm'}),
			app('yml', {path: 'yml'}),
		];
		const order = await renderOrder(apps, {ok: true, sha: 'abc', dir: root});
		expect(order.map(index => apps[index]!.name)).toEqual(['kust', 'chart', 'overlay', 'declared-helm', 'yml', 'plain-a', 'no-source', 'escape', 'up', 'plain-b']);
	});

	it('takes what the render keys found instead of listing a folder again', async () => {
		const root = path.join(temp.dir, 'known');
		mkdirSync(path.join(root, 'kust'), {recursive: true});
		writeFileSync(path.join(root, 'kust', 'kustomization.yaml'), 'resources: []\n');
		// `gone` is not in the tree: only what the key's reading said can put it first.
		const apps = [app('plain', {path: 'plain'}), app('gone', {path: 'gone'}), app('kust', {path: 'kust'})];
		const order = await renderOrder(apps, {ok: true, sha: 'abc', dir: root}, [false, true, undefined]);
		expect(order.map(index => apps[index]!.name)).toEqual(['gone', 'kust', 'plain']);
	});

	it('keeps the given order without a tree', async () => {
		const apps = [app('b', {path: 'b'}), app('a', {path: 'a'})];
		expect(await renderOrder(apps, {ok: false, kind: 'no-repo', message: 'none'})).toEqual([0, 1]);
	});
});
