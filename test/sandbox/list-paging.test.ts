/**
 * Paging a large kind over HTTPS as a client does (limit + continue): every object that exists
 * throughout comes exactly once and in etcd's key order, with writes landing between pages;
 * remainingItemCount counts what is left; tokens carry the resume key the way a real apiserver's do.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sandboxRequest, startSandboxHarness, type SandboxHarness} from '../support/sandbox-harness.js';

type Item = {metadata: {name: string; namespace?: string; resourceVersion: string}; data?: Record<string, string>};
type Page = {items: Item[]; metadata: {resourceVersion: string; continue?: string; remainingItemCount?: number}};

let harness: SandboxHarness;
const request = (options: Parameters<typeof sandboxRequest>[1]) => sandboxRequest(harness.sandbox, options);
const get = async (path: string): Promise<Page> => {
	const response = await request({path});
	expect(response.status, response.text).toBe(200);
	return response.json();
};
const keyOf = (item: Item) => `${item.metadata.namespace ?? ''}/${item.metadata.name}`;
const configMap = (namespace: string, name: string, labels: Record<string, string> = {}) => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace, labels}, data: {at: 'seed'}});
// 'a-b' sorts before 'a/' in etcd's keys ('-' < '/'), so namespaces interleave with a prefix of each other.
const namespaces = ['a', 'a-b', 'b', 'team'];
const perNamespace = 1000;

beforeAll(async () => {
	harness = await startSandboxHarness();
	const objects = namespaces.flatMap(namespace => Array.from({length: perNamespace}, (_, index) => configMap(namespace, `cm-${index}`, {half: index % 2 === 0 ? 'even' : 'odd'})));
	harness.sandbox.seed([...objects, configMap('zz', 'placeholder')]);
});
afterAll(() => harness?.stop());

describe('paging a large kind', () => {
	it('serves every object once, in key order, while objects are created, changed and deleted between pages', async () => {
		const before = (await get('/api/v1/configmaps')).items.map(keyOf);
		expect(before.length).toBeGreaterThanOrEqual(namespaces.length * perNamespace);
		const served: Item[] = [];
		const createdAhead = new Set<string>();
		const createdBehind = new Set<string>();
		const deletedAhead = new Set<string>();
		const changedAhead = new Map<string, string>();
		let page = await get('/api/v1/configmaps?limit=500');
		for (let round = 0; ; round++) {
			served.push(...page.items);
			const last = keyOf(page.items.at(-1)!);
			const now = (await get('/api/v1/configmaps')).items.map(keyOf);
			if (page.metadata.continue) expect(page.metadata.remainingItemCount).toBe(now.filter(key => key > last).length);
			else break;
			expect(page.items).toHaveLength(500);
			// Behind the cursor: never served. Ahead of it: served, as it is when its page is read.
			const {namespace: behindNamespace, name: behindName} = page.items.at(-2)!.metadata;
			expect((await request({method: 'POST', path: `/api/v1/namespaces/${behindNamespace}/configmaps`, body: configMap(behindNamespace!, `${behindName}-late`)})).status).toBe(201);
			createdBehind.add(`${behindNamespace}/${behindName}-late`);
			expect((await request({method: 'POST', path: '/api/v1/namespaces/zz/configmaps', body: configMap('zz', `late-${round}`)})).status).toBe(201);
			createdAhead.add(`zz/late-${round}`);
			const ahead = now.filter(key => key > last && !key.startsWith('zz/'));
			if (ahead.length > 2 * round + 2) {
				const [doomed, changed] = [ahead.at(-1 - round)!, ahead[round]!];
				const [doomedNamespace, doomedName] = doomed.split('/');
				expect((await request({method: 'DELETE', path: `/api/v1/namespaces/${doomedNamespace}/configmaps/${doomedName}`})).status).toBe(200);
				deletedAhead.add(doomed);
				const [changedNamespace, changedName] = changed.split('/');
				const patch = {method: 'PATCH', path: `/api/v1/namespaces/${changedNamespace}/configmaps/${changedName}`, contentType: 'application/merge-patch+json', body: {data: {at: `round-${round}`}}};
				expect((await request(patch)).status).toBe(200);
				changedAhead.set(changed, `round-${round}`);
			}
			page = await get(`/api/v1/configmaps?limit=500&continue=${encodeURIComponent(page.metadata.continue)}`);
		}
		const keys = served.map(keyOf);
		for (let index = 1; index < keys.length; index++) expect(keys[index - 1]! < keys[index]!, `${keys[index - 1]} before ${keys[index]}`).toBe(true);
		const expected = [...before.filter(key => !deletedAhead.has(key)), ...createdAhead].sort();
		expect(keys).toEqual(expected);
		expect(createdBehind.size).toBeGreaterThan(5);
		expect(keys.filter(key => createdBehind.has(key))).toEqual([]);
		expect(changedAhead.size).toBeGreaterThan(5);
		for (const [key, at] of changedAhead) expect(served.find(item => keyOf(item) === key)?.data).toEqual({at});
	});

	it('pages one namespace with a label selector: only its matches, no count, a token resuming from the name as the apiserver encodes it', async () => {
		const names: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await get(`/api/v1/namespaces/b/configmaps?limit=100&labelSelector=half%3Deven${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
			pages++;
			names.push(...page.items.map(item => item.metadata.name));
			expect(page.items.every(item => item.metadata.namespace === 'b')).toBe(true);
			expect(page.metadata.remainingItemCount).toBeUndefined();
			token = page.metadata.continue;
			if (token) {
				const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
				expect(decoded).toEqual({v: 'meta.k8s.io/v1', rv: Number(page.metadata.resourceVersion), start: `${page.items.at(-1)!.metadata.name}\u0000`});
			}
		} while (token);
		const even = Array.from({length: perNamespace / 2}, (_, index) => `cm-${index * 2}`);
		expect(names).toEqual([...even].sort());
		expect(pages).toBe(5);
	});

	it('pages a cluster-scoped kind and counts what is left in one namespace only', async () => {
		const first = await get('/api/v1/namespaces?limit=2');
		const all = (await get('/api/v1/namespaces')).items.map(item => item.metadata.name);
		expect(first.metadata.remainingItemCount).toBe(all.length - 2);
		const rest = await get(`/api/v1/namespaces?continue=${encodeURIComponent(first.metadata.continue!)}`);
		expect([...first.items, ...rest.items].map(item => item.metadata.name)).toEqual(all);
		const namespaced = await get('/api/v1/namespaces/a-b/configmaps?limit=10');
		expect(namespaced.metadata.remainingItemCount).toBe((await get('/api/v1/namespaces/a-b/configmaps')).items.length - 10);
		expect(namespaced.metadata.remainingItemCount).toBeGreaterThan(perNamespace / 2);
	});

	it('refuses a continue token it cannot read, as the apiserver does', async () => {
		const response = await request({path: '/api/v1/configmaps?limit=5&continue=not-a-token'});
		expect(response.status).toBe(400);
		expect(response.json()).toMatchObject({reason: 'BadRequest', message: expect.stringContaining('continue key is not valid')});
	});
});
