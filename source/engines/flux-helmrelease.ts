/**
 * Flux `HelmRelease` apps (`helm.toolkit.fluxcd.io/v2`): always listed with helm-controller's own status; their
 * desired state is rendered (with `helm template`, where helm is on PATH) only when the chart comes from a
 * GitRepository that is the loaded repository. Charts from Helm or OCI repositories show the controller's view
 * and say why ours is missing.
 */
import {healthOf} from '../domain/health/index.js';
import {specOf, statusOf} from '../domain/health/conditions.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {KindRef} from '../cluster/discovery.js';
import {helmControllerRules} from './apply-rules.js';
import {appId, type AppDefinition, type AppEngine, type DiscoveryInput, type OwnershipRule} from './engine.js';
import {discoverFluxApps, findRef, fluxControllerSync, fluxRef, fluxSourceHealth, gitRepositoryKind, gitRepositoryRef, inventoryIds, inventoryKinds} from './flux-common.js';
import {autoSyncOf} from './pause-annotations.js';
import {normaliseSourcePath} from './source-path.js';

/** The HelmRelease kind. */
export const helmReleaseKind: KindRef = {group: 'helm.toolkit.fluxcd.io', version: 'v2', kind: 'HelmRelease'};

/** helm-controller's field manager. */
export const helmControllerManager = 'helm-controller';

/** The Flux HelmRelease engine. */
export const fluxHelmReleaseEngine: AppEngine = {
	engine: 'flux',
	kinds: [helmReleaseKind, gitRepositoryKind],
	discover: discoverFluxApps(helmReleaseKind, helmReleaseApp),
};

/** One HelmRelease as an app. */
export function helmReleaseApp(object: KubeObject, context: string, sources: readonly KubeObject[], input: Pick<DiscoveryInput, 'matchesRepo'>): AppDefinition {
	const name = object.metadata.name ?? '';
	const namespace = object.metadata.namespace ?? 'default';
	const spec = specOf(object);
	const status = statusOf(object);
	const targetNamespace = typeof spec.targetNamespace === 'string' && spec.targetNamespace ? spec.targetNamespace : namespace;
	// helm-controller's default release name: `<targetNamespace>-<name>` when a target namespace is set.
	const releaseName =
		typeof spec.releaseName === 'string' && spec.releaseName ? spec.releaseName : spec.targetNamespace ? `${targetNamespace}-${name}` : name;
	const app: AppDefinition = {
		id: appId('flux', 'HelmRelease', context, namespace, name),
		name,
		engine: 'flux',
		objectKind: 'HelmRelease',
		context,
		controllerContext: context,
		namespace,
		defaultNamespace: targetNamespace,
		sources: [],
		fieldManager: helmControllerManager,
		apply: helmControllerRules(),
		ownership: ownership(object, releaseName, targetNamespace),
		decoration: {
			labels: {'helm.toolkit.fluxcd.io/name': name, 'helm.toolkit.fluxcd.io/namespace': namespace, 'app.kubernetes.io/managed-by': 'Helm'},
			annotations: {'meta.helm.sh/release-name': releaseName, 'meta.helm.sh/release-namespace': targetNamespace},
		},
		controller: {...fluxControllerSync(object), autoSync: autoSyncOf(object, spec.suspend !== true)},
		ignoreRules: [],
		liveKinds: inventoryKinds(object),
		warnings: [],
	};
	const controllerHealth = healthOf(object)?.status;
	if (controllerHealth) app.controller.health = controllerHealth;
	// A chart from Git is versioned `<chart version>+<commit sha prefix>` (reconcileStrategy Revision).
	const chartVersion = Array.isArray(status.history) ? status.history[0]?.chartVersion : undefined;
	const sha = typeof chartVersion === 'string' ? /\+([0-9a-f]{7,40})$/.exec(chartVersion)?.[1] : undefined;
	if (sha) app.controller.deployedRevision = sha;
	const lastSync = Array.isArray(status.history) ? status.history[0]?.lastDeployed : undefined;
	if (typeof lastSync === 'string') app.controller.lastSync = lastSync;
	if (spec.kubeConfig) {
		app.context = undefined;
		app.error = 'installs into a remote cluster through spec.kubeConfig, which gitops-tui cannot map to a context';
	}

	const chart = (spec.chart?.spec ?? undefined) as Record<string, unknown> | undefined;
	if (!chart) {
		const ref = fluxRef(spec.chartRef, namespace);
		app.sourceProblem = ref ? `its chart comes from ${ref.kind} ${ref.namespace}/${ref.name}, not from the loaded repository` : 'spec.chart is missing';
		return app;
	}

	const ref = fluxRef(chart.sourceRef, namespace);
	if (!ref || ref.kind !== 'GitRepository') {
		app.sourceProblem = ref
			? `its chart ${String(chart.chart)} comes from ${ref.kind} ${ref.namespace}/${ref.name}, not from the loaded repository`
			: 'spec.chart.spec.sourceRef is missing';
		return app;
	}

	const reference = `${ref.kind} ${ref.namespace}/${ref.name}`;
	const source = findRef(sources, ref);
	app.controller.source = fluxSourceHealth(source, reference);
	if (!source) {
		app.sourceProblem = `${reference} not found`;
		return app;
	}

	const url = typeof specOf(source).url === 'string' ? (specOf(source).url as string) : '';
	if (!input.matchesRepo(url)) {
		app.sourceProblem = `its chart's source ${url} is not the loaded repository`;
		return app;
	}

	const valueFiles = Array.isArray(chart.valuesFiles) ? chart.valuesFiles.filter((file): file is string => typeof file === 'string') : [];
	const values = spec.values && typeof spec.values === 'object' ? (spec.values as Record<string, unknown>) : undefined;
	app.sources = [
		{
			repoUrl: url,
			path: normaliseSourcePath(chart.chart),
			kind: 'helm',
			...(gitRepositoryRef(source) ? {targetRevision: gitRepositoryRef(source)} : {}),
			helm: {
				releaseName,
				namespace: targetNamespace,
				// Flux names values files relative to the source root; helm takes them relative to the chart.
				...(valueFiles.length > 0 ? {valueFiles: valueFiles.map(file => relativeToChart(file, normaliseSourcePath(chart.chart)))} : {}),
				...(values ? {values} : {}),
			},
		},
	];
	return app;
}

function ownership(object: KubeObject, releaseName: string, releaseNamespace: string): OwnershipRule[] {
	if (statusOf(object).inventory) return [{kind: 'inventory', ids: inventoryIds(object)}];
	return [{kind: 'annotations', values: {'meta.helm.sh/release-name': releaseName, 'meta.helm.sh/release-namespace': releaseNamespace}}];
}

function relativeToChart(file: string, chartPath: string): string {
	const clean = normaliseSourcePath(file);
	if (chartPath && clean.startsWith(`${chartPath}/`)) return clean.slice(chartPath.length + 1);
	// A values file outside the chart directory: walk up from the chart to the source root.
	const up = chartPath ? chartPath.split('/').map(() => '..').join('/') : '';
	return up ? `${up}/${clean}` : clean;
}
