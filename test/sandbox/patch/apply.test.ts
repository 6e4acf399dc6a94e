import {describe, expect, it} from 'vitest';
import type {KubeObject, ManagedFieldsEntry} from '../../../source/domain/kube-object.js';
import {conflictMessage, recordUpdate, serverSideApply} from '../../../source/sandbox/patch/index.js';
import {loadPatchFixture, standInDefaults} from '../../support/patch-fixtures.js';

const t0 = '2030-01-01T00:00:00Z';
const t1 = '2030-01-01T00:00:13Z';
const t2 = '2030-01-01T00:01:00Z';

type Spec = {
	replicas?: number;
	template: {spec: {containers: Array<Record<string, unknown>>}};
	strategy?: Record<string, unknown>;
};

function spec(object: KubeObject): Spec {
	return object['spec'] as Spec;
}

function applyOk(input: Parameters<typeof serverSideApply>[0]): KubeObject {
	const result = serverSideApply(input);
	if (!result.ok) throw new Error(`apply failed: ${JSON.stringify(result)}`);
	return result.object;
}

/** What the store adds on create; the patch functions leave server-managed metadata to it. */
function stored(object: KubeObject): KubeObject {
	return {...object, metadata: {...object.metadata, uid: 'uid-1', resourceVersion: '1', generation: 1, creationTimestamp: t0}};
}

/** The Deployment as the wire sample stored it: applied by wire-sample, status written by the controller. */
function liveWeb(): KubeObject {
	const created = stored(applyOk({live: undefined, applied: loadPatchFixture('web-deployment.applied.json'), manager: 'wire-sample', force: false, now: t0, defaults: standInDefaults}));
	const controller = loadPatchFixture<{annotations: Record<string, string>; status: unknown}>('web-deployment.controller-status.json');
	const after = structuredClone(created);
	after.metadata.annotations = controller.annotations;
	after['status'] = controller.status;
	return recordUpdate({before: created, after, manager: 'kube-controller-manager', subresource: 'status', now: t0});
}

function otherTool(image: string): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'demo'},
		spec: {template: {spec: {containers: [{name: 'web', image}]}}},
	};
}

function managedFields(object: KubeObject): ManagedFieldsEntry[] {
	return object.metadata.managedFields ?? [];
}

describe('serverSideApply: create', () => {
	it('reproduces the managedFields the apiserver records for the wire sample Deployment', () => {
		const live = liveWeb();
		expect(managedFields(live)).toEqual(loadPatchFixture('web-deployment.managed-fields.json'));
		// Byte-for-byte: the trie keys come out in the server's order with `.` first.
		expect(JSON.stringify(managedFields(live))).toBe(JSON.stringify(loadPatchFixture('web-deployment.managed-fields.json')));
	});

	it('stores the merged, defaulted object without owning the defaults', () => {
		const live = liveWeb();
		const container = spec(live).template.spec.containers[0]!;
		expect(container).toMatchObject({imagePullPolicy: 'IfNotPresent', resources: {limits: {cpu: '1', memory: '512Mi'}}});
		expect(container['ports']).toEqual([{containerPort: 8080, protocol: 'TCP'}]);
		expect(spec(live).strategy).toEqual({type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}});
		expect(JSON.stringify(managedFields(live)[0]!.fieldsV1)).not.toContain('imagePullPolicy');
		expect(live['status']).toMatchObject({replicas: 2});
	});

	it('does not mutate its inputs', () => {
		const applied = loadPatchFixture('web-deployment.applied.json');
		const copy = structuredClone(applied);
		applyOk({live: undefined, applied, manager: 'm', force: false, now: t0, defaults: standInDefaults});
		expect(applied).toEqual(copy);
	});
});

