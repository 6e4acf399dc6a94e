/**
 * Server-side apply (PATCH with application/apply-patch+yaml), as kube-apiserver does it with
 * structured-merge-diff: merge the configuration into the live object, prune what the applier
 * stopped applying, default, detect conflicts, and record the applier's ownership in managedFields.
 */
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import type {ApplyConflict} from './conflicts.js';
import type {FieldSet} from './field-set.js';
import {cloneJson, deepEqual, isJsonObject, type JsonObject} from './json-value.js';
import {
	capUpdateManagers,
	decodeManagedFields,
	encodeManagedFields,
	managerIdentity,
	serverOwnedFields,
	type Managers,
} from './managed-fields.js';
import {schemaFor} from './merge-keys.js';
import {emptyObject, ignoredFields, transferOwnership, withoutIgnored, withoutManagedFields} from './ownership.js';
import {rootCursor, type SchemaCursor} from './schema.js';
import {compareTyped} from './typed-compare.js';
import {ensureNamedFieldsAreMembers, findInvalidList, removeFromObject, toFieldSet} from './typed-fields.js';
import {mergeTyped} from './typed-merge.js';

/** One apply request. */
export type ServerSideApplyInput = {
	/** The stored object, or undefined to create it. */
	live: KubeObject | undefined;
	/** The applied configuration (the request body). */
	applied: KubeObject;
	/** The field manager (`fieldManager` query parameter). */
	manager: string;
	force: boolean;
	/** RFC 3339 time for the applier's managedFields entry. */
	now: string;
	/** Server defaulting; runs on the merged object before ownership is computed. Must be pure. */
	defaults: (object: KubeObject) => KubeObject;
	/** `status` for an apply to the status subresource. */
	subresource?: string;
	/** The kind serves /status: an apply to the main resource neither owns nor changes status. */
	statusSubresource?: boolean;
};

/** The applied object, the conflicts that stop it, or why the configuration is invalid. */
export type ServerSideApplyResult =
	| {ok: true; object: KubeObject}
	| {ok: false; conflicts: ApplyConflict[]}
	| {ok: false; invalid: string};

/** Applies a configuration; see ServerSideApplyInput. Pure: inputs are never mutated. */
export function serverSideApply(input: ServerSideApplyInput): ServerSideApplyResult {
	const {live, applied, manager, subresource} = input;
	const invalid = checkApplied(applied, live);
	if (invalid) return {ok: false, invalid};
	const root = rootCursor(schemaFor(splitApiVersion(applied.apiVersion).group, applied.kind));
	const config = cloneJson(applied) as unknown as JsonObject;
	const listProblem = findInvalidList(root, config);
	if (listProblem) return {ok: false, invalid: `failed to create typed patch object (${objectName(applied)}; ${applied.apiVersion}, Kind=${applied.kind}): ${listProblem}`};
	const decoded = decodeManagedFields(live?.metadata.managedFields);
	if (!decoded.ok) return {ok: false, invalid: decoded.message};

	const base = live ? withoutManagedFields(live) : emptyObject(root.schema, applied);
	const ignored = ignoredFields(subresource, input.statusSubresource ?? false);
	const identity = managerIdentity({manager, operation: 'Apply', apiVersion: applied.apiVersion, subresource});
	const managers: Managers = new Map(decoded.managers);
	const previous = managers.get(identity);
	managers.set(identity, {
		manager,
		operation: 'Apply',
		apiVersion: applied.apiVersion,
		...(subresource ? {subresource} : {}),
		set: toFieldSet(root, config).recursiveDifference(ignored).difference(serverOwnedFields()),
	});

	const merged = mergeTyped(root, base, config) as JsonObject;
	const pruned = prune(root, merged, managers, previous?.set);
	const defaulted = keepIgnored(withoutManagedFields(input.defaults(cloneJson(pruned) as unknown as KubeObject)), base, ignored);
	const comparison = withoutIgnored(compareTyped(root, base, defaulted), ignored);
	const owned = transferOwnership(managers, comparison, identity, input.force);
	if (!owned.ok) return owned;

	// The applier's time moves only when the object changed, as the apiserver leaves a no-op apply alone.
	const changed = !live || !deepEqual(base, defaulted);
	const record = owned.managers.get(identity);
	if (record) record.time = changed || previous?.time === undefined ? input.now : previous.time;
	const entries = encodeManagedFields(capUpdateManagers(owned.managers));
	const object = defaulted as unknown as KubeObject;
	if (entries.length > 0) object.metadata = {...object.metadata, managedFields: entries};
	return {ok: true, object};
}

/** Ignored top-level fields keep their stored value: an apply cannot write status through the main resource. */
function keepIgnored(object: JsonObject, base: JsonObject, ignored: FieldSet): JsonObject {
	for (const path of ignored.paths()) {
		const field = (path[0] as {field: string}).field;
		if (base[field] === undefined) delete object[field];
		else object[field] = cloneJson(base[field]!);
	}
	return object;
}

function objectName(object: KubeObject): string {
	return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : String(object.metadata.name);
}

function checkApplied(applied: KubeObject, live: KubeObject | undefined): string | undefined {
	if (!isJsonObject(applied)) return 'the applied configuration must be an object';
	if (typeof applied.apiVersion !== 'string' || applied.apiVersion === '') return 'apiVersion must be set in the applied configuration';
	if (typeof applied.kind !== 'string' || applied.kind === '') return 'kind must be set in the applied configuration';
	if (!isJsonObject(applied.metadata)) return 'metadata must be set in the applied configuration';
	if (typeof applied.metadata.name !== 'string' || applied.metadata.name === '') return 'metadata.name must be set in the applied configuration';
	if (applied.metadata.managedFields !== undefined) return 'metadata.managedFields must be nil';
	if (live && live.kind !== applied.kind) return `the kind of the applied configuration (${applied.kind}) does not match the object (${live.kind})`;
	return undefined;
}

/**
 * Removes what the applier applied last time but not now, unless another manager (applier or
 * updater) owns it: structured-merge-diff's prune with its two add-back passes.
 */
function prune(root: SchemaCursor, merged: JsonObject, managers: Managers, last: FieldSet | undefined): JsonObject {
	if (!last || last.isEmpty()) return merged;
	const named = (set: FieldSet): FieldSet => ensureNamedFieldsAreMembers(set, root);
	const lastNamed = named(last);
	const mergedSet = named(toFieldSet(root, merged));
	let owned = [...managers.values()][0]!.set;
	for (const record of managers.values()) owned = owned.union(record.set);
	const withoutLast = removeFromObject(root, merged, lastNamed);
	const keep = named(toFieldSet(root, withoutLast)).union(named(owned));
	const ownedOnly = removeFromObject(root, merged, mergedSet.difference(keep));
	const dropped = mergedSet.difference(named(toFieldSet(root, ownedOnly))).intersection(lastNamed);
	return removeFromObject(root, merged, dropped);
}
