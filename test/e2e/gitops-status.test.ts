/**
 * End to end: the built CLI's `status -o json` follows what the simulated Flux and Argo CD controllers write.
 * The controllers run on a manual clock in this process; each step settles them, then runs the CLI against the
 * sandbox over real HTTPS, with the work tree (whose origin is the sources' URL) as --repo.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {StatusDocument} from '../../source/commands/output/status-document.js';
import {crds, startGitOpsWorld, type GitOpsWorld} from '../support/gitops-world.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {runProcess} from '../support/scenario-cluster.js';

let world: GitOpsWorld;
let kubeconfig: string;

const configMap = (name: string, colour: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  colour: ${colour}\n`;

beforeAll(async () => {
	await ensureBuiltCli();
	world = await startGitOpsWorld({files: {'apps/web/settings.yaml': configMap('web-settings', 'blue'), 'apps/api/settings.yaml': configMap('api-settings', 'blue')}});
	kubeconfig = path.join(world.dir, 'kubeconfig');
	writeFileSync(kubeconfig, world.sandbox.kubeconfig(), {mode: 0o600});
	for (const name of ['flux-system', 'argocd', 'web', 'api']) await world.core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}});
	await world.create(crds.gitRepository, {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: {name: 'fleet', namespace: 'flux-system'}, spec: {interval: '1m', url: world.url, ref: {branch: 'main'}}});
	await world.create(crds.kustomization, {
		apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
		kind: 'Kustomization',
		metadata: {name: 'web', namespace: 'flux-system'},
		spec: {interval: '10m', path: './apps/web', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}, targetNamespace: 'web'},
	});
	await world.create(crds.application, {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Application',
		metadata: {name: 'api', namespace: 'argocd'},
		spec: {project: 'default', source: {repoURL: world.url, path: 'apps/api', targetRevision: 'main'}, destination: {server: 'https://kubernetes.default.svc', namespace: 'api'}},
	});
	await world.gitops.settle();
}, 60_000);

afterAll(() => world?.stop());

async function status(): Promise<{code: number; document: StatusDocument}> {
	await world.gitops.settle();
	const run = await runProcess('node', [builtCli, 'status', '-o', 'json', '--repo', world.workTree], {
		PATH: process.env['PATH'],
		HOME: world.dir,
		XDG_CACHE_HOME: path.join(world.dir, 'cli-cache'),
		KUBECONFIG: kubeconfig,
	});
	try {
		return {code: run.code, document: JSON.parse(run.stdout) as StatusDocument};
	} catch {
		throw new Error(`status -o json printed no JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
	}
}

const appOf = (document: StatusDocument, name: string) => {
	const found = document.apps.find(app => app.name === name);
	if (!found) throw new Error(`no app ${name} in ${document.apps.map(app => app.name).join(', ')}`);
	return found;
};

describe('status follows the simulated controllers', () => {
	it('shows what the controllers did: Flux applied and Synced; Argo CD compared, not synced', async () => {
		const {document} = await status();
		const head = (await world.read(crds.gitRepository, 'flux-system', 'fleet'))['status'] as {artifact: {revision: string}};
		expect(appOf(document, 'web')).toMatchObject({engine: 'flux', sync: 'Synced', controllerSync: 'Synced', revision: {deployed: head.artifact.revision.replace('main@sha1:', '')}});
		expect(appOf(document, 'api')).toMatchObject({engine: 'argo', sync: 'OutOfSync', controllerSync: 'OutOfSync'});
		expect(appOf(document, 'api').resources.map(resource => resource.verdict)).toEqual(['Missing']);
	}, 60_000);

	it('follows a sync operation: Argo CD applies, writes history, and says Synced', async () => {
		await world.edit(crds.application, 'argocd', 'api', object => {
			object['operation'] = {sync: {revision: 'main'}, initiatedBy: {username: 'e2e'}};
		});
		const {document} = await status();
		expect(appOf(document, 'api')).toMatchObject({sync: 'Synced', controllerSync: 'Synced', health: 'Healthy'});
	}, 60_000);

	it('follows a build failure on a new commit: Flux Ready False, still running the last good revision', async () => {
		const good = appOf((await status()).document, 'web').revision.deployed;
		world.commit({'apps/web/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [broken\n'}, 'break web');
		await world.advance(60_000);
		const {document, code} = await status();
		expect(code).toBeGreaterThanOrEqual(1);
		expect(appOf(document, 'web')).toMatchObject({controllerSync: 'OutOfSync', revision: {deployed: good}});
	}, 60_000);
});
