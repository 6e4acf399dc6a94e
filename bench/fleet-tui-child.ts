/**
 * The TUI fleet benchmark's cluster side (bench/fleet-tui.mjs), in its own process so the measured TUI holds only
 * itself: the fleet of fleet-fixtures.ts over three sandboxes, plus live changes on request: one app's ConfigMap
 * edited (drift) or put back, and churn (labels Git does not set, on other apps' ConfigMaps, at a given rate).
 * Usage: node fleet-tui-child.mjs APPS PER_APP DIR; messages `edit {app, drift}`, `churn {rate, ms}`, `stop`.
 */
import {liveObjects, type FleetApp} from './fleet-fixtures.js';
import {startFleetWorld} from './fleet-world.js';

type Message = {type: 'edit'; app: string; drift: boolean} | {type: 'churn'; rate: number; ms: number; avoid: string} | {type: 'stop'};

const [apps = 50, perApp = 40] = process.argv.slice(2, 4).map(Number);
const dir = process.argv[4]!;
const {fleet, repo, sha, kubeconfig, sandboxes} = await startFleetWorld({apps, perApp, dir});

/** The app's ConfigMap `index` as it is live, changed by `change`, written to its sandbox. */
function write(app: FleetApp, index: number, change: (object: ReturnType<typeof liveObjects>[number]) => void): void {
	const object = structuredClone(liveObjects([app], app.context, sha, repo).find(candidate => candidate.metadata.name === `${app.name}-cm-${index}`)!);
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
		const others = fleet.filter(app => app.name !== message.avoid && app.perturbation === undefined);
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
process.send?.({type: 'ready', kubeconfig, repo, drifted: fleet.filter(app => app.perturbation !== undefined).map(app => app.name), apps: fleet.map(app => app.name)});
