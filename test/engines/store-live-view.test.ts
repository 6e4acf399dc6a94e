import {describe, expect, it} from 'vitest';
import type {LiveResource, LiveStore} from '../../source/cluster/live-store.js';
import {createProjector} from '../../source/cluster/projection.js';
import {ShardedMap} from '../../source/domain/watch-map.js';
import {emptyWatchState} from '../../source/domain/watch-types.js';
import {liveViewFromStore} from '../../source/engines/store-live-view.js';
import {kubeObject} from '../support/domain-objects.js';

const projector = createProjector();
const cm = projector.project(kubeObject('v1', 'ConfigMap', 'a', 'shop', {data: {k: 'v'}}));

function store(resources: LiveResource[], phase: 'ready' | 'unreachable' = 'ready'): LiveStore {
	return {
		resources: context => resources.filter(resource => context === undefined || resource.context === context),
		get: () => undefined,
		objects: () => [],
		connection: context => (context === 'gone' ? {phase: 'unreachable', error: {kind: 'unreachable', message: 'connect ECONNREFUSED'}, since: 0} : {phase, since: 0}),
		synced: () => true,
		subscribe: () => () => {},
		stop() {},
	};
}

describe('the watch store as a live view', () => {
	const view = liveViewFromStore(
		store([
			{context: 'prod', kind: {group: '', version: 'v1', kind: 'ConfigMap'}, state: {...emptyWatchState, synced: true, objects: ShardedMap.from([[cm.key, cm]])}, status: {phase: 'watching'}},
			{context: 'prod', kind: {group: 'apps', version: 'v1', kind: 'Deployment'}, state: emptyWatchState, status: {phase: 'listing'}},
			{context: 'prod', kind: {group: 'batch', version: 'v1', kind: 'Job'}, state: emptyWatchState, status: {phase: 'waiting', error: {kind: 'forbidden', message: 'jobs is forbidden'}}},
			{context: 'prod', kind: {group: 'example.com', version: 'v1', kind: 'Widget'}, state: emptyWatchState, status: {phase: 'waiting', error: {kind: 'not-found', message: '404'}}},
		]),
	);

	it('answers listed kinds with their objects, and says what cannot be read', () => {
		expect(view.kind('prod', '', 'ConfigMap')).toEqual({ok: true, objects: [cm], namespaced: true});
		expect(view.kind('prod', 'apps', 'Deployment')).toBeUndefined();
		expect(view.kind('prod', 'batch', 'Job')).toEqual({ok: false, kind: 'forbidden', message: 'jobs is forbidden'});
		expect(view.kind('prod', 'example.com', 'Widget')).toEqual({ok: false, kind: 'not-served', message: 'Widget is not served by context prod'});
		expect(view.kind('prod', '', 'Secret')).toBeUndefined();
	});

	it('fails a context whose connection is down', () => {
		expect(view.contextFailure('prod')).toBeUndefined();
		expect(view.contextFailure('gone')).toEqual({kind: 'unreachable', message: 'connect ECONNREFUSED'});
	});
});
