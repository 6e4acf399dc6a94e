/**
 * A seeded fleet for screen and state tests: the same app on two contexts (one drifted by another
 * manager), a missing object, a stuck rollout, a paused app and a Git outage switch.
 */
import type {AppStatus} from '../../source/domain/app.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {ResourceResult} from '../../source/domain/verdict.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';

function deployment(name: string, namespace: string, image: string, uid: string): KubeObject {
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace, uid},
		spec: {replicas: 2, template: {spec: {containers: [{name, image}]}}},
	};
}

function resource(kind: string, group: string, namespace: string, name: string, extra: Partial<ResourceResult>): ResourceResult {
	return {key: {group, version: 'v1', kind, namespace, name}, verdict: 'Synced', fields: [], ...extra};
}

function app(partial: Partial<AppStatus> & Pick<AppStatus, 'name' | 'engine' | 'context'>): AppStatus {
	return {
		namespace: partial.name,
		sync: 'Synced',
		controllerSync: 'Synced',
		health: 'Healthy',
		revision: {deployed: 'abc1234', head: 'abc1234', behind: 0},
		autoSync: {enabled: true},
		resources: [],
		...partial,
	};
}

const webLiveEu = deployment('web', 'shop', 'nginx:1.26', 'uid-web-eu');
const webDesired = deployment('web', 'shop', 'nginx:1.25', '');

export const seededApps: AppStatus[] = [
	app({
		name: 'shop',
		engine: 'flux',
		context: 'prod-eu',
		namespace: 'shop',
		sync: 'OutOfSync',
		resources: [
			resource('Deployment', 'apps', 'shop', 'web', {
				verdict: 'Drifted',
				fields: [{path: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit'}, {path: '.spec.replicas', manager: 'hpa-controller', ignored: true}],
				health: {status: 'Healthy'},
				desired: webDesired,
				live: webLiveEu,
			}),
			resource('Service', '', 'shop', 'web', {health: {status: 'Healthy'}}),
		],
	}),
	app({name: 'shop', engine: 'flux', context: 'prod-us', namespace: 'shop', revision: {deployed: 'def5678', head: 'abc1234', behind: 2}}),
	app({
		name: 'payments',
		engine: 'argo',
		context: 'prod-eu',
		sync: 'OutOfSync',
		controllerSync: 'OutOfSync',
		health: 'Missing',
		resources: [resource('ConfigMap', '', 'payments', 'settings', {verdict: 'Missing'})],
	}),
	app({name: 'checkout', engine: 'plain', context: 'staging', health: 'Degraded', resources: [resource('Deployment', 'apps', 'checkout', 'checkout', {health: {status: 'Degraded', message: 'Deployment "checkout" exceeded its progress deadline'}})]}),
	app({name: 'billing', engine: 'flux', context: 'staging', autoSync: {enabled: false, pausedBy: 'alice', reason: 'incident 42', since: '2026-11-22T01:00:00Z'}, health: 'Suspended'}),
];

export function seededSnapshot(options: {outage?: boolean} = {}): FleetSnapshot {
	const replicaSet: KubeObject = {
		apiVersion: 'apps/v1',
		kind: 'ReplicaSet',
		metadata: {name: 'web-6d4f9', namespace: 'shop', uid: 'uid-rs', ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web-eu', controller: true}]},
		status: {replicas: 2, readyReplicas: 2, availableReplicas: 2},
	};
	const pod: KubeObject = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name: 'web-6d4f9-abcde', namespace: 'shop', uid: 'uid-pod', ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6d4f9', uid: 'uid-rs', controller: true}]},
		status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}]},
	};
	return {
		git: options.outage
			? {repo: 'git@example.com:org/fleet.git', branch: 'main', head: 'abc1234', lastFetch: '2026-11-22T02:00:00Z', reachable: false, error: 'fetch timed out after 10s'}
			: {repo: 'git@example.com:org/fleet.git', branch: 'main', head: 'abc1234', lastFetch: '2026-11-22T02:00:00Z', reachable: true},
		contexts: [
			{name: 'prod-eu', state: 'ready'},
			{name: 'prod-us', state: 'ready'},
			{name: 'staging', state: 'unreachable', error: 'connect ECONNREFUSED 127.0.0.1:1'},
		],
		apps: seededApps,
		liveByContext: {'prod-eu': [webLiveEu, replicaSet, pod]},
		evaluatedAt: '2026-11-22T02:05:00Z',
	};
}
