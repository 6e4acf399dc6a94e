/**
 * Kinds nobody watches, kept listed over real HTTPS: a refresh reports what changed since the listing it replaces,
 * and a kind whose first list is still running when a refresh swaps listings is carried over (dropped, it would
 * never be listed again, and the app that needs it never judged again when its objects change).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ContextClient} from '../../source/cluster/context-client.js';
import {listedKinds} from '../../source/live/listed-kinds.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {openTestClients} from '../support/cluster-sandbox.js';

const role = {group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role'};
const roleObject = (name: string) => ({apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: {name, namespace: 'team'}, rules: []});

let sandbox: Sandbox;
let clients: Map<string, ContextClient>;
let close: () => Promise<void>;

beforeAll(async () => {
	sandbox = await startSandbox({simulate: false, users: [{name: 'admin', token: 'admin-token', groups: ['system:masters'], verbs: ['*']}]});
	sandbox.seed([roleObject('reader')]);
	const opened = await openTestClients(sandbox.kubeconfig(), ['sandbox']);
	clients = new Map(opened.clients.map(client => [client.name, client]));
	close = opened.close;
});

afterAll(async () => {
	await close?.();
	await sandbox?.stop();
});

describe('kinds kept listed', () => {
	it('carries over a kind whose first list is still running when a refresh swaps listings, and reports its changes later', async () => {
		const listing = listedKinds({clients, failures: new Map()});
		// An evaluation asks for Roles; the list is on its way when the refresh starts (and, with nothing else
		// listed, ends at once).
		const asked = listing.current().ensure('sandbox', [role]);
		await listing.refresh();
		await asked;
		expect(listing.current().listedKinds('sandbox').map(ref => ref.kind)).toContain('Role');

		// A Role added later comes out of the next refresh.
		sandbox.seed([roleObject('writer')]);
		const changes = await listing.refresh();
		expect(changes).toEqual([{context: 'sandbox', kind: 'rbac.authorization.k8s.io/v1/Role', key: expect.stringContaining('writer'), type: 'upsert'}]);
	});
});
