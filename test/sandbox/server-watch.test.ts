/**
 * Watch streams over raw HTTPS: replay from a resourceVersion, synthetic ADDED, selector
 * transitions, bookmarks, timeouts, 410 Expired and the watch faults.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sandboxRequest, sandboxWatch, startSandboxHarness, waitFor, type SandboxHarness} from '../support/sandbox-harness.js';

let harness: SandboxHarness;
const path = '/api/v1/namespaces/watch/configmaps';
const request = (options: Parameters<typeof sandboxRequest>[1]) => sandboxRequest(harness.sandbox, options);
const createMap = (name: string, labels: Record<string, string> = {}) =>
	request({method: 'POST', path, body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, labels}, data: {v: '1'}}}).then(r => r.json());
const patchMap = (name: string, body: unknown) => request({method: 'PATCH', path: `${path}/${name}`, contentType: 'application/merge-patch+json', body}).then(r => r.json());

beforeAll(async () => {
	harness = await startSandboxHarness({watchHistory: 20, bookmarkIntervalMs: 150});
	harness.sandbox.seed([{apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'watch'}}]);
});
afterAll(() => harness?.stop());

describe('watch', () => {
	it('streams ADDED, MODIFIED and DELETED after a resourceVersion, in order, with new resourceVersions', async () => {
		const start = (await request({path})).json().metadata.resourceVersion;
		const watch = sandboxWatch(harness.sandbox, `${path}?watch=1&resourceVersion=${start}`);
		await createMap('w1');
		await patchMap('w1', {data: {v: '2'}});
		await request({method: 'DELETE', path: `${path}/w1`});
		await waitFor(() => watch.events.length >= 3);
		watch.stop();
		expect(watch.status()).toBe(200);
		expect(watch.events.map(e => [e.type, e.object.metadata.name, e.object.data.v])).toEqual([
			['ADDED', 'w1', '1'],
			['MODIFIED', 'w1', '2'],
			['DELETED', 'w1', '2'],
		]);
		const versions = watch.events.map(e => Number(e.object.metadata.resourceVersion));
		expect(versions).toEqual([...versions].sort((a, b) => a - b));
		expect(new Set(versions).size).toBe(3);
	});

	it('replays changes made before the watch started when given an older resourceVersion', async () => {
		const start = (await request({path})).json().metadata.resourceVersion;
		await createMap('past');
		const watch = sandboxWatch(harness.sandbox, `${path}?watch=true&resourceVersion=${start}`);
		await waitFor(() => watch.events.length >= 1);
		watch.stop();
		expect(watch.events[0]).toMatchObject({type: 'ADDED', object: {metadata: {name: 'past'}}});
	});

	it('starts with synthetic ADDED events without a resourceVersion', async () => {
		const watch = sandboxWatch(harness.sandbox, `${path}?watch=true&fieldSelector=metadata.name%3Dpast`);
		await waitFor(() => watch.events.length >= 1);
		watch.stop();
		expect(watch.events).toHaveLength(1);
		expect(watch.events[0]).toMatchObject({type: 'ADDED', object: {kind: 'ConfigMap', metadata: {name: 'past'}}});
	});

	it('turns label changes into ADDED and DELETED for a selector', async () => {
		await createMap('moving', {tier: 'back'});
		const start = (await request({path})).json().metadata.resourceVersion;
		const watch = sandboxWatch(harness.sandbox, `${path}?watch=true&resourceVersion=${start}&labelSelector=tier%3Dfront`);
		await patchMap('moving', {metadata: {labels: {tier: 'front'}}});
		await patchMap('moving', {data: {v: '3'}});
		await patchMap('moving', {metadata: {labels: {tier: 'back'}}});
		await waitFor(() => watch.events.length >= 3);
		watch.stop();
		expect(watch.events.map(e => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
	});

	it('sends bookmarks periodically and one when timeoutSeconds ends the stream', async () => {
		const start = (await request({path})).json().metadata.resourceVersion;
		const watch = sandboxWatch(harness.sandbox, `${path}?watch=true&resourceVersion=${start}&allowWatchBookmarks=true&timeoutSeconds=1`);
		await waitFor(() => watch.ended(), {timeoutMs: 5000});
		const bookmarks = watch.events.filter(e => e.type === 'BOOKMARK');
		expect(bookmarks.length).toBeGreaterThanOrEqual(2);
		expect(bookmarks.at(-1)).toEqual({type: 'BOOKMARK', object: {kind: 'ConfigMap', apiVersion: 'v1', metadata: {resourceVersion: expect.stringMatching(/^\d+$/), creationTimestamp: null}}});
	});

	it('answers a too-old resourceVersion with HTTP 200 and one ERROR 410 Expired event', async () => {
		for (let i = 0; i < 25; i++) await patchMap('past', {data: {v: String(i)}});
		const watch = sandboxWatch(harness.sandbox, `${path}?watch=true&resourceVersion=1`);
		await waitFor(() => watch.ended());
		expect(watch.status()).toBe(200);
		expect(watch.events).toHaveLength(1);
		expect(watch.events[0]).toEqual({
			type: 'ERROR',
			object: {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: expect.stringMatching(/^too old resource version: 1 \(\d+\)$/), reason: 'Expired', code: 410},
		});
	});

	it('sends initial events and an initial-events-end bookmark for sendInitialEvents', async () => {
		const watch = sandboxWatch(harness.sandbox, `${path}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dpast`);
		await waitFor(() => watch.events.some(e => e.type === 'BOOKMARK'));
		watch.stop();
		expect(watch.events[0]).toMatchObject({type: 'ADDED', object: {metadata: {name: 'past'}}});
		expect(watch.events[1]).toMatchObject({type: 'BOOKMARK', object: {metadata: {annotations: {'k8s.io/initial-events-end': 'true'}}}});
	});
});

describe('watch faults', () => {
	it('expireNextWatch makes the next watch fail with 410, once', async () => {
		harness.sandbox.faults.expireNextWatch();
		const expired = sandboxWatch(harness.sandbox, `${path}?watch=true`);
		await waitFor(() => expired.ended());
		expect(expired.events.map(e => [e.type, e.object.code])).toEqual([['ERROR', 410]]);
		const normal = sandboxWatch(harness.sandbox, `${path}?watch=true&fieldSelector=metadata.name%3Dpast`);
		await waitFor(() => normal.events.length >= 1);
		normal.stop();
		expect(normal.events[0]!.type).toBe('ADDED');
	});

	it('closeWatches ends every open stream', async () => {
		const first = sandboxWatch(harness.sandbox, `${path}?watch=true`);
		const second = sandboxWatch(harness.sandbox, '/apis/apps/v1/deployments?watch=true');
		await waitFor(() => first.status() === 200 && second.status() === 200);
		harness.sandbox.faults.closeWatches();
		await waitFor(() => first.ended() && second.ended());
	});
});
