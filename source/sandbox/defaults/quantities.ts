/**
 * Quantity canonicalisation where the apiserver stores resource.Quantity values: the server re-spells them
 * (`1000m` → `1`), so the sandbox must too. Texts that are not quantities are left for validation to judge.
 */
import {canonicalQuantity} from '../../domain/quantity.js';
import {type Fields, isFields, records} from './fields.js';

/** Canonicalises every value of a ResourceList (`{cpu: 1000m, memory: 0.5Gi}`) in place. */
export function canonicaliseResourceList(list: unknown): void {
	if (!isFields(list)) return;
	for (const [name, value] of Object.entries(list)) {
		if (typeof value === 'string' || typeof value === 'number') list[name] = canonicalQuantity(value) ?? value;
	}
}

/** Canonicalises a single quantity field of an object in place, if present. */
export function canonicaliseField(parent: Fields | undefined, key: string): void {
	if (!parent) return;
	const value = parent[key];
	if (typeof value === 'string' || typeof value === 'number') parent[key] = canonicalQuantity(value) ?? value;
}

/** requests and limits of a ResourceRequirements (containers, PVCs). */
export function canonicaliseRequirements(resources: unknown): void {
	if (!isFields(resources)) return;
	canonicaliseResourceList(resources.requests);
	canonicaliseResourceList(resources.limits);
}

/** ResourceQuota: hard limits in spec, hard and used in status. */
export function canonicaliseResourceQuota(object: Fields): void {
	if (isFields(object.spec)) canonicaliseResourceList(object.spec.hard);
	if (isFields(object.status)) {
		canonicaliseResourceList(object.status.hard);
		canonicaliseResourceList(object.status.used);
	}
}

/**
 * LimitRange: quantities canonicalised, and for Container items the defaults the server derives
 * (default from max, defaultRequest from default, then from min).
 */
export function defaultLimitRange(object: Fields): void {
	if (!isFields(object.spec)) return;
	for (const item of records(object.spec.limits)) {
		for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) canonicaliseResourceList(item[key]);
		if (item.type !== 'Container') continue;
		const limits = isFields(item.default) ? item.default : (item.default = {});
		const requests = isFields(item.defaultRequest) ? item.defaultRequest : (item.defaultRequest = {});
		copyMissing(item.max, limits);
		copyMissing(limits, requests);
		copyMissing(item.min, requests);
	}
}

function copyMissing(from: unknown, to: Fields): void {
	if (!isFields(from)) return;
	for (const [name, value] of Object.entries(from)) if (!(name in to)) to[name] = value;
}
