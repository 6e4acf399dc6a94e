/**
 * The simulated Argo CD application controller for `Application` (argoproj.io/v1alpha1). As the real one: it
 * compares when the app's last comparison is older than the resync period, when `argocd.argoproj.io/refresh`
 * is set (removing it), when its source or destination changed, and when a resource it tracks changes; it
 * writes status.sync, status.resources, status.health, reconciledAt, and a ComparisonError condition when the
 * repository cannot be fetched. With syncPolicy.automated it sets a sync `operation` when OutOfSync at a
 * revision not yet synced, or, with selfHeal, again after the self-heal timeout; any `operation` (the CLI's or
 * its own) is run by argo-sync.ts.
 */
import {specOf, statusOf} from '../../domain/health/conditions.js';
import type {KubeObject} from '../../domain/kube-object.js';
import {compareApp, trackingApp} from './argo-compare.js';
import {generateManifests, sourceOf, type ArgoManifests} from './argo-source.js';
import {runSyncOperation, writeApp, type Operation} from './argo-sync.js';
import type {GitOpsController} from './controller.js';
import {stableJson} from './flux-apply.js';
import {argoRefreshAnnotation} from './marks.js';
import {gitopsKinds, gitopsSources, splitKey, type GitOpsRuntime} from './runtime.js';

/** The controller-wide settings argocd-cm and the controller's flags give. */
export type ArgoSettings = {
	/** `timeout.reconciliation`: how often every app is compared (Argo CD's default 180 s). */
	resyncMs: number;
	/** `--self-heal-timeout-seconds`: wait after a sync before self-healing again (default 5 s). */
	selfHealTimeoutMs: number;
};

/** The controller's name in the queue. */
export const argoControllerName = 'argocd-application-controller';

/** Creates the application controller. */
export function createArgoController(runtime: GitOpsRuntime, overrides: Partial<ArgoSettings> = {}): GitOpsController {
	const settings: ArgoSettings = {resyncMs: 180_000, selfHealTimeoutMs: 5000, ...overrides};
	const requests: Requests = {refreshRequested: new Map(), selfHealDue: new Map(), manifests: new Map()};
	const request = (key: string, level: CompareLevel) => {
		if (requests.refreshRequested.get(key) !== 'latest') requests.refreshRequested.set(key, level);
	};
	return {
		name: argoControllerName,
		primary: gitopsKinds.application,
		keysFor(event) {
			const {object} = event;
			if (object.apiVersion === gitopsKinds.application.apiVersion && object.kind === 'Application') {
				if (event.type === 'DELETED') return [];
				// Turning automated sync on compares with the latest at once (Argo CD's automatedSyncEnabled).
				if (event.previous && !automatedOn(event.previous) && automatedOn(object)) request(keyOf(object), 'latest');
				return [keyOf(object)];
			}
			const app = trackingApp(object) ?? (event.previous ? trackingApp(event.previous) : undefined);
			if (!app) return [];
			const keys = runtime.list(gitopsKinds.application).filter(candidate => candidate.metadata.name === app).map(keyOf);
			// A tracked resource changed: compare again with the manifests already generated (CompareWithRecent).
			for (const key of keys) request(key, 'recent');
			return keys;
		},
		reconcile: key => reconcile(runtime, settings, requests, key),
		startDelay(object) {
			const reconciledAt = Date.parse(statusOf(object).reconciledAt ?? '');
			if (Number.isNaN(reconciledAt) || object['operation']) return undefined;
			return Math.max(0, reconciledAt + settings.resyncMs - runtime.now().getTime());
		},
	};
}

function automatedOn(app: KubeObject): boolean {
	const automated = specOf(app).syncPolicy?.automated;
	return Boolean(automated) && automated.enabled !== false;
}

