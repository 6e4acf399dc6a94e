import {describe, expect, it} from 'vitest';
import {createFindBinary, createProcessRunner} from '../../../source/repo/process-runner.js';
import {detectSourceKind, renderPath, type RenderTools} from '../../../source/repo/render/index.js';
import {repoFixtures} from '../../support/repo-helpers.js';

const env = {PATH: process.env.PATH, HOME: process.env.HOME};
const realFind = createFindBinary(env);
const tools: RenderTools = {run: createProcessRunner(), env, findBinary: async name => (name === 'helm' ? undefined : realFind(name))};

describe('detectSourceKind', () => {
	it.each([
		['kustomize/overlays/prod', 'kustomize'],
		['helm-chart', 'helm'],
		['plain', 'directory'],
	])('%s is %s', async (appPath, kind) => {
		expect(await detectSourceKind(repoFixtures, appPath)).toBe(kind);
	});
});

describe('renderPath', () => {
	it('renders a kustomization through kustomize and applies the Argo destination', async () => {
		const result = await renderPath({root: repoFixtures, path: 'kustomize/base', tools, argo: {namespace: 'shop'}});
		expect(result.ok && result.objects.map(o => `${o.object.kind}/${o.object.metadata.namespace}/${o.object.metadata.name}`).sort()).toEqual([
			'Deployment/shop/api',
			'Service/shop/api',
		]);
	});

	it('gives a chart a clear per-app message when helm is missing', async () => {
		const result = await renderPath({root: repoFixtures, path: 'helm-chart', tools});
		expect(result).toEqual({ok: false, error: {kind: 'helm-missing', message: 'helm is not installed; cannot render chart at helm-chart'}});
	});

	it('applies Flux post-build to a plain directory', async () => {
		const result = await renderPath({
			root: repoFixtures,
			path: 'flux-substitute',
			tools,
			flux: {variables: {APP_NAME: 'web', REPLICAS: '2'}, targetNamespace: 'prod'},
		});
		expect(result.ok && result.objects.map(o => `${o.object.kind}/${o.object.metadata.namespace}/${o.object.metadata.name}`)).toEqual([
			'Deployment/prod/web',
			'ConfigMap/prod/raw-template',
			'ClusterRole/undefined/web-reader',
		]);
	});

	it('passes render errors through untouched', async () => {
		const result = await renderPath({root: repoFixtures, path: 'broken-yaml', tools, flux: {variables: {A: 'b'}}});
		expect(result.ok === false && result.error).toMatchObject({kind: 'yaml', file: 'broken-yaml/broken.yaml', line: 7});
	});
});
