/**
 * Which apps a batch of live changes concerns: by the ids an app desires or read, by the marks its ownership rules
 * look for (only on the kinds it reads), by owner references to what it read, including owners new in the same
 * batch (a ReplicaSet and its Pods), and never an app on another context or one whose interest was dropped.
 */
import {describe, expect, it} from 'vitest';
import type {LiveChange} from '../../source/cluster/live-store.js';
import {createProjector} from '../../source/cluster/projection.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {LiveObject} from '../../source/domain/watch-types.js';
import {indexInterests, type AppInterest} from '../../source/live/app-interest.js';
import {kubeObject} from '../support/domain-objects.js';

const projector = createProjector();

function interest(more: Partial<AppInterest>): AppInterest {
	return {context: 'prod', kinds: new Set(['/ConfigMap', 'apps/Deployment', 'apps/ReplicaSet', '/Pod']), ids: new Set(), uids: new Set(), labels: [], annotations: [], trackingApps: [], claimsAll: false, elsewhere: [], ...more};
}

/** A world of objects by context and key, and the changes that put them there. */
function world(objects: Array<[string, KubeObject]>): {get: (context: string, key: string) => LiveObject | undefined; changes: LiveChange[]} {
	const live = new Map(objects.map(([context, object]) => [`${context}\0${projector.key(object)}`, projector.project(object)]));
	return {
		get: (context, key) => live.get(`${context}\0${key}`),
		changes: objects.map(([context, object]) => ({context, kind: 'x', key: projector.key(object), type: 'upsert'})),
	};
}

describe('the apps a live change concerns', () => {
	const index = indexInterests(
		new Map([
			['web', interest({ids: new Set(['apps/Deployment/shop/web']), uids: new Set(['uid-web'])})],
			['labelled', interest({labels: ['gitops-tui.io/app=worker'], kinds: new Set(['/ConfigMap'])})],
			['elsewhere', interest({context: 'staging', ids: new Set(['/ConfigMap/shop/settings'])})],
		]),
	);

	it('finds apps by id, by mark on a kind they read, and by owners new in the same batch', () => {
		const replicaSet = kubeObject('apps/v1', 'ReplicaSet', 'web-1', 'shop', {}, {uid: 'uid-rs', ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web'}]});
		const pod = kubeObject('v1', 'Pod', 'web-1-a', 'shop', {}, {uid: 'uid-pod', ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'uid-rs'}]});
		// The Pod comes first: its owner is only known once the ReplicaSet is matched.
		const {get, changes} = world([['prod', pod], ['prod', replicaSet]]);
		expect([...index.affected(changes, get)]).toEqual(['web']);

		const labelled = kubeObject('v1', 'ConfigMap', 'made-by-hand', 'shop', {data: {}}, {labels: {'gitops-tui.io/app': 'worker'}});
		const labelledService = kubeObject('v1', 'Service', 'by-hand', 'shop', {spec: {}}, {labels: {'gitops-tui.io/app': 'worker'}});
		const marks = world([['prod', labelled], ['prod', labelledService]]);
		expect([...index.affected(marks.changes, marks.get)]).toEqual(['labelled']);
	});

	it('finds an app by a deleted id on its own context only, and forgets a dropped app', () => {
		const deleted: LiveChange[] = [{context: 'staging', kind: 'x', key: '/ConfigMap/shop/settings', type: 'delete'}];
		expect([...index.affected(deleted, () => undefined)]).toEqual(['elsewhere']);
		expect([...index.affected([{...deleted[0]!, context: 'prod'}], () => undefined)]).toEqual([]);
		index.set('elsewhere', undefined);
		expect([...index.affected(deleted, () => undefined)]).toEqual([]);
	});
});
