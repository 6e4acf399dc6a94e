/** The shape every simulated controller has, and helpers for the common watch patterns. */
import type {StoreEvent} from '../types.js';
import {isKind, type KindRef} from './kinds.js';
import {keyOf, ownerKey} from './owners.js';
import type {Runtime} from './runtime.js';

/** One simulated controller: which keys an event concerns, and how to reconcile one key. */
export type Controller = {
	name: string;
	/** The primary kind, listed at start so objects stored before the controllers started are reconciled. */
	primary?: KindRef;
	/** Keys (usually `namespace/name` of primary objects) a store event concerns. */
	keysFor(event: StoreEvent): string[];
	/** Moves one object toward what its controller would make of it; writes only what differs. */
	reconcile(key: string): void;
};

/** Builds a controller. */
export type ControllerFactory = (runtime: Runtime) => Controller;

/** Keys for the common case: the primary object itself, and the owner of a child of a given kind. */
export function primaryAndOwnerKeys(event: StoreEvent, primary: KindRef, children: KindRef[] = []): string[] {
	const object = event.object;
	if (isKind(object, primary)) return event.type === 'DELETED' ? [] : [keyOf(object)];
	if (children.some(child => isKind(object, child))) {
		const key = ownerKey(object, primary);
		return key ? [key] : [];
	}
	return [];
}
