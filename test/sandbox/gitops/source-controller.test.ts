/**
 * The simulated source-controller through client-node: a GitRepository fetches a real repository, follows new
 * commits on its interval and on `reconcile.fluxcd.io/requestedAt`, reports a refused and a hanging remote
 * with git's own error, and does nothing while suspended.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {closedPort, gitSync, silentServer} from '../../support/repo-helpers.js';
import {condition, crds, startGitOpsWorld, type GitOpsWorld} from '../../support/gitops-world.js';

let world: GitOpsWorld | undefined;
afterEach(async () => {
	await world?.stop();
	world = undefined;
});

const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  colour: blue\n';

function gitRepository(url: string, spec: Record<string, unknown> = {}): KubeObject {
	return {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: {name: 'fleet', namespace: 'flux-system'}, spec: {interval: '1m', url, ref: {branch: 'main'}, timeout: '5s', ...spec}};
}

async function start(): Promise<GitOpsWorld> {
	world = await startGitOpsWorld({files: {'apps/web/settings.yaml': manifest}});
	await world.core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'flux-system'}}});
	return world;
}

const status = (object: KubeObject) => object['status'] as {artifact?: {revision: string}; lastHandledReconcileAt?: string; observedGeneration?: number};

describe('source-controller', () => {
	it('fetches the branch, stores the artifact revision and is Ready; follows new commits on its interval', async () => {
		const w = await start();
		const head = w.commit({'apps/web/settings.yaml': manifest.replace('blue', 'green')}, 'green');
		await w.create(crds.gitRepository, gitRepository(w.url));
		await w.gitops.settle();
		let source = await w.read(crds.gitRepository, 'flux-system', 'fleet');
		expect(status(source).artifact?.revision).toBe(`main@sha1:${head}`);
		expect(condition(source, 'Ready')).toMatchObject({status: 'True', reason: 'Succeeded', message: `stored artifact for revision 'main@sha1:${head}'`});
		expect(status(source).observedGeneration).toBe(1);

		const next = w.commit({'apps/web/settings.yaml': manifest.replace('blue', 'red')}, 'red');
		await w.advance(30_000);
		expect(status(await w.read(crds.gitRepository, 'flux-system', 'fleet')).artifact?.revision).toBe(`main@sha1:${head}`);
		await w.advance(30_000);
		source = await w.read(crds.gitRepository, 'flux-system', 'fleet');
		expect(status(source).artifact?.revision).toBe(`main@sha1:${next}`);
		const events = await w.core.listNamespacedEvent({namespace: 'flux-system'});
		expect(events.items.map(event => `${event.reason}: ${event.message}`)).toContain("NewArtifact: stored artifact for commit 'red'");
	});

	it('fetches at once when requestedAt changes, and records lastHandledReconcileAt', async () => {
		const w = await start();
		await w.create(crds.gitRepository, gitRepository(w.url, {interval: '1h'}));
		await w.gitops.settle();
		const next = w.commit({'apps/web/settings.yaml': manifest.replace('blue', 'red')}, 'red');
		await w.edit(crds.gitRepository, 'flux-system', 'fleet', object => {
			object.metadata.annotations = {'reconcile.fluxcd.io/requestedAt': '2026-11-22T10:05:00.000000000Z'};
		});
		await w.gitops.settle();
		const source = await w.read(crds.gitRepository, 'flux-system', 'fleet');
		expect(status(source).artifact?.revision).toBe(`main@sha1:${next}`);
		expect(status(source).lastHandledReconcileAt).toBe('2026-11-22T10:05:00.000000000Z');
	});

	it('reports a refused connection as Ready False, GitOperationFailed, with git’s error, keeping the artifact', async () => {
		const w = await start();
		await w.create(crds.gitRepository, gitRepository(w.url));
		await w.gitops.settle();
		const port = await closedPort();
		await w.edit(crds.gitRepository, 'flux-system', 'fleet', object => {
			(object['spec'] as {url: string}).url = `git://127.0.0.1:${port}/fleet.git`;
		});
		await w.gitops.settle();
		const source = await w.read(crds.gitRepository, 'flux-system', 'fleet');
		expect(condition(source, 'Ready')).toMatchObject({status: 'False', reason: 'GitOperationFailed'});
		expect(condition(source, 'Ready')?.message).toMatch(new RegExp(`^failed to checkout and determine revision: unable to clone 'git://127.0.0.1:${port}/fleet.git': .*connection refused`, 'i'));
		expect(condition(source, 'FetchFailed')).toMatchObject({status: 'True', reason: 'GitOperationFailed'});
		expect(status(source).artifact?.revision).toMatch(/^main@sha1:/);
		expect(status(source).observedGeneration).toBe(1);
	});

	it('gives up on a remote that accepts and never answers after spec.timeout', async () => {
		const w = await start();
		const server = await silentServer();
		try {
			await w.create(crds.gitRepository, gitRepository(`git://127.0.0.1:${server.port}/fleet.git`, {timeout: '1s'}));
			await w.gitops.settle();
			const source = await w.read(crds.gitRepository, 'flux-system', 'fleet');
			expect(condition(source, 'Ready')).toMatchObject({status: 'False', reason: 'GitOperationFailed'});
			expect(condition(source, "Ready")?.message).toMatch(/unable to clone .*timed out after 1\s?s/);
			expect(server.connections()).toBeGreaterThan(0);
		} finally {
			await server.close();
		}
	});

	it('follows a tag or a commit, in Flux’s revision forms, and names a branch that does not exist', async () => {
		const w = await start();
		const first = w.commit({'apps/web/settings.yaml': manifest.replace('blue', 'green')}, 'green');
		gitSync(w.workTree, w.env, ['tag', 'v1.0.0', first]);
		gitSync(w.workTree, w.env, ['push', '--quiet', 'origin', 'v1.0.0']);
		w.commit({'apps/web/settings.yaml': manifest.replace('blue', 'red')}, 'red');
		await w.create(crds.gitRepository, gitRepository(w.url, {ref: {tag: 'v1.0.0'}}));
		await w.create(crds.gitRepository, {...gitRepository(w.url, {ref: {commit: first}}), metadata: {name: 'pinned', namespace: 'flux-system'}});
		await w.create(crds.gitRepository, {...gitRepository(w.url, {ref: {branch: 'nope'}}), metadata: {name: 'lost', namespace: 'flux-system'}});
		await w.gitops.settle();
		expect(status(await w.read(crds.gitRepository, 'flux-system', 'fleet')).artifact?.revision).toBe(`v1.0.0@sha1:${first}`);
		expect(status(await w.read(crds.gitRepository, 'flux-system', 'pinned')).artifact?.revision).toBe(`sha1:${first}`);
		const lost = await w.read(crds.gitRepository, 'flux-system', 'lost');
		expect(condition(lost, 'Ready')).toMatchObject({status: 'False', reason: 'GitOperationFailed', message: expect.stringContaining("couldn't find remote ref 'refs/heads/nope'")});
	});

	it('does nothing while suspended, and fetches again once resumed', async () => {
		const w = await start();
		await w.create(crds.gitRepository, gitRepository(w.url));
		await w.gitops.settle();
		await w.edit(crds.gitRepository, 'flux-system', 'fleet', object => {
			(object['spec'] as {suspend?: boolean}).suspend = true;
		});
		await w.gitops.settle();
		const next = w.commit({'apps/web/settings.yaml': manifest.replace('blue', 'red')}, 'red');
		await w.advance(5 * 60_000);
		expect(status(await w.read(crds.gitRepository, 'flux-system', 'fleet')).artifact?.revision).not.toBe(`main@sha1:${next}`);
		await w.edit(crds.gitRepository, 'flux-system', 'fleet', object => {
			delete (object['spec'] as {suspend?: boolean}).suspend;
		});
		await w.gitops.settle();
		expect(status(await w.read(crds.gitRepository, 'flux-system', 'fleet')).artifact?.revision).toBe(`main@sha1:${next}`);
	});
});
