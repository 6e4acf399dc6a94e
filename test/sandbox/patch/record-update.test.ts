import {describe, expect, it} from 'vitest';
import type {KubeObject, ManagedFieldsEntry} from '../../../source/domain/kube-object.js';
import {fieldsV1ToPaths, recordUpdate, serverSideApply} from '../../../source/sandbox/patch/index.js';
import {loadPatchFixture, standInDefaults} from '../../support/patch-fixtures.js';

const t0 = '2030-01-01T00:00:00Z';
const t1 = '2030-01-01T00:05:00Z';

function created(): KubeObject {
	const after = standInDefaults(loadPatchFixture('web-deployment.applied.json'));
	return recordUpdate({before: undefined, after, manager: 'kubectl-create', now: t0});
}

function entries(object: KubeObject): ManagedFieldsEntry[] {
	return object.metadata.managedFields ?? [];
}

function paths(object: KubeObject, manager: string): string[] {
	const entry = entries(object).find((candidate) => candidate.manager === manager);
	return entry ? fieldsV1ToPaths(entry.fieldsV1) : [];
}

describe('recordUpdate', () => {
	it('gives a create every field as stored, with `.` where the zero object had nothing', () => {
		const object = created();
		expect(entries(object)).toHaveLength(1);
		const [entry] = entries(object);
		expect(entry).toMatchObject({manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: t0, fieldsType: 'FieldsV1'});
		const fields = entry!.fieldsV1 as Record<string, Record<string, Record<string, unknown>>>;
		// Struct fields the zero Deployment already has carry no `.`; pointers, maps and new list items do.
		expect(Object.keys(fields['f:spec']!)).toEqual(['f:progressDeadlineSeconds', 'f:replicas', 'f:revisionHistoryLimit', 'f:selector', 'f:strategy', 'f:template']);
		expect(fields['f:spec']!['f:strategy']).toEqual({'f:rollingUpdate': {'.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {}}, 'f:type': {}});
		expect(fields['f:spec']!['f:template']).toEqual({
			'f:metadata': {'f:labels': {'.': {}, 'f:app': {}}},
			'f:spec': {
				'f:containers': {
					'k:{"name":"web"}': {
						'.': {},
						'f:image': {},
						'f:imagePullPolicy': {},
						'f:name': {},
						'f:ports': {'.': {}, 'k:{"containerPort":8080,"protocol":"TCP"}': {'.': {}, 'f:containerPort': {}, 'f:protocol': {}}},
						'f:resources': {'.': {}, 'f:limits': {'.': {}, 'f:cpu': {}, 'f:memory': {}}},
						'f:terminationMessagePath': {},
						'f:terminationMessagePolicy': {},
					},
				},
				'f:dnsPolicy': {},
				'f:restartPolicy': {},
				'f:schedulerName': {},
				'f:securityContext': {},
				'f:terminationGracePeriodSeconds': {},
			},
		});
		// Name, namespace and the other server-managed metadata are never owned.
		expect(fields['f:metadata']).toBeUndefined();
	});

	it('records a status write under the status subresource, owning only what it changed', () => {
		const before = created();
		const after = structuredClone(before);
		after['status'] = {replicas: 2, observedGeneration: 1};
		const object = recordUpdate({before, after, manager: 'kube-controller-manager', subresource: 'status', now: t1});
		const entry = entries(object).find((candidate) => candidate.manager === 'kube-controller-manager');
		expect(entry).toEqual({
			manager: 'kube-controller-manager',
			operation: 'Update',
			apiVersion: 'apps/v1',
			time: t1,
			fieldsType: 'FieldsV1',
			fieldsV1: {'f:status': {'.': {}, 'f:observedGeneration': {}, 'f:replicas': {}}},
			subresource: 'status',
		});
		expect(entries(object)[0]).toEqual(entries(before)[0]);
	});

	it('leaves managedFields alone, times included, when the writer changed nothing', () => {
		const before = created();
		const object = recordUpdate({before, after: structuredClone(before), manager: 'kubectl-edit', now: t1});
		expect(entries(object)).toEqual(entries(before));
	});

	it('moves changed fields to the writer and drops removed fields from everyone', () => {
		const before = created();
		const after = structuredClone(before) as KubeObject & {spec: {replicas: number; template: {spec: {containers: Array<Record<string, unknown>>}}}};
		after.spec.replicas = 3;
		delete after.spec.template.spec.containers[0]!['ports'];
		const object = recordUpdate({before, after, manager: 'kubectl-edit', now: t1});
		expect(paths(object, 'kubectl-edit')).toEqual(['.spec.replicas']);
		const creator = paths(object, 'kubectl-create');
		expect(creator).not.toContain('.spec.replicas');
		expect(creator.some((path) => path.includes('ports'))).toBe(false);
		expect(entries(object).map((entry) => entry.manager)).toEqual(['kubectl-create', 'kubectl-edit']);
	});

	it('merges a second write by the same manager into its entry', () => {
		const first = structuredClone(created()) as KubeObject & {spec: {replicas: number; revisionHistoryLimit: number}};
		first.spec.replicas = 3;
		const once = recordUpdate({before: created(), after: first, manager: 'kubectl-edit', now: t1}) as typeof first;
		const second = structuredClone(once);
		second.spec.revisionHistoryLimit = 5;
		const twice = recordUpdate({before: once, after: second, manager: 'kubectl-edit', now: t1});
		expect(paths(twice, 'kubectl-edit')).toEqual(['.spec.replicas', '.spec.revisionHistoryLimit']);
		expect(entries(twice)).toHaveLength(2);
	});

	it('resets managedFields when the write sends an empty list, and takes sent entries as given', () => {
		const before = created();
		const reset = structuredClone(before);
		reset.metadata.managedFields = [];
		expect(recordUpdate({before, after: reset, manager: 'kubectl-edit', now: t1}).metadata.managedFields).toBeUndefined();
		const replaced = structuredClone(before);
		const own: ManagedFieldsEntry = {manager: 'someone', operation: 'Update', apiVersion: 'apps/v1', time: t0, fieldsType: 'FieldsV1', fieldsV1: {'f:spec': {'f:replicas': {}}}};
		replaced.metadata.managedFields = [own];
		expect(recordUpdate({before, after: replaced, manager: 'kubectl-edit', now: t1}).metadata.managedFields).toEqual([own]);
	});

	it('does not let a main-resource write own status when the kind serves /status', () => {
		const before = created();
		const after = structuredClone(before);
		after['status'] = {replicas: 9};
		const object = recordUpdate({before, after, manager: 'kubectl-edit', now: t1, statusSubresource: true});
		expect(paths(object, 'kubectl-edit')).toEqual([]);
	});

	it('orders appliers first, then updaters by time, as the server sorts entries', () => {
		const applied = serverSideApply({live: created(), applied: loadPatchFixture('web-deployment.applied.json'), manager: 'zz-applier', force: true, now: t1, defaults: standInDefaults});
		if (!applied.ok) throw new Error('apply failed');
		const after = structuredClone(applied.object);
		after.metadata.labels = {team: 'a'};
		const object = recordUpdate({before: applied.object, after, manager: 'aa-labeller', now: t1});
		expect(entries(object).map((entry) => `${entry.operation}:${entry.manager}`)).toEqual(['Apply:zz-applier', 'Update:kubectl-create', 'Update:aa-labeller']);
	});

	it('folds the oldest update entries into ancient-changes beyond ten', () => {
		let object = created();
		for (let index = 0; index < 11; index++) {
			const after = structuredClone(object);
			after.metadata.labels = {...after.metadata.labels, [`l${index}`]: 'x'};
			object = recordUpdate({before: object, after, manager: `editor-${index}`, now: `2030-01-01T01:${String(index).padStart(2, '0')}:00Z`});
		}
		const managers = entries(object).map((entry) => entry.manager);
		expect(managers).toHaveLength(10);
		expect(managers).toContain('ancient-changes');
		expect(managers).not.toContain('kubectl-create');
		expect(managers).not.toContain('editor-0');
		expect(paths(object, 'ancient-changes')).toContain('.metadata.labels.l0');
		expect(paths(object, 'ancient-changes')).toContain('.spec.replicas');
	});
});

describe('recordUpdate: a controller creating a Pod', () => {
	it('owns owner references as atomic items and empty structs as leaves', () => {
		const pod: KubeObject = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {
				generateName: 'db-',
				name: 'db-0',
				namespace: 'demo',
				labels: {app: 'db'},
				ownerReferences: [{apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u-1', controller: true, blockOwnerDeletion: true}],
			},
			spec: {
				containers: [{name: 'db', image: 'postgres:16', resources: {}}],
				restartPolicy: 'Always',
				securityContext: {},
			},
			status: {},
		};
		const object = recordUpdate({before: undefined, after: pod, manager: 'kube-controller-manager', now: t0});
		expect(entries(object)[0]!.fieldsV1).toEqual({
			'f:metadata': {
				'f:generateName': {},
				'f:labels': {'.': {}, 'f:app': {}},
				'f:ownerReferences': {'.': {}, 'k:{"uid":"u-1"}': {}},
			},
			'f:spec': {
				'f:containers': {'k:{"name":"db"}': {'.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': {}}},
				'f:restartPolicy': {},
				'f:securityContext': {},
			},
		});
	});
});
