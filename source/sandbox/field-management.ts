/**
 * The managedFields and server-side apply functions the store calls, as an injected interface:
 * the sandbox wires in source/sandbox/patch; store tests may pass stand-ins.
 */
import type {KubeObject} from '../domain/kube-object.js';

/** One field another manager owns, blocking an apply (operation/apiVersion name Update managers). */
export type ApplyConflict = {field: string; manager: string; operation?: 'Apply' | 'Update'; apiVersion?: string; subresource?: string};

export type ApplyResult = {ok: true; object: KubeObject} | {ok: false; conflicts: ApplyConflict[]} | {ok: false; invalid: string};

export type FieldManagement = {
	/**
	 * managedFields after an Update operation (create, PUT, json/merge/strategic patch). managedFields
	 * set on `after` replace the stored ones (`[]`/`[{}]` reset them); absent, the stored ones are kept.
	 */
	recordUpdate(input: {before: KubeObject | undefined; after: KubeObject; manager: string; subresource?: string; now: string; statusSubresource?: boolean}): KubeObject;
	/** Merges an applied configuration into the live object and records ownership. */
	serverSideApply(input: {
		live: KubeObject | undefined;
		applied: KubeObject;
		manager: string;
		force: boolean;
		now: string;
		defaults: (object: KubeObject) => KubeObject;
		subresource?: string;
		statusSubresource?: boolean;
	}): ApplyResult;
	/** The apiserver's message for apply conflicts. */
	conflictMessage(conflicts: ApplyConflict[]): string;
	/** The 409 Status causes for apply conflicts. */
	conflictCauses(conflicts: ApplyConflict[]): Array<{reason: string; message: string; field: string}>;
};
