/**
 * Plain apps from `.gitops-tui.yaml`: gitops-tui itself is their deployer (push model), so there is no
 * controller verdict and no auto-sync. Objects it applies carry the label `gitops-tui.io/app` (ownership, so
 * Extra objects are found) and the annotation `gitops-tui.io/revision` (what was deployed), and are applied with
 * field manager `gitops-tui`. A pause is our own flag (plain-actions.ts): read here from the app's ConfigMaps, so
 * `status`, the TUI and `resume --expired` tell who paused it, why, since and until, as for Flux and Argo CD.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {KindRef} from '../cluster/discovery.js';
import {defaultFieldManager} from '../cluster/writes.js';
import {appId, type AppDefinition, type AppEngine, type DiscoveryInput} from './engine.js';
import {appliedRevisionAnnotation, autoSyncOf, plainAppLabel} from './pause-annotations.js';
import {isConnectionFailure} from './live-view.js';
import {plainPauseRef} from './plain-actions.js';
import {pauseFlagUnreadable} from './plain-pause-flag.js';
import type {PlainAppSpec, RepoSettings} from './settings.js';
import {normaliseSourcePath} from './source-path.js';

/** The kind a plain app's pause flag is: read on the plain apps' contexts before discovery (plainPauseContexts). */
export const plainPauseKind: KindRef = {group: '', version: 'v1', kind: 'ConfigMap'};

/** The plain-app engine. */
export const plainAppEngine: AppEngine = {
	engine: 'plain',
	kinds: [],
	discover: discoverPlainApps,
};

/** Plain apps on the selected contexts; one naming a context the kubeconfig lacks is kept with an error. */
export function discoverPlainApps(input: DiscoveryInput): AppDefinition[] {
	const selected = new Map(input.contexts.map(context => [context.name, context]));
	const flags = pauseFlagIndex(input);
	return input.settings.apps.flatMap(spec => {
		const contextName = plainAppContext(spec, input);
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
		else app.controller.autoSync = plainAutoSync(app, flags, input);
		return [app];
	});
}

/** The context a plain app's objects are on: its own, else the current context, else the first selected. */
export function plainAppContext(spec: Pick<PlainAppSpec, 'context'>, input: Pick<DiscoveryInput, 'contexts' | 'currentContext'>): string | undefined {
	return spec.context ?? input.currentContext ?? input.contexts[0]?.name;
}

/** The selected contexts plain apps are on: where their pause flags are read before discovery. */
export function plainPauseContexts(settings: RepoSettings, input: Pick<DiscoveryInput, 'contexts' | 'currentContext'>): string[] {
	const selected = new Set(input.contexts.map(context => context.name));
	const contexts = settings.apps.map(spec => plainAppContext(spec, input)).filter((name): name is string => name !== undefined && selected.has(name));
	return [...new Set(contexts)];
}

/**
 * No auto-sync, and when the pause flag is set, who paused, why, since and until (from its annotations); when the
 * flag's kind could not be listed, why (also a warning on the app).
 */
function plainAutoSync(app: AppDefinition, flags: PauseFlagIndex, input: DiscoveryInput): AppDefinition['controller']['autoSync'] {
	const ref = plainPauseRef(app);
	const flag = flags(app.controllerContext).get(`${ref.namespace}/${ref.name}`);
	if (flag) return autoSyncOf(flag, false);
	// ConfigMaps not listable: whether it is paused is unknown, and says so (an unreachable context says so itself).
	const failure = input.kindFailure?.(app.controllerContext, plainPauseKind);
	if (!failure || isConnectionFailure(failure.kind)) return {enabled: false};
	const unreadable = pauseFlagUnreadable(ref, failure, 'list');
	app.warnings.push(unreadable);
	return {enabled: false, unreadable};
}

type PauseFlagIndex = (context: string) => ReadonlyMap<string, KubeObject>;

/**
 * A context's ConfigMaps by namespace/name, made once per discovery and context: every plain app looks up its
 * flag, and a fleet's contexts hold thousands of ConfigMaps (a scan per app grew as apps × ConfigMaps).
 */
function pauseFlagIndex(input: DiscoveryInput): PauseFlagIndex {
	const byContext = new Map<string, Map<string, KubeObject>>();
	return context => {
		let index = byContext.get(context);
		if (!index) {
			byContext.set(context, (index = new Map()));
			for (const object of input.objects(context, plainPauseKind)) {
				const key = `${object.metadata.namespace}/${object.metadata.name}`;
				// The first of a name wins, as the scan it replaces found it.
				if (!index.has(key)) index.set(key, object);
			}
		}
		return index;
	};
}

/** The revision gitops-tui last applied: the annotation its objects share (undefined when they disagree or lack it). */
export function plainDeployedRevision(owned: readonly KubeObject[]): string | undefined {
	const revisions = new Set(owned.map(object => object.metadata?.annotations?.[appliedRevisionAnnotation]));
	if (revisions.size !== 1) return undefined;
	const [revision] = revisions;
	return revision || undefined;
}