function keyOf(object: KubeObject): string {
	return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** How fresh a comparison must be: with the manifests last generated, or from the repository now. */
type CompareLevel = 'recent' | 'latest';

/** What the controller remembers between reconciles. */
type Requests = {
	refreshRequested: Map<string, CompareLevel>;
	selfHealDue: Map<string, number>;
	/** The manifests last generated per app, with the source they came from (Argo CD's manifest cache). */
	manifests: Map<string, {source: string; manifests: ArgoManifests}>;
};

async function reconcile(runtime: GitOpsRuntime, settings: ArgoSettings, requests: Requests, key: string): Promise<void> {
	const {refreshRequested, selfHealDue} = requests;
	const {namespace, name} = splitKey(key);
	let app = runtime.get(gitopsKinds.application, namespace, name);
	if (!app || app.metadata.deletionTimestamp) return;
	const healDue = selfHealDue.get(key);
	const healNow = healDue !== undefined && healDue <= runtime.now().getTime();
	if (healNow) selfHealDue.delete(key);
	const requested = healNow ? 'latest' : refreshRequested.get(key);
	refreshRequested.delete(key);
	const expired = needsRefresh(app, settings, runtime.now());
	if (requested || expired) {
		const cached = requests.manifests.get(key);
		const source = stableJson(sourceOf(app));
		const reuse = !expired && requested === 'recent' && cached?.source === source;
		const manifests = reuse ? cached.manifests : await generateManifests(runtime, app);
		requests.manifests.set(key, {source, manifests});
		compare(runtime, app, manifests);
		app = runtime.get(gitopsKinds.application, namespace, name);
		if (!app) return;
		const delay = autoSync(runtime, settings, app);
		// Self-heal waits: the app is compared again when the wait is over (requestAppRefresh with a delay).
		if (delay !== undefined) {
			selfHealDue.set(key, runtime.now().getTime() + delay);
			runtime.queue.enqueue(argoControllerName, key, delay);
		}
		app = runtime.get(gitopsKinds.application, namespace, name);
		if (!app) return;
	}
	if (app['operation'] && (statusOf(app).operationState?.phase !== 'Running')) {
		await runSyncOperation(runtime, app);
		refreshRequested.set(key, 'latest');
		runtime.queue.enqueue(argoControllerName, key);
		return;
	}
	const reconciledAt = Date.parse(statusOf(app).reconciledAt ?? '');
	const due = Number.isNaN(reconciledAt) ? settings.resyncMs : Math.max(0, reconciledAt + settings.resyncMs - runtime.now().getTime());
	runtime.queue.enqueue(argoControllerName, key, Math.max(1, due));
}

/** needRefreshAppStatus: a refresh annotation, an expired comparison, or a source/destination not yet compared. */
function needsRefresh(app: KubeObject, settings: ArgoSettings, now: Date): boolean {
	if (app.metadata.annotations?.[argoRefreshAnnotation] !== undefined) return true;
	const status = statusOf(app);
	const reconciledAt = Date.parse(status.reconciledAt ?? '');
	if (Number.isNaN(reconciledAt) || reconciledAt + settings.resyncMs <= now.getTime()) return true;
	const comparedTo = status.sync?.comparedTo ?? {};
	const spec = specOf(app);
	return stableJson(comparedTo.source) !== stableJson(sourceOf(app)) || stableJson(comparedTo.destination) !== stableJson(spec.destination);
}

function compare(runtime: GitOpsRuntime, app: KubeObject, manifests: ArgoManifests): void {
	const name = app.metadata.name ?? '';
	const time = runtime.timestamp();
	const comparedTo = {source: sourceOf(app), destination: specOf(app).destination};
	const before = statusOf(app);
	writeApp(runtime, app.metadata.namespace ?? '', name, (object, status) => {
		if (object.metadata.annotations?.[argoRefreshAnnotation] !== undefined) {
			const {[argoRefreshAnnotation]: _removed, ...rest} = object.metadata.annotations;
			object.metadata.annotations = rest;
		}
		status['reconciledAt'] = time;
		status['controllerNamespace'] = app.metadata.namespace;
		const others = (Array.isArray(status['conditions']) ? (status['conditions'] as Array<{type: string}>) : []).filter(condition => condition.type !== 'ComparisonError');
		if (!manifests.ok) {
			const previous = (before.conditions ?? []).find((condition: {type: string}) => condition.type === 'ComparisonError');
			status['conditions'] = [...others, {type: 'ComparisonError', message: manifests.message, lastTransitionTime: previous?.lastTransitionTime ?? time}];
			status['sync'] = {...(before.sync ?? {}), status: 'Unknown', comparedTo};
			return;
		}
		const comparison = compareApp(runtime, name, manifests.objects, specOf(app).ignoreDifferences);
		if (others.length > 0) status['conditions'] = others;
		else delete status['conditions'];
		status['sync'] = {status: comparison.sync, revision: manifests.sha, comparedTo};
		status['resources'] = comparison.resources;
		const previousHealth = before.health ?? {};
		status['health'] = {status: comparison.health, lastTransitionTime: previousHealth.status === comparison.health && previousHealth.lastTransitionTime ? previousHealth.lastTransitionTime : time};
		status['sourceType'] = manifests.sourceType;
		status['summary'] = {images: [...new Set(manifests.objects.flatMap(imagesOf))].sort()};
		if (before.sync?.status && before.sync.status !== comparison.sync) {
			runtime.events.record(app, {type: 'Normal', reason: 'ResourceUpdated', message: `Updated sync status: ${before.sync.status} -> ${comparison.sync}`, source: gitopsSources.argo});
		}
		if (previousHealth.status && previousHealth.status !== comparison.health) {
			runtime.events.record(app, {type: 'Normal', reason: 'ResourceUpdated', message: `Updated health status: ${previousHealth.status} -> ${comparison.health}`, source: gitopsSources.argo});
		}
	});
}

/**
 * autoSync: sets the operation an automated policy calls for; returns a delay when self-heal must wait.
 * As Argo CD: a revision already synced is not synced again unless selfHeal, and then only after the timeout.
 */
function autoSync(runtime: GitOpsRuntime, settings: ArgoSettings, app: KubeObject): number | undefined {
	const spec = specOf(app);
	const automated = spec.syncPolicy?.automated as {prune?: boolean; selfHeal?: boolean; enabled?: boolean} | undefined;
	const status = statusOf(app);
	if (!automated || automated.enabled === false || app['operation'] || status.sync?.status !== 'OutOfSync') return undefined;
	const revision: string = status.sync.revision;
	const last = status.operationState;
	const alreadyAttempted = last?.syncResult?.revision === revision || (last?.phase !== 'Succeeded' && last?.operation?.sync?.revision === revision);
	if (alreadyAttempted) {
		if (!automated.selfHeal || last?.phase !== 'Succeeded') return undefined;
		const finished = Date.parse(last.finishedAt ?? '');
		const wait = Number.isNaN(finished) ? 0 : finished + settings.selfHealTimeoutMs - runtime.now().getTime();
		if (wait > 0) return wait;
	}
	const operation: Operation = {
		initiatedBy: {automated: true},
		retry: {limit: 5},
		sync: {revision, prune: automated.prune === true, ...(Array.isArray(spec.syncPolicy?.syncOptions) ? {syncOptions: spec.syncPolicy.syncOptions} : {})},
	};
	writeApp(runtime, app.metadata.namespace ?? '', app.metadata.name ?? '', object => {
		object['operation'] = operation;
	});
	return undefined;
}

function imagesOf(object: KubeObject): string[] {
	const spec = object['spec'] as {template?: {spec?: {containers?: Array<{image?: string}>}}} | undefined;
	return (spec?.template?.spec?.containers ?? []).flatMap(container => (container.image ? [container.image] : []));
}

