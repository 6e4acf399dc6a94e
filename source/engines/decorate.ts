/**
 * Desired objects as the app's controller applies them: kustomize-controller adds its name/namespace labels,
 * Argo CD its tracking label or annotation, gitops-tui its app label. Without these, the exact comparison (a
 * server-side apply dry-run as the controller's field manager) would remove them and report drift that is not.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {ResourceKey} from '../domain/resource-key.js';
import type {Decoration} from './engine.js';
import {argoTrackingAnnotation} from './argo-application.js';
import {trackingIdMatches} from './ownership.js';

/** How an Argo CD app marks its objects, as seen on its live objects. */
export type ArgoTrackingMethod = 'label' | 'annotation' | 'annotation+label';

/** What decorating one object needs. */
export type DecorateOptions = {
	decoration: Decoration;
	/** The object's identity after pairing (its namespace is filled in when the manifest names none). */
	key: ResourceKey;
	namespaced: boolean;
	live?: KubeObject;
	/** The app-wide Argo CD method, for objects not yet live. */
	argoMethod?: ArgoTrackingMethod;
};

/** A copy of the desired object with the controller's marks; the input is not changed. */
export function decorateDesired(desired: KubeObject, options: DecorateOptions): KubeObject {
	const {decoration, key, live} = options;
	const metadata = {...desired.metadata};
	if (options.namespaced && !metadata.namespace && key.namespace) metadata.namespace = key.namespace;
	const labels = {...metadata.labels, ...decoration.labels};
	const annotations = {...metadata.annotations, ...decoration.annotations};
	for (const name of decoration.keepLiveAnnotations ?? []) {
		const value = live?.metadata?.annotations?.[name];
		if (value !== undefined) annotations[name] = value;
	}

	const tracking = decoration.argoTracking;
	if (tracking) {
		const method = live ? (liveMethod(live, tracking.labelKey) ?? options.argoMethod) : options.argoMethod;
		if (method !== 'annotation') labels[tracking.labelKey] = tracking.appName;
		if (method !== 'label') {
			// Keep the live id when it is this app's and names this object (it may carry the app's namespace prefix).
			const liveId = live?.metadata?.annotations?.[argoTrackingAnnotation];
			const liveApp = liveId?.split(':')[0];
			const ours = liveApp !== undefined && (liveApp === tracking.appName || liveApp.endsWith(`_${tracking.appName}`));
			annotations[argoTrackingAnnotation] =
				ours && trackingIdMatches(liveId, [liveApp], live!) ? liveId! : `${tracking.appName}:${key.group}/${key.kind}:${key.namespace}/${key.name}`;
		}
	}

	if (Object.keys(labels).length > 0) metadata.labels = labels;
	if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
	return {...desired, metadata};
}

/** The tracking method one live object shows; undefined when it carries neither mark. */
export function liveMethod(live: KubeObject, labelKey: string): ArgoTrackingMethod | undefined {
	const hasAnnotation = live.metadata?.annotations?.[argoTrackingAnnotation] !== undefined;
	const hasLabel = live.metadata?.labels?.[labelKey] !== undefined;
	if (hasAnnotation && hasLabel) return 'annotation+label';
	if (hasAnnotation) return 'annotation';
	if (hasLabel) return 'label';
	return undefined;
}

/** The method most of an app's owned live objects show; Argo CD 3's default (annotation) when none does. */
export function argoMethodOf(owned: readonly KubeObject[], labelKey: string): ArgoTrackingMethod {
	const counts = new Map<ArgoTrackingMethod, number>();
	for (const object of owned) {
		const method = liveMethod(object, labelKey);
		if (method) counts.set(method, (counts.get(method) ?? 0) + 1);
	}

	let best: ArgoTrackingMethod = 'annotation';
	let bestCount = 0;
	for (const [method, count] of counts) {
		if (count > bestCount) [best, bestCount] = [method, count];
	}

	return best;
}
