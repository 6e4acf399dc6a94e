import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {advanceUntil, conditionOf, statusOf, controllerWorlds} from '../../support/sandbox-controllers-helpers.js';

const setup = controllerWorlds();

function pod(name: string, spec: Record<string, unknown>): KubeObject {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'shop'}, spec};
}

describe('scheduler and kubelet', () => {
	it('walk a pod through Pending (unscheduled), ContainerCreating and Running', () => {
		const t = setup();
		t.create(pod('web', {containers: [{name: 'web', image: 'nginx:1.25'}]}));
		const seen: string[] = [];
		t.store.subscribe(event => {
			if (event.object.kind !== 'Pod') return;
			const status = statusOf(event.object);
			const container = status.containerStatuses?.[0]?.state;
			seen.push(`${status.phase}/${(event.object.spec as any).nodeName ?? '-'}/${container ? Object.keys(container)[0] + ':' + (container.waiting?.reason ?? '') : '-'}`);
		});
		advanceUntil(t.clock, () => statusOf(t.get('v1', 'Pod', 'shop', 'web')).phase === 'Running');
		expect(seen).toEqual([
			'Pending/sandbox-node/-',
			'Pending/sandbox-node/-',
			'Pending/sandbox-node/waiting:ContainerCreating',
			'Running/sandbox-node/running:',
		]);
		expect(conditionOf(t.get('v1', 'Pod', 'shop', 'web'), 'PodScheduled')).toMatchObject({status: 'True', lastProbeTime: null});
		expect(t.errors).toEqual([]);
	});

	it('leaves pods for another scheduler alone', () => {
		const t = setup();
		t.create(pod('custom', {schedulerName: 'my-scheduler', containers: [{name: 'c', image: 'nginx:1.25'}]}));
		t.clock.advance(3000);
		const live = t.get('v1', 'Pod', 'shop', 'custom')!;
		expect((live.spec as any).nodeName).toBeUndefined();
		expect(live.status).toEqual({phase: 'Pending', qosClass: 'BestEffort'});
	});

	it('runs init containers first, then the app', () => {
		const t = setup();
		t.create(pod('init', {initContainers: [{name: 'migrate', image: 'busybox:1.36'}], containers: [{name: 'app', image: 'nginx:1.25'}]}));
		advanceUntil(t.clock, () => statusOf(t.get('v1', 'Pod', 'shop', 'init')).phase === 'Running');
		const status = statusOf(t.get('v1', 'Pod', 'shop', 'init'));
		expect(status.initContainerStatuses[0]).toMatchObject({name: 'migrate', ready: false, state: {terminated: {exitCode: 0, reason: 'Completed'}}});
		expect(status.containerStatuses[0]).toMatchObject({name: 'app', ready: true});
		expect(conditionOf(t.get('v1', 'Pod', 'shop', 'init'), 'Initialized')!.status).toBe('True');
		const paths = t.events('shop').filter(event => event.reason === 'Started').map(event => event.involvedObject.fieldPath);
		expect(paths).toEqual(['spec.initContainers{migrate}', 'spec.containers{app}']);
	});

	it('holds the app back behind an init container whose image is broken', () => {
		const t = setup();
		t.create(pod('blocked', {initContainers: [{name: 'migrate', image: 'example.invalid/tools:broken'}], containers: [{name: 'app', image: 'nginx:1.25'}]}));
		advanceUntil(t.clock, () => statusOf(t.get('v1', 'Pod', 'shop', 'blocked')).initContainerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
		const live = t.get('v1', 'Pod', 'shop', 'blocked');
		expect(statusOf(live).phase).toBe('Pending');
		expect(statusOf(live).containerStatuses[0].state).toEqual({waiting: {reason: 'PodInitializing'}});
		expect(conditionOf(live, 'Initialized')).toMatchObject({status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [migrate]'});
		expect(statusOf(live).initContainerStatuses[0].state.waiting.message).toBe('Back-off pulling image "example.invalid/tools:broken"');
		expect(t.events('shop').some(event => event.reason === 'Started')).toBe(false);
	});

	it('pulls an Always image every time and reuses an IfNotPresent one', () => {
		const t = setup();
		t.create(pod('one', {containers: [{name: 'c', image: 'nginx:1.25'}]}));
		t.create(pod('two', {containers: [{name: 'c', image: 'nginx:1.25'}]}));
		t.create(pod('latest', {containers: [{name: 'c', image: 'nginx'}]}));
		t.create(pod('latest-again', {containers: [{name: 'c', image: 'nginx'}]}));
		advanceUntil(t.clock, () => t.pods('shop').every(item => statusOf(item).phase === 'Running'));
		const pulled = (name: string) => t.events('shop').find(event => event.involvedObject.name === name && event.reason === 'Pulled')!.message;
		expect(pulled('one')).toMatch(/^Successfully pulled image "nginx:1.25" in \d+ms \(\d+ms including waiting\)\. Image size: \d+ bytes\.$/);
		expect(pulled('two')).toBe('Container image "nginx:1.25" already present on machine');
		expect(pulled('latest')).toMatch(/^Successfully pulled image "nginx"/);
		expect(pulled('latest-again')).toMatch(/^Successfully pulled image "nginx"/);
		expect(statusOf(t.get('v1', 'Pod', 'shop', 'latest')).containerStatuses[0].image).toBe('docker.io/library/nginx:latest');
	});

	it('lets a run-to-completion pod exit; an Always pod keeps running', () => {
		const t = setup();
		t.create(pod('once', {restartPolicy: 'Never', containers: [{name: 'c', image: 'busybox:1.36'}]}));
		t.create(pod('fails', {restartPolicy: 'Never', containers: [{name: 'c', image: 'busybox:1.36', command: ['false']}]}));
		t.create(pod('server', {containers: [{name: 'c', image: 'nginx:1.25'}]}));
		t.clock.advance(10_000);
		expect(statusOf(t.get('v1', 'Pod', 'shop', 'once')).phase).toBe('Succeeded');
		expect(statusOf(t.get('v1', 'Pod', 'shop', 'fails')).phase).toBe('Failed');
		expect(statusOf(t.get('v1', 'Pod', 'shop', 'server')).phase).toBe('Running');
		const finished = statusOf(t.get('v1', 'Pod', 'shop', 'once')).containerStatuses[0].state.terminated;
		expect(Date.parse(finished.finishedAt) - Date.parse(finished.startedAt)).toBeGreaterThanOrEqual(1000);
	});
});