describe('serverSideApply: re-apply and removal', () => {
	it('re-applying the same configuration changes nothing, managedFields included', () => {
		const live = liveWeb();
		const again = applyOk({live, applied: loadPatchFixture('web-deployment.applied.json'), manager: 'wire-sample', force: false, now: t2, defaults: standInDefaults});
		expect(again).toEqual(live);
	});

	it('removes a field the applier no longer applies when nobody else owns it', () => {
		const live = liveWeb();
		const applied = loadPatchFixture('web-deployment.applied.json');
		const container = spec(applied).template.spec.containers[0]!;
		delete container['resources'];
		delete spec(applied).replicas;
		const after = applyOk({live, applied, manager: 'wire-sample', force: false, now: t2, defaults: standInDefaults});
		expect(spec(after).template.spec.containers[0]!['resources']).toEqual({});
		// Defaulting puts the default back, owned by nobody.
		expect(spec(after).replicas).toBe(1);
		const fields = JSON.stringify(managedFields(after)[0]!.fieldsV1);
		expect(fields).not.toContain('f:resources');
		expect(fields).not.toContain('f:replicas');
		expect(managedFields(after)[0]!.time).toBe(t2);
	});

	it('keeps a dropped field that another manager co-owns', () => {
		const live = liveWeb();
		const shared = applyOk({live, applied: otherTool('nginx:1.25'), manager: 'other-tool', force: false, now: t1, defaults: standInDefaults});
		const applied = loadPatchFixture('web-deployment.applied.json');
		delete spec(applied).template.spec.containers[0]!['image'];
		const after = applyOk({live: shared, applied, manager: 'wire-sample', force: false, now: t2, defaults: standInDefaults});
		expect(spec(after).template.spec.containers[0]!['image']).toBe('nginx:1.25');
		const [wire, other] = managedFields(after);
		expect(JSON.stringify(wire!.fieldsV1)).not.toContain('f:image');
		expect(other!.manager).toBe('other-tool');
		expect(JSON.stringify(other!.fieldsV1)).toContain('f:image');
	});
});

describe('serverSideApply: conflicts and ownership', () => {
	it('reports a conflict as the apiserver does when another applier changes an owned field', () => {
		const result = serverSideApply({live: liveWeb(), applied: otherTool('nginx:1.26'), manager: 'other-tool', force: false, now: t1, defaults: standInDefaults});
		expect(result).toEqual({ok: false, conflicts: [{field: '.spec.template.spec.containers[name="web"].image', manager: 'wire-sample', operation: 'Apply'}]});
		if (result.ok || !('conflicts' in result)) throw new Error('expected conflicts');
		expect(conflictMessage(result.conflicts)).toBe('Apply failed with 1 conflict: conflict with "wire-sample": .spec.template.spec.containers[name="web"].image');
	});

	it('moves ownership to a forcing applier, shaped like the forced dry-run response', () => {
		const live = liveWeb();
		const after = applyOk({live, applied: otherTool('nginx:1.26'), manager: 'other-tool', force: true, now: t1, defaults: standInDefaults});
		expect(spec(after).template.spec.containers[0]!['image']).toBe('nginx:1.26');
		const [wire, other, controller] = managedFields(after);
		expect([wire, other]).toEqual(loadPatchFixture('web-deployment.forced-managed-fields.json'));
		// The controller's entry is untouched, time included.
		expect(controller).toEqual(managedFields(live)[1]);
	});

	it('shares ownership without conflict when the values are equal', () => {
		const after = applyOk({live: liveWeb(), applied: otherTool('nginx:1.25'), manager: 'other-tool', force: false, now: t1, defaults: standInDefaults});
		const [wire, other] = managedFields(after);
		expect(JSON.stringify(wire!.fieldsV1)).toContain('f:image');
		expect(JSON.stringify(other!.fieldsV1)).toContain('f:image');
		// The object did not change, so the new entry gets the request time and wire-sample keeps its own.
		expect(wire!.time).toBe(t0);
		expect(other!.time).toBe(t1);
	});

	it('names every conflicting field, Update managers with their apiVersion', () => {
		const live = liveWeb();
		const edited = structuredClone(live);
		spec(edited).replicas = 5;
		spec(edited).template.spec.containers[0]!['image'] = 'nginx:1.27';
		const afterEdit = recordUpdate({before: live, after: edited, manager: 'kubectl-edit', now: t1});
		const editEntry = managedFields(afterEdit).find((entry) => entry.manager === 'kubectl-edit');
		expect(editEntry).toMatchObject({operation: 'Update', apiVersion: 'apps/v1', time: t1});
		expect(editEntry!.fieldsV1).toEqual({
			'f:spec': {'f:replicas': {}, 'f:template': {'f:spec': {'f:containers': {'k:{"name":"web"}': {'f:image': {}}}}}},
		});
		// wire-sample lost both fields to the edit.
		expect(JSON.stringify(managedFields(afterEdit)[0]!.fieldsV1)).not.toMatch(/f:replicas|f:image/);

		const result = serverSideApply({live: afterEdit, applied: loadPatchFixture('web-deployment.applied.json'), manager: 'wire-sample', force: false, now: t2, defaults: standInDefaults});
		if (result.ok || !('conflicts' in result)) throw new Error('expected conflicts');
		expect(result.conflicts.map((conflict) => conflict.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="web"].image']);
		expect(conflictMessage(result.conflicts)).toBe(
			'Apply failed with 2 conflicts: conflicts with "kubectl-edit" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image',
		);
	});

	it('prints Service port keys with both key fields', () => {
		const service = (targetPort: number): KubeObject => ({
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'web', namespace: 'demo'},
			spec: {selector: {app: 'web'}, ports: [{port: 80, targetPort}]},
		});
		const live = applyOk({live: undefined, applied: service(8080), manager: 'wire-sample', force: false, now: t0, defaults: standInDefaults});
		expect(managedFields(live)[0]!.fieldsV1).toEqual({
			'f:spec': {'f:ports': {'k:{"port":80,"protocol":"TCP"}': {'.': {}, 'f:port': {}, 'f:targetPort': {}}}, 'f:selector': {}},
		});
		const result = serverSideApply({live, applied: service(9090), manager: 'other', force: false, now: t1, defaults: standInDefaults});
		expect(result).toMatchObject({ok: false, conflicts: [{field: '.spec.ports[port=80,protocol="TCP"].targetPort', manager: 'wire-sample'}]});
	});
});

