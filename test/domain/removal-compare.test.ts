import {describe, expect, it} from 'vitest';
import {exactCompare} from '../../source/domain/exact-compare.js';
import {fastCompare} from '../../source/domain/fast-compare.js';
import {formatFieldPath, summariseManagedFields} from '../../source/domain/field-paths.js';
import type {KubeObject, ManagedFieldsEntry} from '../../source/domain/kube-object.js';
import {removalCompare, valueAt} from '../../source/domain/removal-compare.js';
import {judgePair} from '../../source/domain/resource-verdict.js';
import {resourceKeyOf} from '../../source/domain/resource-key.js';
import {kubeObject, managedEntry} from '../support/domain-objects.js';

// What kustomize-controller's last apply set: a label, the image, an env var and a port.
const controllerApply = managedEntry('kustomize-controller', {
	'f:metadata': {'f:labels': {'f:app': {}, 'f:tier': {}}},
	'f:spec': {
		'f:template': {
			'f:spec': {
				'f:containers': {
					'k:{"name":"web"}': {
						'.': {},
						'f:name': {},
						'f:image': {},
						'f:env': {'k:{"name":"OLD"}': {'.': {}, 'f:name': {}, 'f:value': {}}},
						'f:ports': {'k:{"containerPort":80,"protocol":"TCP"}': {'.': {}, 'f:containerPort': {}}},
					},
				},
			},
		},
	},
});

function deployment(options: {env?: boolean; tier?: boolean; managedFields?: ManagedFieldsEntry[]} = {}): KubeObject {
	const container: Record<string, unknown> = {name: 'web', image: 'nginx:1.27', ports: [{containerPort: 80}]};
	if (options.env) container['env'] = [{name: 'OLD', value: 'x'}];
	return kubeObject(
		'apps/v1',
		'Deployment',
		'web',
		'shop',
		{spec: {template: {spec: {containers: [container]}}}},
		{labels: {app: 'web', ...(options.tier ? {tier: 'frontend'} : {})}, ...(options.managedFields ? {managedFields: options.managedFields} : {})},
	);
}

const texts = (paths: ReturnType<typeof removalCompare>) => paths.map(path => formatFieldPath(path));

describe('removalCompare', () => {
	const live = deployment({env: true, tier: true, managedFields: [controllerApply]});
	const managers = summariseManagedFields([controllerApply]);

	it('names what the controller applied and Git dropped: the env item as a whole, the label as a leaf', () => {
		expect(texts(removalCompare(deployment(), live, managers, 'kustomize-controller'))).toEqual([
			'.metadata.labels.tier',
			'.spec.template.spec.containers[name="web"].env[name="OLD"]',
		]);
	});

	it('finds nothing when Git still sets every field (a port item matched with the default protocol)', () => {
		expect(removalCompare(deployment({env: true, tier: true}), live, managers, 'kustomize-controller')).toEqual([]);
	});

	it('ignores other managers, Update entries of the same name, and fields another manager shares', () => {
		expect(removalCompare(deployment(), live, managers, 'argocd-controller')).toEqual([]);
		const update = summariseManagedFields([{...controllerApply, operation: 'Update'}]);
		expect(removalCompare(deployment(), live, update, 'kustomize-controller')).toEqual([]);
		const shared = summariseManagedFields([controllerApply, managedEntry('kubectl-label', {'f:metadata': {'f:labels': {'f:tier': {}}}}, {operation: 'Update'})]);
		expect(texts(removalCompare(deployment(), live, shared, 'kustomize-controller'))).toEqual(['.spec.template.spec.containers[name="web"].env[name="OLD"]']);
	});

	it('skips fields live no longer has', () => {
		expect(texts(removalCompare(deployment(), deployment({tier: true}), managers, 'kustomize-controller'))).toEqual(['.metadata.labels.tier']);
	});

	it('reads values through keyed and set steps', () => {
		const object = {a: [{name: 'x', v: 1}], f: ['p', 'q'], l: [10, 20]};
		expect(valueAt(object, [{kind: 'field', name: 'a'}, {kind: 'key', keys: {name: 'x'}}, {kind: 'field', name: 'v'}])).toBe(1);
		expect(valueAt(object, [{kind: 'field', name: 'f'}, {kind: 'value', value: 'q'}])).toBe('q');
		expect(valueAt(object, [{kind: 'field', name: 'l'}, {kind: 'index', index: 1}])).toBe(20);
		expect(valueAt(object, [{kind: 'field', name: 'a'}, {kind: 'key', keys: {name: 'y'}}])).toBeUndefined();
	});
});

