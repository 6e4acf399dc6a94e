/** A FleetSource for screen tests: seeded snapshots pushed by the test, diffs and histories on demand. */
import type {ActionRunner} from '../../source/state/action-runner.js';
import type {FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import type {DiffRequest, FleetSource} from '../../source/state/fleet-source.js';
import type {DiffDocument, HistoryDocument} from '../../source/state/tui-state.js';

export type FakeFleetSource = FleetSource & {
	push(snapshot: FleetSnapshot): void;
	diffRequests: DiffRequest[];
	/** Completes the newest diff request with its exact diff. */
	finishExactDiff(document: DiffDocument): void;
	outageCalls: boolean[];
	/** How many listeners are subscribed: none once the TUI has quit (it unsubscribes as it unmounts). */
	subscribers(): number;
};

export function fakeFleetSource(options: {initial?: FleetSnapshot; fastDiff: DiffDocument; history: HistoryDocument; actions?: ActionRunner}): FakeFleetSource {
	const listeners = new Set<(snapshot: FleetSnapshot) => void>();
	let latest = options.initial;
	let pendingDiff: ((document: DiffDocument) => void) | undefined;
	const source: FakeFleetSource = {
		diffRequests: [],
		outageCalls: [],
		subscribers: () => listeners.size,
		subscribe(listener) {
			listeners.add(listener);
			if (latest) listener(latest);
			return () => listeners.delete(listener);
		},
		push(snapshot) {
			latest = snapshot;
			for (const listener of listeners) listener(snapshot);
		},
		loadDiff(request, onUpdate) {
			source.diffRequests.push(request);
			onUpdate(options.fastDiff);
			pendingDiff = onUpdate;
			return () => {
				pendingDiff = undefined;
			};
		},
		finishExactDiff(document) {
			pendingDiff?.(document);
		},
		loadHistory: async () => options.history,
		async simulateOutage(on) {
			source.outageCalls.push(on);
		},
	};
	if (options.actions) source.actions = options.actions;
	return source;
}
