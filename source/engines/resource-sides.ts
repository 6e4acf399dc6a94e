/**
 * The two sides of one judged resource, for a diff: live as it is, and live as it would be after the controller
 * applied the desired object ("merged": the server's dry-run answer in exact mode, the desired object itself in
 * fast mode). Unmasked: whatever shows them must mask Secrets (the output layer does).
 */
import {desiredIdOf} from './desired-ids.js';
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId, type ResourceKey} from '../domain/resource-key.js';
import type {DryRunResults} from './judge-prepared.js';
import type {PreparedApp} from './prepare-app.js';

/** Live and merged sides; either may be absent (Missing: no live; Extra: nothing merged). */
export type ResourceSides = {live?: KubeObject; merged?: KubeObject; desired?: KubeObject; exact: boolean};

/** The sides of the resource with `key` in a prepared app (one lookup; use resourceSidesOf for many). */
export function resourceSides(prepared: PreparedApp, key: ResourceKey, dryRuns?: DryRunResults): ResourceSides {
	return resourceSidesOf(prepared, dryRuns)(key);
}

/**
 * A lookup of every resource's sides, indexed once: a diff of an app with thousands of objects costs linear
 * time, not a scan of every pair and object per resource.
 */
export function resourceSidesOf(prepared: PreparedApp, dryRuns?: DryRunResults): (key: ResourceKey) => ResourceSides {
	const pairs = new Map(prepared.pairs.map(pair => [pair.id, pair]));
	let decorated: Map<string, KubeObject> | undefined;
	let owned: Map<string, KubeObject> | undefined;
	// The first object with an id wins, as find() did.
	const index = (objects: readonly KubeObject[]) => {
		const byId = new Map<string, KubeObject>();
		for (const object of objects) {
			const id = desiredIdOf(prepared, object);
			if (!byId.has(id)) byId.set(id, object);
		}
		return byId;
	};
	return key => {
		const id = resourceId(key);
		const pair = pairs.get(id);
		const desired = pair?.desired ?? (decorated ??= index(prepared.decorated)).get(id);
		const live = pair?.live ?? (owned ??= index(prepared.owned)).get(id);
		const answer = dryRuns?.get(id);
		const exact = Boolean(answer?.ok && live && desired);
		const merged = answer?.ok && live && desired ? answer.object : desired;
		return {...(live ? {live} : {}), ...(merged ? {merged} : {}), ...(desired ? {desired} : {}), exact};
	};
}
