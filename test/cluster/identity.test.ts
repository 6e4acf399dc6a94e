import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createIdentityService} from '../../source/cluster/identity.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {startScriptedServer} from '../support/cluster-http-server.js';
import {manualClockRuntime} from '../support/cluster-runtime.js';
import {extraContext, joinKubeconfigs, openTestClients} from '../support/cluster-sandbox.js';

let sandbox: Sandbox;
let connection: Awaited<ReturnType<typeof openTestClients>>;

beforeAll(async () => {
	sandbox = await startSandbox({simulate: false});
	connection = await openTestClients(sandbox.kubeconfig(), ['sandbox', 'sandbox-viewer']);
});

afterAll(async () => {
	await connection?.close();
	await sandbox?.stop();
});

describe('whoami', () => {
	it('asks the server (SelfSubjectReview)', async () => {
		const [admin, viewer] = connection.clients;
		const me = await createIdentityService(admin!, {now: () => Date.now()}).whoami();
		expect(me.ok && me.value).toMatchObject({username: 'admin', source: 'server'});
		expect(me.ok && me.value.groups).toContain('system:authenticated');
		const them = await createIdentityService(viewer!, {now: () => Date.now()}).whoami();
		expect(them.ok && them.value.username).toBe('viewer');
	});

	it('falls back to the kubeconfig user where SelfSubjectReview is not served (v1.26)', async () => {
		const old = await startScriptedServer((_request, response) => {
			response.writeHead(404, {'Content-Type': 'application/json'});
			response.end(JSON.stringify({kind: 'Status', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404}));
		});
		const legacy = await openTestClients(joinKubeconfigs([extraContext('legacy', old.url)]), ['legacy']);
		try {
			const me = await createIdentityService(legacy.clients[0]!, {now: () => Date.now()}).whoami();
			expect(me).toEqual({ok: true, value: {username: 'legacy', groups: [], source: 'kubeconfig'}});
			expect(old.seen.map(request => request.url)).toEqual(['/apis/authentication.k8s.io/v1/selfsubjectreviews', '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews']);
		} finally {
			await legacy.close();
			await old.close();
		}
	});
});

describe('can-I', () => {
	it('answers from SelfSubjectAccessReview', async () => {
		const [admin, viewer] = connection.clients;
		const question = {verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop'};
		const yes = await createIdentityService(admin!, {now: () => Date.now()}).canI(question);
		expect(yes.ok && yes.value.allowed).toBe(true);
		const no = await createIdentityService(viewer!, {now: () => Date.now()}).canI(question);
		expect(no.ok && no.value.allowed).toBe(false);
		const list = await createIdentityService(viewer!, {now: () => Date.now()}).canI({verb: 'list', resource: 'configmaps'});
		expect(list.ok && list.value.allowed).toBe(true);
	});

	it('caches answers for the TTL, per question', async () => {
		const runtime = manualClockRuntime();
		const identity = createIdentityService(connection.clients[0]!, {now: runtime.now, ttlMs: 10_000});
		const reviews = () => sandbox.requests().filter(request => request.path.endsWith('/selfsubjectaccessreviews')).length;
		sandbox.clearRequests();
		const question = {verb: 'delete', resource: 'pods', namespace: 'shop'};
		await identity.canI(question);
		await identity.canI(question);
		expect(reviews()).toBe(1);
		await identity.canI({...question, verb: 'get'});
		expect(reviews()).toBe(2);
		runtime.advance(10_001);
		await identity.canI(question);
		expect(reviews()).toBe(3);
	});
});
