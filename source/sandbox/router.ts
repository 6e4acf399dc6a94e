/**
 * Maps a URL path onto what the sandbox serves: discovery, OpenAPI, the fault controls, or a
 * resource (type, namespace, name, subresource) exactly as the apiserver lays out its paths.
 */
import type {Registry} from './registry.js';
import type {ResourceType} from './types.js';

/** A resource request's target. */
export type ResourceRoute = {
	kind: 'resource';
	type: ResourceType;
	namespace?: string;
	name?: string;
	subresource?: 'status' | 'scale';
	/** The deprecated `/watch/` path prefix was used. */
	legacyWatch: boolean;
};

export type Route =
	| {kind: 'version'}
	| {kind: 'health'}
	| {kind: 'api-versions'}
	| {kind: 'core-resources'}
	| {kind: 'groups'}
	| {kind: 'group'; group: string}
	| {kind: 'group-resources'; group: string; version: string}
	| {kind: 'openapi-v2'}
	| {kind: 'openapi-v3-root'}
	| {kind: 'openapi-v3'; group: string; version: string}
	| {kind: 'control'; action: string}
	| ResourceRoute
	| {kind: 'not-found'};

const notFound: Route = {kind: 'not-found'};

function resourceRoute(registry: Registry, group: string, version: string, rest: string[]): Route {
	const legacyWatch = rest[0] === 'watch';
	const segments = legacyWatch ? rest.slice(1) : rest;
	const namespacedType = segments[0] === 'namespaces' && segments.length >= 3 ? registry.byResource(group, version, segments[2]!) : undefined;
	if (namespacedType?.namespaced) {
		if (segments.length > 5) return notFound;
		return finish({kind: 'resource', type: namespacedType, namespace: segments[1], name: segments[3], legacyWatch}, segments[4]);
	}
	const type = registry.byResource(group, version, segments[0] ?? '');
	if (!type || segments.length > 3) return notFound;
	// A namespaced type at the cluster path serves only the all-namespaces list and watch.
	if (type.namespaced && segments.length > 1) return notFound;
	return finish({kind: 'resource', type, name: segments[1], legacyWatch}, segments[2]);
}

function finish(route: ResourceRoute, subresource: string | undefined): Route {
	if (route.name === '' || route.namespace === '') return notFound;
	if (subresource === undefined) return route;
	if (subresource !== 'status' && subresource !== 'scale') return notFound;
	if (!route.type.subresources?.includes(subresource)) return notFound;
	return {...route, subresource};
}

/** Resolves a decoded URL path (no query string). */
export function route(registry: Registry, path: string): Route {
	const segments = path.split('/').filter(segment => segment !== '');
	const [first, second, third, ...rest] = segments.map(s => decodeURIComponent(s));
	switch (first) {
		case 'version':
			return segments.length === 1 ? {kind: 'version'} : notFound;
		case 'healthz':
		case 'livez':
		case 'readyz':
			return {kind: 'health'};
		case 'api':
			if (second === undefined) return {kind: 'api-versions'};
			if (second !== 'v1') return notFound;
			if (third === undefined) return {kind: 'core-resources'};
			return resourceRoute(registry, '', 'v1', [third, ...rest]);
		case 'apis': {
			if (second === undefined) return {kind: 'groups'};
			const versions = registry.groups().find(g => g.name === second)?.versions;
			if (!versions) return notFound;
			if (third === undefined) return {kind: 'group', group: second};
			if (!versions.includes(third)) return notFound;
			if (rest.length === 0) return {kind: 'group-resources', group: second, version: third};
			return resourceRoute(registry, second, third, rest);
		}
		case 'openapi':
			if (second === 'v2' && third === undefined) return {kind: 'openapi-v2'};
			if (second !== 'v3') return notFound;
			if (third === undefined) return {kind: 'openapi-v3-root'};
			if (third === 'api' && rest[0] === 'v1' && rest.length === 1) return {kind: 'openapi-v3', group: '', version: 'v1'};
			if (third === 'apis' && rest.length === 2) return {kind: 'openapi-v3', group: rest[0]!, version: rest[1]!};
			return notFound;
		case 'sandbox':
			return second === 'v1' && third === 'faults' && rest.length === 1 ? {kind: 'control', action: rest[0]!} : notFound;
		default:
			return notFound;
	}
}
