import {describe, expect, it} from 'vitest';
import type {LiveResource, LiveStore} from '../../source/cluster/live-store.js';
import {createProjector} from '../../source/cluster/projection.js';
import {ShardedMap} from '../../source/domain/watch-map.js';
import {emptyWatchState} from '../../source/domain/watch-types.js';
import {createWatchView} from '../../source/live/watch-view.js';
import {kubeObject} from '../support/domain-objects.js';

const projector = createProjector();
const cm = (name: string) => projector.project(kubeObject('v1', 'ConfigMap', name, 'shop', {data: {k: 'v'}}));

function storeOf(resources: LiveResource[]): LiveStore {
	return {
		resources: context => resources.filter(resource => context === undefined || resource.context === context),
		get: () => undefined,
		objects: () => [],
		connection: context => (context === 'gone' ? {phase: 'unreachable', error: {kind: 'unreachable', message: 'connect ECONNREFUSED'}, since: 0} : {phase: 'ready', since: 0}),
		synced: () => true,
		subscribe: () => () => {},
		stop() {},
	};
}

describe('the live view of one evaluation', () => {
	const configMaps: LiveResource = {context: 'prod', kind: {group: '', version: 'v1', kind: 'ConfigMap'}, state: {...emptyWatchState, synced: true, objects: ShardedMap.from([[cm('a').key, cm('a')]])}, status: {phase: 'watching'}};
	const view = createWatchView({
		store: storeOf([configMaps]),
		clients: new Map(),
		failures: new Map([['broken', {kind: 'kubeconfig', message: 'no user'}]]),
		namespaced: (context, group, kind) => (kind === 'ConfigMap' ? true : undefined),
	});

	it('answers a watched kind once per evaluation: one consistent picture, not a copy per question', () => {
		const first = view.kind('prod', '', 'ConfigMap');
		expect(first).toMatchObject({ok: true, namespaced: true});
		configMaps.state = {...configMaps.state, objects: ShardedMap.from([[cm('a').key, cm('a')], [cm('b').key, cm('b')]])};
		expect(view.kind('prod', '', 'ConfigMap')).toBe(first);
	});

	it('leaves kinds nobody watches to the listing, and reports dead contexts', () => {
		expect(view.kind('prod', 'example.com', 'Widget')).toBeUndefined();
		expect(view.contextFailure('broken')).toEqual({kind: 'kubeconfig', message: 'no user'});
		expect(view.contextFailure('gone')).toEqual({kind: 'unreachable', message: 'connect ECONNREFUSED'});
		expect(view.contextFailure('prod')).toBeUndefined();
	});
});
