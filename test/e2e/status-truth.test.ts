/**
 * Where the verdict is easy to get wrong, checked against the truth: `kubectl diff --server-side
 * --force-conflicts` as the app's controller applies. Fields Git dropped that the controller applied (server-side
 * apply removes them), metadata changed or added by hand, a sidecar another manager injected, values written
 * differently (int-or-string, quantities), and a Missing object whose namespace comes from Flux targetNamespace.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {StatusJsonApp} from '../../source/domain/app.js';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {diffSetsPerApp, ensureBuiltCli, gitopsDiffSet, kubectlDiffSet, scenarioApp, statusJson} from '../support/scenario-cli.js';

/** Every object not Synced, with its drifted fields and their managers (sorted: the two comparisons order them differently). */
function verdicts(apps: StatusJsonApp[]): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const entry of apps) {
		for (const resource of entry.resources.filter(candidate => candidate.verdict !== 'Synced')) {
			const fields = resource.fields.map(field => `${field.path}${field.manager ? ` by ${field.manager}` : ''}`);
			out[`${entry.name}: ${resource.verdict} ${resource.kind} ${resource.namespace}/${resource.name}`] = fields.sort();
		}
	}

	return out;
}

const fluxLabels = {'kustomize.toolkit.fluxcd.io/name': 'web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'};

beforeAll(ensureBuiltCli, 60_000);

describe('live objects changed behind Git', () => {
	let scenario: Scenario;
	beforeAll(async () => {
		scenario = await startScenario();
		// kustomize-controller applied a revision with an env var, a label and a config key that Git has since
		// dropped: its next apply removes them (server-side apply prunes what the manager no longer applies).
		const previous = [
			{
				apiVersion: 'apps/v1',
				kind: 'Deployment',
				metadata: {name: 'web', namespace: 'shop', labels: {app: 'web', tier: 'frontend', ...fluxLabels}},
				spec: {
					replicas: 2,
					selector: {matchLabels: {app: 'web'}},
					template: {
						metadata: {labels: {app: 'web'}},
						spec: {containers: [{name: 'web', image: 'nginx:1.27', env: [{name: 'OLD', value: 'x'}], ports: [{containerPort: 80}], resources: {requests: {cpu: '1000m', memory: '64Mi'}}}]},
					},
				},
			},
			{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'web-config', namespace: 'shop', labels: {tier: 'frontend', ...fluxLabels}}, data: {greeting: 'hello', old: 'key'}},
		];
		for (const object of previous) {
			const applied = await scenario.kubectl(['apply', '--server-side', '--field-manager=kustomize-controller', '-f', '-'], JSON.stringify(object));
			if (applied.code !== 0) throw new Error(applied.stderr);
		}

		const changes = [
			// A label the manifest sets (Argo CD's instance label), changed by hand.
			['label', 'service', 'api', '-n', 'api', 'app.kubernetes.io/instance=other', '--overwrite'],
			// A label and an annotation Git never set, added by hand: an apply leaves them alone.
			['label', 'configmap', 'worker-settings', '-n', 'batch', 'handmade=yes'],
			['annotate', 'deployment', 'worker', '-n', 'batch', 'note=by hand'],
			// A sidecar injected by another manager: owned by it, so an apply keeps it.
			['patch', 'deployment', 'api', '-n', 'api', '--field-manager=kubectl-edit', '-p', JSON.stringify({spec: {template: {spec: {containers: [{name: 'sidecar', image: 'envoy:1.30'}]}}}})],
		];
		for (const change of changes) {
			const run = await scenario.kubectl(change);
			if (run.code !== 0) throw new Error(run.stderr);
		}
	}, 60_000);
	afterAll(async () => scenario?.stop());

	it('fast and exact status name the same drift, with the manager of each field', async () => {
		const expected = {
			'web: Drifted ConfigMap shop/web-config': ['.data.old by kustomize-controller', '.metadata.labels.tier by kustomize-controller'],
			'api: Drifted Service api/api': ['.metadata.labels.app.kubernetes.io/instance by kubectl-label'],
		};
		const fast = await statusJson(scenario);
		expect(fast.code).toBe(1);
		// The fast comparison reads the dropped env var from kustomize-controller's managedFields, as the item.
		expect(verdicts(fast.document.apps)).toEqual({
			...expected,
			'web: Drifted Deployment shop/web': ['.metadata.labels.tier by kustomize-controller', '.spec.template.spec.containers[name="web"].env[name="OLD"] by kustomize-controller'],
		});
		const exact = await statusJson(scenario, ['--exact']);
		expect(exact.code).toBe(1);
		// The exact comparison sees the whole env list go (the dry-run has none).
		expect(verdicts(exact.document.apps)).toEqual({
			...expected,
			'web: Drifted Deployment shop/web': ['.metadata.labels.tier by kustomize-controller', '.spec.template.spec.containers[name="web"].env by kustomize-controller'],
		});
	});

	it('diff calls different exactly the objects kubectl diff reports', async () => {
		const sets = await diffSetsPerApp(scenario);
		expect(sets).toEqual({
			web: {ours: ['ConfigMap shop/web-config', 'Deployment shop/web'], hidden: [], kubectl: ['ConfigMap shop/web-config', 'Deployment shop/web'], code: 1},
			api: {ours: ['Service api/api'], hidden: [], kubectl: ['Service api/api'], code: 1},
			worker: {ours: [], hidden: [], kubectl: [], code: 0},
		});
	});
});

