/** The shape every simulated GitOps controller has. */
import type {KubeObject} from '../../domain/kube-object.js';
import type {KindRef} from '../controllers/kinds.js';
import type {StoreEvent} from '../types.js';

/** One simulated GitOps controller: which keys a store event concerns, and how to reconcile one (async). */
export type GitOpsController = {
	name: string;
	/** The primary kind: listed at start and on reconcileNow. */
	primary: KindRef;
	/** Keys (`namespace/name` of primary objects) a store event concerns. */
	keysFor(event: StoreEvent): string[];
	reconcile(key: string): Promise<void>;
	/**
	 * When an object found at start is first due. The sandbox picks up a world that has been running, so an
	 * object its controller already reconciled continues its schedule (last reconcile + interval) instead of all
	 * reconciling at once; absent or undefined means now.
	 */
	startDelay?(object: KubeObject): number | undefined;
};
