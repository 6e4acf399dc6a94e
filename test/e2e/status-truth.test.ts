import {afterAll, beforeAll, describe, it} from 'vitest';
import {startScenario, type Scenario} from '../support/scenario-cluster.js';
import {diffSetsPerApp, ensureBuiltCli, gitopsTui, kubectlDiffSet, scenarioApp, statusJson} from '../support/scenario-cli.js';

beforeAll(ensureBuiltCli, 60_000);

describe('explore', () => {
	let scenario: Scenario;
	beforeAll(async () => {
		scenario = await startScenario();
	}, 60_000);
	afterAll(async () => scenario?.stop());

	it('explores', async () => {
		const log = (...args: unknown[]) => console.log(...args.map(a => (typeof a === 'string' ? a : JSON.stringify(a, null, 1))));
		// case 1: controller applied an env var and a label that Git no longer has
		log(await scenario.kubectl(['apply', '--server-side', '--field-manager=kustomize-controller', '-f', '-'], JSON.stringify({
			apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop', labels: {app: 'web', tier: 'frontend', 'kustomize.toolkit.fluxcd.io/name': 'web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'}},
			spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27', env: [{name: 'OLD', value: 'x'}], ports: [{containerPort: 80}], resources: {requests: {cpu: '1000m', memory: '64Mi'}}}]}}},
		})));
		log(await scenario.kubectl(['apply', '--server-side', '--field-manager=kustomize-controller', '-f', '-'], JSON.stringify({
			apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'web-config', namespace: 'shop', labels: {tier: 'frontend', 'kustomize.toolkit.fluxcd.io/name': 'web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'}},
			data: {greeting: 'hello', old: 'key'},
		})));
		// case 2: metadata drift by hand on the api Service (Argo label) and worker configmap
		log(await scenario.kubectl(['label', 'service', 'api', '-n', 'api', 'app.kubernetes.io/instance=other', '--overwrite']));
		log(await scenario.kubectl(['label', 'configmap', 'worker-settings', '-n', 'batch', 'handmade=yes']));
		log(await scenario.kubectl(['annotate', 'deployment', 'worker', '-n', 'batch', 'note=hand']));
		// case 3: sidecar
		log(await scenario.kubectl(['patch', 'deployment', 'api', '-n', 'api', '--field-manager=kubectl-edit', '-p', JSON.stringify({spec: {template: {spec: {containers: [{name: 'sidecar', image: 'envoy:1'}]}}}})]));
		const get = async (...args: string[]) => JSON.parse((await scenario.kubectl(['get', ...args, '-o', 'json'])).stdout);
		log((await get('deployment', 'api', '-n', 'api')).spec.template.spec.containers);
		log((await get('deployment', 'web', '-n', 'shop')).metadata);

		for (const mode of [[], ['--exact']]) {
			const {document} = await statusJson(scenario, mode);
			log(mode, document.apps.map(a => ({name: a.name, sync: a.sync, res: a.resources.filter(r => r.verdict !== 'Synced').map(r => [r.verdict, r.kind, r.name, r.fields, r.error])})));
		}
		const sets = await diffSetsPerApp(scenario);
		log(sets);
		for (const name of ['web', 'api', 'worker']) {
			log((await gitopsTui(scenario, ['diff', name, '--repo', scenario.repo.dir])).stdout);
			log((await kubectlDiffSet(scenario, scenarioApp(name as 'web'))).run.stdout);
		}
	}, 120_000);
});
