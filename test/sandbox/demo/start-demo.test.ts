/**
 * The demo world end to end: one demo for the file, read the way gitops-tui reads it — the kubeconfig through
 * client-node, the repository through git, the apps through the engines' discovery and the full evaluation.
 * The outage switch and stop() come last, in that order.
 */
import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {load} from 'js-yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openEvaluationSession} from '../../../source/commands/evaluation-session.js';
import {toStatusJson, type AppStatus} from '../../../source/domain/app.js';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {applicationKind} from '../../../source/engines/argo-application.js';
import type {ContextInfo} from '../../../source/engines/context-info.js';
import {discoverApps} from '../../../source/engines/discover.js';
import type {AppDefinition} from '../../../source/engines/engine.js';
import {evaluate, type Evaluation} from '../../../source/engines/evaluate.js';
import {gitRepositoryKind} from '../../../source/engines/flux-common.js';
import {kustomizationKind} from '../../../source/engines/flux-kustomization.js';
import {createRepoMatcher} from '../../../source/engines/repo-match.js';
import {parseSettings} from '../../../source/engines/settings.js';
import {startDemo, type Demo} from '../../../source/sandbox/demo/index.js';
import {accepts} from '../../../source/sandbox/demo/git-daemon.js';
import {demoClients, demoGit, listCustom} from '../../support/demo-helpers.js';
import {waitFor} from '../../support/wait-for.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-demo-'));
const logged: string[] = [];
/** The provider Secret's fake values, in clear and as stored: they must show up nowhere. */
const canaries = ['demo-not-a-real-api-key', 'demo-not-a-real-webhook-secret'].flatMap(value => [value, Buffer.from(value).toString('base64')]);
let demo: Demo;
let startMs = 0;
const shas: Record<string, string> = {};

beforeAll(async () => {
	const started = Date.now();
	demo = await startDemo({workDir: dir, log: line => logged.push(line)});
	startMs = Date.now() - started;
	const log = await demoGit(demo.repoPath, ['log', '--format=%H %s']);
	for (const line of log.output.trim().split('\n')) shas[line.slice(41)] = line.slice(0, 40);
}, 60_000);

afterAll(async () => {
	await demo?.stop();
	rmSync(dir, {recursive: true, force: true});
});

/** The apps as the engines discover them, from objects read over HTTP with client-node. */
async function discover(): Promise<AppDefinition[]> {
	const contexts: ContextInfo[] = demo.contexts.map(name => ({name, server: demoClients(demo.kubeconfigPath, name).server, namespace: 'default', current: name === 'prod-eu', reachable: true}));
	const objects = new Map<string, KubeObject[]>();
	for (const context of demo.contexts) {
		const clients = demoClients(demo.kubeconfigPath, context);
		objects.set(`${context}/Kustomization`, await listCustom(clients, kustomizationKind, 'kustomizations'));
		objects.set(`${context}/GitRepository`, await listCustom(clients, gitRepositoryKind, 'gitrepositories'));
		objects.set(`${context}/Application`, await listCustom(clients, applicationKind, 'applications'));
	}
	const settings = parseSettings(readFileSync(path.join(demo.repoPath, '.gitops-tui.yaml'), 'utf8'));
	if (!settings.ok) throw new Error(settings.error.message);
	return discoverApps({
		contexts,
		currentContext: 'prod-eu',
		kubeconfigContexts: demo.contexts,
		objects: (context, kind) => objects.get(`${context}/${kind.kind}`) ?? [],
		matchesRepo: createRepoMatcher({dir: demo.repoPath, remoteUrls: [demo.remoteUrl]}),
		settings: settings.settings,
	});
}

function app(apps: readonly AppDefinition[], name: string, context: string): AppDefinition {
	const found = apps.find(candidate => candidate.name === name && candidate.context === context);
	if (!found) throw new Error(`no app ${name} on ${context} among ${apps.map(candidate => `${candidate.name}@${candidate.context}`).join(', ')}`);
	return found;
}

