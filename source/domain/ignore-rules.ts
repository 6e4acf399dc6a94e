import {anyInMetadata} from './apply-rules.js';
import {isPathPrefix, type FieldPath} from './field-paths.js';
import {jqFieldPaths, parseJqPath, type JqPathProgram} from './jq-paths.js';
import type {KubeObject} from './kube-object.js';
import {isPlainObject, listItemElement, listKeysFor} from './normalise.js';
import type {ResourceKey} from './resource-key.js';
import type {ObjectIgnore} from './verdict.js';

/**
 * One ignore rule, from Argo CD's `ignoreDifferences` or `.gitops-tui.yaml`'s `ignore`. An omitted group means
 * the core group (as Argo CD matches); `kind: '*'` matches any kind; omitted name/namespace match any.
 */
export type IgnoreRule = {
	source: 'argo' | 'gitops-tui';
	group: string;
	kind: string;
	name?: string;
	namespace?: string;
	jsonPointers: string[];
	/** Fields owned by these managers (managedFields) are ignored. */
	managers: string[];
	/** Argo CD jq path expressions beyond plain `.a.b`, evaluated per object (jq-paths.ts). */
	jqExpressions?: string[];
	/** Expressions found but not honoured (jq beyond the supported subset), to show as warnings. */
	unsupported: string[];
};

/**
 * Reads Argo CD's `spec.ignoreDifferences`; jq expressions of the form `.a.b` become pointers, those in the
 * supported subset (jq-paths.ts) are evaluated per object, others are flagged.
 */
export function argoIgnoreRules(ignoreDifferences: unknown): IgnoreRule[] {
	return asList(ignoreDifferences).map(entry => {
		const rule = baseRule('argo', entry);
		for (const expression of asStrings(entry.jqPathExpressions)) {
			const pointer = simpleJqToPointer(expression);
			if (pointer) rule.jsonPointers.push(pointer);
			else if (jqProgram(expression).ok) (rule.jqExpressions ??= []).push(expression);
			else rule.unsupported.push(expression);
		}

		rule.managers = asStrings(entry.managedFieldsManagers);
		return rule;
	});
}

/** Reads `.gitops-tui.yaml`'s `ignore` list (group, kind, name, namespace, jsonPointers, managers). */
export function gitopsTuiIgnoreRules(ignore: unknown): IgnoreRule[] {
	return asList(ignore).map(entry => ({...baseRule('gitops-tui', entry), managers: asStrings(entry.managers)}));
}

/** The rules that apply to an object. */
export function rulesForKey(rules: readonly IgnoreRule[], key: ResourceKey): IgnoreRule[] {
	return rules.filter(
		rule =>
			(rule.group === '*' || rule.group === key.group) &&
			(rule.kind === '*' || rule.kind === key.kind) &&
			(rule.name === undefined || rule.name === key.name) &&
			(rule.namespace === undefined || rule.namespace === key.namespace),
	);
}

/** What a field is judged against: the objects pointers resolve in, and the managers owning the field live. */
export type FieldContext = {objects: ReadonlyArray<KubeObject | undefined>; owners: readonly string[]};

/**
 * True when a rule hides a drifted field: a JSON pointer naming the field or an ancestor (list indexes are
 * resolved against the objects, so `/spec/template/spec/containers/0/image` covers `containers[name="web"].image`),
 * or a manager owning it.
 */
export function isFieldIgnored(path: FieldPath, rules: readonly IgnoreRule[], context: FieldContext): boolean {
	return rules.some(rule => {
		if (rule.managers.some(manager => context.owners.includes(manager))) return true;
		const byJq = (rule.jqExpressions ?? []).some(expression =>
			context.objects.some(object => jqFieldPaths(jqProgram(expression), object).some(named => isPathPrefix(named, path))),
		);
		if (byJq) return true;
		return rule.jsonPointers.some(pointer =>
			context.objects.some(object => {
				const resolved = resolvePointer(pointer, object);
				return resolved !== undefined && isPathPrefix(resolved, path);
			}),
		);
	});
}

/**
 * Turns a JSON pointer into a field path, using `object` to key list items; undefined when the pointer goes
 * through a list item the object does not have.
 */
