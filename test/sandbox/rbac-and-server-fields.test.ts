/**
 * What a real apiserver serves and sets that the verdicts read: RBAC kinds in discovery and CRUD (cluster-scoped
 * ClusterRoles and bindings, namespaced Roles and bindings), and the DaemonSet template generation annotation
 * the registry bumps when the pod template changes.
 */
import {AppsV1Api, KubeConfig, RbacAuthorizationV1Api} from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {startSandboxHarness} from '../support/sandbox-harness.js';

let sandbox: Sandbox;
let rbac: RbacAuthorizationV1Api;
let apps: AppsV1Api;

beforeAll(async () => {
	sandbox = await startSandbox({simulate: false});
	const config = new KubeConfig();
	config.loadFromString(sandbox.kubeconfig());
	rbac = config.makeApiClient(RbacAuthorizationV1Api);
	apps = config.makeApiClient(AppsV1Api);
});
afterAll(() => sandbox.stop());

describe('rbac.authorization.k8s.io/v1', () => {
	it('serves ClusterRoles and ClusterRoleBindings cluster-wide, Roles and RoleBindings per namespace', async () => {
		await rbac.createClusterRole({body: {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {name: 'shop:reader'}, rules: [{apiGroups: [''], resources: ['pods'], verbs: ['get', 'list']}]}});
		await rbac.createClusterRoleBinding({
			body: {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: {name: 'shop:reader'}, roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'shop:reader'}, subjects: [{kind: 'Group', name: 'shop', apiGroup: 'rbac.authorization.k8s.io'}]},
		});
		await rbac.createNamespacedRole({namespace: 'default', body: {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: {name: 'deployer'}, rules: [{apiGroups: ['apps'], resources: ['deployments'], verbs: ['*']}]}});
		await rbac.createNamespacedRoleBinding({
			namespace: 'default',
			body: {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: {name: 'deployer'}, roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer'}, subjects: [{kind: 'ServiceAccount', name: 'ci', namespace: 'default'}]},
		});
		expect((await rbac.readClusterRole({name: 'shop:reader'})).rules?.[0]?.verbs).toEqual(['get', 'list']);
		expect((await rbac.listClusterRoleBinding()).items.map(item => item.metadata?.name)).toContain('shop:reader');
		expect((await rbac.listNamespacedRole({namespace: 'default'})).items.map(item => item.metadata?.name)).toEqual(['deployer']);
		expect((await rbac.readNamespacedRoleBinding({name: 'deployer', namespace: 'default'})).roleRef.name).toBe('deployer');
		const resources = await rbac.getAPIResources();
		expect(resources.resources.map(resource => `${resource.name}:${resource.namespaced}`).sort()).toEqual(['clusterrolebindings:false', 'clusterroles:false', 'rolebindings:true', 'roles:true']);
	});
});

describe('DaemonSet deprecated.daemonset.template.generation', () => {
	it('is 1 on create and moves with the pod template, not with other spec changes', async () => {
		const body = {
			apiVersion: 'apps/v1',
			kind: 'DaemonSet',
			metadata: {name: 'agent', namespace: 'default'},
			spec: {selector: {matchLabels: {app: 'agent'}}, template: {metadata: {labels: {app: 'agent'}}, spec: {containers: [{name: 'agent', image: 'agent:1'}]}}},
		};
		const created = await apps.createNamespacedDaemonSet({namespace: 'default', body});
		expect(created.metadata?.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
		const limited = await apps.patchNamespacedDaemonSet({name: 'agent', namespace: 'default', body: [{op: 'replace', path: '/spec/revisionHistoryLimit', value: 3}]});
		expect(limited.metadata?.generation).toBe(2);
		expect(limited.metadata?.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
		const bumped = await apps.patchNamespacedDaemonSet({name: 'agent', namespace: 'default', body: [{op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'agent:2'}]});
		expect(bumped.metadata?.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
	});
});

describe('RBAC through kubectl', () => {
	it('creates roles and bindings (kubectl sends protobuf) and prints them as a real server does', async () => {
		const harness = await startSandboxHarness();
		try {
			expect((await harness.kubectl(['create', 'clusterrole', 'reader', '--verb=get,list', '--resource=pods'])).code).toBe(0);
			expect((await harness.kubectl(['create', 'rolebinding', 'rb', '--clusterrole=reader', '--user=bob', '--serviceaccount=default:ci', '-n', 'default'])).code).toBe(0);
			const roles = await harness.kubectl(['get', 'clusterroles']);
			expect(roles.stdout).toMatch(/^NAME\s+CREATED AT\nreader\s+\d{4}-\d\d-\d\dT/);
			const bindings = await harness.kubectl(['get', 'rolebindings', '-n', 'default', '-o', 'wide']);
			expect(bindings.stdout).toMatch(/rb\s+ClusterRole\/reader\s+\S+\s+bob\s+default\/ci/);
			const rule = await harness.kubectl(['get', 'clusterrole', 'reader', '-o', 'jsonpath={.rules[0].verbs}']);
			expect(rule.stdout).toBe('["get","list"]');
		} finally {
			await harness.stop();
		}
	});
});
