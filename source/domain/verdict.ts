import type {KubeObject} from './kube-object.js';
import type {ResourceKey} from './resource-key.js';
import type {Health} from './health/health.js';

/** Our verdict on one desired/live pair (see PRODUCT.md, "Live state and the verdict"). */
export type ResourceVerdict = 'Synced' | 'Drifted' | 'Missing' | 'Extra' | 'Unknown';

/** Every verdict, in the order the UI and tests list them. */
export const resourceVerdicts: readonly ResourceVerdict[] = ['Synced', 'Drifted', 'Missing', 'Extra', 'Unknown'];

/**
 * One pair from pairing: Missing is a pair without `live`, Extra one without `desired`. `unknown` says why the
 * pair cannot be judged (the kind could not be read, the desired state failed to render...): such a pair is
 * Unknown whatever its sides, and never becomes Extra.
 */
export type Pair = {
	key: ResourceKey;
	desired?: KubeObject;
	live?: KubeObject;
	unknown?: string;
};

/** A field that differs between desired and live, in the apiserver's path notation. */
export type DriftedField = {
	path: string;
	/** The field manager that owns the live value (from managedFields), when known. */
	manager?: string;
	/** Hidden by an ignore rule; kept so the UI can show what the rules hide. */
	ignored?: boolean;
	/** What the controller does about it, e.g. Flux taking over `kubectl-label`'s fields and removing them. */
	note?: string;
};

/** Why a whole object is left out of the verdict, e.g. Flux's `reconcile: disabled`. */
export type ObjectIgnore = {reason: 'reconcile-disabled' | 'ssa-ignore' | 'ssa-if-not-present' | 'ignore-extraneous'; message: string};

/**
 * The judged pair: the shape behind `resources[]` in `status -o json` (plus the objects, for trees and diffs).
 * `fields` holds every difference found, ignored ones marked; a Drifted verdict needs at least one unignored field.
 */
export type ResourceResult = {
	key: ResourceKey;
	verdict: ResourceVerdict;
	fields: DriftedField[];
	health?: Health;
	/** Why the verdict is Unknown, or other trouble worth showing on the row. */
	error?: string;
	ignore?: ObjectIgnore;
	desired?: KubeObject;
	live?: KubeObject;
};

/** True for the verdicts that make an app OutOfSync. */
export function isOutOfSync(verdict: ResourceVerdict): boolean {
	return verdict === 'Drifted' || verdict === 'Missing' || verdict === 'Extra';
}
