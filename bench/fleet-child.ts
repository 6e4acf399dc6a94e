/**
 * The fleet benchmark's cluster side, in its own process so the measured CLI holds only itself: writes the repo,
 * starts three sandboxes seeded with the fleet's live objects, one kubeconfig for all, and waits for `stop`.
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
for (const context of contexts) sandboxes.push(await startSandbox({name: context, simulate: false, seed: liveObjects(fleet, context, sha)}));

const parts = sandboxes.map(sandbox => load(sandbox.kubeconfig()) as Raw);
const kubeconfig = path.join(dir, 'kubeconfig');
await writeFile(kubeconfig, dump({apiVersion: 'v1', kind: 'Config', 'current-context': contexts[0], clusters: parts.flatMap(p => p.clusters), users: parts.flatMap(p => p.users), contexts: parts.flatMap(p => p.contexts)}));

process.on('message', async (message: {type: string}) => {
	if (message.type !== 'stop') return;
	await Promise.all(sandboxes.map(async sandbox => sandbox.stop()));
	process.exit(0);
});
process.send?.({type: 'ready', kubeconfig, repo, drifted: fleet.filter(app => app.drifted).map(app => app.name), apps: fleet.map(app => app.name)});
