/**
 * How kustomize-controller applies (fluxcd/kustomize-controller's apply options; fluxcd/pkg `ssa/manager_apply.go`):
 * an object marked `kustomize.toolkit.fluxcd.io/reconcile: disabled` or `ssa: Ignore` — in Git or live — is
 * never applied, not even created (ExclusionSelector); `ssa: IfNotPresent` in Git only creates it
 * (IfNotPresentSelector); marks are labels or annotations, their values matched in any case (AnyInMetadata).
 * Before applying, fields held by `kubectl…` and `before-first-apply` managers (and kustomize-controller's own
 * pre-SSA updates) are handed to kustomize-controller's apply entry — Flux's cleanup, so a forced apply then
 * undoes hand edits — unless either side is marked `ssa: Merge` (Cleanup.Exclusions). A dry run decides whether
 * anything drifted, and only then is the object applied. Namespaces go first, as Flux applies in stages.
 */
import {anyInMetadata} from '../../domain/apply-rules.js';
import type {KubeObject} from '../../domain/kube-object.js';
import {decodeManagedFields, encodeManagedFields, managerIdentity, type ManagerRecord} from '../patch/index.js';
import {kustomizeManager} from './marks.js';
import type {GitOpsRuntime} from './runtime.js';

const group = 'kustomize.toolkit.fluxcd.io';
/** Annotations and labels that exclude an object from apply (and prune) once it exists. */
export const reconcileAnnotation = `${group}/reconcile`;
export const ssaAnnotation = `${group}/ssa`;
export const pruneAnnotation = `${group}/prune`;

/** What happened to one object, as Flux's change set words it. */
export type ChangeAction = 'created' | 'configured' | 'unchanged' | 'skipped';
export type ChangeEntry = {subject: string; action: ChangeAction; object: KubeObject};

/** `Deployment/shop/web` (or `Namespace/shop`), as Flux names objects in messages. */
export function subjectOf(object: KubeObject): string {
	const namespace = object.metadata.namespace;
	return `${object.kind}/${namespace ? `${namespace}/` : ''}${object.metadata.name ?? ''}`;
}

/** ExclusionSelector: never applied, whether the mark is in Git or on the live object. */
const exclusionMarks = {[reconcileAnnotation]: 'disabled', [ssaAnnotation]: 'Ignore'};
/** IfNotPresentSelector: created when missing, never patched once it exists. */
const ifNotPresentMarks = {[ssaAnnotation]: 'IfNotPresent'};
/** Cleanup.Exclusions: other managers' fields are kept (not taken over). */
const cleanupExclusionMarks = {[ssaAnnotation]: 'Merge'};
/** DeleteOptions.Exclusions of kustomize-controller's garbage collection. */
const pruneExclusionMarks = {[pruneAnnotation]: 'disabled', [reconcileAnnotation]: 'disabled'};

/** Flux's managers whose fields its apply takes over (prefix match, Update unless said). */
const takenOver: Array<{prefix: string; operation: 'Apply' | 'Update'}> = [
	{prefix: 'kubectl', operation: 'Apply'},
	{prefix: 'kubectl', operation: 'Update'},
	{prefix: 'before-first-apply', operation: 'Update'},
	{prefix: kustomizeManager, operation: 'Update'},
];

/** Applies the objects in stages; the first failure stops and is returned as Flux's message. */
export function applyAll(runtime: GitOpsRuntime, objects: readonly KubeObject[]): {ok: true; changes: ChangeEntry[]} | {ok: false; message: string} {
	const first = objects.filter(object => object.kind === 'Namespace' || object.kind === 'CustomResourceDefinition');
	const rest = objects.filter(object => !first.includes(object));
	const changes: ChangeEntry[] = [];
	for (const object of [...first, ...rest]) {
		const change = applyOne(runtime, object);
		if (!change.ok) return change;
		changes.push(change.entry);
	}
	return {ok: true, changes};
}

