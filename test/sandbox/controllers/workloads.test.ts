import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {advanceUntil, conditionOf, isRunningReady, statusOf, controllerWorlds} from '../../support/sandbox-controllers-helpers.js';

const setup = controllerWorlds();

function statefulSet(replicas: number, image = 'postgres:16', extra: Record<string, unknown> = {}): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'StatefulSet',
		metadata: {name: 'db', namespace: 'shop'},
		spec: {
			replicas,
			serviceName: 'db',
			selector: {matchLabels: {app: 'db'}},
			template: {metadata: {labels: {app: 'db'}}, spec: {containers: [{name: 'db', image}]}},
			...extra,
		},
	};
}

function job(name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
	return {apiVersion: 'batch/v1', kind: 'Job', metadata: {name, namespace: 'shop'}, spec: {...spec, template: {spec: {restartPolicy: 'Never', containers: [{name: 'm', ...container}]}}}};
}

describe('statefulset controller', () => {
	it('creates db-0..n-1 in order, each once the one before is ready, with stable identity', () => {
		const t = setup();
		const created: string[] = [];
		t.store.subscribe(event => {
			if (event.type !== 'ADDED' || event.object.kind !== 'Pod') return;
			// OrderedReady: every lower ordinal is Running and Ready when the next is created.
			const ordinal = Number(event.object.metadata.name!.split('-')[1]);
			for (let lower = 0; lower < ordinal; lower++) expect(isRunningReady(t.get('v1', 'Pod', 'shop', `db-${lower}`)!)).toBe(true);
			created.push(event.object.metadata.name!);
		});
		const set = t.create(statefulSet(3, 'postgres:16', {volumeClaimTemplates: [{metadata: {name: 'data'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}}]}));
		advanceUntil(t.clock, () => statusOf(t.get('apps/v1', 'StatefulSet', 'shop', 'db')).readyReplicas === 3, {describe: () => JSON.stringify(statusOf(t.get('apps/v1', 'StatefulSet', 'shop', 'db')))});
		expect(created).toEqual(['db-0', 'db-1', 'db-2']);

		const pod = t.get('v1', 'Pod', 'shop', 'db-1')!;
		const status = statusOf(t.get('apps/v1', 'StatefulSet', 'shop', 'db'));
		expect(pod.metadata.labels).toEqual({
			app: 'db',
			'controller-revision-hash': status.updateRevision,
			'statefulset.kubernetes.io/pod-name': 'db-1',
			'apps.kubernetes.io/pod-index': '1',
		});
		expect(status.updateRevision).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
		expect(pod.metadata.ownerReferences).toEqual([{apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true}]);
		expect(pod.spec).toMatchObject({hostname: 'db-1', subdomain: 'db', nodeName: 'sandbox-node'});
		expect((pod.spec as any).volumes).toContainEqual({name: 'data', persistentVolumeClaim: {claimName: 'data-db-1'}});
		const claim = t.get('v1', 'PersistentVolumeClaim', 'shop', 'data-db-1')!;
		expect(claim.spec).toMatchObject({accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}, volumeMode: 'Filesystem'});
		expect(claim.metadata.labels).toEqual({app: 'db'});
		expect(status).toEqual({
			availableReplicas: 3,
			collisionCount: 0,
			currentReplicas: 3,
			currentRevision: status.updateRevision,
			observedGeneration: 1,
			readyReplicas: 3,
			replicas: 3,
			updateRevision: status.updateRevision,
			updatedReplicas: 3,
		});
		const messages = t.events('shop').filter(event => event.involvedObject.kind === 'StatefulSet').map(event => event.message);
		expect(messages).toContain('create Pod db-0 in StatefulSet db successful');
		expect(messages).toContain('create Claim data-db-2 Pod db-2 in StatefulSet db success');
		expect(t.errors).toEqual([]);
	});

	it('scales down from the highest ordinal and rolls a template change in reverse order', () => {
		const t = setup();
		t.create(statefulSet(3));
		advanceUntil(t.clock, () => statusOf(t.get('apps/v1', 'StatefulSet', 'shop', 'db')).readyReplicas === 3);
		const oldRevision = statusOf(t.get('apps/v1', 'StatefulSet', 'shop', 'db')).updateRevision;

		const deleted: string[] = [];
		t.store.subscribe(event => {
			if (event.type === 'DELETED' && event.object.kind === 'Pod') deleted.push(event.object.metadata.name!);
		});
		const live = t.get('apps/v1', 'StatefulSet', 'shop', 'db') as any;
		live.spec.template.spec.containers[0].image = 'postgres:17';
		t.update(live);
		const done = () => {
			const status = statusOf(t.get('apps/v1', 'StatefulSet', 'shop', 'db'));
			return status.observedGeneration === 2 && status.updatedReplicas === 3 && status.readyReplicas === 3 && status.currentRevision === status.updateRevision;
		};
		advanceUntil(t.clock, done, {describe: () => JSON.stringify(statusOf(t.get('apps/v1', 'StatefulSet', 'shop', 'db')))});
		expect(deleted).toEqual(['db-2', 'db-1', 'db-0']);
		expect(statusOf(t.get('apps/v1', 'StatefulSet', 'shop', 'db')).updateRevision).not.toBe(oldRevision);

		const scaled = t.get('apps/v1', 'StatefulSet', 'shop', 'db') as any;
		scaled.spec.replicas = 1;
		t.update(scaled);
		advanceUntil(t.clock, () => t.pods('shop').length === 1);
		expect(t.pods('shop').map(pod => pod.metadata.name)).toEqual(['db-0']);
		expect(deleted.slice(3)).toEqual(['db-2', 'db-1']);
	});
});