describe('fastCompare with the app field manager', () => {
	it('adds the fields the next apply would remove, after the fields the manifest sets', () => {
		const live = deployment({env: true, tier: true, managedFields: [controllerApply]});
		const desired = {...deployment(), spec: {template: {spec: {containers: [{name: 'web', image: 'nginx:1.28', ports: [{containerPort: 80}]}]}}}};
		expect(fastCompare(desired, live).map(path => formatFieldPath(path))).toEqual(['.spec.template.spec.containers[name="web"].image']);
		expect(fastCompare(desired, live, {fieldManager: 'kustomize-controller'}).map(path => formatFieldPath(path))).toEqual([
			'.spec.template.spec.containers[name="web"].image',
			'.metadata.labels.tier',
			'.spec.template.spec.containers[name="web"].env[name="OLD"]',
		]);
	});

	it('uses the summary a projection kept when live carries no managedFields, and judgePair attributes it', () => {
		const live = deployment({env: true, tier: true});
		const liveManagers = summariseManagedFields([controllerApply]);
		const desired = deployment();
		const result = judgePair({key: resourceKeyOf(desired), desired, live}, {fieldManager: 'kustomize-controller', liveManagers});
		expect(result.verdict).toBe('Drifted');
		expect(result.fields).toEqual([
			{path: '.metadata.labels.tier', manager: 'kustomize-controller'},
			{path: '.spec.template.spec.containers[name="web"].env[name="OLD"]', manager: 'kustomize-controller'},
		]);
		expect(judgePair({key: resourceKeyOf(desired), desired, live}, {liveManagers}).verdict).toBe('Synced');
	});
});

describe('int-or-string values are typed', () => {
	const service = (targetPort: number | string): KubeObject => kubeObject('v1', 'Service', 'web', 'shop', {spec: {ports: [{port: 80, protocol: 'TCP', targetPort}]}});

	it('the exact comparison reports 80 against "80" (a server-side apply changes the stored type)', () => {
		expect(exactCompare(service(80), service('80')).map(path => formatFieldPath(path))).toEqual(['.spec.ports[port=80,protocol="TCP"].targetPort']);
		expect(exactCompare(service('80'), service(80)).map(path => formatFieldPath(path))).toEqual(['.spec.ports[port=80,protocol="TCP"].targetPort']);
		expect(exactCompare(service('http'), service('http'))).toEqual([]);
	});

	it('the fast comparison reports it both ways, and still takes quantities written as numbers as equal', () => {
		expect(fastCompare(service('80'), service(80)).map(path => formatFieldPath(path))).toEqual(['.spec.ports[port=80,protocol="TCP"].targetPort']);
		expect(fastCompare(service(80), service('80')).map(path => formatFieldPath(path))).toEqual(['.spec.ports[port=80,protocol="TCP"].targetPort']);
		const pod = (cpu: number | string, memory: string) => kubeObject('v1', 'Pod', 'p', 'shop', {spec: {containers: [{name: 'c', resources: {limits: {cpu, memory}}}]}});
		expect(fastCompare(pod(0.5, '1024Mi'), pod('500m', '1Gi'))).toEqual([]);
		expect(fastCompare(pod(1, '1Gi'), pod('1', '1Gi'))).toEqual([]);
	});
});
