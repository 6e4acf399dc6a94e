/**
 * Waiting for applied objects to become healthy (plain reconcile, rollback): each object is read again until every
 * one with a health rule is Healthy, or the deadline passes, naming those that are not.
 */
import {readObject} from '../cluster/read-object.js';
import {healthOf} from '../domain/health/index.js';
import {writeRef, type AppWrite} from '../engines/app-writes.js';
import type {WaitResult, WaitStep} from './action-spec.js';

/** A wait step for the objects the writes applied. */
export function waitForHealthy(writes: readonly AppWrite[], revision?: string): WaitStep {
	const applied = writes.filter(write => write.kind === 'apply');
	return async context => {
		let pending: string[] = [];
		do {
			pending = [];
			for (const write of applied) {
				const ref = writeRef(write);
				const read = await readObject(context.client(write.context), ref);
				const label = `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
				if (!read.ok) {
					pending.push(`${label}: ${read.error.kind}`);
					continue;
				}
				const health = healthOf(read.value);
				if (health && health.status !== 'Healthy') pending.push(`${label}: ${health.status}${health.message ? ` (${health.message})` : ''}`);
			}
			if (pending.length === 0) {
				const result: WaitResult = {outcome: 'done', message: 'every applied object is healthy', after: {sync: 'Synced', health: 'Healthy'}};
				if (revision) result.after!.revision = revision;
				return result;
			}
			context.say(`waiting for ${pending.length} object(s): ${pending.join('; ')}`);
		} while (await context.tick());
		return {outcome: 'timed-out', message: `not healthy in time: ${pending.join('; ')}`, after: {sync: 'Unknown', health: 'Progressing', ...(revision ? {revision} : {})}};
	};
}
