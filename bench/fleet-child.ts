/**
 * The fleet benchmark's cluster side, in its own process so the measured CLI holds only itself: writes the repo,
 * starts three sandboxes seeded with the fleet's live objects, one kubeconfig for all, writes the manifests of one
 * drifted plain app as gitops-tui applies them (for `kubectl diff`), and waits for `stop`.
 * Usage (from fleet.mjs): node fleet-child.mjs APPS PER_APP DIR.
 */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {dump} from 'js-yaml';
import {startFleetWorld} from './fleet-world.js';

const [apps = 50, perApp = 40] = process.argv.slice(2, 4).map(Number);
const dir = process.argv[4]!;
const {fleet, repo, sha, kubeconfig, sandboxes: byContext} = await startFleetWorld({apps, perApp, dir});
const sandboxes = [...byContext.values()];

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
