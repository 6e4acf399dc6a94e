import {describe, expect, it} from 'vitest';
import {applyWatchEvent, applyWatchEvents} from '../../source/domain/watch-reducer.js';
import {emptyWatchState, liveKey, type LiveObject, type WatchState} from '../../source/domain/watch-types.js';

function configMap(name: string, resourceVersion: string, data: Record<string, string> = {}): LiveObject {
	return {
		key: liveKey('', 'ConfigMap', 'wire', name),
		object: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'wire', resourceVersion}, data},
		managers: [],
	};
}

function listed(...objects: LiveObject[]): WatchState {
	return applyWatchEvent(emptyWatchState, {type: 'LISTED', objects, resourceVersion: '100'}).state;
}

describe('applyWatchEvent', () => {
	it('LISTED replaces the state, marks it synced and reports every key', () => {
		const {state, changes} = applyWatchEvent(emptyWatchState, {type: 'LISTED', objects: [configMap('a', '1'), configMap('b', '2')], resourceVersion: '100'});
		expect([...state.objects.keys()].sort()).toEqual(['/ConfigMap/wire/a', '/ConfigMap/wire/b']);
		expect(state.synced).toBe(true);
		expect(state.resourceVersion).toBe('100');
		expect(changes).toEqual([
			{key: '/ConfigMap/wire/a', type: 'upsert'},
			{key: '/ConfigMap/wire/b', type: 'upsert'},
		]);
	});

	it('a relist reports only what differs: vanished keys as deletes, new versions as upserts', () => {
		const before = listed(configMap('a', '1'), configMap('b', '2'));
		const {state, changes} = applyWatchEvent(before, {type: 'LISTED', objects: [configMap('a', '1'), configMap('c', '7')], resourceVersion: '200'});
		expect([...state.objects.keys()].sort()).toEqual(['/ConfigMap/wire/a', '/ConfigMap/wire/c']);
		expect(changes).toEqual([
			{key: '/ConfigMap/wire/c', type: 'upsert'},
			{key: '/ConfigMap/wire/b', type: 'delete'},
		]);
	});

	it('ADDED inserts the object and advances the resourceVersion', () => {
		const before = listed();
		const {state, changes} = applyWatchEvent(before, {type: 'ADDED', object: configMap('w1', '471', {x: '1'})});
		expect(state.objects.get('/ConfigMap/wire/w1')?.object['data']).toEqual({x: '1'});
		expect(state.resourceVersion).toBe('471');
		expect(changes).toEqual([{key: '/ConfigMap/wire/w1', type: 'upsert'}]);
		// Pure: the input state is untouched.
		expect(before.objects.size).toBe(0);
	});

	it('MODIFIED replaces the stored object', () => {
		const before = listed(configMap('w1', '471', {x: '1'}));
		const {state, changes} = applyWatchEvent(before, {type: 'MODIFIED', object: configMap('w1', '472', {x: '2'})});
		expect(state.objects.get('/ConfigMap/wire/w1')?.object['data']).toEqual({x: '2'});
		expect(changes).toEqual([{key: '/ConfigMap/wire/w1', type: 'upsert'}]);
		expect(before.objects.get('/ConfigMap/wire/w1')?.object['data']).toEqual({x: '1'});
	});

	it('an event carrying the version already stored changes nothing (compared for equality only)', () => {
		const before = listed(configMap('w1', '471'));
		const {state, changes} = applyWatchEvent(before, {type: 'ADDED', object: configMap('w1', '471')});
		expect(changes).toEqual([]);
		expect(state.objects).toBe(before.objects);
	});

	it('does not order resourceVersions: a "smaller" version is still a change', () => {
		// Versions are opaque strings; "9" after "10" is just different.
		const before = listed(configMap('w1', '10'));
		const {changes} = applyWatchEvent(before, {type: 'MODIFIED', object: configMap('w1', '9')});
		expect(changes).toEqual([{key: '/ConfigMap/wire/w1', type: 'upsert'}]);
	});

	it('DELETED removes the object; deleting an unknown key is no change', () => {
		const before = listed(configMap('w1', '472'));
		const {state, changes} = applyWatchEvent(before, {type: 'DELETED', object: configMap('w1', '473')});
		expect(state.objects.has('/ConfigMap/wire/w1')).toBe(false);
		expect(state.resourceVersion).toBe('473');
		expect(changes).toEqual([{key: '/ConfigMap/wire/w1', type: 'delete'}]);
		const again = applyWatchEvent(state, {type: 'DELETED', object: configMap('w1', '474')});
		expect(again.changes).toEqual([]);
	});

	it('BOOKMARK only moves the resourceVersion', () => {
		const before = listed(configMap('w1', '472'));
		const {state, changes} = applyWatchEvent(before, {type: 'BOOKMARK', resourceVersion: '473'});
		expect(state.resourceVersion).toBe('473');
		expect(state.objects).toBe(before.objects);
		expect(changes).toEqual([]);
	});

	it('ERROR 410 Expired asks for a relist, forgets the version and keeps the objects until then', () => {
		const before = listed(configMap('w1', '472'));
		const {state, changes} = applyWatchEvent(before, {
			type: 'ERROR',
			status: {code: 410, reason: 'Expired', message: 'too old resource version: 1 (417)'},
		});
		expect(state.relistNeeded).toBe(true);
		expect(state.resourceVersion).toBeUndefined();
		expect(state.error?.reason).toBe('Expired');
		expect(state.objects.size).toBe(1);
		expect(changes).toEqual([]);
		const relisted = applyWatchEvent(state, {type: 'LISTED', objects: [], resourceVersion: '500'});
		expect(relisted.state.relistNeeded).toBe(false);
		expect(relisted.state.error).toBeUndefined();
		expect(relisted.changes).toEqual([{key: '/ConfigMap/wire/w1', type: 'delete'}]);
	});

	it('another ERROR is recorded without asking for a relist', () => {
		const {state} = applyWatchEvent(listed(), {type: 'ERROR', status: {code: 500, message: 'etcd timeout'}});
		expect(state.relistNeeded).toBe(false);
		expect(state.resourceVersion).toBe('100');
		expect(state.error?.code).toBe(500);
	});

	it('a batch reports one net change per key', () => {
		const before = listed(configMap('a', '1'));
		const {state, changes} = applyWatchEvents(before, [
			{type: 'ADDED', object: configMap('b', '2')},
			{type: 'MODIFIED', object: configMap('b', '3')},
			{type: 'DELETED', object: configMap('a', '4')},
			{type: 'ADDED', object: configMap('a', '5')},
			{type: 'BOOKMARK', resourceVersion: '6'},
		]);
		expect(changes).toEqual([
			{key: '/ConfigMap/wire/b', type: 'upsert'},
			{key: '/ConfigMap/wire/a', type: 'upsert'},
		]);
		expect(state.objects.get('/ConfigMap/wire/b')?.object.metadata.resourceVersion).toBe('3');
		expect(state.resourceVersion).toBe('6');
	});
});
