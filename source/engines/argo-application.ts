/**
 * Argo CD `Application` apps (`argoproj.io/v1alpha1`): `spec.source` (or `spec.sources`) in the loaded repo,
 * rendered as a directory, kustomization or Helm chart; objects go to the context `spec.destination` maps to;
 * applied with field manager `argocd-controller`, which marks each object with its tracking label or annotation.
 */
import {load} from 'js-yaml';
import type {AppSync} from '../domain/app.js';
import {argoIgnoreRules} from '../domain/ignore-rules.js';
import {healthOrder, type HealthStatus} from '../domain/health/health.js';
import {specOf, statusOf} from '../domain/health/conditions.js';
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId} from '../domain/resource-key.js';
import type {KindRef} from '../cluster/discovery.js';
import {argoApplyOptions, argoControllerRules} from './apply-rules.js';
import {destinationContext} from './argo-destination.js';
import {appId, type AppDefinition, type AppEngine, type AppSource, type DiscoveryInput} from './engine.js';
import {autoSyncOf} from './pause-annotations.js';
import {normaliseSourcePath} from './source-path.js';

/** The Application kind. */
export const applicationKind: KindRef = {group: 'argoproj.io', version: 'v1alpha1', kind: 'Application'};

/** Argo CD's application controller field manager. */
export const argoControllerManager = 'argocd-controller';

/** Argo CD's default tracking label (`application.instanceLabelKey`). */
export const argoInstanceLabel = 'app.kubernetes.io/instance';

/** Argo CD's tracking annotation, `<app>:<group>/<kind>:<namespace>/<name>`. */
export const argoTrackingAnnotation = 'argocd.argoproj.io/tracking-id';

/** The Argo CD Application engine. */
export const argoApplicationEngine: AppEngine = {
	engine: 'argo',
	kinds: [applicationKind],
	discover(input) {
		return input.contexts.flatMap(context => input.objects(context.name, applicationKind).map(object => argoApp(object, context.name, input)));
	},
};

/** One Application as an app. */
export function argoApp(object: KubeObject, context: string, input: Pick<DiscoveryInput, 'matchesRepo' | 'contexts'>): AppDefinition {
	const name = object.metadata.name ?? '';
	const namespace = object.metadata.namespace ?? 'argocd';
	const spec = specOf(object);
	const status = statusOf(object);
	const destination = (spec.destination ?? {}) as {server?: string; name?: string; namespace?: string};
	const destinationNamespace = typeof destination.namespace === 'string' && destination.namespace ? destination.namespace : undefined;
	const mapped = destinationContext(destination, context, input.contexts);
	const automated = spec.syncPolicy?.automated;
	const ignoreRules = argoIgnoreRules(spec.ignoreDifferences);
	const applyOptions = argoApplyOptions(spec.syncPolicy?.syncOptions);
	const app: AppDefinition = {
		id: appId('argo', 'Application', context, namespace, name),
		name,
		engine: 'argo',
		objectKind: 'Application',
		context: mapped.ok ? mapped.context : undefined,
		controllerContext: context,
		namespace,
		defaultNamespace: destinationNamespace ?? 'default',
		sources: [],
		fieldManager: argoControllerManager,
		apply: argoControllerRules(applyOptions),
		ownership: [
			{kind: 'labels', values: {[argoInstanceLabel]: name}},
			// Apps outside Argo CD's own namespace are tracked as `<namespace>_<name>`.
			{kind: 'argo-tracking-id', appNames: [name, `${namespace}_${name}`]},
		],
		decoration: {labels: {}, annotations: {}, argoTracking: {appName: name, labelKey: argoInstanceLabel}},
		controller: {
			sync: controllerSync(status.sync?.status),
			autoSync: autoSyncOf(object, Boolean(automated) && typeof automated === 'object' && automated.enabled !== false),
		},
		ignoreRules,
		liveKinds: resourceKinds(status.resources),
		...(Array.isArray(status.resources) ? {listedIds: resourceIds(status.resources)} : {}),
		warnings: ignoreRules.flatMap(rule => rule.unsupported.map(expression => `ignoreDifferences: jq expression ${expression} is not supported and is not applied`)),
	};
	if (applyOptions.replace) app.warnings.push('syncOptions Replace=true: Argo CD replaces whole objects on sync; compared as Argo CD diffs, fields other managers added are not shown');
	if (!mapped.ok) app.error = mapped.message;
	const health = status.health?.status as HealthStatus | undefined;
	if (health && healthOrder.includes(health)) app.controller.health = health;
	const message = controllerMessage(status);
	if (message) app.controller.message = message;
	const revision = [status.sync?.revision, status.operationState?.syncResult?.revision].find(value => typeof value === 'string' && /^[0-9a-f]{40}$/.test(value));
	if (revision) app.controller.deployedRevision = revision as string;
	if (typeof status.operationState?.finishedAt === 'string') app.controller.lastSync = status.operationState.finishedAt;
	const comparisonError = (Array.isArray(status.conditions) ? status.conditions : []).find(condition => condition?.type === 'ComparisonError');
	app.controller.source = comparisonError ? {ready: false, message: `ComparisonError: ${comparisonError.message ?? ''}`.trim()} : {ready: true};

	const declared: Array<Record<string, any>> = Array.isArray(spec.sources) && spec.sources.length > 0 ? spec.sources : spec.source ? [spec.source] : [];
	// Sources with only `ref` supply values files to the others; they render nothing themselves.
	const rendered = declared.filter(source => typeof source?.path === 'string' || typeof source?.chart === 'string');
	if (rendered.length === 0) {
		app.sourceProblem = 'spec.source names no path in a repository';
		return app;
	}

	const foreign = rendered.find(source => typeof source.chart === 'string' || !input.matchesRepo(String(source.repoURL ?? '')));
	if (foreign) {
		app.sourceProblem =
			typeof foreign.chart === 'string'
				? `its chart ${foreign.chart} comes from the Helm repository ${foreign.repoURL}, not from the loaded repository`
				: `its source ${String(foreign.repoURL ?? '')} is not the loaded repository`;
		return app;
	}

	app.sources = rendered.map(source => argoSource(source, name, destinationNamespace, app.warnings));
	return app;
}

