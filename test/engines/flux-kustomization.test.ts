import {describe, expect, it} from 'vitest';
import {fluxKustomizationEngine} from '../../source/engines/flux-kustomization.js';
import {controllerObjects, discoveryInput} from '../support/scenario-fixtures.js';

const objects = controllerObjects('flux-kustomizations.yaml');
const apps = fluxKustomizationEngine.discover(discoveryInput({prod: objects}));
const byName = (name: string) => {
	const app = apps.find(candidate => candidate.name === name);
	if (!app) throw new Error(`no app ${name}`);
	return app;
};

describe('Flux Kustomization discovery', () => {
	it('finds one app per Kustomization, on the context it was read from', () => {
		expect(apps.map(app => app.name)).toEqual(['payments', 'frozen', 'elsewhere', 'from-oci', 'remote']);
		expect(fluxKustomizationEngine.kinds.map(kind => kind.kind)).toEqual(['Kustomization', 'GitRepository']);
	});

	it('renders spec.path from its GitRepository when that is the loaded repo (ssh URL, other case, no .git)', () => {
		const payments = byName('payments');
		expect(payments).toMatchObject({
			id: 'flux/Kustomization/prod/flux-system/payments',
			engine: 'flux',
			objectKind: 'Kustomization',
			context: 'prod',
			controllerContext: 'prod',
			namespace: 'flux-system',
			defaultNamespace: 'payments',
			fieldManager: 'kustomize-controller',
		});
		expect(payments.sourceProblem).toBeUndefined();
		expect(payments.sources).toEqual([
			{
				repoUrl: 'ssh://git@github.com/Example/Platform-Config',
				path: 'apps/payments',
				recurse: true,
				targetRevision: 'main',
				flux: {
					variables: {cluster_env: 'prod', replicas: '3'},
					substituteFrom: [
						{kind: 'ConfigMap', name: 'cluster-vars', optional: false},
						{kind: 'Secret', name: 'cluster-secrets', optional: true},
					],
					targetNamespace: 'payments',
				},
			},
		]);
	});

	it('reports the controller verdict, deployed sha, source health and the labels it applies', () => {
		const payments = byName('payments');
		expect(payments.controller).toEqual({
			sync: 'Synced',
			message: 'Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567',
			health: 'Healthy',
			deployedRevision: '0123456789abcdef0123456789abcdef01234567',
			autoSync: {enabled: true},
			source: {ready: true},
		});
		expect(payments.decoration).toEqual({
			labels: {team: 'payments', 'kustomize.toolkit.fluxcd.io/name': 'payments', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'},
			annotations: {},
		});
	});

	it('owns what its inventory lists, RBAC names with colons included', () => {
		expect(byName('payments').ownership).toEqual([
			{
				kind: 'inventory',
				ids: ['/Service/payments/api', 'apps/Deployment/payments/api', '/Namespace//payments', 'rbac.authorization.k8s.io/ClusterRole//system:controller:payments'],
			},
		]);
		expect(byName('payments').liveKinds).toEqual([
			{group: '', version: 'v1', kind: 'Service'},
			{group: 'apps', version: 'v1', kind: 'Deployment'},
			{group: '', version: 'v1', kind: 'Namespace'},
			{group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole'},
		]);
		// Before its first reconciliation there is no inventory: its labels say what is its.
		expect(byName('elsewhere').ownership).toEqual([
			{kind: 'labels', values: {'kustomize.toolkit.fluxcd.io/name': 'elsewhere', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'}},
		]);
	});

	it('shows a suspended app as paused, by whom, why, since and until, and its failing source', () => {
		const frozen = byName('frozen');
		expect(frozen.controller.autoSync).toEqual({
			enabled: false,
			pausedBy: 'alice@example.com',
			reason: 'incident INC-42: hold the rollout',
			since: '2026-03-01T10:00:00Z',
			until: '2026-03-02T10:00:00Z',
		});
		expect(frozen.controller.sync).toBe('OutOfSync');
		expect(frozen.controller.health).toBe('Suspended');
		expect(frozen.controller.deployedRevision).toBe('89abcdef0123456789abcdef0123456789abcdef');
		expect(frozen.controller.source).toEqual({
			ready: false,
			message: 'GitRepository flux-system/broken-source not ready: failed to checkout and determine revision: unable to clone: connection refused',
		});
		// The failing source is still the loaded repository: rendering goes on from the local clone.
		expect(frozen.sources).toHaveLength(1);
		expect(frozen.sources[0]!.targetRevision).toBe('v1.4.0');
	});

	it('says why desired state is missing for another repo, a non-Git source, or a remote cluster', () => {
		expect(byName('elsewhere')).toMatchObject({sources: [], sourceProblem: 'its source https://gitlab.example.com/another/repo.git is not the loaded repository'});
		expect(byName('from-oci').sourceProblem).toBe(
			'its source is a OCIRepository (OCIRepository flux-system/manifests); only GitRepository sources are rendered from the loaded repository',
		);
		expect(byName('remote')).toMatchObject({context: undefined, error: expect.stringContaining('spec.kubeConfig')});
	});

	it('finds nothing on a context without Flux', () => {
		expect(fluxKustomizationEngine.discover(discoveryInput({bare: []}))).toEqual([]);
	});

	it('carries spec.patches, images, components and name affixes into the source, dropping malformed entries', () => {
		const payments = objects.find(object => object.kind === 'Kustomization' && object.metadata.name === 'payments')!;
		const withFields = {
			...payments,
			metadata: {...payments.metadata, name: 'patched'},
			spec: {
				...(payments.spec as Record<string, unknown>),
				patches: [
					{patch: 'kind: Deployment\n', target: {kind: 'Deployment', labelSelector: 'app=api', bogus: 1}},
					{patch: '- op: remove\n  path: /spec/replicas\n'},
					{target: {kind: 'Service'}},
				],
				images: [{name: 'nginx', newTag: '1.27'}, {name: 'api', newName: 'registry.example.com/api', digest: 'sha256:abc'}, {newTag: 'orphan'}],
				components: ['../components/tls', 3],
				namePrefix: 'blue-',
				nameSuffix: '-v2',
			},
		};
		const rest = objects.filter(object => object.kind !== 'Kustomization');
		const [app] = fluxKustomizationEngine.discover(discoveryInput({prod: [...rest, withFields]}));
		expect(app!.sources[0]!.flux!.kustomize).toEqual({
			patches: [
				{patch: 'kind: Deployment\n', target: {kind: 'Deployment', labelSelector: 'app=api'}},
				{patch: '- op: remove\n  path: /spec/replicas\n'},
			],
			images: [{name: 'nginx', newTag: '1.27'}, {name: 'api', newName: 'registry.example.com/api', digest: 'sha256:abc'}],
			components: ['../components/tls'],
			namePrefix: 'blue-',
			nameSuffix: '-v2',
		});
		// The other fields stay as they were.
		expect(app!.sources[0]!.flux).toMatchObject({targetNamespace: 'payments', variables: {cluster_env: 'prod', replicas: '3'}});
		expect(byName('payments').sources[0]!.flux!.kustomize).toBeUndefined();
	});
});
