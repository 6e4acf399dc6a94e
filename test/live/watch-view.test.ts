import {describe, expect, it} from 'vitest';
import type {LiveResource, LiveStore} from '../../source/cluster/live-store.js';
import {createProjector} from '../../source/cluster/projection.js';
import {ShardedMap} from '../../source/domain/watch-map.js';
import {emptyWatchState} from '../../source/domain/watch-types.js';
import {appLiveObjects} from '../../source/engines/live-index.js';
import {createWatchView, createWatchViewMemory} from '../../source/live/watch-view.js';
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

	it('answers successive evaluations with the kind as it is now, its index handed on and updated by the changes', () => {
		const labelled = (name: string, app: string) => projector.project(kubeObject('v1', 'ConfigMap', name, 'shop', {}, {labels: {'gitops-tui.io/app': app}}));
		const many = Array.from({length: 40}, (_, i) => labelled(`cm-${i}`, `app-${i % 4}`));
		const resource: LiveResource = {context: 'prod', kind: {group: '', version: 'v1', kind: 'ConfigMap'}, state: {...emptyWatchState, synced: true, objects: ShardedMap.from(many.map(entry => [entry.key, entry]))}, status: {phase: 'watching'}};
		const memory = createWatchViewMemory();
		const viewNow = () => createWatchView({store: storeOf([resource]), clients: new Map(), failures: new Map(), memory, namespaced: () => true});
		const owned = (app: string) =>
			appLiveObjects(viewNow(), {context: 'prod', kinds: [{group: '', kind: 'ConfigMap'}], app: {ownership: [{kind: 'labels', values: {'gitops-tui.io/app': app}}]}, desired: []}).map(entry => entry.key);
		expect(owned('app-1')).toHaveLength(10);
		const state = resource.state;
		// Watch events: cm-1 moves to app-2, cm-5 is deleted, cm-new joins app-1.
		resource.state = {...state, objects: state.objects.edit(draft => {
			draft.set('/ConfigMap/shop/cm-1', labelled('cm-1', 'app-2'));
			draft.delete('/ConfigMap/shop/cm-5');
			draft.set('/ConfigMap/shop/cm-new', labelled('cm-new', 'app-1'));
		})};
		const expected = [...resource.state.objects.values()].filter(entry => entry.object.metadata?.labels?.['gitops-tui.io/app'] === 'app-1').map(entry => entry.key).sort();
		expect(owned('app-1')).toEqual(expected);
		expect(owned('app-1')).toContain('/ConfigMap/shop/cm-new');
		expect(owned('app-1')).not.toContain('/ConfigMap/shop/cm-1');
		expect(owned('app-2')).toContain('/ConfigMap/shop/cm-1');
	});
});