function argoSource(source: Record<string, any>, appName: string, namespace: string | undefined, warnings: string[]): AppSource {
	const result: AppSource = {repoUrl: String(source.repoURL), path: normaliseSourcePath(source.path), argo: namespace ? {namespace} : {}};
	if (typeof source.targetRevision === 'string' && source.targetRevision) result.targetRevision = source.targetRevision;
	if (source.helm) {
		const helm = source.helm as Record<string, any>;
		result.kind = 'helm';
		result.helm = {releaseName: typeof helm.releaseName === 'string' && helm.releaseName ? helm.releaseName : appName};
		if (namespace) result.helm.namespace = namespace;
		const valueFiles = Array.isArray(helm.valueFiles) ? helm.valueFiles.filter((file: unknown): file is string => typeof file === 'string') : [];
		if (valueFiles.some(file => file.startsWith('$'))) warnings.push('helm valueFiles from other sources ($ref) are not supported');
		if (valueFiles.length > 0) result.helm.valueFiles = valueFiles.filter(file => !file.startsWith('$'));
		const values = helmValues(helm, warnings);
		if (values) result.helm.values = values;
	} else if (source.kustomize) {
		result.kind = 'kustomize';
		const options = Object.keys(source.kustomize).filter(key => key !== 'version');
		if (options.length > 0) warnings.push(`kustomize options ${options.join(', ')} are not applied when rendering`);
	} else if (source.directory) {
		result.recurse = source.directory.recurse === true;
		if (source.directory.include || source.directory.exclude) warnings.push('directory include/exclude patterns are not applied when rendering');
	} else {
		result.recurse = false;
	}

	return result;
}

function helmValues(helm: Record<string, any>, warnings: string[]): Record<string, unknown> | undefined {
	if (helm.valuesObject && typeof helm.valuesObject === 'object') return helm.valuesObject as Record<string, unknown>;
	if (typeof helm.values !== 'string' || helm.values.trim() === '') return undefined;
	try {
		const parsed = load(helm.values);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
	} catch (error) {
		warnings.push(`spec.source.helm.values does not parse: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
	}

	return undefined;
}

function controllerSync(value: unknown): AppSync {
	return value === 'Synced' || value === 'OutOfSync' ? value : 'Unknown';
}

function controllerMessage(status: Record<string, any>): string | undefined {
	const operation = status.operationState;
	if (operation && (operation.phase === 'Failed' || operation.phase === 'Error') && typeof operation.message === 'string') return operation.message;
	const condition = (Array.isArray(status.conditions) ? status.conditions : []).find(item => typeof item?.message === 'string');
	return condition ? `${condition.type}: ${condition.message}` : undefined;
}

/** The ids of the resources Argo CD lists as the app's (cluster-scoped ones with an empty namespace). */
function resourceIds(resources: unknown[]): string[] {
	return resources.flatMap(resource => {
		const entry = (resource ?? {}) as Record<string, unknown>;
		if (typeof entry.kind !== 'string' || typeof entry.name !== 'string') return [];
		return [resourceId({group: typeof entry.group === 'string' ? entry.group : '', kind: entry.kind, namespace: typeof entry.namespace === 'string' ? entry.namespace : '', name: entry.name})];
	});
}

/** The kinds Argo CD lists as the app's resources (each once), so Extra objects of any kind are looked for. */
function resourceKinds(resources: unknown): KindRef[] {
	const kinds = new Map<string, KindRef>();
	for (const resource of Array.isArray(resources) ? resources : []) {
		if (typeof resource?.kind !== 'string' || typeof resource?.version !== 'string') continue;
		const group = typeof resource.group === 'string' ? resource.group : '';
		kinds.set(`${group}/${resource.kind}`, {group, version: resource.version, kind: resource.kind});
	}

	return [...kinds.values()];
}