describe('daemonset controller', () => {
	it('runs one pod on sandbox-node and replaces it when the template changes', () => {
		const t = setup();
		const set = t.create({
			apiVersion: 'apps/v1',
			kind: 'DaemonSet',
			metadata: {name: 'agent', namespace: 'shop'},
			spec: {selector: {matchLabels: {app: 'agent'}}, template: {metadata: {labels: {app: 'agent'}}, spec: {containers: [{name: 'agent', image: 'busybox:1.36'}]}}},
		});
		const ready = (generation: number) => {
			const status = statusOf(t.get('apps/v1', 'DaemonSet', 'shop', 'agent'));
			return status.observedGeneration === generation && status.numberReady === 1 && status.updatedNumberScheduled === 1 && t.pods('shop').length === 1;
		};
		advanceUntil(t.clock, () => ready(1));
		const [pod] = t.pods('shop');
		expect(pod!.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
		expect(pod!.metadata.labels).toMatchObject({app: 'agent', 'pod-template-generation': '1'});
		expect(pod!.metadata.labels!['controller-revision-hash']).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
		expect(pod!.metadata.ownerReferences![0]).toMatchObject({kind: 'DaemonSet', name: 'agent', uid: set.metadata.uid, controller: true});
		expect((pod!.spec as any).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{matchFields: [{key: 'metadata.name', operator: 'In', values: ['sandbox-node']}]}]);
		expect((pod!.spec as any).tolerations.map((item: any) => item.key)).toContain('node.kubernetes.io/unschedulable');
		expect(statusOf(t.get('apps/v1', 'DaemonSet', 'shop', 'agent'))).toEqual({
			currentNumberScheduled: 1,
			desiredNumberScheduled: 1,
			numberAvailable: 1,
			numberMisscheduled: 0,
			numberReady: 1,
			observedGeneration: 1,
			updatedNumberScheduled: 1,
		});

		const live = t.get('apps/v1', 'DaemonSet', 'shop', 'agent') as any;
		live.spec.template.spec.containers[0].image = 'busybox:1.37';
		t.update(live);
		advanceUntil(t.clock, () => ready(2) && (t.pods('shop')[0]!.spec as any).containers[0].image === 'busybox:1.37');
		expect(t.pods('shop')[0]!.metadata.uid).not.toBe(pod!.metadata.uid);
		expect(t.events('shop').filter(event => event.involvedObject.kind === 'DaemonSet').map(event => event.reason)).toEqual(['SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate']);
	});
});

