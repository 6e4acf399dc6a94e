/**
 * The fleet's world, shared by the benchmarks' cluster-side children (fleet-child.ts for `status`, fleet-tui-child.ts
 * for the TUI): the repository written and committed, three sandboxes seeded with the fleet's live objects, and one
 * kubeconfig naming only the fleet's contexts (each sandbox also offers a viewer context, which would double the apps).
 */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {dump, load} from 'js-yaml';
import {startSandbox, type Sandbox} from '../source/sandbox/index.js';
import {contexts, fleetApps, liveObjects, writeFleetRepo, type FleetApp} from './fleet-fixtures.js';

type Raw = {clusters: unknown[]; users: unknown[]; contexts: unknown[]};

export type FleetWorld = {fleet: FleetApp[]; repo: string; sha: string; kubeconfig: string; sandboxes: Map<string, Sandbox>};

export async function startFleetWorld(options: {apps: number; perApp: number; dir: string}): Promise<FleetWorld> {
	const fleet = fleetApps(options.apps, options.perApp);
	const repo = path.join(options.dir, 'repo');
	const sha = writeFleetRepo(repo, fleet);
	const sandboxes = new Map<string, Sandbox>();
	for (const context of contexts) sandboxes.set(context, await startSandbox({name: context, simulate: false, seed: liveObjects(fleet, context, sha, repo)}));
	const parts = [...sandboxes.values()].map(sandbox => load(sandbox.kubeconfig()) as Raw);
	const kubeconfig = path.join(options.dir, 'kubeconfig');
	const named = parts.flatMap(p => p.contexts).filter(entry => contexts.includes((entry as {name: string}).name));
	await writeFile(kubeconfig, dump({apiVersion: 'v1', kind: 'Config', 'current-context': contexts[0], clusters: parts.flatMap(p => p.clusters), users: parts.flatMap(p => p.users), contexts: named}));
	return {fleet, repo, sha, kubeconfig, sandboxes};
}
