/**
 * A fleet that starts without the config repository and moves to one with it when it arrives: a first clone of
 * a `--repo URL` can take minutes, and the TUI's first frame must not wait for it. The UI keeps one FleetSource;
 * its listeners move to the next fleet once that fleet has evaluated (no empty frame in between), and the first
 * fleet is stopped.
 */
import type {FleetSnapshot} from '../state/fleet-snapshot.js';
import type {FleetSource} from '../state/fleet-source.js';
import type {LiveFleet} from './live-fleet.js';

export function switchingFleet(first: LiveFleet, next: Promise<LiveFleet>): LiveFleet {
	let current = first;
	let stopped = false;
	/** Each UI listener and how to unsubscribe it from the current fleet. */
	const listeners = new Map<(snapshot: FleetSnapshot) => void, () => void>();

	void next.then(fleet => {
		if (stopped) {
			fleet.stop();
			return;
		}
		const unsubscribeWatch = fleet.source.subscribe(snapshot => {
			if (snapshot.evaluatedAt === undefined || current === fleet || stopped) return;
			const previous = current;
			current = fleet;
			for (const [listener, unsubscribe] of listeners) {
				unsubscribe();
				listeners.set(listener, fleet.source.subscribe(listener));
			}
			previous.stop();
			queueMicrotask(unsubscribeWatch);
		});
	});

	const source: FleetSource = {
		subscribe(listener) {
			listeners.set(listener, current.source.subscribe(listener));
			return () => {
				listeners.get(listener)?.();
				listeners.delete(listener);
			};
		},
		loadDiff: (request, onUpdate) => current.source.loadDiff(request, onUpdate),
		loadHistory: appId => current.source.loadHistory(appId),
	};
	if (first.source.simulateOutage) source.simulateOutage = on => current.source.simulateOutage?.(on) ?? Promise.resolve();
	// Each fleet has its own runner (the one after the clone acts with the repository): actions go to the current one.
	// Without these two, a TUI whose first clone took a moment offered no action and no "since healthy" at all.
	if (first.source.actions) {
		const fallback = first.source.actions;
		source.actions = {run: (request, options) => (current.source.actions ?? fallback).run(request, options)};
	}
	if (first.source.loadAppObject) {
		source.loadAppObject = appId => current.source.loadAppObject?.(appId) ?? Promise.resolve({status: 'error', error: 'this session cannot load app objects'});
	}
	if (first.source.loadSinceHealthy) {
		source.loadSinceHealthy = appId => current.source.loadSinceHealthy?.(appId) ?? Promise.resolve({status: 'error', error: 'this session cannot tell when apps were last healthy'});
	}
	return {
		source,
		stop() {
			stopped = true;
			current.stop();
		},
	};
}
