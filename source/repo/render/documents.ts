/**
 * Parsed documents to Kubernetes objects: empty documents dropped, `v1/List` unpacked. A document that is not
 * meant as an object (a values file, a kustomization, a list) is reported as a note. One that is meant as an
 * object (it has an apiVersion, a kind or metadata) but lacks apiVersion, kind or metadata.name fails the render,
 * as kubectl, kustomize, Flux and Argo CD fail: skipping it would make its live object look Extra, "delete this".
 */
import type {KubeObject} from '../../domain/kube-object.js';
import type {ParsedDocument} from './yaml-parse.js';
import type {RenderError, RenderNote, RenderWarning, RenderedObject, SubstitutableScalar} from './types.js';

/** Objects, notes and warnings from one file's documents; error for the first half-written object. */
export type CollectedDocuments = {objects: RenderedObject[]; notes: RenderNote[]; warnings: RenderWarning[]; error?: RenderError};

/** Sorts a file's documents into objects and notes; file is the name used in notes (optional). */
export function collectObjects(documents: ParsedDocument[], file: string | undefined): CollectedDocuments {
	const collected: CollectedDocuments = {objects: [], notes: [], warnings: []};
	for (const document of documents) {
		const value = document.value;
		if (value === null || value === undefined) continue;
		const items = listItems(value);
		if (items) {
			items.forEach((item, index) => {
				const substitutable = underPrefix(document.substitutable, ['items', index]);
				addObject(collected, item, {file, line: document.line, substitutable, what: `items[${index}] of a List`});
			});
			collected.warnings.push(...document.warnings);
			continue;
		}
		if (addObject(collected, value, {file, line: document.line, substitutable: document.substitutable})) {
			collected.warnings.push(...document.warnings);
		}
	}
	return collected;
}

/** Why a value is not a Kubernetes object, or undefined when it is one. */
export function notKubernetesReason(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return `a ${Array.isArray(value) ? 'list' : typeof value}, not a mapping`;
	const record = value as Record<string, unknown>;
	const missing: string[] = [];
	if (typeof record.apiVersion !== 'string' || record.apiVersion === '') missing.push('apiVersion');
	if (typeof record.kind !== 'string' || record.kind === '') missing.push('kind');
	const metadata = record.metadata as Record<string, unknown> | undefined;
	const name = typeof metadata === 'object' && metadata !== null ? metadata.name : undefined;
	if (typeof name !== 'string' || name === '') {
		if (typeof metadata?.generateName === 'string') return 'uses metadata.generateName, which apply cannot manage';
		missing.push('metadata.name');
	}
	return missing.length === 0 ? undefined : `no ${missing.join(', ')}`;
}

function addObject(
	collected: CollectedDocuments,
	value: unknown,
	where: {file: string | undefined; line: number; substitutable: SubstitutableScalar[]; what?: string},
): boolean {
	const reason = notKubernetesReason(value);
	const location = where.file === undefined ? `line ${where.line}` : `${where.file}:${where.line}`;
	if (reason && meantAsObject(value) && !collected.error) {
		collected.error = {kind: 'yaml', message: `${location}: ${where.what ?? 'document'} is not a complete Kubernetes object (${reason})`, line: where.line};
		if (where.file !== undefined) collected.error.file = where.file;
		return false;
	}
	if (reason) {
		const note: RenderNote = {kind: 'not-kubernetes', message: `${location}: ${where.what ?? 'document'} skipped, not a Kubernetes object (${reason})`, line: where.line};
		if (where.file !== undefined) note.file = where.file;
		collected.notes.push(note);
		return false;
	}
	const rendered: RenderedObject = {object: value as KubeObject, line: where.line};
	if (where.file !== undefined) rendered.file = where.file;
	if (where.substitutable.length > 0) rendered.substitutable = where.substitutable;
	collected.objects.push(rendered);
	return true;
}

/** Kustomize's own configuration kinds: files next to manifests, never objects for a cluster. */
const kustomizeConfigGroup = 'kustomize.config.k8s.io/';

/**
 * Whether a document without everything an object needs was still meant as one: it names an apiVersion, a kind or
 * metadata (a typo such as `metdata:` or a forgotten name). Values files, lists, kustomizations and objects that
 * ask the server for a name (generateName: hooks) are not.
 */
function meantAsObject(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const record = value as Record<string, unknown>;
	if (typeof record.apiVersion === 'string' && record.apiVersion.startsWith(kustomizeConfigGroup)) return false;
	const metadata = record.metadata as Record<string, unknown> | undefined;
	if (typeof metadata === 'object' && metadata !== null && typeof metadata.generateName === 'string') return false;
	return record.apiVersion !== undefined || record.kind !== undefined || record.metadata !== undefined;
}

/** The items of a `kind: List` (kubectl unpacks these), else undefined. */
function listItems(value: unknown): unknown[] | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as Record<string, unknown>;
	if (record.kind !== 'List' || record.apiVersion !== 'v1' || !Array.isArray(record.items)) return undefined;
	return record.items;
}

function underPrefix(scalars: SubstitutableScalar[], prefix: Array<string | number>): SubstitutableScalar[] {
	return scalars
		.filter(scalar => prefix.every((segment, i) => scalar.path[i] === segment))
		.map(scalar => ({...scalar, path: scalar.path.slice(prefix.length)}));
}