describe('startDemo', () => {
	it('says how long it took to start', () => {
		// How long is measured in bench/ (BENCHMARKS.md), not asserted here: these machines are shared and noisy.
		expect(startMs).toBeGreaterThan(0);
		expect(logged.some(line => /^demo: ready in \d+ ms/.test(line))).toBe(true);
	});

	it('writes one kubeconfig with three admin contexts, prod-eu current, readable only by its owner', () => {
		const config = load(readFileSync(demo.kubeconfigPath, 'utf8')) as {'current-context': string; contexts: Array<{name: string; context: {user: string}}>};
		expect(demo.contexts).toEqual(['prod-eu', 'prod-us', 'staging']);
		expect(config.contexts.map(context => context.name)).toEqual(demo.contexts);
		expect(config.contexts.map(context => context.context.user)).toEqual(['prod-eu-admin', 'prod-us-admin', 'staging-admin']);
		expect(config['current-context']).toBe('prod-eu');
		expect(statSync(demo.kubeconfigPath).mode & 0o777).toBe(0o600);
	});

	it('has three reachable, separate clusters', async () => {
		const namespaces = new Map<string, string[]>();
		const servers = new Set<string>();
		for (const context of demo.contexts) {
			const clients = demoClients(demo.kubeconfigPath, context);
			servers.add(clients.server);
			const list = await clients.core.listNamespace();
			namespaces.set(context, list.items.map(item => item.metadata!.name!).sort());
		}
		expect(servers.size).toBe(3);
		expect(namespaces.get('prod-eu')).toEqual(expect.arrayContaining(['argocd', 'flux-system', 'payments', 'shop']));
		expect(namespaces.get('prod-us')).toEqual(expect.arrayContaining(['flux-system', 'shop']));
		expect(namespaces.get('prod-us')).not.toContain('payments');
		expect(namespaces.get('staging')).toEqual(expect.arrayContaining(['billing', 'checkout', 'flux-system']));
	});

	it('clones a repository with real history and settings, its origin the git daemon', async () => {
		expect(demo.remoteUrl).toMatch(/^git:\/\/127\.0\.0\.1:\d+\/fleet\.git$/);
		expect((await demoGit(demo.repoPath, ['remote', 'get-url', 'origin'])).output.trim()).toBe(demo.remoteUrl);
		expect(Object.keys(shas).length).toBeGreaterThanOrEqual(8);
		const authors = (await demoGit(demo.repoPath, ['log', '--format=%ae'])).output.trim().split('\n');
		expect(new Set(authors).size).toBeGreaterThanOrEqual(3);
		expect(readFileSync(path.join(demo.repoPath, '.gitops-tui.yaml'), 'utf8')).toContain('name: checkout');
		const fetched = await demoGit(demo.repoPath, ['fetch', 'origin']);
		expect(fetched.code).toBe(0);
	});

	it('deploys Flux, Argo CD and plain apps the engines discover', async () => {
		const apps = await discover();
		expect(apps.map(found => `${found.engine}:${found.name}@${found.context}`).sort()).toEqual([
			'argo:payments@prod-eu',
			'flux:billing@staging',
			'flux:shop@prod-eu',
			'flux:shop@prod-us',
			'plain:checkout@staging',
		]);
		const head = shas['shop: bump web to nginx 1.27'];
		const beforeHead = shas['checkout: roll out the 1.8 release candidate'];
		for (const found of apps) {
			expect(found.error, found.id).toBeUndefined();
			expect(found.sourceProblem, found.id).toBeUndefined();
		}
		expect(app(apps, 'shop', 'prod-eu')).toMatchObject({sources: [{path: 'apps/shop', flux: {targetNamespace: 'shop'}}], controller: {sync: 'Synced', deployedRevision: head, source: {ready: true}}});
		expect(app(apps, 'shop', 'prod-us').controller.deployedRevision).toBe(beforeHead);
		expect(app(apps, 'billing', 'staging').controller).toMatchObject({
			deployedRevision: shas['checkout: release 1.7.2'],
			autoSync: {enabled: false, pausedBy: 'alice@example.com', reason: 'incident INC-4711: holding billing at 2.3', since: expect.stringMatching(/Z$/)},
		});
		expect(app(apps, 'payments', 'prod-eu')).toMatchObject({
			sources: [{path: 'apps/payments', targetRevision: 'main'}],
			defaultNamespace: 'payments',
			controller: {sync: 'OutOfSync', health: 'Missing', deployedRevision: head, autoSync: {enabled: true}, source: {ready: true}},
		});
		expect(app(apps, 'checkout', 'staging')).toMatchObject({sources: [{path: 'apps/checkout'}], namespace: 'checkout', ownership: [{kind: 'labels', values: {'gitops-tui.io/app': 'checkout'}}]});
		expect(app(apps, 'payments', 'prod-eu').liveKinds).toEqual(expect.arrayContaining([{group: '', version: 'v1', kind: 'Secret'}]));
	});
});

