import type {FieldPath, FieldScalar, PathElement} from './field-paths.js';
import {isCanonicalQuantity, quantitiesEqual} from './quantity.js';

/**
 * Compares two quantities (`1000m` and `1`, `0.5Gi` and `512Mi`) numerically; undefined when either side is not
 * a quantity. Injectable (tests, other rules); `defaultQuantityTools` uses quantity.ts.
 */
export type QuantityCompare = (a: string, b: string) => boolean | undefined;

/** Quantity helpers the comparisons need: equality, and whether a text is the server's canonical spelling. */
export type QuantityTools = {equal: QuantityCompare; isCanonical?: (text: string) => boolean};

/** The quantity rules the apiserver uses (quantity.ts); the default wherever none is injected. */
export const defaultQuantityTools: QuantityTools = {equal: quantitiesEqual, isCanonical: isCanonicalQuantity};

/** How list items are matched: the key fields and the defaults the server fills into them. */
export type ListKeys = {fields: string[]; defaults: Record<string, FieldScalar>};

/** kubectl's client-side apply bookkeeping: a copy of the manifest, never drift and never shown (Secrets!). */
export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

// Associative lists of the built-in types, keyed as the apiserver's schema keys them (x-kubernetes-list-map-keys).
const keysByField: Record<string, string[]> = {
	containers: ['name'],
	initContainers: ['name'],
	ephemeralContainers: ['name'],
	env: ['name'],
	volumes: ['name'],
	volumeMounts: ['mountPath'],
	volumeDevices: ['devicePath'],
	imagePullSecrets: ['name'],
	hostAliases: ['ip'],
	conditions: ['type'],
	ownerReferences: ['uid'],
	resourceClaims: ['name'],
	schedulingGates: ['name'],
	resizePolicy: ['resourceName'],
	topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
};

// Lists of scalars the server treats as sets: items are matched by value, extra live items are not drift.
const setFields: ReadonlySet<string> = new Set(['finalizers']);

// Map fields whose values are quantities wherever they appear (resources, ResourceQuota, LimitRange, emptyDir...).
const quantityParents: ReadonlySet<string> = new Set([
	'requests',
	'limits',
	'hard',
	'capacity',
	'allocatable',
	'overhead',
	'default',
	'defaultRequest',
	'max',
	'min',
]);
const quantityFields: ReadonlySet<string> = new Set(['sizeLimit', 'storage']);

// Subtrees holding free text: a value there that looks like a quantity is still just text.
const textSubtrees: ReadonlySet<string> = new Set([
	'metadata',
	'data',
	'stringData',
	'binaryData',
	'env',
	'args',
	'command',
	'labels',
	'annotations',
]);

/**
 * The keys of the list at `path` (named by its last field) given its items, or undefined for an atomic list.
 * `ports` is keyed by `containerPort` in containers and by `port` in Services; `protocol` defaults to TCP.
 */
export function listKeysFor(path: FieldPath, items: readonly unknown[]): ListKeys | undefined {
	const last = path.at(-1);
	if (last?.kind !== 'field') return undefined;
	if (last.name === 'ports') {
		const first = items.find(item => isPlainObject(item)) as Record<string, unknown> | undefined;
		if (first && 'containerPort' in first) return {fields: ['containerPort', 'protocol'], defaults: {protocol: 'TCP'}};
		if (first && 'port' in first) return {fields: ['port', 'protocol'], defaults: {protocol: 'TCP'}};
		return undefined;
	}

	const fields = keysByField[last.name];
	return fields ? {fields, defaults: {}} : undefined;
}

/** True when the list at `path` is a set of scalars (metadata.finalizers). */
export function isSetList(path: FieldPath, items: readonly unknown[]): boolean {
	const last = path.at(-1);
	return last?.kind === 'field' && setFields.has(last.name) && items.every(item => isScalar(item));
}

/** The path step selecting `item` in an associative list, or undefined when it lacks a key field. */
export function listItemElement(item: unknown, keys: ListKeys): PathElement | undefined {
	if (!isPlainObject(item)) return undefined;
	const values: Record<string, FieldScalar> = {};
	for (const field of keys.fields) {
		const value = item[field] ?? keys.defaults[field];
		if (value === undefined || !isScalar(value)) return undefined;
		values[field] = value;
	}

	return {kind: 'key', keys: values};
}

/**
 * Scalar equality after normalisation: quantities (`1000m` = `1`, `0.5` = `500m`) where Kubernetes has
 * quantities, or where both are text and live holds a canonical quantity outside free-text subtrees.
 * A number and a string are different values elsewhere: an int-or-string field stores `80` and `"80"` apart
 * (a server-side apply turns one into the other and `kubectl diff` shows it), and any other field takes one type.
 */
export function scalarsEqual(
	desired: unknown,
	live: unknown,
	path: FieldPath,
	quantities: QuantityTools = defaultQuantityTools,
): boolean {
	if (desired === live) return true;
	if (isEmptyValue(desired) && isEmptyValue(live)) return true;
	if (!isQuantityCandidate(desired) || !isQuantityCandidate(live)) return false;
	const liveText = String(live);
	const eligible =
		isQuantityPath(path) ||
		(!inTextSubtree(path) && typeof desired === 'string' && typeof live === 'string' && (quantities.isCanonical?.(liveText) ?? false));
	return eligible && quantities.equal(String(desired), liveText) === true;
}

/** Null, empty strings, false, 0, empty maps and lists: what the server drops or treats as unset. */
export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null || value === '' || value === false || value === 0) return true;
	if (Array.isArray(value)) return value.length === 0;
	if (isPlainObject(value)) return Object.values(value).every(child => isEmptyValue(child));
	return false;
}

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that can be a list key or set item. */
export function isScalar(value: unknown): value is FieldScalar {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isQuantityCandidate(value: unknown): boolean {
	return typeof value === 'number' || (typeof value === 'string' && value.length > 0 && value.length < 64);
}

function isQuantityPath(path: FieldPath): boolean {
	const last = path.at(-1);
	const parent = path.at(-2);
	if (last?.kind === 'field' && quantityFields.has(last.name)) return true;
	return parent?.kind === 'field' && quantityParents.has(parent.name) && !inTextSubtree(path);
}

function inTextSubtree(path: FieldPath): boolean {
	return path.some(element => element.kind === 'field' && textSubtrees.has(element.name));
}
