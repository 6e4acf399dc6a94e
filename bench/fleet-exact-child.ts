/**
 * The exact-verdicts benchmark's cluster side (bench/fleet-exact.mjs), in its own process so the measured CLI holds
 * only itself: the fleet of fleet-fixtures.ts over three sandboxes, and each app's manifests as its deployer applies
 * them (its marks added), one file per app, for `kubectl diff`. On `count` it answers how many requests each
 * method and dry-run flag reached the sandboxes since the last `count`, so the benchmark can say that exact mode
 * sent one dry-run per object and wrote nothing, and the CPU the sandboxes spent answering.
 * LATENCY_MS (optional) holds every request that long in the sandbox before it is served, as a network round
 * trip to a real apiserver would.
 * Usage: node fleet-exact-child.mjs APPS PER_APP DIR [LATENCY_MS]; messages `count`, `stop`.
 */
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {dump} from 'js-yaml';
import {argoControllerManager} from '../source/engines/argo-application.js';
import {kustomizeControllerManager} from '../source/engines/flux-kustomization.js';
import {appliedObjects} from './fleet-fixtures.js';
import {startFleetWorld} from './fleet-world.js';

const [apps = 50, perApp = 40] = process.argv.slice(2, 4).map(Number);
const dir = process.argv[4]!;
const {fleet, repo, sha, kubeconfig, sandboxes} = await startFleetWorld({apps, perApp, dir});

const manifests = path.join(dir, 'manifests');
await mkdir(manifests, {recursive: true});
const managers = {plain: 'gitops-tui', kustomize: 'gitops-tui', flux: kustomizeControllerManager, argo: argoControllerManager};
const described = await Promise.all(
	fleet.map(async app => {
		const file = path.join(manifests, `${app.name}.yaml`);
		await writeFile(file, appliedObjects(app, sha).map(object => dump(object)).join('---\n'));
		return {name: app.name, engine: app.engine, context: app.context, fieldManager: managers[app.engine], manifests: file, ...(app.perturbation ? {perturbation: app.perturbation} : {})};
	}),
);
const latencyMs = Number(process.argv[5] ?? 0);
for (const sandbox of sandboxes.values()) {
	sandbox.faults.setLatency(latencyMs);
	sandbox.clearRequests();
}
let cpu = process.cpuUsage();

process.on('message', async (message: {type: string}) => {
	if (message.type === 'count') {
		const counts: Record<string, number> = {};
		for (const sandbox of sandboxes.values()) {
			for (const entry of sandbox.requests()) {
				const key = `${entry.method}${entry.query['dryRun'] ? ' dryRun' : ''}`;
				counts[key] = (counts[key] ?? 0) + 1;
			}
			sandbox.clearRequests();
		}
		const used = process.cpuUsage(cpu);
		cpu = process.cpuUsage();
		process.send?.({type: 'counted', counts, serverCpuMs: Math.round((used.user + used.system) / 1000)});
	} else if (message.type === 'stop') {
		await Promise.all([...sandboxes.values()].map(async sandbox => sandbox.stop()));
		process.exit(0);
	}
});
// The benchmark stopped (or failed) without saying stop: go too, rather than hold its output open.
process.on('disconnect', () => process.exit(0));
process.send?.({type: 'ready', kubeconfig, repo, sha, perApp, apps: described});
