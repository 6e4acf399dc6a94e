import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {applyDefaults} from '../../source/sandbox/defaults/index.js';
import type {HistoryEntry} from '../../source/sandbox/history.js';
import {conflictCauses, conflictMessage, recordUpdate, serverSideApply} from '../../source/sandbox/patch/index.js';
import {createRegistry} from '../../source/sandbox/registry.js';
import {createStore, type WriteOutcome} from '../../source/sandbox/store.js';

function setup() {
	const registry = createRegistry();
	let clock = Date.parse('2026-03-01T10:00:00Z');
	const store = createStore({
		registry,
		now: () => new Date(clock),
		defaults: applyDefaults,
		fields: {recordUpdate, serverSideApply, conflictMessage, conflictCauses},
		historyLimit: 100,
	});
	const events: HistoryEntry[] = [];
	store.subscribe(entry => events.push(entry));
	const type = (resource: string, group = '', version = 'v1') => registry.byResource(group, version, resource)!;
	const ns = (name: string) => ok(store.create(type('namespaces'), {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}, {manager: 'test'}));
	return {store, events, type, ns, tick: (ms: number) => (clock += ms)};
}

function ok(outcome: WriteOutcome): KubeObject {
	if (!outcome.ok) throw new Error(outcome.error.status.message);
	return outcome.object;
}

const deployment = (image = 'nginx:1.25', replicas = 2): KubeObject => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name: 'web', namespace: 'shop'},
	spec: {replicas, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image}]}}},
});

