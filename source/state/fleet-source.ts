/**
 * What the TUI needs from the world, as one injected object: live snapshots, diffs and
 * histories on demand, and the demo's outage switch. The real one is built from the evaluation
 * pipeline; tests pass a fake.
 */
import type {ActionRunner} from './action-runner.js';
import type {FleetSnapshot} from './fleet-snapshot.js';
import type {SinceHealthyDocument} from './since-healthy.js';
import type {AppObjectDocument, DiffDocument, HistoryDocument} from './tui-state.js';

export type DiffRequest = {appId: string; resourceId?: string; revision?: string};

export type FleetSource = {
	/** Calls the listener with every new snapshot (the first as soon as it exists); returns unsubscribe. */
	subscribe(listener: (snapshot: FleetSnapshot) => void): () => void;
	/** Computes a diff: the fast one first, then the exact one; returns a cancel function. */
	loadDiff(request: DiffRequest, onUpdate: (document: DiffDocument) => void): () => void;
	loadHistory(appId: string): Promise<HistoryDocument>;
	/** The last Synced+Healthy revision of an app and the commits on its path since; absent where unknown. */
	loadSinceHealthy?(appId: string): Promise<SinceHealthyDocument>;
	/** The app's own object (Kustomization, HelmRelease, Application) as the watch store holds it; absent where unknown. */
	loadAppObject?(appId: string): Promise<AppObjectDocument>;
	/** The demo's switch for a simulated Git outage; absent outside the demo. */
	simulateOutage?: (on: boolean) => Promise<void>;
	/** The kubeconfig file this session reads (the demo's own): `:kubeconfig` says where, so `status`/`diff` can be pointed at it. */
	kubeconfig?: string;
	/** Reconcile, pause, resume and rollback; absent when nothing can act (the TUI then says so). */
	actions?: ActionRunner;
};
