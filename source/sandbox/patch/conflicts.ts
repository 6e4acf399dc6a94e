/**
 * Apply conflicts and how the apiserver words them: the 409 message and its `details.causes`.
 */

/**
 * A field another manager owns with a different value than the applied configuration. `operation`
 * and `apiVersion` name an Update manager the way the server prints it (`"kubectl-edit" using apps/v1`).
 */
export type ApplyConflict = {
	/** The field path as printed by the server, e.g. `.spec.template.spec.containers[name="web"].image`. */
	field: string;
	manager: string;
	operation?: 'Apply' | 'Update';
	apiVersion?: string;
	subresource?: string;
};

/** One entry of a 409 Status's `details.causes`. */
export type ConflictCause = {reason: 'FieldManagerConflict'; message: string; field: string};

/** The manager as the server prints it: quoted, plus `using <apiVersion>` for an Update manager. */
export function printManager(conflict: ApplyConflict): string {
	const quoted = JSON.stringify(conflict.manager);
	return conflict.operation === 'Update' && conflict.apiVersion ? `${quoted} using ${conflict.apiVersion}` : quoted;
}

/** Sort key: the server groups conflicts by its JSON manager identity, sorted as strings. */
function identityOf(conflict: ApplyConflict): string {
	return JSON.stringify([conflict.manager, conflict.operation ?? 'Apply', conflict.apiVersion ?? '', conflict.subresource ?? '']);
}

/**
 * The 409 message: `Apply failed with 1 conflict: conflict with "wire-sample": .spec.replicas`, or
 * for several, `Apply failed with 2 conflicts: conflicts with "a":\n- .x\n- .y` grouped by manager.
 */
export function conflictMessage(conflicts: readonly ApplyConflict[]): string {
	if (conflicts.length === 1) {
		const [conflict] = conflicts;
		return `Apply failed with 1 conflict: conflict with ${printManager(conflict!)}: ${conflict!.field}`;
	}
	const groups = new Map<string, ApplyConflict[]>();
	for (const conflict of conflicts) {
		const identity = identityOf(conflict);
		groups.set(identity, [...(groups.get(identity) ?? []), conflict]);
	}
	const lines: string[] = [];
	for (const identity of [...groups.keys()].sort()) {
		const group = groups.get(identity)!;
		lines.push(`conflicts with ${printManager(group[0]!)}:`);
		for (const conflict of group) lines.push(`- ${conflict.field}`);
	}
	return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** The `details.causes` of the 409 Status, one per conflicting field. */
export function conflictCauses(conflicts: readonly ApplyConflict[]): ConflictCause[] {
	return conflicts.map((conflict) => ({
		reason: 'FieldManagerConflict',
		message: `conflict with ${printManager(conflict)}`,
		field: conflict.field,
	}));
}
