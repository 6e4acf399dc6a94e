/**
 * metadata.managedFields as the apiserver keeps it: entries decoded into field sets keyed by the
 * manager identity (manager, operation, apiVersion for updates, subresource), and encoded back in
 * the server's order. Also the metadata no manager ever owns, and the cap on update entries.
 */
import type {ManagedFieldsEntry} from '../../domain/kube-object.js';
import {FieldSet} from './field-set.js';
import {compareStrings, goJson, isJsonObject} from './json-value.js';

/** One manager's ownership, decoded. */
export type ManagerRecord = {
	manager: string;
	operation: 'Apply' | 'Update';
	apiVersion: string;
	subresource?: string;
	time?: string;
	set: FieldSet;
};

/** All managers of an object, keyed by managerIdentity(). */
export type Managers = Map<string, ManagerRecord>;

/** The update entries kept before the oldest are folded into `ancient-changes` (as the apiserver). */
export const maxUpdateManagers = 10;

/**
 * The apiserver's manager identity: the entry as JSON without time and fields; an Apply entry
 * also without apiVersion, so an applier keeps one entry across versions.
 */
export function managerIdentity(record: Pick<ManagerRecord, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
	const parts = [`"manager":${goJson(record.manager)}`, `"operation":${goJson(record.operation)}`];
	if (record.operation === 'Update' && record.apiVersion) parts.push(`"apiVersion":${goJson(record.apiVersion)}`);
	if (record.subresource) parts.push(`"subresource":${goJson(record.subresource)}`);
	return `{${parts.join(',')}}`;
}

/** Decoded managers, or why the stored entries are not valid managedFields. */
export type DecodeResult = {ok: true; managers: Managers} | {ok: false; message: string};

/** Decodes metadata.managedFields (absent decodes to no managers). */
export function decodeManagedFields(entries: unknown): DecodeResult {
	const managers: Managers = new Map();
	if (entries === undefined || entries === null) return {ok: true, managers};
	if (!Array.isArray(entries)) return {ok: false, message: 'metadata.managedFields must be a list'};
	for (const [index, entry] of entries.entries()) {
		if (!isJsonObject(entry)) return {ok: false, message: `managedFields[${index}] must be an object`};
		const {manager, operation, apiVersion, time, fieldsType, fieldsV1, subresource} = entry;
		if (typeof manager !== 'string') return {ok: false, message: `managedFields[${index}].manager must be a string`};
		if (operation !== 'Apply' && operation !== 'Update') return {ok: false, message: `managedFields[${index}].operation must be Apply or Update`};
		if (fieldsType !== 'FieldsV1') return {ok: false, message: `managedFields[${index}].fieldsType must be FieldsV1`};
		let set: FieldSet;
		try {
			set = FieldSet.fromFieldsV1(isJsonObject(fieldsV1) ? (fieldsV1 as ManagedFieldsEntry['fieldsV1']) : {});
		} catch (error) {
			return {ok: false, message: `managedFields[${index}].fieldsV1: ${(error as Error).message}`};
		}
		const record: ManagerRecord = {
			manager,
			operation,
			apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
			...(typeof subresource === 'string' && subresource !== '' ? {subresource} : {}),
			...(typeof time === 'string' ? {time} : {}),
			set,
		};
		const identity = managerIdentity(record);
		const previous = managers.get(identity);
		// The server refuses duplicate identities; keeping their union loses no ownership.
		managers.set(identity, previous ? {...record, set: previous.set.union(set)} : record);
	}
	return {ok: true, managers};
}

/** True for a write that asks to clear managedFields: `[]` or `[{}]` (not an absent field). */
export function isResetManagedFields(entries: unknown): boolean {
	if (!Array.isArray(entries)) return false;
	if (entries.length === 0) return true;
	return entries.length === 1 && isJsonObject(entries[0]) && Object.keys(entries[0]).length === 0;
}

function seconds(time: string | undefined): number {
	const parsed = time === undefined ? Number.NaN : Date.parse(time);
	return Number.isNaN(parsed) ? 0 : Math.floor(parsed / 1000);
}

/** The server's entry order: operation (Apply first), time, manager, subresource, apiVersion. */
export function compareManagerRecords(a: ManagerRecord, b: ManagerRecord): number {
	if (a.operation !== b.operation) return compareStrings(a.operation, b.operation);
	const timeDifference = seconds(a.time) - seconds(b.time);
	if (timeDifference !== 0) return timeDifference < 0 ? -1 : 1;
	if (a.manager !== b.manager) return compareStrings(a.manager, b.manager);
	if ((a.subresource ?? '') !== (b.subresource ?? '')) return compareStrings(a.subresource ?? '', b.subresource ?? '');
	return compareStrings(a.apiVersion, b.apiVersion);
}

/** Encodes managers as metadata.managedFields entries, empty sets dropped, in the server's order. */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
	return [...managers.values()]
		.filter((record) => !record.set.isEmpty())
		.sort(compareManagerRecords)
		.map((record) => ({
			manager: record.manager,
			operation: record.operation,
			apiVersion: record.apiVersion,
			...(record.time === undefined ? {} : {time: record.time}),
			fieldsType: 'FieldsV1' as const,
			fieldsV1: record.set.toFieldsV1(),
			...(record.subresource ? {subresource: record.subresource} : {}),
		}));
}

/** Metadata the server manages itself: removed from the writing manager's set (stripMeta). */
export function serverOwnedFields(): FieldSet {
	const metadata = ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'];
	return FieldSet.fromPaths([
		[{field: 'apiVersion'}],
		[{field: 'kind'}],
		[{field: 'metadata'}],
		...metadata.map((name) => [{field: 'metadata'}, {field: name}]),
	]);
}

/**
 * Folds the oldest update entries into one `ancient-changes` entry per apiVersion once there are
 * more than maxUpdateManagers, as the apiserver does so managedFields cannot grow without bound.
 */
export function capUpdateManagers(managers: Managers, max = maxUpdateManagers): Managers {
	const updaters = [...managers.entries()].filter(([, record]) => record.operation === 'Update');
	if (updaters.length <= max) return managers;
	updaters.sort(([, a], [, b]) => seconds(a.time) - seconds(b.time) || compareStrings(a.manager, b.manager));
	const result: Managers = new Map(managers);
	const firstByVersion = new Map<string, string>();
	let count = updaters.length;
	for (const [identity, record] of updaters) {
		if (count <= max) break;
		const bucketRecord = {manager: 'ancient-changes', operation: 'Update' as const, apiVersion: record.apiVersion};
		const bucket = managerIdentity(bucketRecord);
		const first = firstByVersion.get(record.apiVersion);
		if (first === undefined) {
			firstByVersion.set(record.apiVersion, identity);
			continue;
		}
		if (!result.has(bucket)) {
			const firstRecord = result.get(first)!;
			result.delete(first);
			result.set(bucket, {...bucketRecord, time: firstRecord.time, set: firstRecord.set});
		}
		const current = result.get(bucket)!;
		result.set(bucket, {...current, set: current.set.union(record.set), time: record.time});
		result.delete(identity);
		count--;
	}
	return result;
}
