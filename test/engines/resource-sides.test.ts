/**
 * A diff of an app with thousands of objects grows linearly: the sides of every resource come from an index built
 * once, not from a scan of every object per resource (counted by the scope lookups each id needs).
 */
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {ResourceKey} from '../../source/domain/resource-key.js';
import type {AppDefinition} from '../../source/engines/engine.js';
import type {PreparedApp} from '../../source/engines/prepare-app.js';
import {resourceSidesOf} from '../../source/engines/resource-sides.js';

function configMap(name: string, value: string): KubeObject {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'shop'}, data: {value}};
}

function preparedApp(count: number, lookups: {count: number}): {prepared: PreparedApp; keys: ResourceKey[]} {
	const desired = Array.from({length: count}, (_, index) => configMap(`missing-${index}`, 'git'));
	const extra = Array.from({length: count}, (_, index) => configMap(`extra-${index}`, 'live'));
	const drifted = Array.from({length: count}, (_, index) => ({id: `/ConfigMap/shop/drifted-${index}`, key: key(`drifted-${index}`), desired: configMap(`drifted-${index}`, 'git'), live: configMap(`drifted-${index}`, 'live')}));
	const prepared = {
		app: {defaultNamespace: 'shop'} as AppDefinition,
		desired: {state: {ok: true, objects: desired}, rendered: [], notes: []},
		decorated: [...drifted.map(pair => pair.desired), ...desired],
		live: [],
		owned: [...drifted.map(pair => pair.live), ...extra],
		pairs: drifted,
		isNamespaced: () => {
			lookups.count++;
			return true;
		},
		unreadable: () => undefined,
		managersFor: () => undefined,
	} satisfies PreparedApp;
	const keys = [...drifted.map(pair => pair.key), ...desired.map(object => key(object.metadata.name!)), ...extra.map(object => key(object.metadata.name!))];
	return {prepared, keys};
}

function key(name: string): ResourceKey {
	return {group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name};
}

describe('resourceSidesOf', () => {
	it('finds every side of thousands of resources with a linear number of lookups', () => {
		const lookups = {count: 0};
		const {prepared, keys} = preparedApp(3000, lookups);
		const sidesOf = resourceSidesOf(prepared);
		const sides = keys.map(sidesOf);
		expect(sides[0]).toMatchObject({desired: {data: {value: 'git'}}, live: {data: {value: 'live'}}, merged: {data: {value: 'git'}}});
		expect(sides[3000]).toMatchObject({desired: {metadata: {name: 'missing-0'}}});
		expect(sides[3000]!.live).toBeUndefined();
		expect(sides[8999]).toMatchObject({live: {metadata: {name: 'extra-2999'}}});
		expect(sides[8999]!.desired).toBeUndefined();
		// Each decorated and owned object is looked up once at most: 12,000 objects, not millions of scans.
		expect(lookups.count).toBeLessThanOrEqual(12_000);
	});
});