describe('serverSideApply: invalid configurations', () => {
	const base = loadPatchFixture('web-deployment.applied.json');

	it.each([
		['no kind', {...base, kind: ''}, 'kind must be set'],
		['no name', {...base, metadata: {namespace: 'demo'}}, 'metadata.name must be set'],
		['managedFields', {...base, metadata: {...base.metadata, managedFields: []}}, 'metadata.managedFields must be nil'],
	])('refuses a configuration with %s', (_name, applied, message) => {
		const result = serverSideApply({live: undefined, applied: applied as KubeObject, manager: 'm', force: false, now: t0, defaults: standInDefaults});
		expect(result).toMatchObject({ok: false, invalid: expect.stringContaining(message)});
	});

	it('refuses duplicate list keys and items without a key', () => {
		const duplicate = structuredClone(base);
		spec(duplicate).template.spec.containers.push({name: 'web', image: 'x'});
		expect(serverSideApply({live: undefined, applied: duplicate, manager: 'm', force: false, now: t0, defaults: standInDefaults})).toEqual({
			ok: false,
			invalid: 'failed to create typed patch object (demo/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="web"]',
		});
		const unnamed = structuredClone(base);
		spec(unnamed).template.spec.containers.push({image: 'x'});
		const result = serverSideApply({live: undefined, applied: unnamed, manager: 'm', force: false, now: t0, defaults: standInDefaults});
		expect(result).toMatchObject({ok: false, invalid: expect.stringContaining('element 1: associative list with keys has an element that omits key field "name"')});
	});
});

