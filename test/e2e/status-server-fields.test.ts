/**
 * Fields the API server writes by itself never drift, and Flux's `ssa: Ignore` object is never Missing; checked
 * beside `kubectl diff --server-side --force-conflicts` as kustomize-controller. The sandbox registry stamps
 * `deprecated.daemonset.template.generation` and bumps it with the pod template, on a dry-run too, as a real
 * kube-apiserver does: kubectl shows that line change, while gitops-tui reports (and its diff shows) only the
 * template change Git made. kubectl knows nothing of Flux's per-object marks, so it would create the `ssa: Ignore`
 * object; kustomize-controller never does (fluxcd/pkg ssa ExclusionSelector), so gitops-tui does not call it Missing.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {ensureBuiltCli, gitopsDiffSet, kubectlDiffSet, scenarioApp, statusJson} from '../support/scenario-cli.js';

const fluxLabels = {'kustomize.toolkit.fluxcd.io/name': 'web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'};
const daemonSet = (image: string) => ({
	apiVersion: 'apps/v1',
	kind: 'DaemonSet',
	metadata: {name: 'agent', namespace: 'shop'},
	spec: {selector: {matchLabels: {app: 'agent'}}, template: {metadata: {labels: {app: 'agent'}}, spec: {containers: [{name: 'agent', image}]}}},
});
const ignored = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'left-alone', namespace: 'shop', annotations: {'kustomize.toolkit.fluxcd.io/ssa': 'Ignore'}}, data: {a: 'b'}};

beforeAll(ensureBuiltCli, 60_000);

describe('server-written fields and objects Flux never applies', () => {
	let scenario: Scenario;
	beforeAll(async () => {
		scenario = await startScenario();
		// kustomize-controller applied the DaemonSet at agent:1; Git now says agent:2 and adds an ssa: Ignore ConfigMap.
		const applied = daemonSet('agent:1');
		const run = await scenario.kubectl(['apply', '--server-side', '--field-manager=kustomize-controller', '-f', '-'], JSON.stringify({...applied, metadata: {...applied.metadata, labels: fluxLabels}}));
		if (run.code !== 0) throw new Error(run.stderr);
		scenario.repo.commit({'apps/web/daemonset.yaml': JSON.stringify(daemonSet('agent:2')), 'apps/web/left-alone.yaml': JSON.stringify(ignored)}, 'agent:2; a ConfigMap Flux must not apply');
		scenario.setFluxInventory([applied as never]);
	}, 60_000);
	afterAll(async () => scenario?.stop());

	it('reports only the template change, in both comparisons, and no Missing object', async () => {
		for (const mode of [[], ['--exact']]) {
			const {code, document} = await statusJson(scenario, mode);
			expect(code).toBe(1);
			const web = document.apps.find(app => app.name === 'web')!;
			const notSynced = web.resources.filter(resource => resource.verdict !== 'Synced').map(resource => `${resource.verdict} ${resource.kind} ${resource.name}: ${resource.fields.map(field => field.path).join(', ')}`);
			expect(notSynced).toEqual(['Drifted DaemonSet agent: .spec.template.spec.containers[name="agent"].image']);
			expect(web.resources.find(resource => resource.name === 'left-alone')?.verdict).toBe('Synced');
		}
	});

	it('diff shows no server-written line as a change; kubectl diff does, and would create the ssa: Ignore object', async () => {
		const ours = await gitopsDiffSet(scenario, 'web');
		expect(ours.objects).toEqual(['DaemonSet shop/agent']);
		expect(ours.run.stdout).toMatch(/^\+\s+- image: agent:2$/m);
		expect(ours.run.stdout).not.toMatch(/^[-+].*deprecated\.daemonset\.template\.generation/m);
		const kubectl = await kubectlDiffSet(scenario, scenarioApp('web'));
		expect(kubectl.objects).toEqual(['ConfigMap shop/left-alone', 'DaemonSet shop/agent']);
		expect(kubectl.run.stdout).toMatch(/^-\s+deprecated\.daemonset\.template\.generation: "1"$/m);
		expect(kubectl.run.stdout).toMatch(/^\+\s+deprecated\.daemonset\.template\.generation: "2"$/m);
	});
});