export function resolvePointer(pointer: string, object: unknown): FieldPath | undefined {
	const segments = pointer === '' ? [] : pointer.replace(/^\//, '').split('/').map(segment => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
	const path: FieldPath = [];
	let current: unknown = object;
	for (const segment of segments) {
		if (Array.isArray(current)) {
			if (!/^\d+$/.test(segment)) return undefined;
			const index = Number(segment);
			const item = current[index];
			if (item === undefined) return undefined;
			const keys = listKeysFor(path, current);
			path.push((keys && listItemElement(item, keys)) || {kind: 'index', index});
			current = item;
		} else {
			path.push({kind: 'field', name: segment});
			current = isPlainObject(current) ? current[segment] : undefined;
		}
	}

	return path;
}

/** kustomize-controller's per-object marks (kustomize-controller `controllers/kustomization_controller.go`, apply options). */
const fluxGroup = 'kustomize.toolkit.fluxcd.io';
const reconcileDisabled = {[`${fluxGroup}/reconcile`]: 'disabled'};
const ssaIgnore = {[`${fluxGroup}/ssa`]: 'Ignore'};
const ssaIfNotPresent = {[`${fluxGroup}/ssa`]: 'IfNotPresent'};

/**
 * Whole-object ignores, as the controllers decide per object (labels or annotations, values in any case, as
 * fluxcd/pkg `AnyInMetadata` matches):
 * - Flux `reconcile: disabled` (desired or in-cluster object): never applied, created or pruned;
 * - Flux `ssa: Ignore` (desired or in-cluster, while Git has the object): never applied, not even created
 *   (`ExclusionSelector`), though pruned once Git drops it;
 * - Flux `ssa: IfNotPresent` on the manifest, once the object exists: created, then never touched (`IfNotPresentSelector`);
 * - Argo CD's `compare-options: IgnoreExtraneous` on an object only the cluster has.
 * `fluxObjectMarks: false` (apps of other controllers) leaves the Flux marks out.
 */
export function objectIgnore(desired: KubeObject | undefined, live: KubeObject | undefined, options: {fluxObjectMarks?: boolean} = {}): ObjectIgnore | undefined {
	if (options.fluxObjectMarks !== false) {
		if (anyInMetadata(desired, reconcileDisabled) || anyInMetadata(live, reconcileDisabled)) {
			return {reason: 'reconcile-disabled', message: 'kustomize.toolkit.fluxcd.io/reconcile: disabled'};
		}

		if (desired && (anyInMetadata(desired, ssaIgnore) || anyInMetadata(live, ssaIgnore))) {
			return {reason: 'ssa-ignore', message: 'kustomize.toolkit.fluxcd.io/ssa: Ignore'};
		}

		if (live && anyInMetadata(desired, ssaIfNotPresent)) {
			return {reason: 'ssa-if-not-present', message: 'kustomize.toolkit.fluxcd.io/ssa: IfNotPresent (the object exists; Flux does not touch it)'};
		}
	}

	const compareOptions = live?.metadata?.annotations?.['argocd.argoproj.io/compare-options'] ?? '';
	if (!desired && compareOptions.split(',').some(option => option.trim() === 'IgnoreExtraneous')) {
		return {reason: 'ignore-extraneous', message: 'argocd.argoproj.io/compare-options: IgnoreExtraneous'};
	}

	return undefined;
}

const programs = new Map<string, JqPathProgram>();

/** A parsed jq expression, kept: rules are judged against every object of every evaluation. */
function jqProgram(expression: string): JqPathProgram {
	let program = programs.get(expression);
	if (!program) programs.set(expression, (program = parseJqPath(expression)));
	return program;
}

/** `.spec.replicas` → `/spec/replicas`; anything richer (filters, indexes, quoted keys) → undefined. */
export function simpleJqToPointer(expression: string): string | undefined {
	const trimmed = expression.trim();
	if (!/^(\.[A-Za-z_][\w-]*)+$/.test(trimmed)) return undefined;
	return trimmed.replaceAll('.', '/');
}

function baseRule(source: IgnoreRule['source'], entry: Record<string, unknown>): IgnoreRule {
	const rule: IgnoreRule = {
		source,
		group: typeof entry.group === 'string' ? entry.group : '',
		kind: typeof entry.kind === 'string' ? entry.kind : '*',
		jsonPointers: asStrings(entry.jsonPointers),
		managers: [],
		unsupported: [],
	};
	if (typeof entry.name === 'string' && entry.name) rule.name = entry.name;
	if (typeof entry.namespace === 'string' && entry.namespace) rule.namespace = entry.namespace;
	return rule;
}

function asList(value: unknown): Array<Record<string, unknown>> {
	return Array.isArray(value) ? value.filter(item => isPlainObject(item)) : [];
}

function asStrings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
