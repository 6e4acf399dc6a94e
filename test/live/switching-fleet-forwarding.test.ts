/**
 * The fleet that starts before the first clone keeps everything the TUI needs: the action runner and "what changed
 * since it was last healthy" go to the current fleet (the first one, then the one with the repository), so a TUI
 * whose clone took a moment still acts, with the repository once it is there.
 */
import {describe, expect, it} from 'vitest';
import type {ActionRequest} from '../../source/domain/action.js';
import {switchingFleet} from '../../source/live/switching-fleet.js';
import type {LiveFleet} from '../../source/live/live-fleet.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import type {FleetSource} from '../../source/state/fleet-source.js';
import {seededSnapshot} from '../support/tui-snapshot.js';
import {waitFor} from '../support/wait-for.js';

/** A fleet that publishes one snapshot and records which of its services were used, under its name. */
function fleet(name: string, used: string[]): LiveFleet & {publish(snapshot: FleetSnapshot): void} {
	const listeners = new Set<(snapshot: FleetSnapshot) => void>();
	let latest: FleetSnapshot | undefined;
	const source: FleetSource = {
		subscribe(listener) {
			listeners.add(listener);
			if (latest) listener(latest);
			return () => listeners.delete(listener);
		},
		loadDiff: () => () => undefined,
		loadHistory: async () => ({status: 'error', error: name}),
		loadAppObject: async () => {
			used.push(`${name}: app object`);
			return {status: 'error', error: name};
		},
		loadSinceHealthy: async () => {
			used.push(`${name}: since healthy`);
			return {status: 'error', error: name};
		},
		actions: {
			run: async (request: ActionRequest) => {
				used.push(`${name}: ${request.kind}`);
				return {outcome: 'dry-run', message: name} as never;
			},
		},
	};
	return {
		source,
		stop: () => undefined,
		publish(snapshot) {
			latest = snapshot;
			for (const listener of listeners) listener(snapshot);
		},
	};
}

describe('a fleet that switches to the repository', () => {
	it('sends actions, since-healthy and app objects to the current fleet, before and after the switch', async () => {
		const used: string[] = [];
		const first = fleet('first', used);
		const second = fleet('second', used);
		first.publish(seededSnapshot());
		const switching = switchingFleet(first, Promise.resolve(second));
		const seen: FleetSnapshot[] = [];
		switching.source.subscribe(snapshot => seen.push(snapshot));
		const request = {kind: 'reconcile', app: {name: 'shop', context: 'prod-eu'}} as unknown as ActionRequest;
		const options = {confirm: async () => true} as never;
		expect(switching.source.actions).toBeDefined();
		await switching.source.actions!.run(request, options);
		await switching.source.loadSinceHealthy!('prod-eu/flux/shop/shop');
		await switching.source.loadAppObject!('prod-eu/flux/shop/shop');
		// The clone arrives: the second fleet's first evaluation moves the listeners, and the services with them.
		second.publish({...seededSnapshot(), git: {...seededSnapshot().git, head: 'def5678'}});
		await waitFor(() => seen.at(-1)?.git.head === 'def5678', {timeoutMs: 2000, describe: () => 'the switch'});
		await switching.source.actions!.run(request, options);
		await switching.source.loadSinceHealthy!('prod-eu/flux/shop/shop');
		await switching.source.loadAppObject!('prod-eu/flux/shop/shop');
		expect(used).toEqual(['first: reconcile', 'first: since healthy', 'first: app object', 'second: reconcile', 'second: since healthy', 'second: app object']);
	});
});
