/**
 * `gitops-tui status` and `diff` through the built CLI against a sandbox where Flux, Argo CD and plain apps were
 * deployed the way their controllers deploy them, then changed by other field managers. In every scenario the
 * objects `gitops-tui diff` calls different are the objects `kubectl diff --server-side --force-conflicts`
 * reports for the same manifests.
 */
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {StatusJsonApp} from '../../source/domain/app.js';
import {repoSlug} from '../../source/repo/repo-open.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {diffSetsPerApp, ensureBuiltCli, gitopsTui, kubectlDiffObjects, statusJson} from '../support/scenario-cli.js';
import {seedCachedClone} from '../support/scenario-repo.js';

function app(apps: StatusJsonApp[], name: string): StatusJsonApp {
	const found = apps.find(candidate => candidate.name === name);
	if (!found) throw new Error(`no app ${name} in ${apps.map(candidate => candidate.name).join(', ')}`);
	return found;
}

function drifted(entry: StatusJsonApp): string[] {
	return entry.resources.filter(resource => resource.verdict !== 'Synced').map(resource => `${resource.verdict} ${resource.kind} ${resource.namespace}/${resource.name}`);
}

beforeAll(ensureBuiltCli, 60_000);

describe('a fleet deployed as its controllers deploy it, untouched since', () => {
	let scenario: Scenario;
	beforeAll(async () => {
		scenario = await startScenario();
	}, 60_000);
	afterAll(async () => scenario?.stop());

	it('is in sync: every app Synced and Healthy, revisions current, exit 0', async () => {
		const {code, document} = await statusJson(scenario);
		expect(code).toBe(0);
		expect(document).toMatchObject({apiVersion: 'gitops-tui/v1', kind: 'Status', git: {repo: scenario.repo.dir, branch: 'main', head: scenario.deployed}});
		expect(document.contexts).toEqual([{name: 'sandbox', reachable: true}]);
		expect(document.apps.map(entry => [entry.name, entry.engine, entry.sync, entry.controllerSync, entry.health])).toEqual([
			['api', 'argo', 'Synced', 'Synced', 'Healthy'],
			['web', 'flux', 'Synced', 'Synced', 'Healthy'],
			['worker', 'plain', 'Synced', 'Unknown', 'Healthy'],
		]);
		for (const entry of document.apps) {
			expect(entry.revision).toEqual({deployed: scenario.deployed, head: scenario.deployed, behind: 0});
			expect(entry.error).toBeUndefined();
		}

		expect(app(document.apps, 'web').autoSync).toEqual({enabled: true});
		expect(app(document.apps, 'api')).toMatchObject({namespace: 'argocd', autoSync: {enabled: true}});
		expect(app(document.apps, 'web').resources.map(resource => `${resource.kind} ${resource.namespace}/${resource.name}`)).toEqual([
			'ConfigMap shop/web-config',
			'Service shop/web',
			'Deployment shop/web',
		]);
		// Argo CD's destination namespace was applied to manifests that name none.
		expect(app(document.apps, 'api').resources.every(resource => resource.namespace === 'api')).toBe(true);

		const sets = await diffSetsPerApp(scenario);
		for (const [name, set] of Object.entries(sets)) {
			expect({name, ...set}).toEqual({name, ours: [], hidden: [], kubectl: [], code: 0});
		}
	});

	it('does not take server defaults for drift, in the fast or the exact comparison', async () => {
		const live = JSON.parse((await scenario.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json'])).stdout);
		expect(live.spec.strategy).toEqual({type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}});
		expect(live.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
		const service = JSON.parse((await scenario.kubectl(['get', 'service', 'web', '-n', 'shop', '-o', 'json'])).stdout);
		expect(service.spec).toMatchObject({type: 'ClusterIP', sessionAffinity: 'None'});
		expect(service.spec.ports[0].protocol).toBe('TCP');
		for (const mode of [[], ['--exact']]) {
			const {code, document} = await statusJson(scenario, mode);
			expect(code).toBe(0);
			expect(document.apps.flatMap(drifted)).toEqual([]);
		}
	});

	it('takes a quantity the server rewrote (1000m stored as 1, 0.5 as 500m) as equal', async () => {
		const web = JSON.parse((await scenario.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json'])).stdout);
		expect(web.spec.template.spec.containers[0].resources.requests).toEqual({cpu: '1', memory: '64Mi'});
		const api = JSON.parse((await scenario.kubectl(['get', 'deployment', 'api', '-n', 'api', '-o', 'json'])).stdout);
		expect(api.spec.template.spec.containers[0].resources.limits.cpu).toBe('500m');
		const {document} = await statusJson(scenario, ['--exact']);
		expect(app(document.apps, 'web').sync).toBe('Synced');
		expect(app(document.apps, 'api').sync).toBe('Synced');
		const fast = await gitopsTui(scenario, ['diff', 'web', '--fast', '--repo', scenario.repo.dir]);
		expect(fast.code).toBe(0);
		expect(fast.stdout).toContain('# no differences');
	});

	it('refuses bad input with exit 2 and names the apps there are', async () => {
		const unknown = await gitopsTui(scenario, ['diff', 'nosuch', '--repo', scenario.repo.dir]);
		expect(unknown).toMatchObject({code: 2, stdout: ''});
		expect(unknown.stderr).toBe('gitops-tui diff: no app named nosuch; apps: api, web, worker\n');
		expect((await gitopsTui(scenario, ['diff', 'argo/web', '--repo', scenario.repo.dir])).code).toBe(2);
		expect((await gitopsTui(scenario, ['diff', 'flux/web', '--repo', scenario.repo.dir])).code).toBe(0);
		expect(await gitopsTui(scenario, ['status', '-o', 'xml'])).toMatchObject({code: 2, stderr: 'gitops-tui status: -o xml is not supported (table, json, yaml)\n'});
		expect((await gitopsTui(scenario, ['diff'])).code).toBe(2);
		const yaml = await gitopsTui(scenario, ['status', '-o', 'yaml', '--repo', scenario.repo.dir]);
		expect(yaml.code).toBe(0);
		expect(yaml.stdout).toMatch(/^apiVersion: gitops-tui\/v1\nkind: Status\ngit:\n/);
	});

	it('prints the table with no subcommand when stdout is not a terminal, within 80 columns', async () => {
		const run = await gitopsTui(scenario, ['--repo', scenario.repo.dir]);
		expect(run.code).toBe(0);
		const lines = run.stdout.trimEnd().split('\n');
		expect(lines.find(line => line.startsWith('APP'))).toMatch(/^APP\s+ENGINE\s+CONTEXT\s+SYNC\s+CTRL\s+HEALTH\s+REVISION\s+AUTO$/);
		expect(lines.find(line => line.startsWith('web '))).toMatch(new RegExp(`^web\\s+flux\\s+sandbox\\s+Synced\\s+Synced\\s+Healthy\\s+${scenario.deployed.slice(0, 7)}\\s+on$`));
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
	});
});

describe('drift made by other field managers', () => {
	let scenario: Scenario;
	afterEach(async () => scenario?.stop());

	it('attributes an image changed with kubectl edit to that manager, and still judges during a Git outage', async () => {
		scenario = await startScenario();
		const patched = await scenario.kubectl(['patch', 'deployment', 'web', '-n', 'shop', '--field-manager=kubectl-edit', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}']);
		expect(patched.code).toBe(0);
		const {code, document} = await statusJson(scenario);
		expect(code).toBe(1);
		const web = app(document.apps, 'web');
		expect(web).toMatchObject({sync: 'OutOfSync', controllerSync: 'Synced'});
		expect(drifted(web)).toEqual(['Drifted Deployment shop/web']);
		// web is a Flux app: kustomize-controller takes kubectl's fields over, so the note says it reverts the edit.
		const note = "kustomize-controller takes over kubectl-edit's fields and reverts this on its next apply";
		expect(web.resources.find(resource => resource.kind === 'Deployment')!.fields).toEqual([{path: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit', note}]);
		expect(app(document.apps, 'api').sync).toBe('Synced');

		const sets = await diffSetsPerApp(scenario);
		expect(sets['web']).toEqual({ours: ['Deployment shop/web'], hidden: [], kubectl: ['Deployment shop/web'], code: 1});
		expect(sets['api']!.ours).toEqual(sets['api']!.kubectl);
		expect(sets['worker']!.ours).toEqual(sets['worker']!.kubectl);
		const diff = await gitopsTui(scenario, ['diff', 'web', '--repo', scenario.repo.dir]);
		expect(diff.stdout).toContain(`.spec.template.spec.containers[name="web"].image  set by kubectl-edit  (${note})`);
		expect(diff.stdout).toMatch(/^-\s+- image: nginx:1\.28$/m);
		expect(diff.stdout).toMatch(/^\+\s+- image: nginx:1\.27$/m);
		// Read-only: the same drift from the fast comparison, and not one request that could write reached the server.
		scenario.sandbox.clearRequests();
		const readOnly = await gitopsTui(scenario, ['diff', 'web', '--repo', scenario.repo.dir, '--read-only']);
		expect(readOnly.code).toBe(1);
		expect(readOnly.stderr).toContain('--read-only sends no server-side dry-run');
		expect(readOnly.stdout).toMatch(/^# web \(flux, context sandbox\) at \w+: fast comparison$/m);
		expect(readOnly.stdout).toContain('.spec.template.spec.containers[name="web"].image  set by kubectl-edit');
		const writes = scenario.sandbox.requests().filter(request => request.method !== 'GET' && !request.path.includes('selfsubject'));
		expect(writes).toEqual([]);
		// With KUBECTL_EXTERNAL_DIFF, the files written for every object differ only where kubectl's do.
		const external = await gitopsTui(scenario, ['diff', 'web', '--repo', scenario.repo.dir], {KUBECTL_EXTERNAL_DIFF: 'diff -u -N'});
		expect(external.code).toBe(1);
		expect(kubectlDiffObjects(external.stdout)).toEqual(['Deployment shop/web']);

		// The Git server dies: verdicts still come from the local clone, and the outage is reported.
		const cacheDir = path.join(scenario.repo.root, 'cache', 'gitops-tui');
		seedCachedClone(scenario.repo, cacheDir, repoSlug(scenario.repo.url));
		const offline = await gitopsTui(scenario, ['status', '-o', 'json', '--repo', scenario.repo.url]);
		expect(offline.code).toBe(1);
		const outage = JSON.parse(offline.stdout) as typeof document;
		expect(outage.git).toMatchObject({repo: scenario.repo.url, head: scenario.deployed, reachable: false});
		expect(outage.git.error).toMatch(/cannot fetch origin \(http:\/\/127\.0\.0\.1:\d+\/org\/config\.git\)/);
		expect(outage.apps.map(entry => [entry.name, entry.sync])).toEqual([
			['api', 'Synced'],
			['web', 'OutOfSync'],
			['worker', 'Synced'],
		]);
		expect(drifted(app(outage.apps, 'web'))).toEqual(['Drifted Deployment shop/web']);
		const table = await gitopsTui(scenario, ['status', '--repo', scenario.repo.url]);
		expect(table.stdout).toMatch(/^! GIT OUTAGE: cannot fetch origin/m);
		// The banner is wrapped to the terminal width wherever the error message happens to end: read it unwrapped.
		expect(table.stdout.replaceAll(/\s+/g, ' ')).toContain('Verdicts are computed from the local clone');
	});

	it('attributes replicas scaled by an HPA-like manager to it', async () => {
		scenario = await startScenario();
		const scaled = await scenario.kubectl(
			['apply', '--server-side', '--force-conflicts', '--field-manager=hpa-controller', '-f', '-'],
			'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: api}\nspec: {replicas: 3}\n',
		);
		expect(scaled.code).toBe(0);
		const {code, document} = await statusJson(scenario);
		expect(code).toBe(1);
		const api = app(document.apps, 'api');
		expect(api.sync).toBe('OutOfSync');
		expect(api.resources.find(resource => resource.kind === 'Deployment')!.fields).toEqual([{path: '.spec.replicas', manager: 'hpa-controller'}]);
		const sets = await diffSetsPerApp(scenario);
		expect(sets['api']).toEqual({ours: ['Deployment api/api'], hidden: [], kubectl: ['Deployment api/api'], code: 1});
		expect(sets['web']!.ours).toEqual([]);
		expect(sets['web']!.kubectl).toEqual([]);
	});

	it('reports an object deleted from the cluster as Missing', async () => {
		scenario = await startScenario();
		expect((await scenario.kubectl(['delete', 'configmap', 'worker-settings', '-n', 'batch'])).code).toBe(0);
		const {code, document} = await statusJson(scenario);
		expect(code).toBe(1);
		const worker = app(document.apps, 'worker');
		expect(worker.sync).toBe('OutOfSync');
		expect(drifted(worker)).toEqual(['Missing ConfigMap batch/worker-settings']);
		expect(worker.resources.find(resource => resource.kind === 'ConfigMap')!.health).toBe('Missing');
		const sets = await diffSetsPerApp(scenario, ['worker']);
		expect(sets['worker']).toEqual({ours: ['ConfigMap batch/worker-settings'], hidden: [], kubectl: ['ConfigMap batch/worker-settings'], code: 1});
	});

	it('finds an Extra object through the Flux inventory', async () => {
		scenario = await startScenario();
		const legacy = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'legacy', namespace: 'shop'}, data: {old: 'yes'}};
		// Applied client-side, so it carries kubectl's last-applied annotation: `kubectl diff --prune` only
		// considers such objects (the annotation is bookkeeping, never drift, to gitops-tui).
		const applied = await scenario.kubectl(
			['apply', '--field-manager=kustomize-controller', '-f', '-'],
			JSON.stringify({...legacy, metadata: {...legacy.metadata, labels: {'kustomize.toolkit.fluxcd.io/name': 'web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'}}}),
		);
		expect(applied.code).toBe(0);
		// A ConfigMap that only carries a copied label but is not in the inventory is not the app's.
		await scenario.kubectl(['create', 'configmap', 'stray', '-n', 'shop', '--from-literal=a=b']);
		scenario.setFluxInventory([legacy]);
		const {code, document} = await statusJson(scenario);
		expect(code).toBe(1);
		expect(drifted(app(document.apps, 'web'))).toEqual(['Extra ConfigMap shop/legacy']);
		const sets = await diffSetsPerApp(scenario, ['web']);
		expect(sets['web']).toEqual({ours: ['ConfigMap shop/legacy'], hidden: [], kubectl: ['ConfigMap shop/legacy'], code: 1});
	});
});
