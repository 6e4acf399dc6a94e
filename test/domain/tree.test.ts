import {describe, expect, it} from 'vitest';
import {buildTree, flattenTree} from '../../source/domain/tree.js';
import {resourceKeyOf} from '../../source/domain/resource-key.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {ResourceResult} from '../../source/domain/verdict.js';
import {kubeObject} from '../support/domain-objects.js';

function owned(apiVersion: string, kind: string, name: string, uid: string, owner: {kind: string; name: string; uid: string}, rest = {}): KubeObject {
	return kubeObject(apiVersion, kind, name, 'shop', rest, {
		uid,
		ownerReferences: [{apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: owner.uid, controller: true}],
	});
}

const deployment = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {}, {uid: 'd1'});
const cronJob = kubeObject('batch/v1', 'CronJob', 'nightly', 'shop', {spec: {suspend: true}}, {uid: 'c1'});
const rsNew = owned('apps/v1', 'ReplicaSet', 'web-b', 'rs2', {kind: 'Deployment', name: 'web', uid: 'd1'});
const rsOld = owned('apps/v1', 'ReplicaSet', 'web-a', 'rs1', {kind: 'Deployment', name: 'web', uid: 'd1'});
const podB = owned('v1', 'Pod', 'web-b-2', 'p2', {kind: 'ReplicaSet', name: 'web-b', uid: 'rs2'}, {status: {phase: 'Pending'}});
const podA = owned('v1', 'Pod', 'web-b-1', 'p1', {kind: 'ReplicaSet', name: 'web-b', uid: 'rs2'}, {status: {phase: 'Running'}, spec: {}});
const job = owned('batch/v1', 'Job', 'nightly-1', 'j1', {kind: 'CronJob', name: 'nightly', uid: 'c1'});
// A cycle (never happens, but must not hang): an object owning its owner.
const loop = owned('v1', 'ConfigMap', 'loop', 'd1-loop', {kind: 'Job', name: 'nightly-1', uid: 'j1'});
const loopBack = {...job, metadata: {...job.metadata, ownerReferences: [...job.metadata.ownerReferences!, {apiVersion: 'v1', kind: 'ConfigMap', name: 'loop', uid: 'd1-loop'}]}};

const resources: ResourceResult[] = [
	{key: resourceKeyOf(deployment), verdict: 'Drifted', fields: [{path: '.spec.replicas'}, {path: '.x', ignored: true}], live: deployment, health: {status: 'Progressing'}},
	{key: resourceKeyOf(cronJob), verdict: 'Synced', fields: [], live: cronJob, health: {status: 'Suspended'}},
	{key: {group: '', version: 'v1', kind: 'Service', namespace: 'shop', name: 'web'}, verdict: 'Missing', fields: [], health: {status: 'Missing'}},
];

describe('buildTree', () => {
	const tree = buildTree({name: 'shop', sync: 'OutOfSync', health: 'Progressing', resources, live: [podB, rsOld, loopBack, podA, rsNew, loop, deployment]});

	it('nests children by ownerReferences and sorts each level', () => {
		const rows = flattenTree(tree.children).map(({node, depth}) => `${'  '.repeat(depth)}${node.key.kind}/${node.key.name}`);
		expect(rows).toEqual([
			'Service/web',
			'Deployment/web',
			'  ReplicaSet/web-a',
			'  ReplicaSet/web-b',
			'    Pod/web-b-1',
			'    Pod/web-b-2',
			'CronJob/nightly',
			'  Job/nightly-1',
			'    ConfigMap/loop',
		]);
	});

	it('carries verdicts, health and drift counts', () => {
		const [service, deploymentNode] = tree.children;
		expect(service).toMatchObject({verdict: 'Missing', health: {status: 'Missing'}, driftCount: 0, children: []});
		expect(deploymentNode).toMatchObject({verdict: 'Drifted', driftCount: 1, id: 'apps/Deployment/shop/web'});
		const pods = deploymentNode!.children[1]!.children;
		expect(pods.map(pod => pod.health?.status)).toEqual(['Progressing', 'Progressing']);
		expect(pods[0]!.verdict).toBeUndefined();
		expect(tree).toMatchObject({name: 'shop', sync: 'OutOfSync', health: 'Progressing'});
	});

	it('is stable whatever the input order', () => {
		const again = buildTree({name: 'shop', resources: [...resources].reverse(), live: [deployment, loop, rsNew, podA, loopBack, rsOld, podB]});
		expect(again.children).toEqual(tree.children);
	});
});