describe('the demo as gitops-tui evaluates it', () => {
	let evaluation: Evaluation;
	const statusOf = (name: string, context: string): AppStatus => {
		const found = evaluation.apps.find(candidate => candidate.status.name === name && candidate.status.context === context);
		if (!found) throw new Error(`no status for ${name} on ${context}`);
		return found.status;
	};
	const resource = (status: AppStatus, kind: string, name: string) => {
		const found = status.resources.find(candidate => candidate.key.kind === kind && candidate.key.name === name);
		if (!found) throw new Error(`${status.name}@${status.context} has no ${kind} ${name}`);
		return found;
	};

	beforeAll(async () => {
		const stderr = new PassThrough();
		const opened = await openEvaluationSession(
			{args: [], flags: {kubeconfig: demo.kubeconfigPath, allContexts: true, repo: demo.repoPath, cacheDir: path.join(dir, 'cache')}, io: {stdout: new PassThrough(), stderr, env: {PATH: process.env.PATH, HOME: dir}, cwd: dir}},
			'status',
		);
		if (!opened.ok) throw new Error(`cannot open the demo: ${String(stderr.read() ?? '')}`);
		try {
			evaluation = await evaluate({...opened.session, mode: 'fast'});
		} finally {
			opened.session.close();
		}
		// Rendering three clusters' apps takes a while when the whole suite shares two cores.
	}, 60_000);

	it('finds drift by other managers, and hides what the repository ignores', () => {
		const shop = statusOf('shop', 'prod-eu');
		expect(shop.sync).toBe('OutOfSync');
		expect(resource(shop, 'Deployment', 'web')).toMatchObject({verdict: 'Drifted', fields: [{path: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit'}]});
		// The worker's replicas were changed by the autoscaler, which .gitops-tui.yaml ignores.
		expect(resource(shop, 'Deployment', 'worker')).toMatchObject({verdict: 'Synced', fields: [{path: '.spec.replicas', manager: 'kube-controller-manager', ignored: true}]});
		// `cpu: 1000m` in Git, `1` on the server: the same quantity.
		expect(resource(shop, 'Deployment', 'web').fields.some(field => field.path.includes('cpu'))).toBe(false);
		expect(resource(statusOf('payments', 'prod-eu'), 'Deployment', 'api')).toMatchObject({verdict: 'Drifted', fields: [{path: '.spec.replicas', manager: 'kube-controller-manager'}]});
	});

	it('finds the missing object', () => {
		const payments = statusOf('payments', 'prod-eu');
		expect(resource(payments, 'ConfigMap', 'fraud-rules').verdict).toBe('Missing');
		expect(payments.resources.filter(found => found.verdict === 'Missing')).toHaveLength(1);
		expect(payments.controllerSync).toBe('OutOfSync');
	});

	it('finds the stuck rollout', async () => {
		const checkout = statusOf('checkout', 'staging');
		expect(checkout.revision).toMatchObject({deployed: shas['checkout: roll out the 1.8 release candidate'], behind: 0});
		expect(['Progressing', 'Degraded']).toContain(resource(checkout, 'Deployment', 'checkout').health?.status);
		const clients = demoClients(demo.kubeconfigPath, 'staging');
		const deployment = await clients.apps.readNamespacedDeployment({name: 'checkout', namespace: 'checkout'});
		expect(deployment.spec?.progressDeadlineSeconds).toBe(30);
		expect(deployment.spec?.template.spec?.containers[0]?.image).toBe('ghcr.io/example/checkout:broken');
		// 1.7.2 still serves from the old ReplicaSet while the new pod cannot pull its image.
		expect(deployment.status?.availableReplicas).toBe(2);
		await waitFor(
			async () => {
				const pods = await clients.core.listNamespacedPod({namespace: 'checkout'});
				return pods.items.some(pod => ['ErrImagePull', 'ImagePullBackOff'].includes(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? ''));
			},
			{describe: () => 'a checkout pod failing to pull its image'},
		);
	});

	it('shows the paused app and revisions behind HEAD', () => {
		const billing = statusOf('billing', 'staging');
		expect(billing.autoSync).toMatchObject({enabled: false, pausedBy: 'alice@example.com'});
		expect(billing.revision.behind).toBe(1);
		expect(resource(billing, 'Deployment', 'billing').fields.map(field => field.path)).toEqual(['.spec.template.spec.containers[name="billing"].image']);
		expect(statusOf('shop', 'prod-eu').revision.behind).toBe(0);
		expect(statusOf('shop', 'prod-us').revision.behind).toBe(1);
	});

	it('masks the Secret: its values appear in no status and no log line', () => {
		const secret = resource(statusOf('payments', 'prod-eu'), 'Secret', 'payments-provider');
		expect(secret.verdict).toBe('Synced');
		const statuses = JSON.stringify(evaluation.apps.map(found => toStatusJson(found.status)));
		for (const canary of canaries) {
			expect(statuses).not.toContain(canary);
			expect(logged.join('\n')).not.toContain(canary);
		}
	});
});

describe('the controllers at work', () => {
	it('undo a hand edit on prod-us shop (re-applied every 30 s) and keep the one on prod-eu shop (hourly)', async () => {
		const us = demoClients(demo.kubeconfigPath, 'prod-us');
		const image = async (clients: typeof us) => (await clients.apps.readNamespacedDeployment({name: 'web', namespace: 'shop'})).spec?.template.spec?.containers[0]?.image;
		const fromGit = await image(us);
		await us.apps.patchNamespacedDeployment({name: 'web', namespace: 'shop', fieldManager: 'kubectl-edit', body: [{op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:by-hand'}]});
		expect(await image(us)).toBe('nginx:by-hand');
		await waitFor(async () => (await image(us)) === fromGit, {timeoutMs: 45_000, intervalMs: 250, describe: () => `kustomize-controller to put ${fromGit} back on prod-us`});
		expect(await image(demoClients(demo.kubeconfigPath, 'prod-eu'))).toBe('nginx:1.26');
	}, 60_000);
});

describe('simulateOutage', () => {
	const readySources = async () => {
		const states: string[] = [];
		for (const context of demo.contexts) {
			const [source] = await listCustom(demoClients(demo.kubeconfigPath, context), gitRepositoryKind, 'gitrepositories');
			const ready = ((source?.['status'] as {conditions?: Array<{type: string; status: string}>})?.conditions ?? []).find(condition => condition.type === 'Ready');
			states.push(`${context}=${ready?.status}`);
		}
		return states;
	};

	it('takes the Git server down; the controllers notice by themselves on their next fetch, and recover', async () => {
		expect(demo.outage).toBe(false);
		await demo.simulateOutage(true);
		await demo.simulateOutage(true);
		expect(demo.outage).toBe(true);
		const failed = await demoGit(demo.repoPath, ['fetch', 'origin']);
		expect(failed.code).not.toBe(0);
		expect(failed.output).toMatch(/connection refused/i);
		// prod-eu and staging fetch every 10 s; prod-us's source fetches every two hours, so it has not noticed.
		await waitFor(async () => (await readySources()).join() === 'prod-eu=False,prod-us=True,staging=False', {timeoutMs: 40_000, describe: () => 'the 10 s sources to fail'});
		await waitFor(async () => app(await discover(), 'payments', 'prod-eu').controller.source?.ready === false, {timeoutMs: 40_000, describe: () => 'Argo CD to report a ComparisonError'});
		const down = await discover();
		expect(app(down, 'shop', 'prod-eu').controller.source).toMatchObject({ready: false, message: expect.stringMatching(/unable to clone 'git:\/\/127\.0\.0\.1:\d+\/fleet\.git': .*connection refused/i)});
		expect(app(down, 'payments', 'prod-eu').controller.source).toMatchObject({ready: false, message: expect.stringMatching(/^ComparisonError: .*connection refused/i)});
		// The Kustomizations go on applying the last artifact, as Flux does.
		expect(app(down, 'shop', 'prod-eu').controller.deployedRevision).toBe(shas['shop: bump web to nginx 1.27']);

		await demo.simulateOutage(false);
		expect(demo.outage).toBe(false);
		expect((await demoGit(demo.repoPath, ['fetch', 'origin'])).code).toBe(0);
		await waitFor(async () => (await readySources()).join() === 'prod-eu=True,prod-us=True,staging=True', {timeoutMs: 40_000, describe: () => 'the sources to fetch again'});
		await waitFor(async () => app(await discover(), 'payments', 'prod-eu').controller.source?.ready === true, {timeoutMs: 40_000, describe: () => 'Argo CD to compare again'});
		const up = await discover();
		expect(app(up, 'payments', 'prod-eu').controller).toMatchObject({sync: 'OutOfSync', source: {ready: true}});
		expect(app(up, 'shop', 'prod-us').controller.source).toEqual({ready: true});
	}, 120_000);

	it('serialises concurrent switches', async () => {
		await Promise.all([demo.simulateOutage(true), demo.simulateOutage(false), demo.simulateOutage(true)]);
		expect(demo.outage).toBe(true);
		expect((await demoGit(demo.repoPath, ['fetch', 'origin'])).code).not.toBe(0);
		await demo.simulateOutage(false);
		expect((await demoGit(demo.repoPath, ['fetch', 'origin'])).code).toBe(0);
	});
});

describe('stop', () => {
	it('stops the clusters and the git daemon, freeing their ports', async () => {
		const ports = demo.contexts.map(context => Number(new URL(demoClients(demo.kubeconfigPath, context).server).port));
		ports.push(Number(new URL(demo.remoteUrl).port));
		for (const port of ports) expect(await accepts(port)).toBe(true);
		await demo.stop();
		await demo.stop();
		for (const port of ports) expect(await accepts(port), `port ${port}`).toBe(false);
	});

	it('starts again in the same folder, replacing what the last demo left', async () => {
		const again = await startDemo({workDir: dir});
		try {
			expect((await demoGit(again.repoPath, ['remote', 'get-url', 'origin'])).output.trim()).toBe(again.remoteUrl);
			expect((await demoGit(again.repoPath, ['fetch', 'origin'])).code).toBe(0);
			const namespaces = await demoClients(again.kubeconfigPath, 'staging').core.listNamespace();
			expect(namespaces.items.map(item => item.metadata?.name)).toContain('checkout');
		} finally {
			await again.stop();
		}
	});
});
