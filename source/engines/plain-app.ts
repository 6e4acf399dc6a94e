/**
 * Plain apps from `.gitops-tui.yaml`: gitops-tui itself is their deployer (push model), so there is no
 * controller verdict and no auto-sync. Objects it applies carry the label `gitops-tui.io/app` (ownership, so
 * Extra objects are found) and the annotation `gitops-tui.io/revision` (what was deployed), and are applied with
 * field manager `gitops-tui`.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {defaultFieldManager} from '../cluster/writes.js';
import {appId, type AppDefinition, type AppEngine, type DiscoveryInput} from './engine.js';
import {appliedRevisionAnnotation, plainAppLabel} from './pause-annotations.js';
import {normaliseSourcePath} from './source-path.js';

/** The plain-app engine. */
export const plainAppEngine: AppEngine = {
	engine: 'plain',
	kinds: [],
	discover: discoverPlainApps,
};

/** Plain apps on the selected contexts; one naming a context the kubeconfig lacks is kept with an error. */
export function discoverPlainApps(input: DiscoveryInput): AppDefinition[] {
	const selected = new Map(input.contexts.map(context => [context.name, context]));
	const fallback = input.currentContext ?? input.contexts[0]?.name;
	return input.settings.apps.flatMap(spec => {
		const contextName = spec.context ?? fallback;
		const context = contextName === undefined ? undefined : selected.get(contextName);
		const known = contextName !== undefined && (input.kubeconfigContexts ?? []).includes(contextName);
		if (!context && (known || contextName === undefined)) return [];
		const namespace = spec.namespace ?? context?.namespace ?? 'default';
		const app: AppDefinition = {
			id: appId('plain', 'PlainApp', contextName ?? '', namespace, spec.name),
			name: spec.name,
			engine: 'plain',
			objectKind: 'PlainApp',
			context: context ? context.name : undefined,
			controllerContext: contextName ?? '',
			namespace,
			defaultNamespace: namespace,
			sources: [{repoUrl: '', path: normaliseSourcePath(spec.path), recurse: true}],
			fieldManager: defaultFieldManager,
			ownership: [{kind: 'labels', values: {[plainAppLabel]: spec.name}}],
			decoration: {labels: {[plainAppLabel]: spec.name}, annotations: {}, keepLiveAnnotations: [appliedRevisionAnnotation]},
			controller: {sync: 'Unknown', message: 'gitops-tui deploys this app itself', autoSync: {enabled: false}},
			ignoreRules: [],
			liveKinds: [],
			warnings: [],
		};
		if (!context) app.error = `context ${contextName} is not in the kubeconfig`;
		return [app];
	});
}

/** The revision gitops-tui last applied: the annotation its objects share (undefined when they disagree or lack it). */
export function plainDeployedRevision(owned: readonly KubeObject[]): string | undefined {
	const revisions = new Set(owned.map(object => object.metadata?.annotations?.[appliedRevisionAnnotation]));
	if (revisions.size !== 1) return undefined;
	const [revision] = revisions;
	return revision || undefined;
}
