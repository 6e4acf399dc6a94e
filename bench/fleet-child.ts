/**
 * The fleet benchmark's cluster side, in its own process so the measured CLI holds only itself: writes the repo,
 * starts three sandboxes seeded with the fleet's live objects, one kubeconfig for all, writes the manifests of one
 * drifted plain app as gitops-tui applies them (for `kubectl diff`), and waits for `stop`.
 * Usage (from fleet.mjs): node fleet-child.mjs APPS PER_APP DIR.
 */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {dump, load} from 'js-yaml';
import {startSandbox, type Sandbox} from '../source/sandbox/index.js';
import {contexts, fleetApps, liveObjects, writeFleetRepo} from './fleet-fixtures.js';

type Raw = {clusters: unknown[]; users: unknown[]; contexts: unknown[]};

const [apps = 50, perApp = 40] = process.argv.slice(2, 4).map(Number);
const dir = process.argv[4]!;
const fleet = fleetApps(apps, perApp);
const repo = path.join(dir, 'repo');
const sha = writeFleetRepo(repo, fleet);
const sandboxes: Sandbox[] = [];
for (const context of contexts) sandboxes.push(await startSandbox({name: context, simulate: false, seed: liveObjects(fleet, context, sha, repo)}));

const parts = sandboxes.map(sandbox => load(sandbox.kubeconfig()) as Raw);
const kubeconfig = path.join(dir, 'kubeconfig');
await writeFile(kubeconfig, dump({apiVersion: 'v1', kind: 'Config', 'current-context': contexts[0], clusters: parts.flatMap(p => p.clusters), users: parts.flatMap(p => p.users), contexts: parts.flatMap(p => p.contexts).filter(entry => contexts.includes((entry as {name: string}).name))}));

// `diff APP` is measured on a drifted plain app, side by side with kubectl diff of its manifests as we apply them.
const diffApp = fleet.find(app => app.engine === 'plain' && app.perturbation === 'drifted') ?? fleet.find(app => app.engine === 'kustomize' && app.perturbation === 'drifted')!;
const diffManifests = path.join(dir, 'diff-app.yaml');
const applied = diffApp.objects.map(object => ({...object, metadata: {...object.metadata, labels: {...object.metadata.labels, 'gitops-tui.io/app': diffApp.name}, annotations: {'gitops-tui.io/revision': sha}}}));
await writeFile(diffManifests, applied.map(object => dump(object)).join('---\n'));

process.on('message', async (message: {type: string}) => {
	if (message.type !== 'stop') return;
	await Promise.all(sandboxes.map(async sandbox => sandbox.stop()));
	process.exit(0);
});
process.send?.({
	type: 'ready',
	kubeconfig,
	repo,
	sha,
	perApp,
	apps: fleet.map(({name, engine, perturbation}) => ({name, engine, ...(perturbation ? {perturbation} : {})})),
	diff: {app: diffApp.name, context: diffApp.context, manifests: diffManifests},
});
// The benchmark stopped (or failed) without saying stop: go too, rather than hold its output open.
process.on('disconnect', () => process.exit(0));
