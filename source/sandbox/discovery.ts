/**
 * Discovery documents (/version, /api, /api/v1, /apis, /apis/<group>, /apis/<group>/<version>)
 * in the legacy (unaggregated) form, shaped like a real v1.32 apiserver's.
 */
import {createHash} from 'node:crypto';
import {apiVersionOf, type Registry} from './registry.js';
import type {ResourceType} from './types.js';

/** The reported server version. Clients such as the gcloud kubectl dispatcher pick their kubectl by it. */
export const serverVersion = {
	major: '1',
	minor: '32',
	gitVersion: 'v1.32.3',
	gitCommit: '0000000000000000000000000000000000000000',
	gitTreeState: 'clean',
	buildDate: '2026-01-01T00:00:00Z',
	goVersion: 'go1.23.6',
	compiler: 'gc',
	platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string) {
	return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress}]};
}

function groupEntry(name: string, versions: string[]) {
	const list = versions.map(version => ({groupVersion: `${name}/${version}`, version}));
	return {name, versions: list, preferredVersion: list[0]};
}

export function apiGroupList(registry: Registry) {
	return {kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().map(g => groupEntry(g.name, g.versions))};
}

export function apiGroup(registry: Registry, name: string) {
	const group = registry.groups().find(g => g.name === name);
	return group && {kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group.name, group.versions)};
}

/** Like the apiserver's storage version hash: 8 bytes of a digest of group, version and kind. */
function storageVersionHash(type: ResourceType): string {
	return createHash('sha256').update(`${type.group}/${type.version}/${type.kind}`).digest().subarray(0, 8).toString('base64');
}

function resourceEntries(type: ResourceType) {
	const main: Record<string, unknown> = {name: type.resource, singularName: type.singular, namespaced: type.namespaced, kind: type.kind, verbs: type.verbs};
	if (type.shortNames) main['shortNames'] = type.shortNames;
	if (type.categories) main['categories'] = type.categories;
	if (type.verbs.includes('get')) main['storageVersionHash'] = storageVersionHash(type);
	const entries: Array<Record<string, unknown>> = [main];
	for (const sub of type.subresources ?? []) {
		entries.push(
			sub === 'scale'
				? {name: `${type.resource}/scale`, singularName: '', namespaced: type.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update']}
				: {name: `${type.resource}/status`, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: ['get', 'patch', 'update']},
		);
	}
	return entries;
}

/** The APIResourceList of one group version, sorted by name as the apiserver sorts it. */
export function apiResourceList(registry: Registry, group: string, version: string) {
	const resources = registry
		.all()
		.filter(t => t.group === group && t.version === version)
		.flatMap(resourceEntries)
		.sort((a, b) => (String(a['name']) < String(b['name']) ? -1 : 1));
	return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({group, version}), resources};
}