describe('job controller', () => {
	it('runs a pod to completion: succeeded, Complete and SuccessCriteriaMet, completion time, events', () => {
		const t = setup();
		const created = t.create(job('migrate', {image: 'busybox:1.36', command: ['true']}));
		advanceUntil(t.clock, () => conditionOf(t.get('batch/v1', 'Job', 'shop', 'migrate'), 'Complete')?.status === 'True');
		const live = t.get('batch/v1', 'Job', 'shop', 'migrate')!;
		const status = statusOf(live);
		expect(status).toMatchObject({succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {}});
		expect(status.active).toBeUndefined();
		expect(status.failed).toBeUndefined();
		expect(Date.parse(status.completionTime) - Date.parse(status.startTime)).toBeGreaterThanOrEqual(1000);
		expect(status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message])).toEqual([
			['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
			['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
		]);
		const [pod] = t.pods('shop');
		expect(pod!.metadata.name).toMatch(/^migrate-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
		expect(pod!.metadata.labels).toEqual({
			'batch.kubernetes.io/controller-uid': created.metadata.uid,
			'batch.kubernetes.io/job-name': 'migrate',
			'controller-uid': created.metadata.uid,
			'job-name': 'migrate',
		});
		expect(statusOf(pod).phase).toBe('Succeeded');
		expect(statusOf(pod).containerStatuses[0].state.terminated).toMatchObject({exitCode: 0, reason: 'Completed'});
		expect(conditionOf(pod, 'Ready')).toMatchObject({status: 'False', reason: 'PodCompleted'});
		const events = t.events('shop').filter(event => event.involvedObject.kind === 'Job').map(event => [event.reason, event.message, event.source.component]);
		expect(events).toEqual([['SuccessfulCreate', `Created pod: ${pod!.metadata.name}`, 'job-controller'], ['Completed', 'Job completed', 'job-controller']]);
		// Finished is finished: nothing more happens.
		const writes = t.store.writes.length;
		t.clock.advance(5000);
		expect(t.store.writes.length).toBe(writes);
	});

	it('runs completions with parallelism', () => {
		const t = setup();
		t.create(job('batch', {image: 'busybox:1.36'}, {completions: 3, parallelism: 2}));
		let most = 0;
		t.store.subscribe(() => {
			most = Math.max(most, statusOf(t.get('batch/v1', 'Job', 'shop', 'batch')).active ?? 0);
		});
		advanceUntil(t.clock, () => conditionOf(t.get('batch/v1', 'Job', 'shop', 'batch'), 'Complete')?.status === 'True');
		expect(statusOf(t.get('batch/v1', 'Job', 'shop', 'batch')).succeeded).toBe(3);
		expect(most).toBe(2);
		expect(t.pods('shop')).toHaveLength(3);
	});

	it('fails after backoffLimit failed pods with BackoffLimitExceeded', () => {
		const t = setup();
		t.create(job('fails', {image: 'busybox:1.36', command: ['false']}, {backoffLimit: 2}));
		advanceUntil(t.clock, () => conditionOf(t.get('batch/v1', 'Job', 'shop', 'fails'), 'Failed')?.status === 'True', {maxMs: 60_000, stepMs: 100});
		const status = statusOf(t.get('batch/v1', 'Job', 'shop', 'fails'));
		expect(status.failed).toBe(3);
		expect(status.conditions.map((c: any) => [c.type, c.reason, c.message])).toEqual([
			['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
			['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
		]);
		expect(t.pods('shop').map(pod => statusOf(pod).phase)).toEqual(['Failed', 'Failed', 'Failed']);
		expect(t.pods('shop')[0]!.status).toMatchObject({containerStatuses: [{state: {terminated: {exitCode: 1, reason: 'Error'}}}]});
		expect(t.events('shop').find(event => event.reason === 'BackoffLimitExceeded')).toMatchObject({type: 'Warning', involvedObject: {kind: 'Job', name: 'fails'}});
	});

	it('stays active while its pod cannot pull a broken image, as on a real cluster', () => {
		const t = setup();
		t.create(job('stuck', {image: 'busybox:broken'}));
		t.clock.advance(120_000);
		const status = statusOf(t.get('batch/v1', 'Job', 'shop', 'stuck'));
		expect(status).toMatchObject({active: 1, ready: 0});
		expect(status.conditions).toBeUndefined();
		expect(statusOf(t.pods('shop')[0]).containerStatuses[0].state.waiting.reason).toBe('ImagePullBackOff');
	});

	it('runs nothing while suspended', () => {
		const t = setup();
		t.create(job('later', {image: 'busybox:1.36'}, {suspend: true}));
		t.clock.advance(3000);
		expect(t.pods('shop')).toEqual([]);
		expect(statusOf(t.get('batch/v1', 'Job', 'shop', 'later')).startTime).toBeUndefined();
	});

	it('leaves CronJobs alone (no scheduling in the sandbox)', () => {
		const t = setup();
		t.create({apiVersion: 'batch/v1', kind: 'CronJob', metadata: {name: 'nightly', namespace: 'shop'}, spec: {schedule: '0 3 * * *', jobTemplate: {spec: {template: {spec: {restartPolicy: 'OnFailure', containers: [{name: 'n', image: 'busybox:1.36'}]}}}}}});
		t.clock.advance(5000);
		expect(t.get('batch/v1', 'CronJob', 'shop', 'nightly')!.status).toEqual({});
		expect(t.list('batch/v1', 'Job')).toEqual([]);
	});
});
