/**
 * managedFields for an Update operation (create, replace, JSON/merge/strategic patch): the writer
 * gains every field it changed or created, those fields leave other managers, removed fields leave
 * everyone; the writer's entry time moves only when it changed something.
 */
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import {
	capUpdateManagers,
	decodeManagedFields,
	encodeManagedFields,
	isResetManagedFields,
	managerIdentity,
	serverOwnedFields,
	type Managers,
} from './managed-fields.js';
import {schemaFor} from './merge-keys.js';
import {emptyObject, ignoredFields, transferOwnership, withoutIgnored, withoutManagedFields} from './ownership.js';
import {rootCursor} from './schema.js';
import {compareTyped} from './typed-compare.js';

/** One Update operation as stored. */
export type RecordUpdateInput = {
	/** The stored object before the write, or undefined for a create. */
	before: KubeObject | undefined;
	/** The object as it will be stored (after defaulting). Its managedFields, if set, replace the old ones. */
	after: KubeObject;
	manager: string;
	/** `status` for a write through the status subresource. */
	subresource?: string;
	now: string;
	/** The kind serves /status: a write to the main resource neither owns nor changes status. */
	statusSubresource?: boolean;
};

/**
 * Returns `after` with metadata.managedFields recorded for this write. As the apiserver: a write that
 * sends managedFields `[]` or `[{}]` resets them; one that sends valid entries sets them; one that
 * sends none (or writes a subresource) keeps the stored ones.
 */
export function recordUpdate(input: RecordUpdateInput): KubeObject {
	const {before, after, manager, subresource} = input;
	const root = rootCursor(schemaFor(splitApiVersion(after.apiVersion).group, after.kind));
	const managers = startingManagers(before, after, subresource);
	const base = before ? withoutManagedFields(before) : emptyObject(root.schema, after);
	const next = withoutManagedFields(after);
	const ignored = ignoredFields(subresource, input.statusSubresource ?? false);
	const comparison = withoutIgnored(compareTyped(root, base, next), ignored);
	// The write runs as a fresh manager first, so its own earlier entry loses what it changes now too.
	const writer = '\u0000current-operation';
	const owned = transferOwnership(managers, comparison, writer, true);
	const result: Managers = owned.ok ? owned.managers : managers;
	const changedByWriter = comparison.modified.union(comparison.added).difference(serverOwnedFields());
	if (!changedByWriter.isEmpty()) {
		const identity = managerIdentity({manager, operation: 'Update', apiVersion: after.apiVersion, subresource});
		const previous = result.get(identity);
		result.set(identity, {
			manager,
			operation: 'Update',
			apiVersion: after.apiVersion,
			...(subresource ? {subresource} : {}),
			time: input.now,
			set: previous ? previous.set.union(changedByWriter) : changedByWriter,
		});
	}
	const entries = encodeManagedFields(capUpdateManagers(result));
	const object = next as unknown as KubeObject;
	object.metadata = {...object.metadata};
	if (entries.length > 0) object.metadata.managedFields = entries;
	else delete object.metadata.managedFields;
	return object;
}

function startingManagers(before: KubeObject | undefined, after: KubeObject, subresource: string | undefined): Managers {
	const stored = decodeManagedFields(before?.metadata.managedFields);
	const storedManagers = stored.ok ? stored.managers : new Map();
	// A subresource write cannot set managedFields; a main-resource write may reset or replace them.
	if (subresource) return storedManagers;
	const sent = after.metadata.managedFields;
	if (isResetManagedFields(sent)) return new Map();
	const decoded = decodeManagedFields(sent);
	return decoded.ok && decoded.managers.size > 0 ? decoded.managers : storedManagers;
}
