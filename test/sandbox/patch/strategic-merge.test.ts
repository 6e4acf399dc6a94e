import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {applyStrategicMergePatch, strategicMergeUnsupportedMessage} from '../../../source/sandbox/patch/index.js';

type Container = Record<string, unknown>;

function deployment(containers: Container[], extra: Record<string, unknown> = {}): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: 'web', namespace: 'demo', labels: {app: 'web', tier: 'front'}, finalizers: ['a', 'b', 'c']},
		spec: {
			replicas: 2,
			template: {
				metadata: {labels: {app: 'web'}},
				spec: {
					containers,
					volumes: [{name: 'data', emptyDir: {}}, {name: 'cache', emptyDir: {medium: 'Memory'}}],
					tolerations: [{key: 'a', operator: 'Exists'}],
					securityContext: {runAsUser: 1000, fsGroup: 2000},
					...extra,
				},
			},
		},
	};
}

const web = (): Container => ({
	name: 'web',
	image: 'nginx:1.25',
	args: ['--a', '--b'],
	env: [
		{name: 'A', value: '1'},
		{name: 'B', value: '2'},
	],
	ports: [{containerPort: 8080, protocol: 'TCP'}],
	volumeMounts: [{name: 'data', mountPath: '/data'}],
	resources: {limits: {cpu: '1'}},
});
const side = (): Container => ({name: 'side', image: 'busybox:1.36'});

