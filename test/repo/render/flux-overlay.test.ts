import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {createFindBinary, createProcessRunner} from '../../../source/repo/process-runner.js';
import {hasFluxKustomizeFields} from '../../../source/repo/render/flux-overlay.js';
import {renderPath} from '../../../source/repo/render/index.js';
import type {RenderTools} from '../../../source/repo/render/tool-output.js';
import {makeRepoTempDir} from '../../support/repo-helpers.js';

const env = {PATH: process.env.PATH, HOME: process.env.HOME};
const realFind = createFindBinary(env);
/** The real `kubectl kustomize` (kustomize itself may be absent; the overlay must not depend on it). */
const tools: RenderTools = {run: createProcessRunner(), env, findBinary: async name => (name === 'kustomize' ? undefined : realFind(name))};

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: \${REPLICAS}
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: example.com/api:1.0.0
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ports: [{port: 80}]
`;
const component = `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
  - target: {kind: Service}
    patch: |
      - op: add
        path: /metadata/annotations
        value: {from-component: "yes"}
`;

let tree: {dir: string; cleanup: () => void};
let temp: {dir: string; cleanup: () => void};

function write(file: string, text: string): void {
	mkdirSync(path.dirname(path.join(tree.dir, file)), {recursive: true});
	writeFileSync(path.join(tree.dir, file), text);
}

/** Overlay directories left in the temp dir (the helper's own gitconfig file is not one). */
function leftovers(): string[] {
	return readdirSync(temp.dir).filter(name => name.startsWith('gitops-tui-flux-'));
}

function byKind(objects: Array<{object: KubeObject}>): Record<string, KubeObject> {
	return Object.fromEntries(objects.map(item => [item.object.kind, item.object]));
}

beforeEach(() => {
	tree = makeRepoTempDir('gitops-tui-flux-tree-');
	temp = makeRepoTempDir('gitops-tui-flux-temp-');
	write('apps/plain/deployment.yaml', deployment);
	write('apps/plain/nested/service.yml', service);
	write('apps/kust/kustomization.yaml', 'resources: [deployment.yaml, service.yaml]\n');
	write('apps/kust/deployment.yaml', deployment);
	write('apps/kust/service.yaml', service);
	write('components/annotate/kustomization.yaml', component);
});

afterEach(() => {
	tree.cleanup();
	temp.cleanup();
});

const fields = {
	patches: [
		{patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {template: {spec: {containers: [{name: api, env: [{name: MODE, value: prod}]}]}}}\n'},
		{patch: '- op: replace\n  path: /spec/ports/0/port\n  value: 8080\n', target: {kind: 'Service', name: 'api'}},
	],
	images: [{name: 'example.com/api', newName: 'registry.example.com/api', newTag: '2.0.0'}],
	components: ['../../components/annotate'],
	namePrefix: 'pre-',
	nameSuffix: '-suf',
};

describe('Flux Kustomization kustomize fields', () => {
	it.each(['apps/kust', 'apps/plain'])('applies patches, images, components and name affixes over %s, then post-build', async appPath => {
		const result = await renderPath({root: tree.dir, path: appPath, tools, tempDir: temp.dir, flux: {kustomize: fields, variables: {REPLICAS: '3'}, targetNamespace: 'prod'}});
		expect(result).toMatchObject({ok: true});
		if (!result.ok) return;
		const objects = byKind(result.objects);
		expect(Object.keys(objects).sort()).toEqual(['Deployment', 'Service']);
		expect(objects.Deployment!.metadata).toMatchObject({name: 'pre-api-suf', namespace: 'prod'});
		expect(objects.Deployment!.spec).toMatchObject({
			replicas: 3,
			template: {spec: {containers: [{name: 'api', image: 'registry.example.com/api:2.0.0', env: [{name: 'MODE', value: 'prod'}]}]}},
		});
		expect(objects.Service!.metadata).toMatchObject({name: 'pre-api-suf', annotations: {'from-component': 'yes'}});
		expect(objects.Service!.spec).toMatchObject({ports: [{port: 8080}]});
		// The temporary overlay is gone, and nothing was written into the tree.
		expect(leftovers()).toEqual([]);
		expect(readdirSync(path.join(tree.dir, appPath)).sort()).toEqual(appPath === 'apps/kust' ? ['deployment.yaml', 'kustomization.yaml', 'service.yaml'] : ['deployment.yaml', 'nested']);
	});

	it('sets an image digest', async () => {
		const result = await renderPath({root: tree.dir, path: 'apps/kust', tools, tempDir: temp.dir, flux: {kustomize: {images: [{name: 'example.com/api', digest: 'sha256:' + 'a'.repeat(64)}]}}});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(byKind(result.objects).Deployment!.spec).toMatchObject({template: {spec: {containers: [{image: `example.com/api@sha256:${'a'.repeat(64)}`}]}}});
	});

	it('fails as a value naming the app path, not the temporary directory, and cleans up', async () => {
		const result = await renderPath({root: tree.dir, path: 'apps/kust', tools, tempDir: temp.dir, flux: {kustomize: {components: ['../../components/missing']}}});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('kustomize');
		expect(result.error.message).toContain('apps/kust');
		expect(result.error.message).not.toContain(temp.dir);
		expect(result.error.message).not.toContain('gitops-tui-flux-');
		expect(leftovers()).toEqual([]);
	});

	it('reports a missing path as not-found', async () => {
		const result = await renderPath({root: tree.dir, path: 'apps/none', tools, tempDir: temp.dir, flux: {kustomize: {namePrefix: 'x-'}}});
		expect(result).toMatchObject({ok: false, error: {kind: 'not-found'}});
		expect(leftovers()).toEqual([]);
	});

	it('needs no overlay when every field is empty', () => {
		expect(hasFluxKustomizeFields(undefined)).toBe(false);
		expect(hasFluxKustomizeFields({patches: [], images: [], components: []})).toBe(false);
		expect(hasFluxKustomizeFields({nameSuffix: '-x'})).toBe(true);
	});
});
