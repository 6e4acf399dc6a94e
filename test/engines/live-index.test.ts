/**
 * An app reads only its own live objects through the per-kind indexes, and loses none that the walk over every
 * object found: what its desired objects name, everything its ownership rules claim, and their descendants.
 */
import {describe, expect, it} from 'vitest';
import {createProjector} from '../../source/cluster/projection.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {LiveObject} from '../../source/domain/watch-types.js';
import type {OwnershipRule} from '../../source/engines/engine.js';
import {appLiveObjects} from '../../source/engines/live-index.js';
import type {KindState, LiveView} from '../../source/engines/live-view.js';
import {ownedObjects} from '../../source/engines/ownership.js';
import {kubeObject} from '../support/domain-objects.js';

const projector = createProjector();
const kinds = [
	{group: 'apps', kind: 'Deployment'},
	{group: 'apps', kind: 'ReplicaSet'},
	{group: '', kind: 'ConfigMap'},
	{group: 'rbac.authorization.k8s.io', kind: 'ClusterRole'},
];

/** A fleet of `apps` apps, each with a Deployment (with a ReplicaSet child), two ConfigMaps and a ClusterRole. */
function fleet(apps: number): Map<string, LiveObject[]> {
	const byKind = new Map<string, LiveObject[]>(kinds.map(({group, kind}) => [`${group}/${kind}`, []]));
	const add = (group: string, object: KubeObject) => byKind.get(`${group}/${object.kind}`)!.push(projector.project(object));
	for (let i = 0; i < apps; i++) {
		const app = `app-${i}`;
		const marks = {labels: {'gitops-tui.io/app': app}, annotations: {'argocd.argoproj.io/tracking-id': `${app}:apps/Deployment:ns-${i}/web`}};
		add('apps', kubeObject('apps/v1', 'Deployment', 'web', `ns-${i}`, {}, {uid: `d-${i}`, ...marks}));
		// The child copies the labels and tracking id: it is not owned, but it hangs under the Deployment.
		add('apps', kubeObject('apps/v1', 'ReplicaSet', 'web-1', `ns-${i}`, {}, {uid: `rs-${i}`, ...marks, ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: `d-${i}`, controller: true}]}));
		add('', kubeObject('v1', 'ConfigMap', 'config', `ns-${i}`, {}, {labels: {'gitops-tui.io/app': app, team: i % 2 ? 'a' : 'b'}}));
		add('', kubeObject('v1', 'ConfigMap', 'unmanaged', `ns-${i}`));
		add('rbac.authorization.k8s.io', kubeObject('rbac.authorization.k8s.io/v1', 'ClusterRole', `role-${i}`, undefined, {}, {annotations: {'meta.helm.sh/release-name': app}}));
	}
	// In key order, as an API server lists them (the order appLiveObjects answers in).
	for (const objects of byKind.values()) objects.sort((a, b) => (a.key < b.key ? -1 : 1));
	return byKind;
}

function viewOf(byKind: Map<string, LiveObject[]>): LiveView {
	const states = new Map<string, KindState>([...byKind].map(([id, objects]) => [id, {ok: true, objects, namespaced: !id.endsWith('ClusterRole')}]));
	return {kind: (context, group, kind) => (context === 'prod' ? states.get(`${group}/${kind}`) : undefined), contextFailure: () => undefined};
}

const names = (objects: readonly LiveObject[]) => objects.map(entry => entry.key);

describe('an app reads its live objects through the indexes', () => {
	const byKind = fleet(50);
	const view = viewOf(byKind);
	const everything = kinds.flatMap(({group, kind}) => byKind.get(`${group}/${kind}`)!);

	it('finds what the desired objects name, and the descendants of what it finds, by kind then key', () => {
		const found = appLiveObjects(view, {context: 'prod', kinds, app: {ownership: [], defaultNamespace: 'ns-7'}, desired: [kubeObject('apps/v1', 'Deployment', 'web', undefined), kubeObject('v1', 'ConfigMap', 'unmanaged', 'ns-8')]});
		expect(names(found)).toEqual(['apps/Deployment/ns-7/web', 'apps/ReplicaSet/ns-7/web-1', '/ConfigMap/ns-8/unmanaged']);
	});

	it('keeps everything each kind of ownership rule claims, as the walk over every object does', () => {
		const rules: OwnershipRule[][] = [
			[{kind: 'labels', values: {'gitops-tui.io/app': 'app-3'}}],
			[{kind: 'labels', values: {'gitops-tui.io/app': 'app-3', team: 'a'}}],
			[{kind: 'annotations', values: {'meta.helm.sh/release-name': 'app-4'}}],
			[{kind: 'argo-tracking-id', appNames: ['app-5']}],
			[{kind: 'inventory', ids: ['/ConfigMap/ns-6/config', 'rbac.authorization.k8s.io/ClusterRole//role-6', 'apps/Deployment/ns-6/gone']}],
			// A rule with no values claims every object: nothing may be left out then.
			[{kind: 'labels', values: {}}],
		];
		for (const ownership of rules) {
			const found = appLiveObjects(view, {context: 'prod', kinds, app: {ownership}, desired: []});
			const walked = ownedObjects(ownership, everything.map(entry => entry.object));
			expect(ownedObjects(ownership, found.map(entry => entry.object))).toEqual(walked);
			expect(walked.length).toBeGreaterThan(0);
		}
	});

	it('reads only the app\'s own objects, not the fleet\'s', () => {
		const found = appLiveObjects(view, {context: 'prod', kinds, app: {ownership: [{kind: 'labels', values: {'gitops-tui.io/app': 'app-9'}}]}, desired: [kubeObject('apps/v1', 'Deployment', 'web', 'ns-9')]});
		// The Deployment, its ReplicaSet (labelled too) and the labelled ConfigMap: 3 of 250 objects.
		expect(names(found)).toEqual(['apps/Deployment/ns-9/web', 'apps/ReplicaSet/ns-9/web-1', '/ConfigMap/ns-9/config']);
		expect(everything).toHaveLength(250);
	});

	it('reads nothing on a context it was not given', () => {
		expect(appLiveObjects(view, {context: 'other', kinds, app: {ownership: [{kind: 'labels', values: {}}]}, desired: []})).toEqual([]);
	});
});
