/**
 * The TUI fleet benchmark's cluster side (bench/fleet-tui.mjs), in its own process so the measured TUI holds only
 * itself: the fleet of fleet-fixtures.ts over three sandboxes, plus live changes on request: one app's ConfigMap
 * edited (drift) or put back, and churn (labels Git does not set, on other apps' ConfigMaps, at a given rate).
 * Usage: node fleet-tui-child.mjs APPS PER_APP DIR; messages `edit {app, drift}`, `churn {rate, ms}`, `stop`.
 */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {dump, load} from 'js-yaml';
import {startSandbox, type Sandbox} from '../source/sandbox/index.js';
import {contexts, fleetApps, liveObjects, writeFleetRepo, type FleetApp} from './fleet-fixtures.js';

type Raw = {clusters: unknown[]; users: unknown[]; contexts: unknown[]};
type Message = {type: 'edit'; app: string; drift: boolean} | {type: 'churn'; rate: number; ms: number; avoid: string} | {type: 'stop'};

const [apps = 50, perApp = 40] = process.argv.slice(2, 4).map(Number);
const dir = process.argv[4]!;
const fleet = fleetApps(apps, perApp);
const sha = writeFleetRepo(path.join(dir, 'repo'), fleet);
const sandboxes = new Map<string, Sandbox>();
for (const context of contexts) sandboxes.set(context, await startSandbox({name: context, simulate: false, seed: liveObjects(fleet, context, sha)}));

const parts = [...sandboxes.values()].map(sandbox => load(sandbox.kubeconfig()) as Raw);
const kubeconfig = path.join(dir, 'kubeconfig');
await writeFile(kubeconfig, dump({apiVersion: 'v1', kind: 'Config', 'current-context': contexts[0], clusters: parts.flatMap(p => p.clusters), users: parts.flatMap(p => p.users), contexts: parts.flatMap(p => p.contexts)}));

/** The app's object `index` as it is live, changed by `change`, written to its sandbox. */
function write(app: FleetApp, index: number, change: (object: ReturnType<typeof liveObjects>[number]) => void): void {
	const object = structuredClone(liveObjects([app], app.context, sha)[index]!);
	change(object);
	sandboxes.get(app.context)!.seed([object]);
}

let churned = 0;
process.on('message', async (message: Message) => {
	if (message.type === 'stop') {
		await Promise.all([...sandboxes.values()].map(async sandbox => sandbox.stop()));
		process.exit(0);
	}
	if (message.type === 'edit') {
		const app = fleet.find(candidate => candidate.name === message.app)!;
		write(app, 0, object => ((object['data'] as Record<string, string>)['LOG_LEVEL'] = message.drift ? 'debug' : 'info'));
		process.send?.({type: 'edited', at: Date.now()});
	}
	if (message.type === 'churn') {
		// Labels nobody desires: watch events that reach the apps' live objects without changing their verdicts.
		const others = fleet.filter(app => app.name !== message.avoid && !app.drifted);
		const started = Date.now();
		const timer = setInterval(() => {
			if (Date.now() - started >= message.ms) {
				clearInterval(timer);
				process.send?.({type: 'churned', count: churned});
				return;
			}
			const app = others[churned++ % others.length]!;
			write(app, 1, object => (object.metadata.labels = {...object.metadata.labels, 'bench/churn': String(churned)}));
		}, 1000 / message.rate);
	}
});
// A benchmark that died leaves no sandboxes behind.
process.on('disconnect', () => process.exit(0));
process.send?.({type: 'ready', kubeconfig, repo: path.join(dir, 'repo'), drifted: fleet.filter(app => app.drifted).map(app => app.name), apps: fleet.map(app => app.name)});
