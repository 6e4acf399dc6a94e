/**
 * How a write moves ownership between managers (structured-merge-diff's Updater.update): fields
 * the write modified or added leave every other manager (a conflict unless forced), and fields it
 * removed leave everyone. Also the fields a write through the main resource or the status
 * subresource does not touch, and the object skeleton a create is compared against.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {formatFieldPath} from './field-path.js';
import {FieldSet} from './field-set.js';
import {cloneJson, isJsonObject, type JsonObject} from './json-value.js';
import type {KindSchema} from './merge-keys.js';
import {compareManagerRecords, type Managers} from './managed-fields.js';
import type {ApplyConflict} from './conflicts.js';
import type {Comparison} from './typed-compare.js';

/** Managers after a write, or the fields it would take from others without force. */
export type OwnershipResult = {ok: true; managers: Managers} | {ok: false; conflicts: ApplyConflict[]};

/** Moves ownership for a write by `writer` (an identity; it is skipped, its set is the caller's). */
export function transferOwnership(managers: Managers, comparison: Comparison, writer: string, force: boolean): OwnershipResult {
	const changed = comparison.modified.union(comparison.added);
	const taken = new Map<string, FieldSet>();
	for (const [identity, record] of managers) {
		if (identity === writer) continue;
		const conflict = record.set.intersection(changed);
		if (!conflict.isEmpty()) taken.set(identity, conflict);
	}
	if (!force && taken.size > 0) return {ok: false, conflicts: listConflicts(managers, taken)};
	const result: Managers = new Map();
	for (const [identity, record] of managers) {
		let set = record.set;
		if (identity !== writer) set = set.difference(taken.get(identity) ?? new FieldSet()).difference(comparison.removed);
		if (!set.isEmpty()) result.set(identity, {...record, set});
	}
	return {ok: true, managers: result};
}

function listConflicts(managers: Managers, taken: Map<string, FieldSet>): ApplyConflict[] {
	const identities = [...taken.keys()].sort((a, b) => compareManagerRecords(managers.get(a)!, managers.get(b)!));
	return identities.flatMap((identity) => {
		const record = managers.get(identity)!;
		return taken
			.get(identity)!
			.paths()
			.map((path) => ({
				field: formatFieldPath(path),
				manager: record.manager,
				operation: record.operation,
				...(record.operation === 'Update' ? {apiVersion: record.apiVersion} : {}),
				...(record.subresource ? {subresource: record.subresource} : {}),
			}));
	});
}

/**
 * Fields a write neither owns nor changes (the apiserver's reset fields): `status` for a write to the
 * main resource of a kind that serves /status, `spec` for a write through the status subresource.
 */
export function ignoredFields(subresource: string | undefined, statusSubresource: boolean): FieldSet {
	if (subresource === 'status') return FieldSet.fromPaths([[{field: 'spec'}]]);
	return statusSubresource ? FieldSet.fromPaths([[{field: 'status'}]]) : new FieldSet();
}

/** The comparison without ignored fields. */
export function withoutIgnored(comparison: Comparison, ignored: FieldSet): Comparison {
	if (ignored.isEmpty()) return comparison;
	return {
		added: comparison.added.recursiveDifference(ignored),
		modified: comparison.modified.recursiveDifference(ignored),
		removed: comparison.removed.recursiveDifference(ignored),
	};
}

/** The object as JSON without metadata.managedFields, which no comparison looks at. */
export function withoutManagedFields(object: KubeObject): JsonObject {
	const copy = cloneJson(object) as unknown as JsonObject;
	if (isJsonObject(copy['metadata'])) delete copy['metadata']['managedFields'];
	return copy;
}

/** What a create is compared against: the kind's zero value, as the server's empty typed object. */
export function emptyObject(schema: KindSchema, like: KubeObject): JsonObject {
	return {apiVersion: like.apiVersion, kind: like.kind, ...(cloneJson(schema.skeleton) as JsonObject)};
}