describe('store writes', () => {
	it('creates with uid, one shared resourceVersion counter, generation for workloads only, defaults and managedFields', () => {
		const {store, type, ns} = setup();
		ns('shop');
		const cm = ok(store.create(type('configmaps'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'shop'}, data: {a: '1'}}, {manager: 'kubectl-create'}));
		const web = ok(store.create(type('deployments', 'apps'), deployment(), {manager: 'kubectl-create', resetStatus: true}));
		expect(Number(web.metadata.resourceVersion)).toBe(Number(cm.metadata.resourceVersion) + 1);
		expect(store.revision()).toBe(Number(web.metadata.resourceVersion));
		expect(web.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
		expect(web.metadata.creationTimestamp).toBe('2026-03-01T10:00:00Z');
		expect(web.metadata.generation).toBe(1);
		expect(cm.metadata.generation).toBeUndefined();
		expect((web['spec'] as {revisionHistoryLimit?: number}).revisionHistoryLimit).toBe(10);
		expect(web.metadata.managedFields?.[0]).toMatchObject({manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1'});
		expect(web['status']).toEqual({});
	});

	it('refuses name clashes, stale updates and invalid names with the real Status shapes', () => {
		const {store, type, ns} = setup();
		ns('shop');
		const created = ok(store.create(type('deployments', 'apps'), deployment(), {manager: 'm'}));
		const clash = store.create(type('deployments', 'apps'), deployment(), {manager: 'm'});
		expect(clash.ok ? undefined : clash.error.status).toMatchObject({code: 409, reason: 'AlreadyExists', message: 'deployments.apps "web" already exists'});
		ok(store.update(type('deployments', 'apps'), deployment('nginx:1.26'), {manager: 'm'}));
		const stale = store.update(type('deployments', 'apps'), {...deployment('nginx:1.27'), metadata: {...deployment().metadata, resourceVersion: created.metadata.resourceVersion}}, {manager: 'm', checkResourceVersion: true});
		expect(stale.ok ? undefined : stale.error.status).toMatchObject({code: 409, reason: 'Conflict'});
		const bad = store.create(type('configmaps'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'Bad_Name', namespace: 'shop'}}, {manager: 'm'});
		expect(bad.ok ? undefined : bad.error.status).toMatchObject({code: 422, reason: 'Invalid', details: {name: 'Bad_Name', kind: 'ConfigMap', causes: [{reason: 'FieldValueInvalid', field: 'metadata.name'}]}});
		const missingNamespace = store.create(type('configmaps'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x', namespace: 'nowhere'}}, {manager: 'm', requireNamespace: true});
		expect(missingNamespace.ok ? undefined : missingNamespace.error.status.message).toBe('namespaces "nowhere" not found');
	});

	it('generates names from generateName', () => {
		const {store, type, ns} = setup();
		ns('shop');
		const made = ok(store.create(type('configmaps'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {generateName: 'job-', namespace: 'shop'}}, {manager: 'm'}));
		expect(made.metadata.name).toMatch(/^job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
	});

	it('treats a write that changes nothing as a no-op: same resourceVersion, no event', () => {
		const {store, events, type, ns, tick} = setup();
		ns('shop');
		const first = ok(store.create(type('deployments', 'apps'), deployment(), {manager: 'm'}));
		const count = events.length;
		tick(60_000);
		const again = store.update(type('deployments', 'apps'), deployment(), {manager: 'm'});
		expect(again).toMatchObject({ok: true, unchanged: true});
		expect(ok(again).metadata.resourceVersion).toBe(first.metadata.resourceVersion);
		expect(events.length).toBe(count);
	});

	it('bumps generation on spec changes only; status goes through the status subresource only', () => {
		const {store, type, ns} = setup();
		ns('shop');
		const deployments = type('deployments', 'apps');
		ok(store.create(deployments, deployment(), {manager: 'm'}));
		const labelled = ok(store.update(deployments, {...deployment(), metadata: {...deployment().metadata, labels: {team: 'a'}}}, {manager: 'm'}));
		expect(labelled.metadata.generation).toBe(1);
		const withStatus = ok(store.update(deployments, {...labelled, spec: {...(labelled['spec'] as object), replicas: 3}, status: {replicas: 99}}, {manager: 'm'}));
		expect(withStatus.metadata.generation).toBe(2);
		expect(withStatus['status']).toEqual({});
		const status = ok(store.update(deployments, {...withStatus, spec: {replicas: 50}, status: {replicas: 3}}, {manager: 'kube-controller-manager', subresource: 'status'}));
		expect(status['status']).toEqual({replicas: 3});
		expect((status['spec'] as {replicas: number}).replicas).toBe(3);
		expect(status.metadata.generation).toBe(2);
		expect(status.metadata.managedFields?.find(e => e.manager === 'kube-controller-manager')).toMatchObject({subresource: 'status'});
	});

	it('bumps generation on status changes of custom resources without a status subresource (Argo CD Applications)', () => {
		const {store, type, ns} = setup();
		ns('argocd');
		const applications = type('applications', 'argoproj.io', 'v1alpha1');
		const app = ok(store.create(applications, {apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: {name: 'shop', namespace: 'argocd'}, spec: {project: 'default'}}, {manager: 'm'}));
		const synced = ok(store.update(applications, {...app, status: {sync: {status: 'Synced'}}}, {manager: 'argocd-application-controller'}));
		expect(synced.metadata.generation).toBe(2);
		expect(synced['status']).toEqual({sync: {status: 'Synced'}});
	});

	it('dry-run writes return the result without storing it or moving the counter', () => {
		const {store, type, ns} = setup();
		ns('shop');
		const before = store.revision();
		const dry = ok(store.create(type('deployments', 'apps'), deployment(), {manager: 'm', dryRun: true}));
		expect(dry.metadata.uid).toBeDefined();
		expect(store.get(type('deployments', 'apps'), 'shop', 'web')).toBeUndefined();
		expect(store.revision()).toBe(before);
		ok(store.create(type('deployments', 'apps'), deployment(), {manager: 'm'}));
		const counter = store.revision();
		const dryUpdate = ok(store.update(type('deployments', 'apps'), deployment('nginx:2'), {manager: 'm', dryRun: true}));
		expect(JSON.stringify(dryUpdate)).toContain('nginx:2');
		expect(JSON.stringify(store.get(type('deployments', 'apps'), 'shop', 'web'))).not.toContain('nginx:2');
		expect(store.revision()).toBe(counter);
	});
});

describe('server-side apply in the store', () => {
	it('creates, re-applies unchanged without a new resourceVersion, and reports conflicts with causes', () => {
		const {store, type, ns} = setup();
		ns('shop');
		const deployments = type('deployments', 'apps');
		const created = store.apply(deployments, {namespace: 'shop', name: 'web'}, deployment(), {manager: 'wire-sample', force: false});
		expect(created).toMatchObject({ok: true, created: true});
		const again = store.apply(deployments, {namespace: 'shop', name: 'web'}, deployment(), {manager: 'wire-sample', force: false});
		expect(again).toMatchObject({ok: true, unchanged: true});
		expect(ok(again).metadata.resourceVersion).toBe(ok(created).metadata.resourceVersion);
		const clash = store.apply(deployments, {namespace: 'shop', name: 'web'}, deployment('nginx:1.26'), {manager: 'other-tool', force: false});
		expect(clash.ok ? undefined : clash.error.status).toMatchObject({
			code: 409,
			reason: 'Conflict',
			// replicas is applied with the same value: shared ownership, no conflict.
			message: 'Apply failed with 1 conflict: conflict with "wire-sample": .spec.template.spec.containers[name="web"].image',
			details: {causes: [{reason: 'FieldManagerConflict', message: 'conflict with "wire-sample"', field: '.spec.template.spec.containers[name="web"].image'}]},
		});
		const forced = ok(store.apply(deployments, {namespace: 'shop', name: 'web'}, deployment('nginx:1.26'), {manager: 'other-tool', force: true, dryRun: true}));
		expect(JSON.stringify(forced)).toContain('nginx:1.26');
		expect(JSON.stringify(store.get(deployments, 'shop', 'web'))).toContain('nginx:1.25');
	});
});

describe('deletion', () => {
	it('garbage-collects dependents whose owners are gone, and orphans on request', () => {
		const {store, events, type, ns} = setup();
		ns('shop');
		const owner = ok(store.create(type('configmaps'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'owner', namespace: 'shop'}}, {manager: 'm'}));
		const ref = {apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid!, controller: true};
		const child = ok(store.create(type('secrets'), {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'child', namespace: 'shop', ownerReferences: [ref]}}, {manager: 'm'}));
		ok(store.create(type('configmaps'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'grandchild', namespace: 'shop', ownerReferences: [{...ref, kind: 'Secret', name: 'child', uid: child.metadata.uid!}]}}, {manager: 'm'}));
		events.length = 0;
		ok(store.remove(type('configmaps'), 'shop', 'owner', {}));
		expect(events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual(['DELETED owner', 'DELETED child', 'DELETED grandchild']);

		const second = ok(store.create(type('configmaps'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'owner2', namespace: 'shop'}}, {manager: 'm'}));
		ok(store.create(type('secrets'), {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'kept', namespace: 'shop', ownerReferences: [{...ref, name: 'owner2', uid: second.metadata.uid!}]}}, {manager: 'm'}));
		ok(store.remove(type('configmaps'), 'shop', 'owner2', {propagationPolicy: 'Orphan'}));
		expect(store.get(type('secrets'), 'shop', 'kept')?.metadata.ownerReferences).toBeUndefined();
	});

	it('waits for finalizers: delete marks the object, removing the last finalizer deletes it', () => {
		const {store, events, type, ns} = setup();
		ns('shop');
		const configmaps = type('configmaps');
		ok(store.create(configmaps, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'held', namespace: 'shop', finalizers: ['example.com/hold']}}, {manager: 'm'}));
		const marked = ok(store.remove(configmaps, 'shop', 'held', {}));
		expect(marked.metadata.deletionTimestamp).toBeDefined();
		expect(store.get(configmaps, 'shop', 'held')).toBeDefined();
		ok(store.update(configmaps, {...marked, metadata: {...marked.metadata, finalizers: []}}, {manager: 'm'}));
		expect(store.get(configmaps, 'shop', 'held')).toBeUndefined();
		expect(events.at(-1)?.type).toBe('DELETED');
	});

	it('deleting a namespace deletes what is in it', () => {
		const {store, type, ns} = setup();
		ns('shop');
		ok(store.create(type('configmaps'), {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'a', namespace: 'shop'}}, {manager: 'm'}));
		ok(store.remove(type('namespaces'), undefined, 'shop', {}));
		expect(store.list(type('configmaps'))).toEqual([]);
		expect(store.namespaceExists('shop')).toBe(false);
	});
});