function patched(target: KubeObject, patch: unknown): KubeObject {
	const result = applyStrategicMergePatch(target, patch);
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

function podSpec(object: KubeObject): Record<string, unknown> & {containers: Container[]} {
	return (object['spec'] as {template: {spec: Record<string, unknown> & {containers: Container[]}}}).template.spec;
}

const inPodSpec = (spec: Record<string, unknown>) => ({spec: {template: {spec}}});

describe('applyStrategicMergePatch: lists with merge keys', () => {
	it('merges containers by name and env by name, keeping unpatched items', () => {
		const result = patched(
			deployment([web(), side()]),
			inPodSpec({containers: [{name: 'web', image: 'nginx:1.26', env: [{name: 'B', value: '3'}, {name: 'C', value: '4'}]}]}),
		);
		const [first, second] = podSpec(result).containers;
		expect(first).toMatchObject({name: 'web', image: 'nginx:1.26', args: ['--a', '--b'], ports: [{containerPort: 8080, protocol: 'TCP'}]});
		expect(first!['env']).toEqual([
			{name: 'A', value: '1'},
			{name: 'B', value: '3'},
			{name: 'C', value: '4'},
		]);
		expect(second).toEqual(side());
	});

	it('places new items ahead of server-only items, as the apiserver orders them', () => {
		const result = patched(deployment([web(), side()]), inPodSpec({containers: [{name: 'extra', image: 'x'}]}));
		expect(podSpec(result).containers.map((container) => container.name)).toEqual(['extra', 'web', 'side']);
	});

	it('merges container ports by containerPort and volume mounts by mountPath', () => {
		const result = patched(
			deployment([web()]),
			inPodSpec({containers: [{name: 'web', ports: [{containerPort: 8080, name: 'http'}], volumeMounts: [{mountPath: '/data', readOnly: true}]}]}),
		);
		const [container] = podSpec(result).containers;
		expect(container!['ports']).toEqual([{containerPort: 8080, protocol: 'TCP', name: 'http'}]);
		expect(container!['volumeMounts']).toEqual([{name: 'data', mountPath: '/data', readOnly: true}]);
	});

	it('merges Service ports by port', () => {
		const service: KubeObject = {
			apiVersion: 'v1',
			kind: 'Service',
			metadata: {name: 'web'},
			spec: {ports: [{port: 80, targetPort: 8080, protocol: 'TCP'}, {port: 443, targetPort: 8443, protocol: 'TCP'}]},
		};
		const result = patched(service, {spec: {ports: [{port: 443, targetPort: 9443}]}});
		expect(result['spec']).toEqual({ports: [{port: 80, targetPort: 8080, protocol: 'TCP'}, {port: 443, targetPort: 9443, protocol: 'TCP'}]});
	});

	it('replaces lists without a merge strategy (tolerations, args)', () => {
		const result = patched(
			deployment([web()]),
			inPodSpec({tolerations: [{key: 'b', operator: 'Exists'}], containers: [{name: 'web', args: ['--c']}]}),
		);
		expect(podSpec(result)['tolerations']).toEqual([{key: 'b', operator: 'Exists'}]);
		expect(podSpec(result).containers[0]!['args']).toEqual(['--c']);
	});

	it('requires the merge key on every patch item', () => {
		const result = applyStrategicMergePatch(deployment([web()]), inPodSpec({containers: [{image: 'x'}]}));
		expect(result).toEqual({ok: false, message: 'map with keys ["image"] does not contain declared merge key: name'});
	});
});

describe('applyStrategicMergePatch: directives', () => {
	it('deletes a list item with $patch: delete', () => {
		const result = patched(deployment([web(), side()]), inPodSpec({containers: [{name: 'side', $patch: 'delete'}]}));
		expect(podSpec(result).containers.map((container) => container.name)).toEqual(['web']);
	});

	it('replaces a whole list with a $patch: replace item', () => {
		const result = patched(deployment([web()]), inPodSpec({containers: [{name: 'web', env: [{name: 'Z', value: '9'}, {$patch: 'replace'}]}]}));
		expect(podSpec(result).containers[0]!['env']).toEqual([{name: 'Z', value: '9'}]);
	});

	it('replaces or empties a map with $patch', () => {
		const replaced = patched(deployment([web()]), inPodSpec({securityContext: {runAsNonRoot: true, $patch: 'replace'}}));
		expect(podSpec(replaced)['securityContext']).toEqual({runAsNonRoot: true});
		const deleted = patched(deployment([web()]), inPodSpec({securityContext: {$patch: 'delete'}}));
		expect(podSpec(deleted)['securityContext']).toEqual({});
		expect(applyStrategicMergePatch(deployment([web()]), inPodSpec({securityContext: {$patch: 'bogus'}}))).toMatchObject({ok: false, message: expect.stringContaining('Unknown patch type')});
	});

	it('clears keys not listed in $retainKeys (volume source switch)', () => {
		const result = patched(
			deployment([web()]),
			inPodSpec({volumes: [{name: 'data', $retainKeys: ['configMap', 'name'], configMap: {name: 'settings'}}]}),
		);
		expect(podSpec(result)['volumes']).toEqual([{name: 'data', configMap: {name: 'settings'}}, {name: 'cache', emptyDir: {medium: 'Memory'}}]);
		const bad = applyStrategicMergePatch(deployment([web()]), inPodSpec({volumes: [{name: 'data', $retainKeys: ['name'], secret: {secretName: 's'}}]}));
		expect(bad).toEqual({ok: false, message: 'invalid patch format of retainKeys'});
	});

	it('removes scalars with $deleteFromPrimitiveList and unions merged scalar lists', () => {
		const removed = patched(deployment([web()]), {metadata: {'$deleteFromPrimitiveList/finalizers': ['b']}});
		expect(removed.metadata.finalizers).toEqual(['a', 'c']);
		const added = patched(deployment([web()]), {metadata: {finalizers: ['c', 'd']}});
		expect(added.metadata.finalizers).toEqual(['a', 'b', 'c', 'd']);
	});

	it('orders a merged list by $setElementOrder', () => {
		const result = patched(
			deployment([web(), side()]),
			inPodSpec({'$setElementOrder/containers': [{name: 'side'}, {name: 'web'}], containers: [{name: 'web', image: 'nginx:1.26'}]}),
		);
		expect(podSpec(result).containers.map((container) => [container.name, container['image']])).toEqual([
			['side', 'busybox:1.36'],
			['web', 'nginx:1.26'],
		]);
		const bad = applyStrategicMergePatch(
			deployment([web(), side()]),
			inPodSpec({'$setElementOrder/containers': [{name: 'side'}], containers: [{name: 'web', image: 'x'}]}),
		);
		expect(bad).toMatchObject({ok: false, message: expect.stringContaining("doesn't match $setElementOrder list")});
	});

	it('deletes keys patched to null and ignores nulls for absent keys', () => {
		const result = patched(deployment([web()]), {
			metadata: {labels: {tier: null, missing: null}},
			spec: {template: {spec: {containers: [{name: 'web', resources: null}], nodeSelector: {zone: null, disk: 'ssd'}}}},
		});
		expect(result.metadata.labels).toEqual({app: 'web'});
		expect(podSpec(result).containers[0]).not.toHaveProperty('resources');
		expect(podSpec(result)['nodeSelector']).toEqual({disk: 'ssd'});
	});

	it('applies directives inside values where the target had none', () => {
		const target = deployment([web()]);
		delete (podSpec(target) as Record<string, unknown>)['volumes'];
		const result = patched(target, inPodSpec({volumes: [{name: 'x', emptyDir: {}}, {name: 'y', $patch: 'delete'}]}));
		expect(podSpec(result)['volumes']).toEqual([{name: 'x', emptyDir: {}}]);
	});

	it('never mutates the target', () => {
		const target = deployment([web(), side()]);
		const copy = structuredClone(target);
		patched(target, inPodSpec({containers: [{name: 'side', $patch: 'delete'}], securityContext: null}));
		expect(target).toEqual(copy);
	});
});

describe('applyStrategicMergePatch: kinds', () => {
	it('refuses custom resources as the apiserver does (415)', () => {
		const kustomization: KubeObject = {apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: {name: 'apps'}, spec: {suspend: false}};
		expect(applyStrategicMergePatch(kustomization, {spec: {suspend: true}})).toEqual({
			ok: false,
			reason: 'UnsupportedMediaType',
			message: strategicMergeUnsupportedMessage,
		});
	});

	it('merges maps and replaces lists for built-in kinds without table entries', () => {
		const role: KubeObject = {
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'Role',
			metadata: {name: 'r', labels: {a: '1'}},
			rules: [{verbs: ['get'], resources: ['pods'], apiGroups: ['']}],
		};
		const result = patched(role, {metadata: {labels: {b: '2'}}, rules: [{verbs: ['list'], resources: ['pods'], apiGroups: ['']}]});
		expect(result.metadata.labels).toEqual({a: '1', b: '2'});
		expect(result['rules']).toEqual([{verbs: ['list'], resources: ['pods'], apiGroups: ['']}]);
	});
});

describe('applyStrategicMergePatch: Secret values', () => {
	const canary = 'canary-7d1f-not-a-password';

	it('keeps values out of error messages', () => {
		const secret: KubeObject = {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'creds'}, data: {password: 'b2xk'}};
		const bad = applyStrategicMergePatch(secret, {data: {password: canary, $patch: 'bogus'}});
		expect(bad.ok).toBe(false);
		expect(JSON.stringify(bad)).not.toContain(canary);
		const pod = deployment([{...web(), env: [{name: 'PASSWORD', value: canary}]}]);
		const missing = applyStrategicMergePatch(pod, inPodSpec({containers: [{name: 'web', env: [{value: canary}]}]}));
		expect(missing.ok).toBe(false);
		expect(JSON.stringify(missing)).not.toContain(canary);
		const order = applyStrategicMergePatch(pod, inPodSpec({containers: [{name: 'web', env: [{name: 'PASSWORD', value: canary}]}], '$setElementOrder/containers': [{name: 'zzz'}]}));
		expect(order.ok).toBe(false);
		expect(JSON.stringify(order)).not.toContain(canary);
	});
});
