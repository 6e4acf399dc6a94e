import {describe, expect, it} from 'vitest';
import {renderApp, type RenderAppOptions} from '../../source/engines/desired-state.js';
import type {AppDefinition} from '../../source/engines/engine.js';
import {variablesOf} from '../../source/engines/flux-variables.js';
import type {RenderRequest, RenderResult} from '../../source/repo/render/index.js';
import {kubeObject} from '../support/domain-objects.js';

const app = (more: Partial<AppDefinition> = {}): AppDefinition => ({
	id: 'flux/Kustomization/prod/flux-system/web',
	name: 'web',
	engine: 'flux',
	objectKind: 'Kustomization',
	context: 'prod',
	controllerContext: 'prod',
	namespace: 'flux-system',
	defaultNamespace: 'shop',
	sources: [{repoUrl: 'https://git.example.com/config', path: 'apps/web', recurse: true, flux: {variables: {region: 'eu', tier: 'gold'}, substituteFrom: [{kind: 'ConfigMap', name: 'vars', optional: false}, {kind: 'Secret', name: 'maybe', optional: true}], targetNamespace: 'shop'}}],
	fieldManager: 'kustomize-controller',
	ownership: [],
	decoration: {labels: {}, annotations: {}},
	controller: {sync: 'Synced', autoSync: {enabled: true}},
	ignoreRules: [],
	liveKinds: [],
	warnings: [],
	...more,
});

const tree = {ok: true as const, sha: 'abc', dir: '/trees/abc'};
const rendered = (objects = [kubeObject('v1', 'ConfigMap', 'cm', undefined)]): RenderResult => ({
	ok: true,
	objects: objects.map(object => ({object, file: 'apps/web/cm.yaml', line: 1})),
	notes: [{kind: 'not-kubernetes', message: 'skipped a document without kind', file: 'apps/web/values.yaml', line: 3}],
	warnings: [],
});

function options(requests: RenderRequest[], more: Partial<RenderAppOptions> = {}): RenderAppOptions {
	return {
		tree,
		tools: {run: async () => ({ok: true, stdout: '', stderr: ''}), findBinary: async () => undefined, env: {}},
		render: async request => {
			requests.push(request);
			return rendered();
		},
		variablesFrom: async (_app, entry) => (entry.kind === 'ConfigMap' ? {ok: true, variables: {region: 'us', size: 'xl'}} : {ok: false, message: 'not found'}),
		...more,
	};
}

describe('rendering an app', () => {
	it('passes Flux variables (substituteFrom first, substitute over it; optional ones may be missing) and the target namespace', async () => {
		const requests: RenderRequest[] = [];
		const result = await renderApp(app(), options(requests));
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({root: '/trees/abc', path: 'apps/web', recurse: true, flux: {variables: {region: 'eu', size: 'xl', tier: 'gold'}, targetNamespace: 'shop'}});
		expect(result.state).toEqual({ok: true, objects: [kubeObject('v1', 'ConfigMap', 'cm', undefined)]});
		expect(result.notes).toEqual(['apps/web/values.yaml:3: skipped a document without kind']);
	});

	it('passes the Kustomization\'s kustomize fields (patches, images, components, name affixes) to the render', async () => {
		const requests: RenderRequest[] = [];
		const kustomize = {images: [{name: 'nginx', newTag: '1.27'}], components: ['../tls'], namePrefix: 'blue-'};
		await renderApp(app({sources: [{repoUrl: '', path: 'apps/web', flux: {kustomize}}]}), options(requests));
		expect(requests[0]!.flux).toEqual({kustomize});
	});

	it('fails the app when a required substituteFrom source cannot be read', async () => {
		const requests: RenderRequest[] = [];
		const result = await renderApp(app(), options(requests, {variablesFrom: async () => ({ok: false, message: 'forbidden'})}));
		expect(requests).toEqual([]);
		expect(result.state).toEqual({ok: false, error: {kind: 'substitute', message: 'postBuild.substituteFrom ConfigMap flux-system/vars: forbidden'}});
	});

	it('fails with the reason when there is no tree, the source is elsewhere, or the render fails', async () => {
		const requests: RenderRequest[] = [];
		expect((await renderApp(app(), options(requests, {tree: {ok: false, kind: 'no-repo', message: 'no repository loaded'}}))).state).toEqual({ok: false, error: {kind: 'no-repo', message: 'no repository loaded'}});
		expect((await renderApp(app({sourceProblem: 'its source x is not the loaded repository'}), options(requests))).state).toEqual({
			ok: false,
			error: {kind: 'source', message: 'desired state not rendered: its source x is not the loaded repository'},
		});
		const failing = options(requests, {render: async () => ({ok: false, error: {kind: 'helm-missing', message: 'helm is not installed; cannot render chart at charts/web'}})});
		expect((await renderApp(app(), failing)).state).toEqual({ok: false, error: {kind: 'helm-missing', message: 'helm is not installed; cannot render chart at charts/web (rendering apps/web)'}});
		expect(requests).toEqual([]);
	});

	it('joins the objects of several sources', async () => {
		const requests: RenderRequest[] = [];
		const two = app({sources: [{repoUrl: '', path: 'a'}, {repoUrl: '', path: 'b', argo: {namespace: 'x'}}]});
		const result = await renderApp(two, options(requests));
		expect(requests.map(request => [request.path, request.argo])).toEqual([
			['a', undefined],
			['b', {namespace: 'x'}],
		]);
		expect(result.state.ok && result.state.objects).toHaveLength(2);
	});
});

describe('Flux substituteFrom variables', () => {
	it('are a ConfigMap\'s data, or a Secret\'s decoded', () => {
		expect(variablesOf(kubeObject('v1', 'ConfigMap', 'v', 'x', {data: {a: '1', b: 2}}))).toEqual({a: '1'});
		expect(variablesOf(kubeObject('v1', 'Secret', 'v', 'x', {data: {token: Buffer.from('s3cret').toString('base64')}}))).toEqual({token: 's3cret'});
		expect(variablesOf(kubeObject('v1', 'ConfigMap', 'v', 'x'))).toEqual({});
	});
});

describe('render errors and Secret values', () => {
	it('masks a value read from a substituteFrom Secret wherever a failed render quotes it', async () => {
		const canary = 'CANARY-SUBSTITUTE-SECRET-3e1f';
		const requests: RenderRequest[] = [];
		const result = await renderApp(
			app(),
			options(requests, {
				variablesFrom: async (_app, entry) => ({ok: true, variables: entry.kind === 'Secret' ? ({token: canary} as Record<string, string>) : {region: 'us'}}),
				render: async () => ({ok: false, error: {kind: 'substitute', message: `apps/web/deploy.yaml: cannot substitute "${canary}" (base64 ${Buffer.from(canary).toString('base64')})`}}),
			}),
		);
		expect(result.state.ok).toBe(false);
		const message = result.state.ok ? '' : result.state.error.message;
		expect(message).not.toContain(canary);
		expect(message).not.toContain(Buffer.from(canary).toString('base64'));
		expect(message).toContain('cannot substitute "(masked)"');
	});
});
