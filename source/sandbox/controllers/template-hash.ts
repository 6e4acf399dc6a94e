/**
 * Template hashing and comparison as the workload controllers do it: pod-template-hash and
 * controller-revision-hash are the FNV-32a hash of the template, written in Kubernetes' safe alphabet.
 */
import {fnv32a, safeEncode} from '../defaults/hash.js';

/** The hash label Deployments put on their ReplicaSets and Pods. */
export const podTemplateHashLabel = 'pod-template-hash';

/** JSON with object keys sorted, so equal objects always serialise the same. */
export function stableStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The hash of a pod template (with a collision count folded in, as ComputeHash does). */
export function templateHash(template: unknown, collisionCount = 0): string {
	const text = stableStringify(withoutHashLabel(template)) + (collisionCount > 0 ? `#${collisionCount}` : '');
	return safeEncode(String(fnv32a(text)));
}

/** Whether two templates are the same apart from the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoringHash(a: unknown, b: unknown): boolean {
	return stableStringify(withoutHashLabel(a)) === stableStringify(withoutHashLabel(b));
}

function withoutHashLabel(template: unknown): unknown {
	if (typeof template !== 'object' || template === null) return template;
	const copy = structuredClone(template) as {metadata?: {labels?: Record<string, string>}};
	if (copy.metadata?.labels) {
		delete copy.metadata.labels[podTemplateHashLabel];
		if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
	}
	return copy;
}
