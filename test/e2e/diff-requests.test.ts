/**
 * `diff APP` asks the cluster for the app's own objects only (issue 14): the built CLI runs against the sandbox
 * with the simulated Flux and Argo CD controllers, next to many unrelated objects, and the sandbox's request log
 * shows what it sent. The app objects (Kustomizations, HelmReleases, Applications) are listed by name (a field
 * selector), their GitRepositories whole; every other list carries a label selector and each read by name is one of
 * the app's objects; and the verdicts are the ones `status` (which lists every kind whole) gives, Extra included.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {StatusDocument} from '../../source/commands/output/status-document.js';
import type {RequestLogEntry} from '../../source/sandbox/index.js';
import {crds, startGitOpsWorld, type GitOpsWorld} from '../support/gitops-world.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {runProcess} from '../support/scenario-cluster.js';

let world: GitOpsWorld;
let kubeconfig: string;
let head: string;

const configMap = (name: string, colour: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  colour: ${colour}\n`;
const appKinds = ['kustomizations', 'helmreleases', 'gitrepositories', 'applications'];

beforeAll(async () => {
	await ensureBuiltCli();
	world = await startGitOpsWorld({
		files: {
			'apps/web/settings.yaml': configMap('web-settings', 'blue'),
			'apps/api/settings.yaml': configMap('api-settings', 'blue'),
			'apps/worker/settings.yaml': configMap('worker-settings', 'blue'),
			'.gitops-tui.yaml': 'apps:\n  - name: worker\n    path: apps/worker\n    namespace: worker\n',
		},
	});
	head = world.commit({'apps/worker/extra.yaml': configMap('worker-more', 'green')}, 'worker: one more ConfigMap');
	kubeconfig = path.join(world.dir, 'kubeconfig');
	writeFileSync(kubeconfig, world.sandbox.kubeconfig(), {mode: 0o600});
	for (const name of ['flux-system', 'argocd', 'web', 'api', 'worker', 'others']) await world.core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}});
	// Objects of no app, of the kinds the apps have: a diff must not read them.
	for (let i = 0; i < 30; i++) await world.core.createNamespacedConfigMap({namespace: 'others', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: `unrelated-${i}`}, data: {i: String(i)}}});
	// The plain app as gitops-tui applied it at head, drifted, plus an Extra object made by hand with its label.
	const worker = {labels: {'gitops-tui.io/app': 'worker'}, annotations: {'gitops-tui.io/revision': head}};
	await world.core.createNamespacedConfigMap({namespace: 'worker', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'worker-settings', ...worker}, data: {colour: 'red'}}});
	await world.core.createNamespacedConfigMap({namespace: 'worker', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'worker-more', ...worker}, data: {colour: 'green'}}});
	await world.core.createNamespacedConfigMap({namespace: 'worker', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'worker-by-hand', labels: worker.labels}, data: {colour: 'x'}}});
	await world.create(crds.gitRepository, {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: {name: 'fleet', namespace: 'flux-system'}, spec: {interval: '1m', url: world.url, ref: {branch: 'main'}}});
	await world.create(crds.kustomization, {
		apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
		kind: 'Kustomization',
		metadata: {name: 'web', namespace: 'flux-system'},
		spec: {interval: '10m', path: './apps/web', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}, targetNamespace: 'web'},
	});
	await world.create(crds.application, {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Application',
		metadata: {name: 'api', namespace: 'argocd'},
		spec: {project: 'default', source: {repoURL: world.url, path: 'apps/api', targetRevision: 'main'}, destination: {server: 'https://kubernetes.default.svc', namespace: 'api'}, syncPolicy: {automated: {}}},
	});
	await world.gitops.settle();
	// A ConfigMap carrying the Argo CD app's tracking annotation, made by hand: its controller lists it (to prune).
	await world.core.createNamespacedConfigMap({namespace: 'api', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'api-by-hand', annotations: {'argocd.argoproj.io/tracking-id': 'api:/ConfigMap:api/api-by-hand'}}, data: {colour: 'x'}}});
	await world.advance(3 * 60_000);
	// Edited by hand after Flux applied it: drift until its next reconciliation.
	const web = await world.core.readNamespacedConfigMap({namespace: 'web', name: 'web-settings'});
	await world.core.replaceNamespacedConfigMap({namespace: 'web', name: 'web-settings', body: {...web, data: {colour: 'red'}}});
}, 90_000);

afterAll(() => world?.stop());

const env = () => ({PATH: process.env['PATH'], HOME: world.dir, XDG_CACHE_HOME: path.join(world.dir, 'cli-cache'), XDG_STATE_HOME: path.join(world.dir, 'state'), KUBECONFIG: kubeconfig});

async function cli(...args: string[]): Promise<{code: number; stdout: string; stderr: string; requests: RequestLogEntry[]}> {
	world.sandbox.clearRequests();
	const run = await runProcess('node', [builtCli, ...args, '--repo', world.workTree], env());
	return {...run, requests: world.sandbox.requests()};
}

type Verdicts = Array<[string, string]>;
const verdictsOf = (resources: Array<{kind: string; name: string; verdict: string}>): Verdicts => resources.map(resource => [`${resource.kind}/${resource.name}`, resource.verdict]);

describe('diff APP reads only the app\'s own objects', () => {
	it.each([
		['worker', 'plain'],
		['web', 'flux'],
		['api', 'argo'],
	])('%s (%s): no list without a selector but the app kinds, reads by name only of its objects, the verdicts status gives', async (name, engine) => {
		const status = await cli('status', '-o', 'json');
		const fromStatus = (JSON.parse(status.stdout) as StatusDocument).apps.find(app => app.name === name)!;
		expect(fromStatus.engine).toBe(engine);

		const diff = await cli('diff', name, '--fast', '-o', 'json');
		expect(diff.stderr).toBe('');
		const fromDiff = (JSON.parse(diff.stdout) as {app: {sync: string; resources: Array<{kind: string; name: string; verdict: string}>}}).app;
		expect(verdictsOf(fromDiff.resources)).toEqual(verdictsOf(fromStatus.resources));
		expect(fromDiff.sync).toBe('OutOfSync');

		const reads = diff.requests.filter(request => request.method === 'GET');
		// Collections: /api/v1/configmaps, /api/v1/namespaces/x/configmaps, /apis/g/v/kustomizations...
		const lists = reads.filter(request => /^\/(api\/v1|apis\/[^/]+\/[^/]+)(\/namespaces\/[^/]+)?\/[^/]+$/.test(request.path) && !/^\/api\/v1\/namespaces\/[^/]+$/.test(request.path));
		const unselected = lists.filter(request => !request.query['labelSelector'] && !appKinds.includes(request.path.split('/').at(-1)!));
		expect(unselected.map(request => request.path)).toEqual([]);
		// The app objects are asked for by name; only the sources (named by the app objects) are listed whole.
		const appObjectLists = lists.filter(request => ['kustomizations', 'helmreleases', 'applications'].includes(request.path.split('/').at(-1)!));
		expect(appObjectLists.length).toBeGreaterThan(0);
		expect(appObjectLists.every(request => request.query['fieldSelector'] === `metadata.name=${name}`)).toBe(true);
		const byName = reads.filter(request => /\/namespaces\/[^/]+\/[^/]+\/[^/]+$/.test(request.path));
		// ... and a plain app's pause flag, by name too (status reads it from its ConfigMap list).
		expect(byName.every(request => request.path.split('/').at(-1)!.startsWith(name) || request.path.endsWith(`/configmaps/gitops-tui-pause-${name}`))).toBe(true);
		expect(byName.some(request => request.path.endsWith(`/configmaps/gitops-tui-pause-${name}`))).toBe(engine === 'plain');
		// The status run did list every ConfigMap: the comparison above is between the two readings.
		expect(status.requests.some(request => request.path === '/api/v1/configmaps' && !request.query['labelSelector'])).toBe(true);
	}, 60_000);

	it('finds the Extra objects and the drift a full listing finds, and a plain app with an Extra object keeps its deployed revision', async () => {
		const worker = await cli('diff', 'worker', '--fast', '-o', 'json');
		const document = (JSON.parse(worker.stdout) as {app: {revision: {deployed?: string}; resources: Array<{kind: string; name: string; verdict: string}>}}).app;
		expect(verdictsOf(document.resources)).toEqual([
			['ConfigMap/worker-by-hand', 'Extra'],
			['ConfigMap/worker-more', 'Synced'],
			['ConfigMap/worker-settings', 'Drifted'],
		]);
		expect(document.revision.deployed).toBe(head);
		const api = (JSON.parse((await cli('diff', 'api', '--fast', '-o', 'json')).stdout) as {app: {resources: Array<{kind: string; name: string; verdict: string}>}}).app;
		expect(verdictsOf(api.resources)).toContainEqual(['ConfigMap/api-by-hand', 'Extra']);
	}, 60_000);

	it('an app of no such name is still answered with the names of the apps there are', async () => {
		const diff = await cli('diff', 'nope', '--fast');
		expect(diff.code).toBe(2);
		expect(diff.stderr).toContain('no app named nope; apps: api, web, worker');
	}, 60_000);

	it('an exact diff (server-side dry-runs) reads the same way and shows the drifted field', async () => {
		const diff = await cli('diff', 'worker');
		expect(diff.code).toBe(1);
		expect(diff.stdout).toContain('.data.colour');
		const lists = diff.requests.filter(request => request.method === 'GET' && request.path === '/api/v1/configmaps');
		expect(lists.every(request => request.query['labelSelector'] === 'gitops-tui.io/app=worker')).toBe(true);
		expect(diff.requests.filter(request => request.method === 'PATCH').map(request => request.path.split('/').at(-1))).toEqual(expect.arrayContaining(['worker-settings', 'worker-more']));
	}, 60_000);
});
