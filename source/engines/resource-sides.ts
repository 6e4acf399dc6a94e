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

/** The sides of the resource with `key` in a prepared app. */
export function resourceSides(prepared: PreparedApp, key: ResourceKey, dryRuns?: DryRunResults): ResourceSides {
	const id = resourceId(key);
	const pair = prepared.pairs.find(candidate => candidate.id === id);
	const desired = pair?.desired ?? prepared.decorated.find(object => desiredIdOf(prepared, object) === id);
	const live = pair?.live ?? prepared.owned.find(object => desiredIdOf(prepared, object) === id);
	const answer = dryRuns?.get(id);
	const exact = Boolean(answer?.ok && live && desired);
	const merged = answer?.ok && live && desired ? answer.object : desired;
	return {...(live ? {live} : {}), ...(merged ? {merged} : {}), ...(desired ? {desired} : {}), exact};
}
