import {formatFieldPath, ownerOf, ownersOf, summariseManagedFields, type FieldPath, type ManagerSummary} from './field-paths.js';
import type {KubeObject} from './kube-object.js';

/**
 * The managed-fields summary of a live object: its own `metadata.managedFields` when present, else the summary
 * a projection kept (the cluster edge drops managedFields from projections and keeps `summariseManagedFields`).
 */
export function managersOf(live: KubeObject | undefined, kept?: readonly ManagerSummary[]): ManagerSummary[] {
	if (live?.metadata?.managedFields?.length) return summariseManagedFields(live.metadata.managedFields);
	return kept ? [...kept] : [];
}

/**
 * The manager that last set a drifted field live, or undefined (e.g. the field is absent live). A Secret applied
 * with `stringData` is stored as `data` but owned as `stringData`, so `.data.k` falls back to `.stringData.k`.
 */
export function attributeField(path: FieldPath, managers: readonly ManagerSummary[]): string | undefined {
	return ownerOf(managers, path) ?? ownerOf(managers, stringDataAlias(path) ?? []);
}

/** Every manager owning a drifted field (or its nearest owned ancestor): what ignore rules by manager look at. */
export function fieldOwners(path: FieldPath, managers: readonly ManagerSummary[]): string[] {
	const owners = ownersOf(managers, path);
	const alias = owners.length === 0 ? stringDataAlias(path) : undefined;
	return (alias ? ownersOf(managers, alias) : owners).map(summary => summary.manager);
}

/** Pairs each path with its text form and owner, ready for a DriftedField. */
export function attributeFields(paths: readonly FieldPath[], managers: readonly ManagerSummary[]): Array<{path: string; manager?: string}> {
	return paths.map(path => {
		const manager = attributeField(path, managers);
		return manager ? {path: formatFieldPath(path), manager} : {path: formatFieldPath(path)};
	});
}

function stringDataAlias(path: FieldPath): FieldPath | undefined {
	const [first, ...rest] = path;
	return first?.kind === 'field' && first.name === 'data' && path.length > 0
		? [{kind: 'field', name: 'stringData'}, ...rest]
		: undefined;
}