describe('Git changed to the same value written differently, or to a real type change', () => {
	let scenario: Scenario;
	beforeAll(async () => {
		scenario = await startScenario();
		const file = (relative: string) => readFileSync(path.join(scenario.repo.dir, relative), 'utf8');
		const replace = (relative: string, from: string, to: string) => {
			const text = file(relative);
			if (!text.includes(from)) throw new Error(`${relative} has no ${from}`);
			return text.replace(from, to);
		};

		scenario.repo.commit(
			{
				// 80 and "80" are different int-or-string values: the server stores what it is given.
				'apps/web/service.yaml': replace('apps/web/service.yaml', 'targetPort: 80', 'targetPort: "80"'),
				// The same quantities: "0.5" as the number 0.5, 128Mi as 0.125Gi (the server stores 500m and 128Mi).
				'apps/api/deployment.yaml': replace('apps/api/deployment.yaml', 'cpu: "0.5"', 'cpu: 0.5').replace('memory: 128Mi', 'memory: 0.125Gi'),
				// A new object naming no namespace: Flux's targetNamespace places it.
				'apps/web/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-extra\ndata:\n  a: b\n',
			},
			'Same values written differently; targetPort as text; a ConfigMap placed by targetNamespace',
		);
		const patched = await scenario.kubectl(['patch', 'kustomization', 'web', '-n', 'flux-system', '--type=merge', '-p', JSON.stringify({spec: {targetNamespace: 'shop'}})]);
		if (patched.code !== 0) throw new Error(patched.stderr);
	}, 60_000);
	afterAll(async () => scenario?.stop());

	it('takes equal quantities as equal, a changed int-or-string type as drift, and finds the Missing object in the target namespace', async () => {
		for (const mode of [[], ['--exact']]) {
			const {code, document} = await statusJson(scenario, mode);
			expect(code).toBe(1);
			expect(verdicts(document.apps)).toEqual({
				'web: Missing ConfigMap shop/web-extra': [],
				'web: Drifted Service shop/web': ['.spec.ports[port=80,protocol="TCP"].targetPort by kustomize-controller'],
			});
		}
	});

	it('diff agrees with kubectl diff (run with -n set to the target namespace, as kustomize-controller places objects)', async () => {
		const web = await gitopsDiffSet(scenario, 'web');
		const kubectl = await kubectlDiffSet(scenario, {...scenarioApp('web'), namespace: 'shop'});
		expect(web.objects).toEqual(['ConfigMap shop/web-extra', 'Service shop/web']);
		expect(kubectl.objects).toEqual(web.objects);
		expect(kubectl.run.stdout).toMatch(/^-\s+targetPort: 80$/m);
		expect(kubectl.run.stdout).toMatch(/^\+\s+targetPort: "80"$/m);
		expect(web.run.stdout).toMatch(/^-\s+targetPort: 80$/m);
		expect(web.run.stdout).toMatch(/^\+\s+targetPort: '80'$/m);
		const sets = await diffSetsPerApp(scenario, ['api', 'worker']);
		expect(sets).toEqual({api: {ours: [], hidden: [], kubectl: [], code: 0}, worker: {ours: [], hidden: [], kubectl: [], code: 0}});
	});
});
