/**
 * The sandbox over raw HTTPS: discovery, Status error shapes, verbs, subresources, pagination,
 * auth, the request log and the fault-control endpoint, as a real client sees them on the wire.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sandboxRequest, startSandboxHarness, type SandboxHarness} from '../support/sandbox-harness.js';

let harness: SandboxHarness;
const request = (options: Parameters<typeof sandboxRequest>[1]) => sandboxRequest(harness.sandbox, options);
const deployment = (name: string, image = 'nginx:1.25') => ({
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name, namespace: 'shop'},
	spec: {replicas: 1, selector: {matchLabels: {app: name}}, template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image}]}}},
});

beforeAll(async () => {
	harness = await startSandboxHarness();
	harness.sandbox.seed([{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'seeded', namespace: 'shop', labels: {app: 'web'}}, data: {a: '1'}}]);
});
afterAll(() => harness?.stop());

describe('discovery', () => {
	it('serves /version, /api, /apis and group documents with subresources', async () => {
		expect((await request({path: '/version'})).json()).toMatchObject({major: '1', minor: '32', gitVersion: expect.stringMatching(/^v1\.32\./)});
		expect((await request({path: '/api'})).json()).toMatchObject({kind: 'APIVersions', versions: ['v1']});
		const groups = (await request({path: '/apis'})).json();
		expect(groups.groups.map((g: {name: string}) => g.name)).toEqual(
			expect.arrayContaining(['apps', 'batch', 'kustomize.toolkit.fluxcd.io', 'argoproj.io', 'authorization.k8s.io', 'authentication.k8s.io']),
		);
		const apps = (await request({path: '/apis/apps/v1'})).json();
		const names = apps.resources.map((r: {name: string}) => r.name);
		expect(names).toEqual(['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']);
		expect(apps.resources.find((r: {name: string}) => r.name === 'deployments')).toMatchObject({singularName: 'deployment', namespaced: true, kind: 'Deployment', shortNames: ['deploy'], categories: ['all']});
		expect(apps.resources.find((r: {name: string}) => r.name === 'deployments/scale')).toMatchObject({group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update']});
		const flux = (await request({path: '/apis/kustomize.toolkit.fluxcd.io/v1'})).json();
		expect(flux.resources[0]).toMatchObject({name: 'kustomizations', singularName: 'kustomization', shortNames: ['ks'], categories: ['all', 'fluxcd', 'fluxcd-appliers'], verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch']});
	});

	it('refuses an aggregated-discovery-only Accept with 406, serving the legacy document otherwise', async () => {
		const only = await request({path: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'});
		expect(only.status).toBe(406);
		const withFallback = await request({path: '/apis', accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json'});
		expect(withFallback.status).toBe(200);
		expect(withFallback.json().kind).toBe('APIGroupList');
	});

	it('needs authentication for discovery too', async () => {
		const anonymous = await request({path: '/version', token: null});
		expect(anonymous.status).toBe(401);
		expect(anonymous.json()).toEqual({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401});
		expect((await request({path: '/apis', token: 'not-a-token'})).status).toBe(401);
	});
});

describe('resource verbs and Status errors', () => {
	it('answers 404 NotFound like the apiserver', async () => {
		const missing = await request({path: '/apis/apps/v1/namespaces/shop/deployments/x'});
		expect(missing.status).toBe(404);
		expect(missing.json()).toEqual({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'deployments.apps "x" not found', reason: 'NotFound', details: {name: 'x', group: 'apps', kind: 'deployments'}, code: 404});
		expect((await request({path: '/apis/nope/v1/things'})).json()).toMatchObject({code: 404, message: 'the server could not find the requested resource'});
	});

	it('creates (201), conflicts on a second create (409), lists all namespaces with the counter as resourceVersion', async () => {
		const created = await request({method: 'POST', path: '/apis/apps/v1/namespaces/shop/deployments', body: deployment('web'), userAgent: 'node'});
		expect(created.status).toBe(201);
		expect(created.json().metadata).toMatchObject({name: 'web', generation: 1, managedFields: [expect.objectContaining({manager: 'node', operation: 'Update'})]});
		const again = await request({method: 'POST', path: '/apis/apps/v1/namespaces/shop/deployments', body: deployment('web')});
		expect(again.json()).toMatchObject({code: 409, reason: 'AlreadyExists', message: 'deployments.apps "web" already exists'});
		const list = (await request({path: '/apis/apps/v1/deployments'})).json();
		expect(list).toMatchObject({kind: 'DeploymentList', apiVersion: 'apps/v1'});
		expect(list.items.map((d: {metadata: {name: string}}) => d.metadata.name)).toEqual(['web']);
		expect(list.items[0].kind).toBeUndefined();
		const revision = Number(list.metadata.resourceVersion);
		expect(revision).toBeGreaterThanOrEqual(Number(created.json().metadata.resourceVersion));
	});

	it('takes the default field manager from the User-Agent, up to the first slash', async () => {
		const created = await request({method: 'POST', path: '/api/v1/namespaces/shop/configmaps', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'ua'}, data: {a: '1'}}, userAgent: 'my-tool/1.2 (linux)'});
		expect(created.json().metadata.managedFields[0].manager).toBe('my-tool');
	});

	it('returns 422 Invalid with causes, 400 for bad bodies and mismatches, 404 for a missing namespace', async () => {
		const invalid = await request({method: 'POST', path: '/api/v1/namespaces/shop/configmaps', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'Bad_Name'}}});
		expect(invalid.status).toBe(422);
		expect(invalid.json()).toMatchObject({reason: 'Invalid', message: expect.stringMatching(/^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/), details: {name: 'Bad_Name', kind: 'ConfigMap', causes: [{reason: 'FieldValueInvalid', field: 'metadata.name'}]}});
		const selector = await request({method: 'POST', path: '/apis/apps/v1/namespaces/shop/deployments', body: {...deployment('bad'), spec: {...deployment('bad').spec, selector: {matchLabels: {app: 'other'}}}}});
		expect(selector.json()).toMatchObject({code: 422, message: expect.stringContaining('Deployment.apps "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"bad"}: `selector` does not match template `labels`')});
		expect((await request({method: 'POST', path: '/api/v1/namespaces/shop/configmaps', body: '{not json'})).status).toBe(400);
		const wrongNamespace = await request({method: 'POST', path: '/api/v1/namespaces/shop/configmaps', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x', namespace: 'other'}}});
		expect(wrongNamespace.json()).toMatchObject({code: 400, message: 'the namespace of the provided object does not match the namespace sent on the request'});
		const noNamespace = await request({method: 'POST', path: '/api/v1/namespaces/ghost/configmaps', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x'}}});
		expect(noNamespace.json()).toMatchObject({code: 404, message: 'namespaces "ghost" not found'});
	});

	it('answers 405 for methods a path does not serve and 415 for strategic merge on custom resources', async () => {
		expect((await request({method: 'PUT', path: '/api/v1/namespaces/shop/configmaps', body: {}})).json()).toMatchObject({code: 405, reason: 'MethodNotAllowed'});
		await request({method: 'POST', path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/shop/kustomizations', body: {apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: {name: 'apps'}, spec: {interval: '5m', path: './apps', prune: true, sourceRef: {kind: 'GitRepository', name: 'flux-system'}}}});
		const smp = await request({method: 'PATCH', path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/shop/kustomizations/apps', contentType: 'application/strategic-merge-patch+json', body: {spec: {suspend: true}}});
		expect(smp.status).toBe(415);
		expect(smp.json().reason).toBe('UnsupportedMediaType');
		const merge = await request({method: 'PATCH', path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/shop/kustomizations/apps', contentType: 'application/merge-patch+json', body: {spec: {suspend: true}}});
		expect(merge.json()).toMatchObject({spec: {suspend: true}, metadata: {generation: 2}});
	});

	it('updates with PUT, refusing a stale resourceVersion with 409 Conflict', async () => {
		const live = (await request({path: '/apis/apps/v1/namespaces/shop/deployments/web'})).json();
		const changed = {...live, spec: {...live.spec, replicas: 3}};
		const updated = await request({method: 'PUT', path: '/apis/apps/v1/namespaces/shop/deployments/web', body: changed});
		expect(updated.status).toBe(200);
		expect(updated.json().metadata.generation).toBe(2);
		const stale = await request({method: 'PUT', path: '/apis/apps/v1/namespaces/shop/deployments/web', body: changed});
		expect(stale.json()).toMatchObject({code: 409, reason: 'Conflict', message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again'});
	});

	it('writes status only through /status, and scale through /scale', async () => {
		const path = '/apis/apps/v1/namespaces/shop/deployments/web';
		const live = (await request({path})).json();
		const status = await request({method: 'PUT', path: `${path}/status`, body: {...live, spec: {...live.spec, replicas: 9}, status: {replicas: 3, readyReplicas: 3}}});
		expect(status.json()).toMatchObject({spec: {replicas: 3}, status: {replicas: 3, readyReplicas: 3}});
		expect(status.json().metadata.generation).toBe(live.metadata.generation);
		const scale = await request({path: `${path}/scale`});
		expect(scale.json()).toMatchObject({kind: 'Scale', apiVersion: 'autoscaling/v1', spec: {replicas: 3}, status: {replicas: 3, selector: 'app=web'}});
		const scaled = await request({method: 'PATCH', path: `${path}/scale`, contentType: 'application/merge-patch+json', body: {spec: {replicas: 5}}});
		expect(scaled.json().spec.replicas).toBe(5);
		expect((await request({path})).json().spec.replicas).toBe(5);
	});

	it('applies JSON, merge and strategic merge patches', async () => {
		const path = '/apis/apps/v1/namespaces/shop/deployments/web';
		const json = await request({method: 'PATCH', path, contentType: 'application/json-patch+json', body: [{op: 'add', path: '/metadata/labels', value: {team: 'a'}}]});
		expect(json.json().metadata.labels).toEqual({team: 'a'});
		const strategic = await request({method: 'PATCH', path, contentType: 'application/strategic-merge-patch+json', body: {spec: {template: {spec: {containers: [{name: 'sidecar', image: 'busybox'}]}}}}});
		expect(strategic.json().spec.template.spec.containers.map((c: {name: string}) => c.name)).toEqual(['sidecar', 'app']);
		const failedTest = await request({method: 'PATCH', path, contentType: 'application/json-patch+json', body: [{op: 'test', path: '/spec/replicas', value: 42}]});
		expect(failedTest.status).toBe(422);
	});

	it('server-side apply: requires fieldManager (422), creates (201), conflicts (409 with causes), dry-run stores nothing', async () => {
		const path = '/apis/apps/v1/namespaces/shop/deployments/api';
		const body = JSON.stringify(deployment('api'));
		const noManager = await request({method: 'PATCH', path, contentType: 'application/apply-patch+yaml', body});
		expect(noManager.json()).toMatchObject({code: 422, message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch'});
		const created = await request({method: 'PATCH', path: `${path}?fieldManager=wire-sample`, contentType: 'application/apply-patch+yaml', body});
		expect(created.status).toBe(201);
		const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: "nginx:1.26"}]\n';
		const conflict = await request({method: 'PATCH', path: `${path}?fieldManager=other-tool`, contentType: 'application/apply-patch+yaml', body: yaml});
		expect(conflict.status).toBe(409);
		expect(conflict.json()).toEqual({
			kind: 'Status',
			apiVersion: 'v1',
			metadata: {},
			status: 'Failure',
			message: 'Apply failed with 1 conflict: conflict with "wire-sample": .spec.template.spec.containers[name="app"].image',
			reason: 'Conflict',
			details: {causes: [{reason: 'FieldManagerConflict', message: 'conflict with "wire-sample"', field: '.spec.template.spec.containers[name="app"].image'}]},
			code: 409,
		});
		const before = (await request({path})).json();
		const dry = await request({method: 'PATCH', path: `${path}?fieldManager=other-tool&force=true&dryRun=All`, contentType: 'application/apply-patch+yaml', body: yaml});
		expect(dry.json().spec.template.spec.containers[0].image).toBe('nginx:1.26');
		expect(dry.json().metadata.managedFields.map((e: {manager: string}) => e.manager)).toContain('other-tool');
		const after = (await request({path})).json();
		expect(after).toEqual(before);
	});

	it('dry-run creates store nothing and leave the counter alone', async () => {
		const before = (await request({path: '/api/v1/namespaces/shop/configmaps'})).json().metadata.resourceVersion;
		const dry = await request({method: 'POST', path: '/api/v1/namespaces/shop/configmaps?dryRun=All', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'dry'}}});
		expect(dry.status).toBe(201);
		expect((await request({path: '/api/v1/namespaces/shop/configmaps/dry'})).status).toBe(404);
		expect((await request({path: '/api/v1/namespaces/shop/configmaps'})).json().metadata.resourceVersion).toBe(before);
	});

	it('deletes with 200 and a Success Status (the object for kinds that return it), garbage-collecting owned objects', async () => {
		const owner = (await request({method: 'POST', path: '/api/v1/namespaces/shop/configmaps', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'owner'}}})).json();
		await request({
			method: 'POST',
			path: '/api/v1/namespaces/shop/configmaps',
			body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'owned', ownerReferences: [{apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid}]}},
		});
		const deleted = await request({method: 'DELETE', path: '/api/v1/namespaces/shop/configmaps/owner', body: {propagationPolicy: 'Background'}});
		expect(deleted.status).toBe(200);
		expect(deleted.json()).toEqual({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: {name: 'owner', kind: 'configmaps', uid: owner.metadata.uid}});
		expect((await request({path: '/api/v1/namespaces/shop/configmaps/owned'})).status).toBe(404);
		const kustomization = await request({method: 'DELETE', path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/shop/kustomizations/apps'});
		expect(kustomization.json()).toMatchObject({kind: 'Kustomization', metadata: {name: 'apps'}});
	});
});

describe('lists', () => {
	it('pages with limit and continue, with remainingItemCount when unfiltered', async () => {
		for (const name of ['p1', 'p2', 'p3']) await request({method: 'POST', path: '/api/v1/namespaces/shop/configmaps', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, labels: {page: 'yes'}}}});
		const all = (await request({path: '/api/v1/namespaces/shop/configmaps'})).json().items.length;
		const first = (await request({path: '/api/v1/namespaces/shop/configmaps?limit=1'})).json();
		expect(first.items).toHaveLength(1);
		expect(first.metadata.remainingItemCount).toBe(all - 1);
		const names = [first.items[0].metadata.name];
		let token = first.metadata.continue;
		while (token) {
			const page = (await request({path: `/api/v1/namespaces/shop/configmaps?limit=2&continue=${encodeURIComponent(token)}`})).json();
			names.push(...page.items.map((i: {metadata: {name: string}}) => i.metadata.name));
			token = page.metadata.continue;
		}
		expect(names).toHaveLength(all);
		expect([...names].sort()).toEqual(names);
		const filtered = (await request({path: '/api/v1/namespaces/shop/configmaps?limit=1&labelSelector=page%3Dyes'})).json();
		expect(filtered.metadata.continue).toBeDefined();
		expect(filtered.metadata.remainingItemCount).toBeUndefined();
	});

	it('filters by label and field selectors', async () => {
		const names = async (query: string) => (await request({path: `/api/v1/configmaps?${query}`})).json().items.map((i: {metadata: {name: string}}) => i.metadata.name);
		expect(await names('labelSelector=page+in+(yes),metadata.name!=p1'.replace(',metadata', '&fieldSelector=metadata'))).toEqual(['p2', 'p3']);
		expect(await names('labelSelector=app%3Dweb')).toEqual(['seeded']);
		expect(await names('labelSelector=!page,app')).toEqual(['seeded']);
		expect(await names('fieldSelector=metadata.namespace%3Dnowhere')).toEqual([]);
		expect((await request({path: '/api/v1/configmaps?fieldSelector=data.a%3D1'})).json()).toMatchObject({code: 400, message: 'field label not supported: data.a'});
	});

	it('serves Tables to kubectl-style Accept headers', async () => {
		const table = (await request({path: '/apis/apps/v1/namespaces/shop/deployments', accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'})).json();
		expect(table.kind).toBe('Table');
		expect(table.columnDefinitions.map((c: {name: string}) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
		expect(table.rows[0].object).toMatchObject({kind: 'PartialObjectMetadata', metadata: {name: 'api'}});
	});
});

describe('auth, request log and fault control', () => {
	it('gives the viewer 403 with the RBAC wording, and logs who did what', async () => {
		harness.sandbox.clearRequests();
		const forbidden = await request({method: 'DELETE', path: '/apis/apps/v1/namespaces/shop/deployments/web', user: 'viewer'});
		expect(forbidden.json()).toEqual({
			kind: 'Status',
			apiVersion: 'v1',
			metadata: {},
			status: 'Failure',
			message: 'deployments.apps "web" is forbidden: User "viewer" cannot delete resource "deployments" in API group "apps" in the namespace "shop"',
			reason: 'Forbidden',
			details: {name: 'web', group: 'apps', kind: 'deployments'},
			code: 403,
		});
		const list = await request({path: '/api/v1/namespaces?limit=5', user: 'viewer'});
		expect(list.status).toBe(200);
		const clusterCreate = await request({method: 'POST', path: '/api/v1/namespaces', user: 'viewer', body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'x'}}});
		expect(clusterCreate.json().message).toBe('namespaces is forbidden: User "viewer" cannot create resource "namespaces" in API group "" at the cluster scope');
		expect(harness.sandbox.requests().map(r => [r.method, r.path, r.user, r.status])).toEqual([
			['DELETE', '/apis/apps/v1/namespaces/shop/deployments/web', 'viewer', 403],
			['GET', '/api/v1/namespaces', 'viewer', 200],
			['POST', '/api/v1/namespaces', 'viewer', 403],
		]);
		expect(harness.sandbox.requests()[1]!.query).toEqual({limit: '5'});
	});

	it('answers self reviews for every user', async () => {
		const review = await request({
			method: 'POST',
			path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
			user: 'viewer',
			body: {apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {resourceAttributes: {namespace: 'shop', verb: 'patch', group: 'apps', resource: 'deployments'}}},
		});
		expect(review.status).toBe(201);
		expect(review.json()).toMatchObject({kind: 'SelfSubjectAccessReview', metadata: {creationTimestamp: null}, spec: {resourceAttributes: {verb: 'patch'}}, status: {allowed: false}});
		const who = await request({method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', user: 'viewer', body: {apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview'}});
		expect(who.status).toBe(201);
		expect(who.json().status.userInfo).toEqual({username: 'viewer', groups: expect.arrayContaining(['system:authenticated'])});
	});

	it('serves the admin-only fault endpoint without logging it', async () => {
		harness.sandbox.clearRequests();
		expect((await request({method: 'POST', path: '/sandbox/v1/faults/fail-next?count=1&code=429&retryAfter=7', user: 'viewer'})).status).toBe(403);
		expect((await request({method: 'POST', path: '/sandbox/v1/faults/fail-next?count=1&code=429&retryAfter=7'})).status).toBe(200);
		const throttled = await request({path: '/api/v1/namespaces'});
		expect(throttled.status).toBe(429);
		expect(throttled.headers['retry-after']).toBe('7');
		expect(throttled.json()).toMatchObject({reason: 'TooManyRequests', details: {retryAfterSeconds: 7}});
		expect((await request({path: '/api/v1/namespaces'})).status).toBe(200);
		expect(harness.sandbox.requests().map(r => r.status)).toEqual([429, 200]);
	});
});
