/**
 * The benchmark's cluster side, in its own process so the measured process holds only the client:
 * three sandboxes seeded with the benchmark objects, one kubeconfig for all three, and churn on request.
 * Talks to the parent over IPC: `ready` (with the kubeconfig path), `churn` → `churned`, `stop`.
 */
import {writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {dump, load} from 'js-yaml';
import {startSandbox, type Sandbox} from '../source/sandbox/index.js';
import {benchObjects} from './fixtures.js';

type Raw = {clusters: unknown[]; users: unknown[]; contexts: unknown[]};

const total = Number(process.env['BENCH_OBJECTS'] ?? 20_000);
const sandboxes: Sandbox[] = [];
for (let index = 0; index < 3; index++) {
	const count = Math.floor(total / 3) + (index < total % 3 ? 1 : 0);
	sandboxes.push(await startSandbox({name: `bench-${index}`, simulate: false, seed: benchObjects(count)}));
}

const parts = sandboxes.map(sandbox => load(sandbox.kubeconfig()) as Raw);
const file = path.join(os.tmpdir(), `gitops-tui-bench-${process.pid}.kubeconfig`);
await writeFile(
	file,
	dump({
		apiVersion: 'v1',
		kind: 'Config',
		'current-context': 'bench-0',
		clusters: parts.flatMap(part => part.clusters),
		users: parts.flatMap(part => part.users),
		contexts: parts.flatMap(part => part.contexts),
	}),
);

process.on('message', async (message: {type: string; count?: number}) => {
	if (message.type === 'churn') {
		// Touch ConfigMaps round-robin over the sandboxes: every write is one MODIFIED event on a watch.
		const began = performance.now();
		const targets = sandboxes.map(sandbox => {
			const type = sandbox.objects.resourceType('v1', 'ConfigMap')!;
			return {sandbox, type, items: sandbox.objects.list(type)};
		});
		let written = 0;
		let round = 0;
		while (written < (message.count ?? 0)) {
			for (const {sandbox, type, items} of targets) {
				const item = items[round % items.length]!;
				// No resourceVersion: an unconditional replace, like `kubectl replace --force` without the delete.
				const {resourceVersion: _version, ...metadata} = item.metadata;
				sandbox.objects.update(type, {...item, metadata, data: {...(item['data'] as Record<string, string>), CHURN: String(round)}}, {manager: 'bench'});
				written++;
				if (written >= (message.count ?? 0)) break;
			}

			round++;
			// Let the server flush to the watches now and then, as a real apiserver would interleave.
			if (round % 200 === 0) await new Promise(resolve => setImmediate(resolve));
		}

		process.send?.({type: 'churned', count: written, ms: Math.round(performance.now() - began)});
	} else if (message.type === 'stop') {
		await Promise.all(sandboxes.map(async sandbox => sandbox.stop()));
		process.exit(0);
	}
});

process.send?.({type: 'ready', kubeconfig: file, objects: total});
