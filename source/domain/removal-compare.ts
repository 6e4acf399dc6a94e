import {valueAt} from './field-access.js';
import {isPathPrefix, type FieldPath, type ManagerSummary} from './field-paths.js';
import type {KubeObject} from './kube-object.js';

export {valueAt};

/**
 * The fields a server-side apply of `desired` by `fieldManager` would remove from `live`: what that manager's
 * last apply set (its `Apply` entry in managedFields) that the manifest no longer sets and no other manager
 * shares. This is how server-side apply prunes (an env var or a label dropped from Git disappears on the next
 * sync), and what the fast comparison, which only walks the fields the manifest sets, would otherwise miss.
 * Returns the topmost such paths (a dropped list item as the item, not its leaves), only where live has a value.
 */
export function removalCompare(desired: KubeObject, live: KubeObject, managers: readonly ManagerSummary[], fieldManager: string): FieldPath[] {
	const applied = managers.filter(summary => summary.manager === fieldManager && summary.operation === 'Apply' && !summary.subresource);
	const others = managers.filter(summary => !applied.includes(summary));
	const members = applied.flatMap(summary => summary.owned).sort((a, b) => a.length - b.length);
	const out: FieldPath[] = [];
	for (const path of members) {
		if (out.some(reported => isPathPrefix(reported, path))) continue;
		if (valueAt(desired, path) !== undefined) continue;
		if (valueAt(live, path) === undefined) continue;
		// Another manager owning the field (or something under it) keeps it alive through the apply.
		if (others.some(summary => summary.owned.some(member => isPathPrefix(path, member)))) continue;
		out.push(path);
	}

	return out;
}
