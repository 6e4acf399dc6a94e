import type {KubeObject} from './kube-object.js';
import {isPlainObject, isSetList, listItemElement, listKeysFor} from './normalise.js';
import type {FieldPath} from './field-paths.js';

/**
 * Live cut down to the fields the manifest sets (list items matched by key), for the fast diff view: server
 * defaults and fields other managers added drop out, so the text diff shows what the fast comparison judged.
 */
export function liveFieldsOf(desired: KubeObject, live: KubeObject): KubeObject {
	const view = project(desired, live, []) as Record<string, unknown> | undefined;
	return {...view, apiVersion: live.apiVersion, kind: live.kind, metadata: (view?.metadata as KubeObject['metadata']) ?? {}};
}

function project(desired: unknown, live: unknown, path: FieldPath): unknown {
	if (live === undefined || desired === undefined || desired === null) return undefined;
	if (isPlainObject(desired) && isPlainObject(live)) {
		const out: Record<string, unknown> = {};
		for (const field of Object.keys(desired)) {
			const value = project(desired[field], live[field], [...path, {kind: 'field', name: field}]);
			if (value !== undefined) out[field] = value;
		}

		return out;
	}

	if (Array.isArray(desired) && Array.isArray(live)) {
		const keys = listKeysFor(path, desired);
		if (keys && desired.every(item => listItemElement(item, keys))) {
			return desired.flatMap(item => {
				const element = JSON.stringify(listItemElement(item, keys));
				const match = live.find(candidate => JSON.stringify(listItemElement(candidate, keys)) === element);
				return match === undefined ? [] : [project(item, match, [...path, listItemElement(item, keys)!])];
			});
		}

		if (isSetList(path, desired)) return live.filter(item => desired.includes(item));
		// Atomic lists are shown whole: the server replaces them whole.
		return live;
	}

	return live;
}