describe('serverSideApply: granular maps, sets and lists', () => {
	const configMap = (labels: Record<string, string>, finalizers: string[]): KubeObject => ({
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: {name: 'settings', namespace: 'demo', labels, finalizers},
		data: {a: '1'},
	});

	it('owns labels one by one and finalizers as set items', () => {
		const first = applyOk({live: undefined, applied: configMap({app: 'web'}, ['example.com/keep']), manager: 'one', force: false, now: t0, defaults: standInDefaults});
		expect(managedFields(first)[0]!.fieldsV1).toEqual({
			'f:data': {'f:a': {}},
			'f:metadata': {'f:finalizers': {'v:"example.com/keep"': {}}, 'f:labels': {'f:app': {}}},
		});
		const second = applyOk({
			live: first,
			applied: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'demo', labels: {team: 'a'}}},
			manager: 'two',
			force: false,
			now: t1,
			defaults: standInDefaults,
		});
		expect(second.metadata.labels).toEqual({app: 'web', team: 'a'});
		// "one" drops its label and finalizer: both go, "two"'s label stays.
		const third = applyOk({live: second, applied: configMap({}, []), manager: 'one', force: false, now: t2, defaults: standInDefaults});
		expect(third.metadata.labels).toEqual({team: 'a'});
		expect(third.metadata.finalizers).toBeUndefined();
		expect(third['data']).toEqual({a: '1'});
	});

	it('removes a container the applier stops applying', () => {
		const applied = loadPatchFixture('web-deployment.applied.json');
		spec(applied).template.spec.containers.push({name: 'side', image: 'busybox:1.36'});
		const live = applyOk({live: undefined, applied, manager: 'wire-sample', force: false, now: t0, defaults: standInDefaults});
		expect(spec(live).template.spec.containers.map((container) => container['name'])).toEqual(['web', 'side']);
		const after = applyOk({live, applied: loadPatchFixture('web-deployment.applied.json'), manager: 'wire-sample', force: false, now: t1, defaults: standInDefaults});
		expect(spec(after).template.spec.containers.map((container) => container['name'])).toEqual(['web']);
	});

	it('treats custom resources as structs with atomic lists', () => {
		const kustomization: KubeObject = {
			apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
			kind: 'Kustomization',
			metadata: {name: 'apps', namespace: 'flux-system'},
			spec: {interval: '10m', path: './apps', prune: true, sourceRef: {kind: 'GitRepository', name: 'repo'}, components: ['a']},
		};
		const object = applyOk({live: undefined, applied: kustomization, manager: 'flux', force: false, now: t0, defaults: standInDefaults});
		expect(managedFields(object)[0]!.fieldsV1).toEqual({
			'f:spec': {'f:components': {}, 'f:interval': {}, 'f:path': {}, 'f:prune': {}, 'f:sourceRef': {'f:kind': {}, 'f:name': {}}},
		});
		const edited = structuredClone(object);
		(edited['spec'] as Record<string, unknown>)['suspend'] = true;
		const updated = recordUpdate({before: object, after: edited, manager: 'gitops-tui', now: t1});
		const result = serverSideApply({live: updated, applied: {...kustomization, spec: {...(kustomization['spec'] as object), suspend: false}}, manager: 'flux', force: false, now: t2, defaults: standInDefaults});
		expect(result).toMatchObject({ok: false, conflicts: [{field: '.spec.suspend', manager: 'gitops-tui', operation: 'Update', apiVersion: 'kustomize.toolkit.fluxcd.io/v1'}]});
	});

	it('neither owns nor keeps status applied to the main resource of a kind with /status', () => {
		const applied = {...loadPatchFixture('web-deployment.applied.json'), status: {replicas: 7}};
		const object = applyOk({live: undefined, applied, manager: 'm', force: false, now: t0, defaults: standInDefaults, statusSubresource: true});
		expect(JSON.stringify(managedFields(object)[0]!.fieldsV1)).not.toContain('f:status');
		expect(object['status']).toEqual({});
	});
});

describe('serverSideApply: Secret values', () => {
	it('names conflicting Secret keys without their values', () => {
		const canary = 'canary-3b9e-not-a-password';
		const secret = (value: string): KubeObject => ({apiVersion: 'v1', kind: 'Secret', metadata: {name: 'creds', namespace: 'demo'}, stringData: {password: value}});
		const live = applyOk({live: undefined, applied: secret(canary), manager: 'one', force: false, now: t0, defaults: standInDefaults});
		const result = serverSideApply({live, applied: secret(`${canary}-2`), manager: 'two', force: false, now: t1, defaults: standInDefaults});
		if (result.ok || !('conflicts' in result)) throw new Error('expected conflicts');
		const message = conflictMessage(result.conflicts);
		expect(message).toBe('Apply failed with 1 conflict: conflict with "one": .stringData.password');
		expect(JSON.stringify(result)).not.toContain(canary);
		expect(JSON.stringify(managedFields(live))).not.toContain(canary);
	});
});
