import {describe, expect, it} from 'vitest';
import {createProjector} from '../../source/cluster/projection.js';
import type {KubeObject} from '../../source/domain/kube-object.js';

function deployment(name: string, image: string): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {
			name,
			namespace: 'shop',
			uid: `uid-${name}`,
			resourceVersion: '458',
			generation: 2,
			labels: {app: name},
			selfLink: `/apis/apps/v1/namespaces/shop/deployments/${name}`,
			annotations: {
				'deployment.kubernetes.io/revision': '1',
				'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1","kind":"Deployment"}',
			},
			managedFields: [
				{
					manager: 'gitops-tui',
					operation: 'Apply',
					apiVersion: 'apps/v1',
					time: '2030-01-01T00:00:00Z',
					fieldsType: 'FieldsV1',
					fieldsV1: {
						'f:metadata': {'f:labels': {'f:app': {}}},
						'f:spec': {'f:replicas': {}, 'f:template': {'f:spec': {'f:containers': {'k:{"name":"web"}': {'.': {}, 'f:image': {}, 'f:name': {}}}}}},
					},
				},
				{
					manager: 'kube-controller-manager',
					operation: 'Update',
					subresource: 'status',
					apiVersion: 'apps/v1',
					time: '2030-01-01T00:00:05Z',
					fieldsType: 'FieldsV1',
					fieldsV1: {'f:status': {'f:replicas': {}}},
				},
			],
		},
		spec: {replicas: 2, template: {spec: {containers: [{name: 'web', image}]}}},
		status: {replicas: 2},
	};
}

describe('projector', () => {
	it('keys by group/Kind/namespace/name and keeps what verdicts, health and trees need', () => {
		const live = createProjector().project(deployment('web', 'web:1'));
		expect(live.key).toBe('apps/Deployment/shop/web');
		expect(live.object.spec).toEqual({replicas: 2, template: {spec: {containers: [{name: 'web', image: 'web:1'}]}}});
		expect(live.object.status).toEqual({replicas: 2});
		expect(live.object.metadata).toEqual({
			name: 'web',
			namespace: 'shop',
			uid: 'uid-web',
			resourceVersion: '458',
			generation: 2,
			labels: {app: 'web'},
			annotations: {'deployment.kubernetes.io/revision': '1'},
		});
	});

	it('replaces managedFields with the per-manager summary', () => {
		const live = createProjector().project(deployment('web', 'web:1'));
		expect(live.managers.map(({manager, operation, subresource, time, paths}) => ({manager, operation, subresource, time, paths}))).toEqual([
			{
				manager: 'gitops-tui',
				operation: 'Apply',
				subresource: undefined,
				time: '2030-01-01T00:00:00Z',
				paths: ['.metadata.labels.app', '.spec.replicas', '.spec.template.spec.containers[name="web"].image', '.spec.template.spec.containers[name="web"].name'],
			},
			{manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', time: '2030-01-01T00:00:05Z', paths: ['.status.replicas']},
		]);
		expect(live.managers[0]!.owned).toHaveLength(5);
	});

	it('does not touch the raw object', () => {
		const raw = deployment('web', 'web:1');
		createProjector().project(raw);
		expect(raw.metadata.managedFields).toHaveLength(2);
		expect(raw.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined();
	});

	it('drops the annotations map when last-applied was its only entry', () => {
		const raw = deployment('web', 'web:1');
		raw.metadata.annotations = {'kubectl.kubernetes.io/last-applied-configuration': '{}'};
		expect(createProjector().project(raw).object.metadata).not.toHaveProperty('annotations');
	});

	it('shares identical path lists between objects, frozen', () => {
		const projector = createProjector();
		const a = projector.project(deployment('a', 'a:1'));
		const b = projector.project(deployment('b', 'b:1'));
		expect(a.managers[0]!.paths).toBe(b.managers[0]!.paths);
		expect(a.managers[0]!.owned).toBe(b.managers[0]!.owned);
		expect(Object.isFrozen(a.managers[0]!.paths)).toBe(true);
		expect(a.object.spec).not.toBe(b.object.spec);
	});

	it('gives each object the paths of its own fieldsV1 when one manager alternates between shapes', () => {
		const projector = createProjector();
		const withLabel = (name: string, label: string) => {
			const raw = deployment(name, `${name}:1`);
			raw.metadata.managedFields![0]!.fieldsV1 = {'f:metadata': {'f:labels': {[`f:${label}`]: {}}}};
			return raw;
		};
		const paths = (raw: KubeObject) => projector.project(raw).managers[0]!.paths;
		const first = paths(withLabel('a', 'app'));
		expect(paths(withLabel('b', 'tier'))).toEqual(['.metadata.labels.tier']);
		expect(paths(withLabel('c', 'app'))).toBe(first);
		expect(first).toEqual(['.metadata.labels.app']);
		// Same keys, another order: another JSON text, so another (equal) list, as before.
		const reordered = deployment('d', 'd:1');
		reordered.metadata.managedFields![0]!.fieldsV1 = {'f:spec': {'f:replicas': {}}, 'f:metadata': {'f:labels': {'f:app': {}}}};
		expect(paths(reordered)).toEqual(['.spec.replicas', '.metadata.labels.app']);
		expect(paths(deployment('e', 'e:1'))).toHaveLength(4);
	});

	it('keys cluster-scoped and core objects with empty parts', () => {
		const projector = createProjector();
		expect(projector.project({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}}).key).toBe('/Namespace//shop');
	});

	it('an unreadable managedFields entry costs that manager its paths, never the object', () => {
		const raw = deployment('odd', 'odd:1');
		raw.metadata.managedFields![0]!.fieldsV1 = {'k:{not json': {}};
		const live = createProjector().project(raw);
		expect(live.key).toBe('apps/Deployment/shop/odd');
		expect(live.managers.map(summary => [summary.manager, summary.paths])).toEqual([
			['gitops-tui', []],
			['kube-controller-manager', ['.status.replicas']],
		]);
	});
});
