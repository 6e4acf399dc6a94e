/**
 * Verdicts as the controller will act, checked against the simulated kustomize-controller itself: what `status`
 * (fast and exact) calls Drifted is what the controller's next apply undoes, and what it calls Synced the
 * controller leaves as it is. Flux takes over the fields of `kubectl*` managers before applying, so a
 * `kubectl label` on a Flux object is drift; `kubectl diff --server-side` as kustomize-controller cannot show it
 * (the takeover is a separate managedFields rewrite before the apply; a dry-run apply alone keeps the label,
 * which kubectl-label owns), so here the controller's own next apply is the truth. `ssa: IfNotPresent` objects
 * are created once and never touched again: Synced whatever they hold.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {StatusDocument} from '../../source/commands/output/status-document.js';
import {startGitOpsWorld, crds, type GitOpsWorld} from '../support/gitops-world.js';
import {builtCli, ensureBuiltCli} from '../support/scenario-cli.js';
import {runProcess} from '../support/scenario-cluster.js';

const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  colour: blue\n';
const seed = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: seed\n  annotations:\n    kustomize.toolkit.fluxcd.io/ssa: IfNotPresent\ndata:\n  counter: "0"\n';
const fluxLabels = {'kustomize.toolkit.fluxcd.io/name': 'web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'};

let world: GitOpsWorld;
let kubeconfig: string;

async function status(mode: string[] = []): Promise<{code: number; document: StatusDocument}> {
	const env = {PATH: process.env['PATH'], HOME: world.dir, XDG_CACHE_HOME: path.join(world.dir, 'cache-cli'), KUBECONFIG: kubeconfig};
	const run = await runProcess('node', [builtCli, 'status', '-o', 'json', '--repo', world.workTree, ...mode], env);
	try {
		return {code: run.code, document: JSON.parse(run.stdout) as StatusDocument};
	} catch {
		throw new Error(`status -o json printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
	}
}

/** Every resource of the Flux app that is not Synced, with its fields as `path by manager (note)`. */
function verdicts(document: StatusDocument): Record<string, string[]> {
	const app = document.apps.find(entry => entry.name === 'web' && entry.engine === 'flux')!;
	const out: Record<string, string[]> = {};
	for (const resource of app.resources.filter(entry => entry.verdict !== 'Synced')) {
		out[`${resource.verdict} ${resource.kind} ${resource.namespace}/${resource.name}`] = resource.fields.map(
			field => `${field.path}${field.manager ? ` by ${field.manager}` : ''}${field.note ? ` (${field.note})` : ''}`,
		);
	}

	return out;
}

beforeAll(ensureBuiltCli, 60_000);

describe('kustomize-controller apply rules', () => {
	beforeAll(async () => {
		world = await startGitOpsWorld({files: {'apps/web/settings.yaml': settings, 'apps/web/seed.yaml': seed}});
		kubeconfig = path.join(world.dir, 'kubeconfig');
		writeFileSync(kubeconfig, world.sandbox.kubeconfig());
		for (const name of ['flux-system', 'web']) await world.core.createNamespace({body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}});
		await world.create(crds.gitRepository, {
			apiVersion: 'source.toolkit.fluxcd.io/v1',
			kind: 'GitRepository',
			metadata: {name: 'fleet', namespace: 'flux-system'},
			spec: {interval: '1m', url: world.url, ref: {branch: 'main'}},
		});
		await world.create(crds.kustomization, {
			apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
			kind: 'Kustomization',
			metadata: {name: 'web', namespace: 'flux-system'},
			spec: {interval: '2m', path: './apps/web', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}, targetNamespace: 'web'},
		});
		await world.gitops.settle();
		// A person labels a Flux object and edits the IfNotPresent one, with kubectl's field managers.
		await world.core.patchNamespacedConfigMap({name: 'settings', namespace: 'web', fieldManager: 'kubectl-label', body: [{op: 'add', path: '/metadata/labels/handmade', value: 'yes'}]});
		await world.core.patchNamespacedConfigMap({name: 'seed', namespace: 'web', fieldManager: 'kubectl-edit', body: [{op: 'replace', path: '/data/counter', value: '41'}]});
	}, 60_000);
	afterAll(async () => world?.stop());

	it('calls the hand-added label drift Flux reverts, in both comparisons, and the IfNotPresent object Synced', async () => {
		const note = "kustomize-controller takes over kubectl-label's fields and reverts this on its next apply";
		for (const mode of [[], ['--exact']]) {
			const {code, document} = await status(mode);
			expect(code).toBe(1);
			expect(verdicts(document)).toEqual({'Drifted ConfigMap web/settings': [`.metadata.labels.handmade by kubectl-label (${note})`]});
		}
	});

	it('the status table says it too, under the drifted resource', async () => {
		const env = {PATH: process.env['PATH'], HOME: world.dir, XDG_CACHE_HOME: path.join(world.dir, 'cache-cli'), KUBECONFIG: kubeconfig};
		const run = await runProcess('node', [builtCli, 'status', '--repo', world.workTree], env);
		expect(run.code, run.stderr).toBe(1);
		const lines = run.stdout.split('\n');
		const at = lines.indexOf('  Drifted  ConfigMap web/settings');
		expect(lines.slice(at + 1, at + 4)).toEqual(['      .metadata.labels.handmade  (kubectl-label)', "      note: kustomize-controller takes over kubectl-label's fields and reverts", '            this on its next apply']);
	});

	it('kubectl diff --server-side as kustomize-controller cannot see it: the takeover is not part of the apply', async () => {
		const manifest = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'web', labels: fluxLabels}, data: {colour: 'blue'}};
		const env = {PATH: process.env['PATH'], HOME: world.dir, KUBECONFIG: kubeconfig};
		const run = await runProcess('kubectl', ['diff', '--server-side', '--force-conflicts', '--field-manager=kustomize-controller', '-f', '-'], env, JSON.stringify(manifest));
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
	});

	it('the controller next apply undoes exactly that: the label goes, the IfNotPresent edit stays, and status says Synced', async () => {
		await world.advance(2 * 60_000);
		const live = await world.core.readNamespacedConfigMap({name: 'settings', namespace: 'web'});
		expect(live.metadata?.labels?.['handmade']).toBeUndefined();
		const kept = await world.core.readNamespacedConfigMap({name: 'seed', namespace: 'web'});
		expect(kept.data?.['counter']).toBe('41');
		for (const mode of [[], ['--exact']]) {
			const {code, document} = await status(mode);
			expect(verdicts(document)).toEqual({});
			expect(code).toBe(0);
		}
	});
});
