/**
 * Decides whether a live object belongs to an app, from the app's ownership rules: Flux inventories, Argo CD's
 * tracking label or annotation, Helm's release annotations, our own label. Only owned objects can become Extra.
 */
import {splitApiVersion, type KubeObject} from '../domain/kube-object.js';
import {resourceId} from '../domain/resource-key.js';
import type {OwnershipRule} from './engine.js';

/** True when any rule claims the object. */
export function ownsObject(rules: readonly OwnershipRule[], object: KubeObject): boolean {
	return rules.some(rule => matches(rule, object));
}

/** The live objects the rules claim. Inventory ids are looked up in a set, so large inventories stay cheap. */
export function ownedObjects(rules: readonly OwnershipRule[], objects: readonly KubeObject[]): KubeObject[] {
	const prepared = rules.map(rule => (rule.kind === 'inventory' ? {...rule, set: new Set(rule.ids)} : rule));
	return objects.filter(object =>
		prepared.some(rule => ('set' in rule ? rule.set.has(objectId(object)) : matches(rule, object))),
	);
}

function matches(rule: OwnershipRule, object: KubeObject): boolean {
	const metadata = object.metadata ?? {};
	switch (rule.kind) {
		case 'inventory':
			return rule.ids.includes(objectId(object));
		case 'labels':
			return Object.entries(rule.values).every(([key, value]) => metadata.labels?.[key] === value);
		case 'annotations':
			return Object.entries(rule.values).every(([key, value]) => metadata.annotations?.[key] === value);
		case 'argo-tracking-id':
			return trackingIdMatches(metadata.annotations?.['argocd.argoproj.io/tracking-id'], rule.appNames, object);
	}
}

/**
 * Argo CD's tracking id `<app>:<group>/<kind>:<namespace>/<name>` claims the object only when it names the
 * object itself: a copied annotation (a Pod template's, say) does not make a child part of the app.
 */
export function trackingIdMatches(trackingId: string | undefined, appNames: readonly string[], object: KubeObject): boolean {
	if (!trackingId) return false;
	const match = /^(.+?):([^:/]*)\/([^:]+):([^/]*)\/(.+)$/.exec(trackingId);
	if (!match) return false;
	const [, app, group, kind, namespace, name] = match;
	const own = splitApiVersion(object.apiVersion ?? '');
	return (
		appNames.includes(app!) &&
		group === own.group &&
		kind === object.kind &&
		name === object.metadata?.name &&
		// Cluster-scoped objects carry an empty namespace.
		namespace === (object.metadata?.namespace ?? '')
	);
}

function objectId(object: KubeObject): string {
	const {group} = splitApiVersion(object.apiVersion ?? '');
	return resourceId({group, kind: object.kind, namespace: object.metadata?.namespace ?? '', name: object.metadata?.name ?? ''});
}