function applyOne(runtime: GitOpsRuntime, desired: KubeObject): {ok: true; entry: ChangeEntry} | {ok: false; message: string} {
	const subject = subjectOf(desired);
	const type = runtime.objects.resourceType(desired.apiVersion, desired.kind);
	if (!type) return {ok: false, message: `${subject} dry-run failed: no matches for kind "${desired.kind}" in version "${desired.apiVersion}"`};
	if (type.namespaced && !desired.metadata.namespace) return {ok: false, message: `${subject} namespace not specified: the server could not find the requested resource`};
	const live = runtime.objects.get(type, type.namespaced ? desired.metadata.namespace : undefined, desired.metadata.name ?? '');
	if (excluded(desired) || excluded(live) || (live && anyInMetadata(desired, ifNotPresentMarks))) return {ok: true, entry: {subject, action: 'skipped', object: live ?? desired}};
	const dryRun = runtime.apply(desired, kustomizeManager, {dryRun: true});
	if (!dryRun.ok) return {ok: false, message: `${subject} dry-run failed: ${dryRun.message}`};
	const merge = anyInMetadata(desired, cleanupExclusionMarks) || anyInMetadata(live, cleanupExclusionMarks);
	const cleaned = live && !merge ? takeOverFields(runtime, live) : false;
	if (live && !cleaned && !drifted(live, dryRun.object)) return {ok: true, entry: {subject, action: 'unchanged', object: live}};
	const applied = runtime.apply(desired, kustomizeManager);
	if (!applied.ok) return {ok: false, message: `${subject} apply failed: ${applied.message}`};
	return {ok: true, entry: {subject, action: live ? 'configured' : 'created', object: applied.object}};
}

/** Excluded from apply (even from creation): `reconcile: disabled` or `ssa: Ignore`. */
export function excluded(object: KubeObject | undefined): boolean {
	return anyInMetadata(object, exclusionMarks);
}

/** Left alone by garbage collection: `prune: disabled` or `reconcile: disabled` (`ssa: Ignore` is no prune exclusion). */
export function pruneExcluded(object: KubeObject): boolean {
	return anyInMetadata(object, pruneExclusionMarks);
}

/** Hands matching managers' fields to kustomize-controller's apply entry (PatchReplaceFieldsManagers); true when it rewrote them. */
function takeOverFields(runtime: GitOpsRuntime, live: KubeObject): boolean {
	const decoded = decodeManagedFields(live.metadata.managedFields);
	if (!decoded.ok) return false;
	const applyId = managerIdentity({manager: kustomizeManager, operation: 'Apply', apiVersion: live.apiVersion});
	let target: ManagerRecord | undefined = decoded.managers.get(applyId);
	let edited = false;
	for (const [id, record] of [...decoded.managers]) {
		if (id === applyId || record.subresource) continue;
		if (!takenOver.some(rule => record.manager.startsWith(rule.prefix) && record.operation === rule.operation)) continue;
		decoded.managers.delete(id);
		target = target ? {...target, set: target.set.union(record.set)} : {...record, manager: kustomizeManager, operation: 'Apply', apiVersion: live.apiVersion};
		edited = true;
	}
	if (!edited || !target) return false;
	decoded.managers.set(applyId, target);
	const managedFields = encodeManagedFields(decoded.managers);
	return runtime.update({...live, metadata: {...live.metadata, managedFields}}, kustomizeManager) !== undefined;
}

/** Whether the dry-run result differs from live beyond bookkeeping (managedFields, versions, times). */
export function drifted(live: KubeObject, dryRun: KubeObject): boolean {
	return comparable(live) !== comparable(dryRun);
}

function comparable(object: KubeObject): string {
	const {managedFields: _fields, resourceVersion: _version, generation: _generation, ...metadata} = object.metadata;
	return stableJson({...object, metadata, status: undefined});
}

/** JSON with keys sorted, so equal objects compare equal whatever their key order. */
export function stableJson(value: unknown): string {
	return JSON.stringify(value, (_key, item: unknown) =>
		item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : item,
	);
}
