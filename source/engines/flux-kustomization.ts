/**
 * Flux `Kustomization` apps (`kustomize.toolkit.fluxcd.io/v1`): `spec.path` in the GitRepository named by
 * `spec.sourceRef`, rendered as kustomize-controller does (a kustomization, or every manifest under the path),
 * post-build substitution and `targetNamespace`, applied with field manager `kustomize-controller`, which labels
 * every object with the Kustomization's name and namespace. Ownership comes from `status.inventory`.
 */
import {healthOf} from '../domain/health/index.js';
import {specOf, statusOf} from '../domain/health/conditions.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {KindRef} from '../cluster/discovery.js';
import {kustomizeControllerRules} from './apply-rules.js';
import {appId, type AppDefinition, type AppEngine, type AppSource, type DiscoveryInput, type OwnershipRule} from './engine.js';
import {discoverFluxApps, findRef, fluxControllerSync, fluxRef, fluxRevisionSha, fluxSourceHealth, gitRepositoryKind, gitRepositoryRef, inventoryIds, inventoryKinds} from './flux-common.js';
import {fluxKustomizeFields} from './flux-kustomize-fields.js';
import {autoSyncOf} from './pause-annotations.js';
import {normaliseSourcePath} from './source-path.js';

/** The Kustomization kind. */
export const kustomizationKind: KindRef = {group: 'kustomize.toolkit.fluxcd.io', version: 'v1', kind: 'Kustomization'};

/** kustomize-controller's field manager. */
export const kustomizeControllerManager = 'kustomize-controller';

/** The labels kustomize-controller puts on every object it applies. */
export const fluxNameLabel = 'kustomize.toolkit.fluxcd.io/name';
export const fluxNamespaceLabel = 'kustomize.toolkit.fluxcd.io/namespace';

/** The Flux Kustomization engine. */
export const fluxKustomizationEngine: AppEngine = {
	engine: 'flux',
	kinds: [kustomizationKind, gitRepositoryKind],
	discover: discoverFluxApps(kustomizationKind, kustomizationApp),
};

/** One Kustomization as an app. */
export function kustomizationApp(object: KubeObject, context: string, sources: readonly KubeObject[], input: Pick<DiscoveryInput, 'matchesRepo'>): AppDefinition {
	const name = object.metadata.name ?? '';
	const namespace = object.metadata.namespace ?? 'default';
	const spec = specOf(object);
	const targetNamespace = typeof spec.targetNamespace === 'string' && spec.targetNamespace ? spec.targetNamespace : undefined;
	const common = (spec.commonMetadata ?? {}) as {labels?: Record<string, string>; annotations?: Record<string, string>};
	const app: AppDefinition = {
		id: appId('flux', 'Kustomization', context, namespace, name),
		name,
		engine: 'flux',
		objectKind: 'Kustomization',
		context,
		controllerContext: context,
		namespace,
		// kustomize-controller refuses namespaced objects without a namespace unless targetNamespace is set;
		// `default` is what kubectl would pick, so the diff still shows something sensible.
		defaultNamespace: targetNamespace ?? 'default',
		sources: [],
		fieldManager: kustomizeControllerManager,
		apply: kustomizeControllerRules(kustomizeControllerManager),
		ownership: ownership(object, name, namespace),
		decoration: {
			labels: {...stringMap(common.labels), [fluxNameLabel]: name, [fluxNamespaceLabel]: namespace},
			annotations: stringMap(common.annotations),
		},
		controller: {
			...fluxControllerSync(object),
			autoSync: autoSyncOf(object, spec.suspend !== true),
		},
		ignoreRules: [],
		liveKinds: inventoryKinds(object),
		warnings: [],
	};
	const controllerHealth = healthOf(object)?.status;
	if (controllerHealth) app.controller.health = controllerHealth;
	const deployed = fluxRevisionSha(statusOf(object).lastAppliedRevision);
	if (deployed) app.controller.deployedRevision = deployed;
	// Flux keeps its newest reconciliation first (kustomize-controller 1.5+; older ones have no history).
	const lastSync = Array.isArray(statusOf(object).history) ? statusOf(object).history[0]?.lastReconciled : undefined;
	if (typeof lastSync === 'string') app.controller.lastSync = lastSync;
	if (spec.kubeConfig) {
		app.context = undefined;
		app.error = 'applies to a remote cluster through spec.kubeConfig, which gitops-tui cannot map to a context';
	}

	const ref = fluxRef(spec.sourceRef, namespace);
	if (!ref) {
		app.sourceProblem = 'spec.sourceRef is missing';
		return app;
	}

	const reference = `${ref.kind} ${ref.namespace}/${ref.name}`;
	if (ref.kind !== 'GitRepository') {
		app.sourceProblem = `its source is a ${ref.kind} (${reference}); only GitRepository sources are rendered from the loaded repository`;
		return app;
	}

	const source = findRef(sources, ref);
	app.controller.source = fluxSourceHealth(source, reference);
	if (!source) {
		app.sourceProblem = `${reference} not found`;
		return app;
	}

	const url = typeof specOf(source).url === 'string' ? (specOf(source).url as string) : '';
	if (!input.matchesRepo(url)) {
		app.sourceProblem = `its source ${url} is not the loaded repository`;
		return app;
	}

	const postBuild = (spec.postBuild ?? {}) as {substitute?: Record<string, unknown>; substituteFrom?: unknown[]};
	const appSource: AppSource = {repoUrl: url, path: normaliseSourcePath(spec.path), recurse: true, flux: {}};
	const targetRevision = gitRepositoryRef(source);
	if (targetRevision) appSource.targetRevision = targetRevision;
	if (postBuild.substitute && typeof postBuild.substitute === 'object') appSource.flux!.variables = postBuild.substitute;
	const substituteFrom = (Array.isArray(postBuild.substituteFrom) ? postBuild.substituteFrom : []).flatMap(entry => {
		const item = (entry ?? {}) as Record<string, unknown>;
		if ((item.kind !== 'ConfigMap' && item.kind !== 'Secret') || typeof item.name !== 'string') return [];
		return [{kind: item.kind as 'ConfigMap' | 'Secret', name: item.name, optional: item.optional === true}];
	});
	if (substituteFrom.length > 0) appSource.flux!.substituteFrom = substituteFrom;
	if (targetNamespace) appSource.flux!.targetNamespace = targetNamespace;
	const kustomize = fluxKustomizeFields(spec);
	if (kustomize) appSource.flux!.kustomize = kustomize;
	app.sources = [appSource];
	return app;
}

/** The inventory when the controller wrote one; before its first reconciliation, its labels. */
function ownership(object: KubeObject, name: string, namespace: string): OwnershipRule[] {
	if (statusOf(object).inventory) return [{kind: 'inventory', ids: inventoryIds(object)}];
	return [{kind: 'labels', values: {[fluxNameLabel]: name, [fluxNamespaceLabel]: namespace}}];
}

function stringMap(value: unknown): Record<string, string> {
	if (!value || typeof value !== 'object') return {};
	return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
